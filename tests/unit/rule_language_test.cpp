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
  "sources": [{"id": "test", "short": "Test document", "title": "this test",
               "file": "tests/unit/rule_language_test.cpp", "verified": true},
              {"id": "web", "short": "Web page", "title": "a page", "url": "https://example.invalid/p",
               "verified": false}],
  "messages": {
    "too_many": {"en": "{n} is too many", "nl": "{n} is te veel", "it": "{n} sono troppi",
                 "de": "{n} sind zu viele", "fr": "{n} c'est trop"},
    "unchecked": {"en": "unchecked table", "nl": "ongecontroleerd", "it": "non verificata",
                  "de": "ungeprüft", "fr": "non vérifiée"},
    "hello": {"en": "hello {who}", "nl": "hallo {who}", "it": "ciao {who}", "de": "hallo {who}",
              "fr": "bonjour {who}"}
  },
  "tables": {
    "base": {"kind": "map", "rule": "{test} §1", "entries": {"A": 0.75, "C": 1.5, "X": null}},
    "pair": {"kind": "map", "keys": 2, "rule": "test §2",
             "entries": {"A": {"initial": 1, "interim": 0.5}}},
    "size": {"kind": "bands", "rule": "{test} §3; {web} table 2", "verified": false, "notice": "unchecked",
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
        {"term": "T_D", "days": {"lookup": ["base", {"var": "category"}]}, "rule": "{test} §1"},
        {"note": "hello", "params": {"who": "auditor"}, "rule": "{web} and {test} §5"},
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
  // {id} reads as the source's short title; `cites` names its file (or url) for tools, in the
  // order the text cites them; a text citing nothing declared cites an empty list.
  CHECK(write_json(*v.find("breakdown")) ==
        R"([{"term":"T_D","days":1.5,"source":"Test document §1","cites":["tests/unit/rule_language_test.cpp"]}])");
  CHECK(write_json(*v.find("notes")) ==
        R"([{"code":"hello","message":"hello auditor","rule":"Web page and Test document §5","cites":["https://example.invalid/p","tests/unit/rule_language_test.cpp"]}])");
  CHECK(write_json(*v.find("grade")->find("cites")) == "[]");
  CHECK_FALSE(v.find("big")->as_bool());
  // The band table is unverified: the answer says so, citing the table.
  CHECK(write_json(*v.find("warnings")) ==
        R"([{"code":"unchecked","message":"unchecked table","rule":"Test document §3; Web page table 2","cites":["tests/unit/rule_language_test.cpp","https://example.invalid/p"]}])");

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

TEST_CASE("a sum of figures one of which is not known is not known") {
  Engine e;
  const char* pack = R"({"$schema": "x", "id": "summing", "scheme": "t", "title": "t", "version": "1",
    "publisher": "t", "effectiveDate": null, "language": "en", "verified": true,
    "sources": [{"id": "t", "short": "t", "title": "t", "verified": true}],
    "tables": {"days": {"kind": "map", "rule": "t 1", "entries": {"A": 0.5, "B": 1, "X": null}}},
    "operations": {"duration": {"fields": {
        "sites": {"type": "list", "items": {"type": "enum", "values": ["A", "B", "X"]}}},
      "program": [
        {"set": "totalDays", "value": {"sum": [{"var": "sites"}, {"lookup": ["days", {"var": "it"}]}]}}
      ]}}})";
  REQUIRE(e.load_pack(pack, "t").status == Answer::Status::Ok);
  CHECK(e.call("duration", R"({"scheme": "summing", "sites": ["A", "B"]})").json == R"({"totalDays":1.5})");
  // X's days are not known (null): the total is not 1.5 but unknown, as with `+`.
  Answer a = e.call("duration", R"({"scheme": "summing", "sites": ["A", "X", "B"]})");
  INFO(a.json);
  CHECK(a.status == Answer::Status::RequestError);
  CHECK(a.json.find("\"code\":\"missing_value\"") != std::string::npos);
  CHECK(a.json.find("/operations/duration/program/0/value/sum/1") != std::string::npos);
}

TEST_CASE("type errors inside a pack are refused when it is loaded, with the pointer") {
  Engine e;
  const char* bad = R"({"$schema": "x", "id": "bad-eval", "scheme": "t", "title": "t", "version": "1",
    "publisher": "t", "effectiveDate": null, "language": "en", "verified": true,
    "sources": [{"id": "t", "short": "t", "title": "t", "verified": true}],
    "operations": {"grade": {"fields": {}, "program": [
      {"set": "x", "value": {"+": [1, "two"]}}]}}})";
  Answer a = e.load_pack(bad, "t");
  CHECK(a.status == Answer::Status::RequestError);
  CHECK(a.json.find("\"code\":\"invalid_pack\"") != std::string::npos);
  CHECK(a.json.find("bad-eval") != std::string::npos);
  CHECK(a.json.find("\"path\":\"/operations/grade/program/0/value/+/1\"") != std::string::npos);
  CHECK(e.call("grade", R"({"scheme": "bad-eval"})").json.find("unknown_scheme") != std::string::npos);
}

TEST_CASE("sortBy, iterate, flatten, distinct, startOfYear, endOfYear and blank") {
  Engine e;
  const char* pack = R"({"$schema": "x", "id": "sorting", "scheme": "t", "title": "t", "version": "1",
    "publisher": "t", "effectiveDate": null, "language": "en", "verified": true,
    "sources": [{"id": "t", "short": "t", "title": "t", "verified": true}],
    "operations": {"grade": {"fields": {
        "items": {"type": "list", "items": {"type": "object", "fields": {
          "id": {"type": "string"}, "day": {"type": "date"}, "n": {"type": "integer"}}}},
        "day": {"type": "date"}},
      "program": [
        {"set": "byDay", "value": {"map": [{"sortBy": [{"var": "items"}, {"var": "it.day"}]}, {"var": "it.id"}]}},
        {"set": "byNumber", "value": {"map": [{"sortBy": [{"var": "items"}, {"var": "it.n"}]}, {"var": "it.id"}]}},
        {"set": "byIdDesc", "value": {"map": [{"sortBy": [{"var": "items"}, {"-": [0, {"var": "index"}]}]}, {"var": "it.id"}]}},
        {"set": "empty", "value": {"sortBy": [{"quote": []}, {"var": "it"}]}},
        {"set": "start", "value": {"startOfYear": {"var": "day"}}},
        {"set": "end", "value": {"endOfYear": {"var": "day"}}},
        {"set": "none", "value": {"endOfYear": null}},
        {"set": "chained", "value": {"iterate": [{"var": "day"}, 4, {"addMonths": [{"var": "it"}, 6]}]}},
        {"set": "counted", "value": {"iterate": [1, 3, {"+": [{"var": "it"}, {"var": "index"}]}]}},
        {"set": "noneIterated", "value": {"iterate": [1, 0, {"var": "it"}]}},
        {"set": "counter", "value": {"iterate": [1, 12, {"+": [{"var": "it"}, 1]}]}},
        {"set": "blanks", "value": {"map": [["", " \u00a0\u200b", "x", null, " y"], {"blank": {"var": "it"}}]}},
        {"set": "flat", "value": {"flatten": [[["a", "b"], null, "c", [], [["d"]]]]}},
        {"set": "unique", "value": {"distinct": [["b", "a", "b", 1, 1, "a"]]}}
      ]}}})";
  REQUIRE(e.load_pack(pack, "t").status == Answer::Status::Ok);
  Answer a = e.call("grade", R"({"scheme": "sorting", "day": "2024-02-29", "items": [
    {"id": "c", "day": "2025-01-31", "n": 2}, {"id": "a", "day": "2024-02-29", "n": 2},
    {"id": "d", "day": "2025-01-31"}, {"id": "b", "day": "2024-12-31", "n": 1}]})");
  auto r = parse_json(a.json);
  REQUIRE_FALSE(r.failure);
  const Value& v = r.value;
  INFO(a.json);
  // Equal keys keep their request order (c before d); null keys go last.
  CHECK(write_json(*v.find("byDay")) == R"(["a","b","c","d"])");
  CHECK(write_json(*v.find("byNumber")) == R"(["b","c","a","d"])");
  CHECK(write_json(*v.find("byIdDesc")) == R"(["b","d","a","c"])");
  CHECK(write_json(*v.find("empty")) == "[]");
  CHECK(write_json(*v.find("start")) == "\"2024-01-01\"");
  CHECK(write_json(*v.find("end")) == "\"2024-12-31\"");
  CHECK(v.find("none")->is_null());
  // Each step starts from the clamped date before it: 29 February + 6 months = 29 August, then
  // 28 February (2025 has no 29th), then 28 August.
  CHECK(write_json(*v.find("chained")) == R"(["2024-02-29","2024-08-29","2025-02-28","2025-08-28"])");
  CHECK(write_json(*v.find("counted")) == "[1,2,4]");
  CHECK(write_json(*v.find("noneIterated")) == "[]");
  // A counter's bounds grow at every step; the load check follows its kind, not its bounds.
  CHECK(write_json(*v.find("counter")) == "[1,2,3,4,5,6,7,8,9,10,11,12]");
  // blank: nothing that shows (a no-break and a zero-width space neither), or null.
  CHECK(write_json(*v.find("blanks")) == "[true,true,false,true,false]");
  CHECK(write_json(*v.find("flat")) == R"(["a","b","c",["d"]])");
  CHECK(write_json(*v.find("unique")) == R"(["b","a",1])");
  // Keys of two kinds cannot be ordered: a defect of the pack, refused when it loads, with the
  // pointer of the key.
  std::string mixed = pack;
  mixed.replace(mixed.find("\"id\": \"sorting\""), 15, "\"id\": \"sorting2\"");
  mixed.replace(mixed.find("\"program\": ["), 12,
                "\"program\": [{\"set\": \"mixed\", \"value\": {\"sortBy\": [[1, \"a\"], {\"var\": \"it\"}]}},");
  Answer refused = e.load_pack(mixed, "t");
  CHECK(refused.status == Answer::Status::RequestError);
  CHECK(refused.json.find("\"path\":\"/operations/grade/program/0/value/sortBy/1\"") != std::string::npos);
  CHECK(refused.json.find("sort keys are all of one kind") != std::string::npos);
}
