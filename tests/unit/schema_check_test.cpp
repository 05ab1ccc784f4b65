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
  CHECK(v->detail == "must be at most 3");
  v = check_schema(schema, json(R"({"id": "ok", "kind": "c"})"));
  REQUIRE(v);
  CHECK(v->detail == "must be one of: a, b");
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
