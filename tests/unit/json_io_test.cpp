#include <catch2/catch.hpp>

#include "json_io.h"

using namespace certcalc;

TEST_CASE("malformed documents fail with a stable code and where it happened") {
  auto r = parse_json("{");
  REQUIRE(r.failure);
  CHECK(r.failure->code == "malformed_json");
  r = parse_json("{\"a\": [1, 2,]}");
  REQUIRE(r.failure);
  CHECK(r.failure->code == "malformed_json");
  CHECK(r.failure->path == "/a/2");
  r = parse_json("");
  REQUIRE(r.failure);
  CHECK(r.failure->message_id == "empty_request");
  r = parse_json("   \n");
  REQUIRE(r.failure);
  CHECK(r.failure->message_id == "empty_request");
  for (const char* bad : {"NaN", "{\"x\": Infinity}", "{\"x\": -Infinity}", "{\"x\": 01}",
                          "{\"x\": 1} trailing", "'x'", "{x: 1}", "[1] [2]"}) {
    INFO(bad);
    CHECK(parse_json(bad).failure);
  }
}

TEST_CASE("duplicate keys are refused, never silently dropped") {
  auto r = parse_json(R"({"a": {"b": 1, "b": 2}})");
  REQUIRE(r.failure);
  CHECK(r.failure->code == "duplicate_key");
  CHECK(r.failure->path == "/a/b");
  // Large objects use a set; the answer is the same.
  std::string big = "{";
  for (int i = 0; i < 100; ++i) big += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  big += "\"k50\":1}";
  r = parse_json(big);
  REQUIRE(r.failure);
  CHECK(r.failure->path == "/k50");
}

TEST_CASE("nesting is capped, even 100,000 levels deep") {
  std::string deep(100000, '[');
  auto r = parse_json(deep);
  REQUIRE(r.failure);
  CHECK(r.failure->code == "too_deep");
  std::string ok(64, '[');
  ok += std::string(64, ']');
  CHECK_FALSE(parse_json(ok).failure);
  std::string one_more(65, '[');
  one_more += std::string(65, ']');
  CHECK(parse_json(one_more).failure);
}

TEST_CASE("invalid UTF-8 is refused; numbers stay exact or are marked unrepresentable") {
  CHECK(parse_json("{\"a\": \"\xff\xfe\"}").failure);
  CHECK(parse_json("{\"a\": \"\xc0\xaf\"}").failure);  // overlong '/'
  auto r = parse_json(R"({"a": 0.1, "b": 1e400})");
  REQUIRE(r.failure);
  CHECK(r.failure->code == "invalid_field");
  CHECK(r.failure->message_id == "number_too_large");
  CHECK(r.failure->path == "/b");
  r = parse_json(R"({"a": 0.1, "c": 123456789012345678901234, "d": -7})");
  REQUIRE_FALSE(r.failure);
  CHECK(r.value.find("a")->as_number() == *Exact::ratio(1, 10));
  CHECK(r.value.find("c")->is_unrepresentable_number());
  CHECK(r.value.find("d")->as_number() == Exact(-7));
}

TEST_CASE("writing is deterministic and always valid JSON") {
  auto r = parse_json(R"({"x": [1, 2.50, {"y": null}], "s": "a\"b\\c\n\u0001é"})");
  REQUIRE_FALSE(r.failure);
  CHECK(write_json(r.value) == R"({"x":[1,2.5,{"y":null}],"s":"a\"b\\c\n\u0001é"})");
  CHECK(write_json(Value::number(*Exact::ratio(1, 3))) == "0.333333");
  CHECK(write_json(Value::date(*Date::parse("2026-02-28"))) == "\"2026-02-28\"");
  std::string out;
  write_json_string("ok\xff", out);
  CHECK(out == "\"ok\xEF\xBF\xBD\"");
  CHECK(write_json(Value::object({{"a", Value::list({})}}), 2) == "{\n  \"a\": []\n}");
}
