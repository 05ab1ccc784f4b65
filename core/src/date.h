// Calendar dates (no time zone) with exact day, month and working-day arithmetic.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace certcalc {

/// A proleptic Gregorian date between 0001-01-01 and 9999-12-31.
///
/// Month arithmetic clamps to the end of the target month: 2026-08-31 + 6 months is
/// 2027-02-28 and 2028-08-31 + 6 months is 2029-02-28 (2028-02-29 for + 6 from 2027-08-31).
/// Working days are Monday to Friday, less the non-working days a request names.
class Date {
 public:
  Date() = default;
  /// "YYYY-MM-DD" exactly (four-digit year, two-digit month and day) naming a real day.
  static std::optional<Date> parse(std::string_view text);
  static std::optional<Date> from_ymd(int y, int m, int d);
  static std::optional<Date> from_serial(std::int64_t days);  // days since 1970-01-01

  int year() const;
  int month() const;
  int day() const;
  std::int64_t serial() const { return days_; }
  /// 1 = Monday ... 7 = Sunday (ISO 8601).
  int iso_weekday() const;
  bool is_working_day() const { return iso_weekday() <= 5; }

  std::optional<Date> add_days(std::int64_t n) const;
  std::optional<Date> add_months(std::int64_t n) const;
  /// n working days after (n > 0) or before (n < 0) this date; the date itself is not counted.
  std::optional<Date> add_working_days(std::int64_t n) const;
  /// The same, skipping `holidays` too (sorted, without repeats; weekend days among them
  /// change nothing).
  std::optional<Date> add_working_days(std::int64_t n, const std::vector<Date>& holidays) const;
  /// Calendar days from this date to `o` (positive when `o` is later).
  std::int64_t days_until(const Date& o) const { return o.days_ - days_; }

  std::string to_string() const;
  /// The date inside a message's sentence, as the locale writes dates: day first in nl
  /// (31-03-2026), it and fr (31/03/2026), de (31.03.2026); YYYY-MM-DD in English and any other
  /// locale, where day-first and month-first readers would disagree. Answers' date members stay
  /// YYYY-MM-DD in every locale.
  std::string to_text(const std::string& locale) const;
  bool operator==(const Date& o) const { return days_ == o.days_; }
  bool operator!=(const Date& o) const { return days_ != o.days_; }
  bool operator<(const Date& o) const { return days_ < o.days_; }
  bool operator<=(const Date& o) const { return days_ <= o.days_; }
  bool operator>(const Date& o) const { return days_ > o.days_; }
  bool operator>=(const Date& o) const { return days_ >= o.days_; }

  static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
  static int days_in_month(int y, int m);

 private:
  std::int64_t days_ = 0;
};

}  // namespace certcalc
