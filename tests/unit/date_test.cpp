#include <algorithm>

#include <catch2/catch.hpp>

#include "date.h"

using certcalc::Date;

namespace {
Date d(const char* s) { return *Date::parse(s); }
}  // namespace

TEST_CASE("dates parse only real calendar days written YYYY-MM-DD") {
  CHECK(Date::parse("2026-03-10"));
  CHECK(Date::parse("2000-02-29"));   // divisible by 400: leap
  CHECK(Date::parse("2024-02-29"));
  CHECK_FALSE(Date::parse("2026-02-30"));
  CHECK_FALSE(Date::parse("2100-02-29"));  // divisible by 100, not 400
  CHECK_FALSE(Date::parse("2026-02-29"));
  CHECK_FALSE(Date::parse("0000-00-00"));
  CHECK_FALSE(Date::parse("2026-13-01"));
  CHECK_FALSE(Date::parse("2026-04-31"));
  CHECK_FALSE(Date::parse("2026-3-10"));
  CHECK_FALSE(Date::parse("2026-03-10T00:00"));
  CHECK_FALSE(Date::parse(""));
  CHECK(d("2026-03-10").to_string() == "2026-03-10");
  CHECK(d("0001-01-01").to_string() == "0001-01-01");
  CHECK(d("9999-12-31").to_string() == "9999-12-31");
}

TEST_CASE("month arithmetic clamps to the last day of the target month") {
  // The rule certcalc states for every scheme: 31 Aug + 6 months is the end of February.
  CHECK(d("2026-08-31").add_months(6)->to_string() == "2027-02-28");
  CHECK(d("2027-08-31").add_months(6)->to_string() == "2028-02-29");  // leap year
  CHECK(d("2024-02-29").add_months(12)->to_string() == "2025-02-28");
  CHECK(d("2024-02-29").add_months(48)->to_string() == "2028-02-29");
  CHECK(d("2026-01-31").add_months(1)->to_string() == "2026-02-28");
  CHECK(d("2026-03-31").add_months(-1)->to_string() == "2026-02-28");
  CHECK(d("2026-12-15").add_months(1)->to_string() == "2027-01-15");
  CHECK(d("2026-01-15").add_months(-1)->to_string() == "2025-12-15");
  CHECK(d("2026-05-31").add_months(36)->to_string() == "2029-05-31");
  CHECK_FALSE(d("9999-12-01").add_months(1));
  CHECK_FALSE(d("0001-01-01").add_months(-1));
}

TEST_CASE("day arithmetic crosses month, year and leap-day boundaries") {
  CHECK(d("2026-03-10").add_days(28)->to_string() == "2026-04-07");
  CHECK(d("2026-12-20").add_days(14)->to_string() == "2027-01-03");
  CHECK(d("2028-02-28").add_days(1)->to_string() == "2028-02-29");
  CHECK(d("2027-02-28").add_days(1)->to_string() == "2027-03-01");
  CHECK(d("2026-01-15").days_until(d("2026-03-15")) == 59);
  CHECK(d("2028-01-15").days_until(d("2028-03-15")) == 60);
  CHECK(d("2026-03-15").days_until(d("2026-01-15")) == -59);
}

TEST_CASE("weekdays follow ISO 8601") {
  CHECK(d("2026-11-22").iso_weekday() == 7);  // a Sunday
  CHECK(d("2026-11-23").iso_weekday() == 1);
  CHECK(d("1970-01-01").iso_weekday() == 4);
  CHECK(d("2000-01-01").iso_weekday() == 6);
}

TEST_CASE("working days skip Saturdays and Sundays") {
  CHECK(d("2026-11-20").add_working_days(1)->to_string() == "2026-11-23");  // Fri -> Mon
  CHECK(d("2026-11-21").add_working_days(1)->to_string() == "2026-11-23");  // Sat -> Mon
  CHECK(d("2026-11-22").add_working_days(5)->to_string() == "2026-11-27");  // Sun -> Fri
  CHECK(d("2026-11-23").add_working_days(-1)->to_string() == "2026-11-20"); // Mon -> Fri
  CHECK(d("2026-11-22").add_working_days(-1)->to_string() == "2026-11-20"); // Sun -> Fri
  CHECK(d("2026-12-30").add_working_days(3)->to_string() == "2027-01-04");  // over new year
  CHECK(d("2026-11-18").add_working_days(3)->to_string() == "2026-11-23");  // Wed + 3 -> Mon
  CHECK(d("2026-11-18").add_working_days(0)->to_string() == "2026-11-18");

  // The week-skipping shortcut agrees with a plain day-by-day walk everywhere.
  Date start = d("2026-01-01");
  for (int s = 0; s < 14; ++s) {
    Date from = *start.add_days(s);
    for (int n = -30; n <= 30; ++n) {
      Date walk = from;
      int left = n < 0 ? -n : n;
      while (left > 0) {
        walk = *walk.add_days(n < 0 ? -1 : 1);
        if (walk.is_working_day()) --left;
      }
      INFO(from.to_string() << " + " << n);
      CHECK(from.add_working_days(n)->to_string() == walk.to_string());
    }
  }
}

TEST_CASE("working days skip the non-working days a request names, never a weekend twice") {
  auto hol = [](std::initializer_list<const char*> days) {
    std::vector<Date> out;
    for (const char* x : days) out.push_back(*Date::parse(x));
    std::sort(out.begin(), out.end());
    return out;
  };
  // Good Friday and Easter Monday 2026 around a weekend: Thu 2 April + 3 -> Thu 9 April.
  CHECK(d("2026-04-02").add_working_days(3, hol({"2026-04-03", "2026-04-06"}))->to_string() == "2026-04-09");
  CHECK(d("2026-04-02").add_working_days(3)->to_string() == "2026-04-07");
  // A holiday on a Saturday changes nothing (25/26 December 2027).
  CHECK(d("2027-12-23").add_working_days(1, hol({"2027-12-25", "2027-12-26"}))->to_string() == "2027-12-24");
  // Over the new year: Thu 31 December 2026 + 3, 1 January a holiday -> Wed 6 January 2027.
  CHECK(d("2026-12-31").add_working_days(3, hol({"2027-01-01"}))->to_string() == "2027-01-06");
  // Counting from a holiday: the start is never counted.
  CHECK(d("2026-12-25").add_working_days(1, hol({"2026-12-25"}))->to_string() == "2026-12-28");
  // Backward: Tue 7 April - 2 over Easter Monday and Good Friday -> Wed 1 April.
  CHECK(d("2026-04-07").add_working_days(-2, hol({"2026-04-03", "2026-04-06"}))->to_string() == "2026-04-01");
  // A run of holidays longer than a week (a plant closure).
  std::vector<Date> closure;
  for (int i = 0; i < 21; ++i) closure.push_back(*d("2026-08-03").add_days(i));
  CHECK(d("2026-07-31").add_working_days(1, closure)->to_string() == "2026-08-24");

  // Agrees with a day-by-day walk that skips weekends and holidays, for holidays every few days.
  std::vector<Date> some;
  for (int i = 0; i < 60; i += 3) some.push_back(*d("2026-03-01").add_days(i));
  Date start = d("2026-03-01");
  for (int s = 0; s < 21; ++s) {
    Date from = *start.add_days(s);
    for (int n = -15; n <= 15; ++n) {
      Date walk = from;
      int left = n < 0 ? -n : n;
      while (left > 0) {
        walk = *walk.add_days(n < 0 ? -1 : 1);
        if (walk.is_working_day() && !std::binary_search(some.begin(), some.end(), walk)) --left;
      }
      INFO(from.to_string() << " + " << n);
      CHECK(from.add_working_days(n, some)->to_string() == walk.to_string());
    }
  }
}

TEST_CASE("a date in a message is written as its locale writes dates; YYYY-MM-DD where readers differ") {
  // A Dutch tester read "verstuur uiterlijk 2026-12-23" beside "23 dec 2026" in the same widget.
  CHECK(d("2026-03-31").to_text("nl") == "31-03-2026");
  CHECK(d("2026-03-31").to_text("de") == "31.03.2026");
  CHECK(d("2026-03-31").to_text("it") == "31/03/2026");
  CHECK(d("2026-03-31").to_text("fr") == "31/03/2026");
  // English readers split between day first and month first: the unambiguous form stays.
  CHECK(d("2026-03-31").to_text("en") == "2026-03-31");
  CHECK(d("0001-01-09").to_text("nl") == "09-01-0001");
}
