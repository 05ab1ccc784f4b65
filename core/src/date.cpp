#include "date.h"

#include <algorithm>

namespace certcalc {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days (public-domain algorithms).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yy + (m <= 2));
}

const std::int64_t kMin = days_from_civil(1, 1, 1);
const std::int64_t kMaxSerial = days_from_civil(9999, 12, 31);

}  // namespace

int Date::days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && is_leap(y)) return 29;
  return kDays[(m - 1) % 12];
}

std::optional<Date> Date::from_ymd(int y, int m, int d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
    return std::nullopt;
  Date out;
  out.days_ = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return out;
}

std::optional<Date> Date::from_serial(std::int64_t days) {
  if (days < kMin || days > kMaxSerial) return std::nullopt;
  Date out;
  out.days_ = days;
  return out;
}

std::optional<Date> Date::parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto digits = [&](int from, int len, int& out) {
    out = 0;
    for (int i = from; i < from + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, m, d;
  if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
  return from_ymd(y, m, d);
}

int Date::year() const {
  int y, m, d;
  civil_from_days(days_, y, m, d);
  return y;
}
int Date::month() const {
  int y, m, d;
  civil_from_days(days_, y, m, d);
  return m;
}
int Date::day() const {
  int y, m, d;
  civil_from_days(days_, y, m, d);
  return d;
}

int Date::iso_weekday() const {
  // 1970-01-01 was a Thursday (4).
  std::int64_t w = (days_ % 7 + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

std::optional<Date> Date::add_days(std::int64_t n) const {
  if (n > 4000000 || n < -4000000) return std::nullopt;
  return from_serial(days_ + n);
}

std::optional<Date> Date::add_months(std::int64_t n) const {
  if (n > 120000 || n < -120000) return std::nullopt;
  int y, m, d;
  civil_from_days(days_, y, m, d);
  std::int64_t total = static_cast<std::int64_t>(y) * 12 + (m - 1) + n;
  std::int64_t ny = total >= 0 ? total / 12 : (total - 11) / 12;
  int nm = static_cast<int>(total - ny * 12) + 1;
  if (ny < 1 || ny > 9999) return std::nullopt;
  int dim = days_in_month(static_cast<int>(ny), nm);
  return from_ymd(static_cast<int>(ny), nm, d > dim ? dim : d);
}

std::optional<Date> Date::add_working_days(std::int64_t n) const {
  if (n > 1000000 || n < -1000000) return std::nullopt;
  if (n == 0) return *this;
  const int step = n > 0 ? 1 : -1;
  std::int64_t left = n > 0 ? n : -n;
  Date cur = *this;
  // Counting forward from a Saturday or Sunday is the same as counting from the Friday
  // before it (and backward, from the Monday after it); from a weekday, five working days
  // are exactly seven calendar days, so whole weeks can be skipped at once.
  while (!cur.is_working_day()) {
    auto moved = cur.add_days(-step);
    if (!moved) return std::nullopt;
    cur = *moved;
  }
  std::int64_t weeks = (left - 1) / 5;
  if (weeks > 0) {
    auto moved = cur.add_days(step * weeks * 7);
    if (!moved) return std::nullopt;
    cur = *moved;
    left -= weeks * 5;
  }
  while (left > 0) {
    auto next = cur.add_days(step);
    if (!next) return std::nullopt;
    cur = *next;
    if (cur.is_working_day()) --left;
  }
  return cur;
}

std::optional<Date> Date::add_working_days(std::int64_t n,
                                           const std::vector<Date>& holidays) const {
  if (holidays.empty()) return add_working_days(n);
  // Count on without the holidays first, then once more for each holiday on a working day
  // that the span passed over: at most one round per holiday, each one week-skipping.
  std::optional<Date> cur = add_working_days(n);
  if (!cur || n == 0) return cur;
  const bool forward = n > 0;
  Date from = *this;
  while (true) {
    // Holidays on working days strictly after `from` up to `cur` (or, backward, from `cur` up
    // to strictly before `from`).
    auto lo = forward ? std::upper_bound(holidays.begin(), holidays.end(), from)
                      : std::lower_bound(holidays.begin(), holidays.end(), *cur);
    auto hi = forward ? std::upper_bound(holidays.begin(), holidays.end(), *cur)
                      : std::lower_bound(holidays.begin(), holidays.end(), from);
    std::int64_t skipped = 0;
    for (auto it = lo; it != hi; ++it) skipped += it->is_working_day();
    if (skipped == 0) {
      // The last day reached may itself be a holiday only when it was passed over above.
      return cur;
    }
    from = *cur;
    cur = cur->add_working_days(forward ? skipped : -skipped);
    if (!cur) return cur;
  }
}

std::string Date::to_text(const std::string& locale) const {
  char sep = locale == "nl" ? '-' : locale == "de" ? '.' : locale == "it" || locale == "fr" ? '/' : 0;
  std::string iso = to_string();
  if (!sep) return iso;
  // YYYY-MM-DD to DD?MM?YYYY
  return std::string{iso[8], iso[9], sep, iso[5], iso[6], sep, iso[0], iso[1], iso[2], iso[3]};
}

std::string Date::to_string() const {
  int y, m, d;
  civil_from_days(days_, y, m, d);
  char buf[11];
  buf[0] = static_cast<char>('0' + y / 1000);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + m / 10);
  buf[6] = static_cast<char>('0' + m % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + d / 10);
  buf[9] = static_cast<char>('0' + d % 10);
  buf[10] = 0;
  return buf;
}

}  // namespace certcalc
