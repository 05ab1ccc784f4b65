#include <catch2/catch.hpp>

#include "inputs.h"
#include "json_io.h"
#include "messages.h"
#include "test_support.h"

using namespace certcalc;
using namespace certcalc::testing;

namespace {

std::vector<FieldSpec> specs(const char* text) {
  std::vector<FieldSpec> out;
  Failure f;
  Value doc = json(text);
  for (const auto& m : doc.as_object()) {
    FieldSpec s;
    REQUIRE(compile_field_spec(m.first, m.second, "/fields/" + m.first, s, f));
    out.push_back(s);
  }
  return out;
}

const char* kSpecs = R"({
  "fte": {"type": "integer", "min": 1, "max": 1000000, "required": true},
  "reduction": {"type": "number", "min": 0, "max": 0.25, "default": 0},
  "kind": {"type": "enum", "values": ["initial", "surveillance"], "default": "initial"},
  "day": {"type": "date"},
  "flag": {"type": "boolean", "default": false},
  "items": {"type": "list", "maxItems": 3, "items": {"type": "object", "fields": {
      "id": {"type": "string", "required": true, "maxLength": 8},
      "grade": {"type": "enum", "values": ["minor", "major"]}}}}
})";

Failure fail_of(const char* request) {
  Value out;
  Failure f;
  REQUIRE_FALSE(check_fields(specs(kSpecs), json(request), {"scheme"}, out, f));
  return f;
}

}  // namespace

TEST_CASE("checked fields carry defaults and typed dates") {
  Value out;
  Failure f;
  REQUIRE(check_fields(specs(kSpecs), json(R"({"scheme": "x", "fte": 12, "day": "2026-02-28"})"),
                       {"scheme"}, out, f));
  CHECK(out.find("fte")->as_number() == Exact(12));
  CHECK(out.find("reduction")->as_number() == Exact(0));
  CHECK(out.find("kind")->as_string() == "initial");
  CHECK(out.find("day")->is_date());
  CHECK(out.find("items")->is_null());
}

TEST_CASE("every field defect names the field and what it must be") {
  Failure f = fail_of(R"({"fte": 0})");
  CHECK(f.code == "invalid_field");
  CHECK(f.path == "/fte");
  CHECK(f.message_id == "field_integer_between");
  f = fail_of(R"({"fte": "12"})");
  CHECK(f.code == "invalid_field");
  CHECK(f.path == "/fte");
  f = fail_of(R"({"fte": 2.5})");
  CHECK(f.path == "/fte");
  f = fail_of(R"({"fte": 123456789012345678901234})");
  CHECK(f.path == "/fte");
  f = fail_of(R"({})");
  CHECK(f.code == "missing_field");
  CHECK(f.path == "/fte");
  f = fail_of(R"({"fte": 3, "reduction": 0.3})");
  CHECK(f.path == "/reduction");
  CHECK(f.message_id == "field_number_between");
  f = fail_of(R"({"fte": 3, "kind": "annual"})");
  CHECK(f.message_id == "field_enum");
  f = fail_of(R"({"fte": 3, "day": "2026-02-30"})");
  CHECK(f.code == "invalid_field");
  CHECK(f.message_id == "field_date_impossible");
  f = fail_of(R"({"fte": 3, "day": 20260228})");
  CHECK(f.message_id == "field_date");
  f = fail_of(R"({"fte": 3, "fet": 3})");
  CHECK(f.code == "unknown_field");
  CHECK(f.path == "/fet");
  f = fail_of(R"({"fte": 3, "items": [{"id": "a"}, {"id": "b", "grade": "huge"}]})");
  CHECK(f.path == "/items/1/grade");
  f = fail_of(R"({"fte": 3, "items": [{"id": "a", "colour": "red"}]})");
  CHECK(f.code == "unknown_field");
  CHECK(f.path == "/items/0/colour");
  f = fail_of(R"({"fte": 3, "items": [{}, {}, {}, {}]})");
  CHECK(f.path == "/items");
  f = fail_of(R"({"fte": 3, "items": [{"id": "123456789"}]})");
  CHECK(f.path == "/items/0/id");
  f = fail_of(R"({"fte": 3, "items": [null]})");
  CHECK(f.path == "/items/0");
}

TEST_CASE("a value of the wrong JSON type hears the type it must have") {
  // Each case: the request, the message id; the id's English text names the type (messages_test
  // holds every id to a text in every locale).
  const std::pair<const char*, const char*> cases[] = {
      {R"({"fte": 3, "items": [{"id": 5}]})", "field_text"},
      {R"({"fte": 3, "items": [{"id": ["a"]}]})", "field_text"},
      {R"({"fte": 3, "items": [{"id": "123456789"}]})", "field_string"},  // text, too long
      {R"({"fte": 3, "items": "a,b"})", "field_list_type"},
      {R"({"fte": 3, "items": {}})", "field_list_type"},
      {R"({"fte": 3, "items": [{}, {}, {}, {}]})", "field_list"},  // a list, too long
      {R"({"fte": "12"})", "field_number_quoted"},
      {R"({"fte": "twelve"})", "field_integer_between"},
      {R"({"fte": true})", "field_integer_between"},
      {R"({"fte": 3, "reduction": "0.1"})", "field_number_quoted"},
      {R"({"fte": 3, "flag": "true"})", "field_boolean_quoted"},
      {R"({"fte": 3, "flag": 1})", "field_boolean"},
      {R"({"fte": 3, "kind": 1})", "field_enum"},
      {R"({"fte": 3, "day": true})", "field_date"},
      {R"({"fte": 3, "items": [5]})", "field_object"},
  };
  for (const auto& c : cases) {
    INFO(c.first);
    Failure f = fail_of(c.first);
    CHECK(f.code == "invalid_field");
    CHECK(f.message_id == c.second);
  }
  Failure quoted = fail_of(R"({"fte": "12"})");
  CHECK(quoted.params == Params{{"field", "fte"}, {"min", "1"}, {"max", "1000000"}, {"value", "12"}});
}

TEST_CASE("a limit with a fraction is written with the decimal comma of the message's locale") {
  // docs/api.md, "Every message is in the request's locale ... a decimal comma in every locale
  // but English": a Dutch back end read "0.25" beside the widgets' "0,25".
  Catalogs catalogs;
  for (const auto& l : supported_locales())
    catalogs.add_catalog(testing::load_json(std::filesystem::path(CERTCALC_SOURCE_DIR) / "rules" /
                                            "messages" / (l + ".json")));
  Failure f = fail_of(R"({"fte": 3, "reduction": 0.3})");
  CHECK(catalogs.render("en", f) == "reduction must be a number from 0 to 0.25");
  CHECK(catalogs.render("nl", f) == "reduction moet een getal van 0 tot en met 0,25 zijn");
  CHECK(catalogs.render("de", f) == "reduction muss eine Zahl von 0 bis 0,25 sein");
  // What the user sent is echoed as sent, point and all.
  f = fail_of(R"({"fte": 3, "reduction": "0.1"})");
  CHECK(catalogs.render("nl", f) ==
        "reduction moet een getal zijn, geschreven zonder aanhalingstekens: \"0.1\" is als tekst gestuurd");
}
