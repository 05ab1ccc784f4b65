// What an error's `path` points at (docs/contract.md, "Errors"; docs/api.md, "Errors"): never more
// than the bound an envelope keeps, whatever the user's keys; for a value the calculation made,
// the request field it was made from.
#include <string>

#include "certcalc/engine.h"
#include "failure.h"
#include "test_support.h"
#include "utf8.h"

using namespace certcalc;
using certcalc::testing::json;

namespace {

Value error_of(const Engine& e, const std::string& op, const std::string& request, const char* locale = "") {
  CallOptions options;
  options.today = "2026-01-15";
  options.locale = locale;
  Answer a = e.call(op, request, options);
  REQUIRE(a.status == Answer::Status::RequestError);
  Value doc = json(a.json);
  REQUIRE(doc.find("error"));
  return *doc.find("error");
}

// Compared with paths far shorter than 300 bytes; a longer one is shown cut (Catch would spend
// minutes laying out a 10 MB path in its report).
std::string path_of(const Value& error) {
  const std::string& p = error.find("path")->as_string();
  return p.size() <= 300 ? p : p.substr(0, 300) + "... (" + std::to_string(p.size()) + " bytes)";
}
std::string message_of(const Value& error) { return error.find("message")->as_string(); }
std::string code_of(const Value& error) { return error.find("code")->as_string(); }

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_sequence_length(s.data() + i, s.data() + s.size());
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// A pack whose dates and numbers come from the request: a date shifted by a day count, each of a
// list's days a year on, and the arithmetic that can leave the numbers certcalc holds.
const char* const kPack = R"({
  "$schema": "../../rules/schema/pack.schema.json",
  "id": "test-paths", "scheme": "test", "title": "error paths", "version": "1",
  "publisher": "certcalc tests", "effectiveDate": null, "language": "en", "verified": true,
  "sources": [{"id": "this-file", "short": "this file", "title": "this file",
               "file": "tests/unit/error_paths_test.cpp", "verified": true}],
  "operations": {
    "schedule": {
      "fields": {
        "day": {"type": "date"},
        "days": {"type": "integer", "default": 0},
        "visits": {"type": "list", "items": {"type": "object", "fields": {"on": {"type": "date", "required": true}}}}
      },
      "program": [
        {"let": "start", "value": {"coalesce": [{"var": "day"}, {"date": "2026-01-01"}]}},
        {"set": "due", "value": {"addDays": [{"var": "start"}, {"var": "days"}]}},
        {"each": "visit", "in": {"var": "visits"},
         "do": [{"push": "next", "value": {"addYears": [{"var": "visit.on"}, 1]}}]}
      ]
    },
    "grade": {
      "fields": {"a": {"type": "integer", "required": true}, "b": {"type": "integer", "required": true}},
      "program": [
        {"set": "ratio", "value": {"/": [{"var": "a"}, {"var": "b"}]}},
        {"set": "product", "value": {"*": [2, {"var": "a"}, {"var": "b"}]}}
      ]
    }
  }
})";

const Engine& with_pack() {
  static Engine e;
  static bool loaded = [] {
    Answer a = e.load_pack(kPack, "error_paths_test.cpp");
    INFO(a.json);
    return a.status == Answer::Status::Ok;
  }();
  REQUIRE(loaded);
  return e;
}

}  // namespace

TEST_CASE("bounded_pointer keeps a path whole within its bounds, else cuts it before a token") {
  CHECK(bounded_pointer("") == "");
  CHECK(bounded_pointer("/findings/0/rootCause") == "/findings/0/rootCause");
  const std::string longest(kPathTokenMaxBytes, 'k');
  CHECK(bounded_pointer("/audits/0/" + longest) == "/audits/0/" + longest);
  CHECK(bounded_pointer("/audits/0/" + longest + "k") == "/audits/0");
  CHECK(bounded_pointer("/" + std::string(10000000, 'k')) == "");
  // A long token in the middle: what follows it is cut too (it would point elsewhere).
  CHECK(bounded_pointer("/a/" + longest + "kk/b") == "/a");
  // Many short tokens: as many as fit in the bound, cut at a token's end.
  std::string many;
  for (int i = 0; i < 300; ++i) many += "/abcdefgh";
  const std::string cut = bounded_pointer(many);
  CHECK(cut.size() <= kPathMaxBytes);
  CHECK(cut.size() > kPathMaxBytes - 9);
  CHECK(many.compare(0, cut.size(), cut) == 0);
  CHECK(many[cut.size()] == '/');
  // Escapes count as written: 129 "~1" are 258 bytes.
  std::string slashes;
  for (int i = 0; i < 129; ++i) slashes += "~1";
  CHECK(bounded_pointer("/x/" + slashes) == "/x");
}

TEST_CASE("an unknown member with a 10 MB name: the path is the object holding it, the message its first bytes") {
  const Engine e;
  const std::string key(10000000, 'k');
  Value err = error_of(e, "grade", R"({"scheme":"brcgs-food-9","minor":1,")" + key + R"(":1})");
  CHECK(code_of(err) == "unknown_field");
  CHECK(path_of(err) == "");
  CHECK(message_of(err).size() < 400);
  CHECK(message_of(err).rfind(std::string(100, 'k'), 0) == 0);
  CHECK(message_of(err).find("k\xE2\x80\xA6 is not a field of this request") != std::string::npos);

  // Nested: the pointer of the audit that holds it.
  err = error_of(e, "rotation", R"({"scheme":"brcgs-food-9","audits":[{"date":"2024-01-01","type":"initial","auditors":["A"]},
      {"date":"2025-01-01","type":"recertification","auditors":["A"],")" + key + R"(":1}]})");
  CHECK(code_of(err) == "unknown_field");
  CHECK(path_of(err) == "/audits/1");
  CHECK(message_of(err).size() < 400);

  // A name of the bound is pointed at whole; one byte more and the path stops at its object.
  const std::string longest(kPathTokenMaxBytes, 'k');
  err = error_of(e, "grade", R"({"scheme":"brcgs-food-9","minor":1,")" + longest + R"(":1})");
  CHECK(path_of(err) == "/" + longest);
  err = error_of(e, "grade", R"({"scheme":"brcgs-food-9","minor":1,")" + longest + R"(k":1})");
  CHECK(path_of(err) == "");
}

TEST_CASE("a long name of multi-byte characters is echoed in whole characters") {
  const Engine e;
  std::string key;
  for (int i = 0; i < 1000; ++i) key += "\xC3\xA9\xE2\x82\xAC";  // é€: 2 + 3 bytes
  Value err = error_of(e, "grade", R"({"scheme":"brcgs-food-9","minor":1,")" + key + R"(":1})");
  CHECK(path_of(err) == "");
  CHECK(valid_utf8(message_of(err)));
  CHECK(message_of(err).find("\xE2\x80\xA6 is not a field") != std::string::npos);
}

TEST_CASE("a duplicate key of a megabyte, or under one: the path stops before the long name") {
  const Engine e;
  const std::string key(1000000, 'k');
  Value err = error_of(e, "grade", R"({"scheme":"brcgs-food-9",")" + key + R"(":1,")" + key + R"(":2})");
  CHECK(code_of(err) == "duplicate_key");
  CHECK(path_of(err) == "");
  CHECK(message_of(err).size() < 400);
  err = error_of(e, "grade", R"({"scheme":"brcgs-food-9","x":{")" + key + R"(":{"a":1,"a":2}}})");
  CHECK(code_of(err) == "duplicate_key");
  CHECK(path_of(err) == "/x");
}

TEST_CASE("a date computed past 9999-12-31 from a request's date points at that date") {
  const Engine e;
  Value err = error_of(e, "deadlines", R"({"scheme":"fssc22000-5.1","auditType":"surveillance","lastAuditDay":"9999-12-31",
      "findings":[{"id":"NC-1","grade":"minor"}]})");
  CHECK(code_of(err) == "out_of_range");
  CHECK(path_of(err) == "/lastAuditDay");
  CHECK(message_of(err) == "a date calculated from lastAuditDay falls outside the years 0001 to 9999");
  err = error_of(e, "deadlines", R"({"scheme":"fssc22000-5.1","auditType":"surveillance","lastAuditDay":"9999-12-31",
      "findings":[{"id":"NC-1","grade":"minor"}]})", "de");
  CHECK(message_of(err) == "ein aus lastAuditDay berechnetes Datum liegt außerhalb der Jahre 0001 bis 9999");

  // Through the pack's variables and calls: the schedule's decision date, a certificate's expiry.
  err = error_of(e, "schedule", R"({"scheme":"fssc22000-6","auditType":"initial","lastAuditDay":"2026-03-02",
      "decisionDate":"9999-12-31"})");
  CHECK(path_of(err) == "/decisionDate");
  err = error_of(e, "schedule", R"({"scheme":"brcgs-food-9","auditType":"initial","grade":"AA",
      "firstAuditDay":"9999-12-31"})");
  CHECK(path_of(err) == "/firstAuditDay");
  err = error_of(e, "duration", R"({"scheme":"gmpplus-cr3.0","auditType":"cycle","scope":"laboratory-testing",
      "accreditation":"full","analyses":3,"firstAuditDay":"2026-03-02","decisionDate":"9999-12-31"})");
  CHECK(path_of(err) == "/decisionDate");
}

TEST_CASE("validate: deadlines past 9999-12-31 from the audit's last day say that date in the warning") {
  // FSSC 22000 v5.1 §6.2.3: a critical nonconformity's plan is due 14 days after the audit.
  const Engine e;
  CallOptions options;
  options.today = "9999-12-21";
  Answer a = e.call("validate", R"({"scheme":"fssc22000-5.1","audit":{"lastDay":"9999-12-20","type":"surveillance"},
      "findings":[{"id":"NC-1","grade":"critical","clause":"ISO 22000:2018 8.5.4"}]})", options);
  REQUIRE(a.status == Answer::Status::Ok);
  Value doc = json(a.json);
  const Value* issue = nullptr;
  for (const Value& i : doc.find("findings")->as_list()[0].find("issues")->as_list())
    if (i.find("code")->as_string() == "deadline_unknown") issue = &i;
  REQUIRE(issue);
  CHECK(issue->find("field")->as_string() == "grade");
  CHECK(issue->find("message")->as_string() ==
        "the deadlines of this finding could not be worked out: a date calculated from audit/lastDay "
        "falls outside the years 0001 to 9999");
}

TEST_CASE("a computed date out of range names the date, or the day count, or both, from a user pack") {
  const Engine& e = with_pack();
  Value err = error_of(e, "schedule", R"({"scheme":"test-paths","day":"9999-12-01","days":100})");
  CHECK(code_of(err) == "out_of_range");
  CHECK(path_of(err) == "/day");
  CHECK(message_of(err) == "a date calculated from day and days falls outside the years 0001 to 9999");
  // The date is the pack's own: the day count is the request's doing.
  err = error_of(e, "schedule", R"({"scheme":"test-paths","days":-800000})");
  CHECK(path_of(err) == "/days");
  CHECK(message_of(err) == "a date calculated from days falls outside the years 0001 to 9999");
  // An item of a list: its own pointer.
  err = error_of(e, "schedule", R"({"scheme":"test-paths","visits":[{"on":"2026-01-01"},{"on":"9999-06-01"}]})");
  CHECK(path_of(err) == "/visits/1/on");
}

TEST_CASE("arithmetic beyond what certcalc holds points at the request number it came from") {
  const Engine& e = with_pack();
  Value err = error_of(e, "grade", R"({"scheme":"test-paths","a":1,"b":0})");
  CHECK(code_of(err) == "out_of_range");
  CHECK(path_of(err) == "/b");
  err = error_of(e, "grade", R"({"scheme":"test-paths","a":9000000000000000000,"b":1})");
  CHECK(code_of(err) == "out_of_range");
  CHECK(path_of(err) == "/a");
}

TEST_CASE("a user pack's megabyte names: the path stops before them, the message echoes at most a KiB of one") {
  std::string pack = kPack;
  const std::string big(1000000, 'v');
  Engine e;
  // An unknown member: named in the message, since the path cannot name it.
  std::string with_member = pack;
  with_member.insert(with_member.find("\"id\""), "\"" + big + "\": 1, ");
  Answer a = e.load_pack(with_member, "big.json");
  REQUIRE(a.status == Answer::Status::RequestError);
  Value err = *json(a.json).find("error");
  CHECK(code_of(err) == "invalid_pack");
  CHECK(path_of(err) == "");
  CHECK(message_of(err).size() < 400);
  CHECK(message_of(err).find("v\xE2\x80\xA6 is not a known member") != std::string::npos);
  // An unknown variable: the pack's own text, in a detail clipped to kEchoMaxBytes.
  std::string with_variable = pack;
  const std::string day = R"({"var": "day"})";
  with_variable.replace(with_variable.find(day), day.size(), R"({"var": ")" + big + R"("})");
  a = e.load_pack(with_variable, "big.json");
  REQUIRE(a.status == Answer::Status::RequestError);
  err = *json(a.json).find("error");
  CHECK(code_of(err) == "invalid_pack");
  CHECK(message_of(err).find("unknown variable vvvv") != std::string::npos);
  CHECK(message_of(err).size() < kEchoMaxBytes + 200);
  CHECK(valid_utf8(message_of(err)));
}

TEST_CASE("describe with an op of a megabyte echoes its first bytes") {
  const Engine e;
  Value err = error_of(e, "describe", R"({"scheme":"brcgs-food-9","op":")" + std::string(1000000, 'o') + R"("})");
  CHECK(code_of(err) == "not_supported");
  CHECK(path_of(err) == "/op");
  CHECK(message_of(err).size() < 200);
}

TEST_CASE("a step that needs a field the request left out names that field") {
  Engine e;
  const char* pack = R"({"$schema": "x", "id": "left-out", "scheme": "t", "title": "t", "version": "1",
    "publisher": "t", "effectiveDate": null, "language": "en", "verified": true,
    "sources": [{"id": "t", "short": "t", "title": "t", "verified": true}],
    "operations": {"grade": {"fields": {
        "n": {"type": "integer"}, "site": {"type": "object", "fields": {"fte": {"type": "integer"}}},
        "limit": {"type": "integer", "default": 4}},
      "program": [
        {"set": "more", "value": {"+": [{"var": "n"}, 1]}},
        {"set": "big", "value": {">": [{"var": "site.fte"}, {"var": "limit"}]}},
        {"set": "known", "value": {"coalesce": [{"var": "n"}, 0]}}
      ]}}})";
  Answer loaded = e.load_pack(pack, "t");
  INFO(loaded.json);
  REQUIRE(loaded.status == Answer::Status::Ok);
  Value err = error_of(e, "grade", R"({"scheme": "left-out", "site": {"fte": 3}})");
  CHECK(code_of(err) == "missing_value");
  CHECK(path_of(err) == "/n");
  CHECK(message_of(err) == "rule pack left-out could not evaluate this request: it needs n, which the request leaves out");
  // A member of an object the request gives, and null written out, are left out alike.
  err = error_of(e, "grade", R"({"scheme": "left-out", "n": 2, "site": {"fte": null}})", "nl");
  CHECK(path_of(err) == "/site/fte");
  CHECK(message_of(err) == "regelpakket left-out kon dit verzoek niet berekenen: het heeft site/fte nodig, dat het verzoek weglaat");
  // A null no request field gave (a table without the figure) still says where in the pack.
  Engine t;
  const char* table_pack = R"({"$schema": "x", "id": "no-figure", "scheme": "t", "title": "t", "version": "1",
    "publisher": "t", "effectiveDate": null, "language": "en", "verified": true,
    "sources": [{"id": "t", "short": "t", "title": "t", "verified": true}],
    "operations": {"grade": {"fields": {"n": {"type": "integer", "required": true}, "k": {"type": "string", "required": true}},
      "program": [{"set": "more", "value": {"+": [{"get": [{"quote": {"a": 1}}, {"var": "k"}]}, {"var": "n"}]}}]}}})";
  REQUIRE(t.load_pack(table_pack, "t").status == Answer::Status::Ok);
  err = error_of(t, "grade", R"({"scheme": "no-figure", "n": 1, "k": "b"})");
  CHECK(code_of(err) == "missing_value");
  CHECK(path_of(err) == "");
  CHECK(message_of(err) == "rule pack no-figure could not evaluate this request: a number needed at "
                           "/operations/grade/program/0/value/+/0 is not known for this request");
}
