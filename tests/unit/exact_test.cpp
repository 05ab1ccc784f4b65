#include <catch2/catch.hpp>

#include "exact.h"

using certcalc::Exact;

namespace {
Exact x(const char* s) { return *Exact::parse(s); }
}  // namespace

TEST_CASE("decimal text parses exactly") {
  CHECK(x("0.1").add(x("0.2")) == x("0.3"));  // no float drift
  CHECK(x("0.125").mul(Exact(8)) == Exact(1));
  CHECK(x("1e-3") == *Exact::ratio(1, 1000));
  CHECK(x("2.5E1") == Exact(25));
  CHECK(x("-0.75") == *Exact::ratio(-3, 4));
  CHECK_FALSE(Exact::parse("abc"));
  CHECK_FALSE(Exact::parse("1.2.3"));
  CHECK_FALSE(Exact::parse("1e400"));
  CHECK_FALSE(Exact::parse("123456789012345678901234"));
  CHECK(*Exact::from_double(0.094) == *Exact::ratio(94, 1000));
}

TEST_CASE("thirds stay exact until written out") {
  Exact ts = x("2.5");
  Exact third = *ts.div(Exact(3));
  CHECK(third == *Exact::ratio(5, 6));
  CHECK(third.mul(Exact(3)) == ts);
  CHECK(third.to_decimal(6) == "0.833333");
  CHECK(ts.mul(*Exact::ratio(2, 3))->to_decimal(6) == "1.666667");
  CHECK(Exact(2).to_decimal() == "2");
  CHECK(x("-1.5").to_decimal() == "-1.5");
  CHECK(x("0.0000004").to_decimal(6) == "0");
  CHECK(x("-0.0000004").to_decimal(6) == "0");
}

TEST_CASE("rounding up to the next half day") {
  Exact half = x("0.5");
  CHECK(x("2").ceil_to(half) == x("2"));
  CHECK(x("2.01").ceil_to(half) == x("2.5"));
  CHECK(x("2.5").ceil_to(half) == x("2.5"));
  CHECK(x("2.51").ceil_to(half) == x("3"));
  CHECK(x("0.01").ceil_to(half) == x("0.5"));
  CHECK(x("1.125").floor_to(x("0.25")) == x("1"));
  CHECK(x("-0.1").floor_to(half) == x("-0.5"));
}

TEST_CASE("arithmetic reports overflow instead of wrapping") {
  Exact big(INT64_MAX - 1);
  CHECK_FALSE(big.add(big));
  CHECK_FALSE(big.mul(Exact(2)));
  CHECK_FALSE(Exact(1).div(Exact(0)));
  CHECK(big.compare(Exact(0)) == 1);
}
