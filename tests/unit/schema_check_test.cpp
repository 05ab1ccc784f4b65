#include <catch2/catch.hpp>

#include "json_io.h"
#include "test_support.h"
#include "schema_check.h"

using namespace certcalc;
using namespace certcalc::testing;


TEST_CASE("the schema subset reports the first violation with its pointer") {
  Value schema = json(R"({
    "type": "object", "required": ["id"], "additionalProperties": false,
    "properties": {
      "id": {"type": "string", "minLength": 2},
      "n": {"type": "integer", "minimum": 1, "maximum": 3},
      "kind": {"enum": ["a", "b"]},
      "list": {"type": "array", "maxItems": 2, "items": {"$ref": "#/$defs/item"}},
      "texts": {"type": "object", "patternProperties": {"^[a-z]{2}$": {"type": "string"}},
                "additionalProperties": false},
      "any": {"anyOf": [{"type": "string"}, {"type": "object", "required": ["x"]}]}
    },
    "$defs": {"item": {"type": "object", "required": ["v"]}}
  })");
  CHECK_FALSE(check_schema(schema, json(R"({"id": "ok", "n": 2, "list": [{"v": 1}], "texts": {"en": "x"}})")));
  auto v = check_schema(schema, json(R"({"n": 2})"));
  REQUIRE(v);
  CHECK(v->pointer == "/id");
  v = check_schema(schema, json(R"({"id": "ok", "n": 2.5})"));
  REQUIRE(v);
  CHECK(v->pointer == "/n");
  v = check_schema(schema, json(R"({"id": "ok", "n": 4})"));
  REQUIRE(v);
  CHECK(v->detail == "n must be at most 3");
  v = check_schema(schema, json(R"({"id": "ok", "kind": "c"})"));
  REQUIRE(v);
  CHECK(v->detail == "kind must be one of: a, b");
  v = check_schema(schema, json(R"({"id": "ok", "list": [{"v": 1}, {"w": 2}]})"));
  REQUIRE(v);
  CHECK(v->pointer == "/list/1/v");
  v = check_schema(schema, json(R"({"id": "ok", "texts": {"eng": "x"}})"));
  REQUIRE(v);
  CHECK(v->pointer == "/texts/eng");
  v = check_schema(schema, json(R"({"id": "ok", "extra": 1})"));
  REQUIRE(v);
  CHECK(v->pointer == "/extra");
  v = check_schema(schema, json(R"({"id": "ok", "any": {"y": 1}})"));
  REQUIRE(v);
  CHECK(v->pointer == "/any/x");
}

TEST_CASE("a schema defect names its member and the limit it misses, for a pack's author reading a log") {
  Value schema = json(R"({
    "type": "object",
    "properties": {
      "id": {"type": "string", "minLength": 3, "maxLength": 5},
      "sources": {"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "object",
                  "properties": {"title": {"type": "string"}}}},
      "one": {"type": "array", "minItems": 1},
      "texts": {"type": "object", "minProperties": 1}
    }
  })");
  auto detail = [&](const char* doc) {
    auto v = check_schema(schema, json(doc));
    return v ? v->detail : std::string("(none)");
  };
  CHECK(detail(R"({"id": "u2"})") == "id is too short: it needs at least 3 characters");
  CHECK(detail(R"({"id": "abcdef"})") == "id is too long: it may have at most 5 characters");
  CHECK(detail(R"({"sources": []})") == "sources needs at least 1 item");
  CHECK(detail(R"({"sources": [{}, {}, {}]})") == "sources has more than 2 items");
  CHECK(detail(R"({"sources": [{"title": 5}]})") == "sources/0/title must be a string");
  CHECK(detail(R"({"texts": {}})") == "texts needs at least 1 member");
  CHECK(detail("[]") == "the pack must be an object");
}
