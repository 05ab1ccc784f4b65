// The rule language through the public API, with a small pack written for this test.
#include <catch2/catch.hpp>

#include "certcalc/engine.h"
#include "json_io.h"

using namespace certcalc;

namespace {

const char* kPack = R"({
  "$schema": "../schema/pack.schema.json",
  "id": "test-language", "scheme": "test", "title": "rule language test", "version": "1",
  "publisher": "certcalc tests", "effectiveDate": null, "language": "en", "verified": false,
  "sources": [{"file": "tests/unit/rule_language_test.cpp", "title": "this test"}],
  "messages": {
    "too_many": {"en": "{n} is too many", "nl": "{n} is te veel", "it": "{n} sono troppi",
                 "de": "{n} sind zu viele", "fr": "{n} c'est trop"},
    "unchecked": {"en": "unchecked table", "nl": "ongecontroleerd", "it": "non verificata",
                  "de": "ungeprüft", "fr": "non vérifiée"},
    "hello": {"en": "hello {who}", "nl": "hallo {who}", "it": "ciao {who}", "de": "hallo {who}",
              "fr": "bonjour {who}"}
  },
  "tables": {
    "base": {"kind": "map", "rule": "test §1", "entries": {"A": 0.75, "C": 1.5, "X": null}},
    "pair": {"kind": "map", "keys": 2, "rule": "test §2",
             "entries": {"A": {"initial": 1, "interim": 0.5}}},
    "size": {"kind": "bands", "rule": "test §3", "verified": false, "notice": "unchecked",
             "bands": [{"from": 1, "to": 19, "value": 0}, {"from": 20, "to": 49, "value": 0.5},
                       {"from": 50, "value": 1}]},
    "grades": {"kind": "decision", "rule": "test §4", "rows": [
      {"when": {"major": 0, "minor": {"from": 0, "to": 5}}, "then": {"grade": "AA"}, "rule": "row 1"},
      {"when": {"major": 0, "minor": {"from": 6, "to": 10}}, "then": {"grade": "A"}, "rule": "row 2"},
      {"when": {"major": {"in": [1, 2]}}, "then": {"grade": "C"}, "rule": "row 3"}]}
  },
  "clauseReferences": {"words": ["clause"], "standards": ["iso"], "marks": ["\u00a7"]},
  "programs": {
    "part": [{"set": "doubled", "value": {"*": [{"var": "n"}, 2]}}]
  },
  "operations": {
    "duration": {
      "fields": {
        "n": {"type": "integer", "min": 0, "max": 1000, "required": true},
        "category": {"type": "enum", "values": ["A", "C", "X"], "default": "A"},
        "day": {"type": "date", "default": "2026-08-31"},
        "holidays": {"type": "list", "maxItems": 10, "items": {"type": "date"}},
        "items": {"type": "list", "default": [], "items": {"type": "object", "fields": {
           "id": {"type": "string"}, "grade": {"type": "enum", "values": ["minor", "major"]}}}}
      },
      "program": [
        {"fail": "missing_value", "message": "too_many", "path": "/n", "params": {"n": {"var": "n"}},
         "when": {">": [{"var": "n"}, 900]}},
        {"let": "third", "value": {"/": [{"lookup": ["base", {"var": "category"}]}, 3]}},
        {"set": "third", "value": {"var": "third"}},
        {"set": "back", "value": {"*": [{"var": "third"}, 3]}},
        {"set": "rounded", "value": {"ceilTo": [{"+": [{"var": "third"}, 1]}, 0.5]}},
        {"set": "pair", "value": {"lookup": ["pair", {"var": "category"}, "interim"]}},
        {"set": "band", "value": {"lookup": ["size", {"var": "n"}]}},
        {"set": "missing", "value": {"isNull": {"lookup": ["base", "X"]}}},
        {"set": "grade", "value": {"decide": ["grades", {"object": {"major": 0, "minor": {"var": "n"}}}]}},
        {"set": "nextGradeAt", "value": {"find": [{"range": [1, 40]},
           {"!=": [{"get": [{"decide": ["grades", {"object": {"major": 0,
              "minor": {"+": [{"var": "n"}, {"var": "it"}]}}}]}, "grade"]},
                   {"get": [{"decide": ["grades", {"object": {"major": 0, "minor": {"var": "n"}}}]}, "grade"]}]}]}},
        {"set": "sixMonths", "value": {"addMonths": [{"var": "day"}, 6]}},
        {"set": "working", "value": {"addWorkingDays": [{"var": "day"}, 1]}},
        {"set": "workingHolidays", "value": {"addWorkingDays": [{"var": "day"}, 1, {"var": ["holidays", null]}]}},
        {"set": "clauses", "value": {"map": [{"quote": ["4.11.1", "Clause 4.11.1.", "\u00a74.11", "ISO 22000:2018 8.5.1",
           "Hygiene 4.11.1", "4.11.1 Housekeeping", "clause 9 4.1", "", 5]}, {"clauseNumber": {"var": "it"}}]}},
        {"set": "between", "value": {"daysBetween": [{"var": "day"}, {"date": "2026-09-30"}]}},
        {"set": "today", "value": {"var": "$today"}},
        {"set": "called", "value": {"get": [{"call": ["part", {"object": {"n": 21}}]}, "doubled"]}},
        {"set": "majors", "value": {"count": [{"var": "items"}, {"==": [{"var": "it.grade"}, "major"]}]}},
        {"each": "item", "in": {"var": "items"}, "do": [
          {"push": "ids", "value": {"concat": [{"var": "itemIndex"}, ":", {"var": "item.id"}]}}]},
        {"term": "T_D", "days": {"lookup": ["base", {"var": "category"}]}, "rule": "test §1"},
        {"note": "hello", "params": {"who": "auditor"}, "rule": "test §5"},
        {"if": {">=": [{"var": "n"}, 50]}, "then": [{"set": "big", "value": true}],
         "else": [{"set": "big", "value": false}]}
      ]
    }
  }
})";

Value answer(Engine& e, const std::string& request, const char* locale = "") {
  CallOptions o;
  o.today = "2026-01-15";
  o.locale = locale;
  Answer a = e.call("duration", request, o);
  auto r = parse_json(a.json);
  REQUIRE_FALSE(r.failure);
  return r.value;
}

}  // namespace

TEST_CASE("the rule language evaluates exactly, with citations and notices") {
  Engine e;
  Answer loaded = e.load_pack(kPack, "rule_language_test");
  INFO(loaded.json);
  REQUIRE(loaded.status == Answer::Status::Ok);

  Value v = answer(e, R"({"scheme": "test-language", "n": 3, "category": "C",
    "items": [{"id": "a", "grade": "major"}, {"id": "b", "grade": "minor"}]})");
  INFO(write_json(v));
  CHECK(write_json(*v.find("third")) == "0.5");
  CHECK(write_json(*v.find("back")) == "1.5");
  CHECK(write_json(*v.find("rounded")) == "1.5");
  CHECK(v.find("pair")->is_null());  // C has no pair entry
  CHECK(write_json(*v.find("band")) == "0");
  CHECK(v.find("missing")->as_bool());
  CHECK(v.find("grade")->find("grade")->as_string() == "AA");
  CHECK(v.find("grade")->find("rule")->as_string() == "row 1");
  CHECK(write_json(*v.find("nextGradeAt")) == "3");  // 3 + 3 = 6 minors gives A
  CHECK(write_json(*v.find("sixMonths")) == "\"2027-02-28\"");
  CHECK(write_json(*v.find("working")) == "\"2026-09-01\"");
  CHECK(write_json(*v.find("workingHolidays")) == "\"2026-09-01\"");
  // Only the words the pack lists may stand before the number.
  CHECK(write_json(*v.find("clauses")) ==
        R"(["4.11.1","4.11.1","4.11","8.5.1",null,null,null,null,null])");
  CHECK(write_json(*v.find("between")) == "30");
  CHECK(write_json(*v.find("today")) == "\"2026-01-15\"");
  CHECK(write_json(*v.find("called")) == "42");
  CHECK(write_json(*v.find("majors")) == "1");
  CHECK(write_json(*v.find("ids")) == R"(["0:a","1:b"])");
  CHECK(write_json(*v.find("breakdown")) == R"([{"term":"T_D","days":1.5,"source":"test §1"}])");
  CHECK(write_json(*v.find("notes")) ==
        R"([{"code":"hello","message":"hello auditor","rule":"test §5"}])");
  CHECK_FALSE(v.find("big")->as_bool());
  // The band table is unverified: the answer says so, citing the table.
  CHECK(write_json(*v.find("warnings")) ==
        R"([{"code":"unchecked","message":"unchecked table","rule":"test §3"}])");

  // 1 September 2026 a holiday: Monday 31 August + 1 working day is Wednesday 2 September.
  v = answer(e, R"({"scheme": "test-language", "n": 3, "holidays": ["2026-09-01", "2026-09-05"]})");
  CHECK(write_json(*v.find("workingHolidays")) == "\"2026-09-02\"");

  v = answer(e, R"({"scheme": "test-language", "n": 60, "category": "A"})", "nl");
  CHECK(write_json(*v.find("third")) == "0.25");
  CHECK(write_json(*v.find("pair")) == "0.5");
  CHECK(write_json(*v.find("band")) == "1");
  CHECK(v.find("grade")->is_null());  // no row matches 60 minors
  CHECK(v.find("big")->as_bool());
  CHECK(v.find("notes")->as_list()[0].find("message")->as_string() == "hallo auditor");
}

TEST_CASE("fail statements become error envelopes in the request's locale") {
  Engine e;
  REQUIRE(e.load_pack(kPack, "t").status == Answer::Status::Ok);
  Value v = answer(e, R"({"scheme": "test-language", "n": 901, "locale": "it"})");
  CHECK(write_json(v) ==
        R"({"error":{"code":"missing_value","message":"901 sono troppi","path":"/n"}})");
}

TEST_CASE("type errors inside a pack are internal errors naming the pack and the pointer") {
  Engine e;
  const char* bad = R"({"$schema": "x", "id": "bad-eval", "scheme": "t", "title": "t", "version": "1",
    "publisher": "t", "effectiveDate": null, "language": "en", "verified": true,
    "sources": [{"file": "t", "title": "t"}],
    "operations": {"grade": {"fields": {}, "program": [
      {"set": "x", "value": {"+": [1, "two"]}}]}}})";
  REQUIRE(e.load_pack(bad, "t").status == Answer::Status::Ok);
  Answer a = e.call("grade", R"({"scheme": "bad-eval"})");
  CHECK(a.status == Answer::Status::InternalError);
  CHECK(a.json.find("\"code\":\"internal_error\"") != std::string::npos);
  CHECK(a.json.find("bad-eval") != std::string::npos);
  CHECK(a.json.find("/operations/grade/program/0/value/+/1") != std::string::npos);
}
