// valueLabel: a request's enum value named in a message as people read it, in the request's
// locale; and the GMP+ pack, whose messages name a scope so.
#include <catch2/catch.hpp>

#include <string>

#include "certcalc/engine.h"
#include "json_io.h"

using namespace certcalc;

namespace {

std::string pack(const std::string& id, const std::string& fields, const std::string& program) {
  return R"j({"$schema": "x", "id": ")j" + id + R"j(", "scheme": "t", "title": "t", "version": "1",
    "publisher": "t", "effectiveDate": null, "language": "en", "verified": true,
    "sources": [{"id": "t", "short": "T", "title": "t", "verified": true}],
    "messages": {
      "kind_on-site": {"en": "on site", "nl": "ter plaatse", "it": "in sede", "de": "vor Ort", "fr": "sur site"},
      "kind_remote": {"en": "remote", "nl": "op afstand", "it": "a distanza", "de": "aus der Ferne", "fr": "à distance"},
      "not_for": {"en": "not for {kind} ({kinds})", "nl": "niet voor {kind} ({kinds})", "it": "non per {kind} ({kinds})",
                  "de": "nicht für {kind} ({kinds})", "fr": "pas pour {kind} ({kinds})"}},
    "operations": {"grade": {"fields": {)j" + fields + R"j(}, "program": [)j" + program + "]}}}";
}

const char* kFields = R"("kind": {"type": "enum", "values": ["on-site", "remote"], "required": true},
  "kinds": {"type": "list", "items": {"type": "enum", "values": ["on-site", "remote"]}},
  "note": {"type": "string"})";

std::string error_path(const Answer& a) {
  auto r = parse_json(a.json);
  REQUIRE_FALSE(r.failure);
  const Value* e = r.value.find("error");
  REQUIRE(e);
  return e->find("path")->as_string();
}

}  // namespace

TEST_CASE("valueLabel names a value, or each of a list's, by its message in the request's locale") {
  Engine e;
  REQUIRE(e.load_pack(pack("labels", kFields, R"j(
    {"set": "label", "value": {"valueLabel": ["kind_", {"var": "kind"}]}},
    {"set": "labels", "value": {"valueLabel": ["kind_", {"var": ["kinds", null]}]}},
    {"fail": "invalid_field", "message": "not_for", "path": "/kind",
     "params": {"kind": {"valueLabel": ["kind_", {"var": "kind"}]}, "kinds": {"valueLabel": ["kind_", {"quote": ["on-site", "remote"]}]}},
     "when": {"==": [{"var": "kind"}, "remote"]}})j"), "t").status == Answer::Status::Ok);
  CallOptions nl;
  nl.locale = "nl";
  CHECK(e.call("grade", R"({"scheme": "labels", "kind": "on-site", "kinds": ["remote", "on-site"]})", nl).json ==
        R"({"label":"ter plaatse","labels":["op afstand","ter plaatse"]})");
  CHECK(e.call("grade", R"({"scheme": "labels", "kind": "on-site"})").json == R"({"label":"on site","labels":null})");
  CHECK(e.call("grade", R"({"scheme": "labels", "kind": "remote", "locale": "de"})").json ==
        R"j({"error":{"code":"invalid_field","message":"nicht für aus der Ferne (vor Ort, aus der Ferne)","path":"/kind"}})j");
}

TEST_CASE("a valueLabel that could show a bare value is refused when the pack loads") {
  Engine e;
  // Any text: its labels cannot be checked.
  Answer a = e.load_pack(pack("free-text", kFields, R"({"set": "x", "value": {"valueLabel": ["kind_", {"var": ["note", null]}]}})"), "t");
  CHECK(a.status == Answer::Status::RequestError);
  CHECK(error_path(a) == "/operations/grade/program/0/value/valueLabel/1");
  CHECK(a.json.find("known when the pack loads") != std::string::npos);
  // A value without its message.
  a = e.load_pack(pack("unlabelled", kFields, R"({"set": "x", "value": {"valueLabel": ["kind_", {"quote": ["remote", "hybrid"]}]}})"), "t");
  CHECK(error_path(a) == "/operations/grade/program/0/value/valueLabel");
  CHECK(a.json.find("no English text for message kind_hybrid") != std::string::npos);
  // Not a text.
  a = e.load_pack(pack("number", kFields, R"({"set": "x", "value": {"valueLabel": ["kind_", 3]}})"), "t");
  CHECK(error_path(a) == "/operations/grade/program/0/value/valueLabel/1");
  a = e.load_pack(pack("two", kFields, R"({"set": "x", "value": {"valueLabel": ["kind_", "remote", "remote"]}})"), "t");
  CHECK(error_path(a) == "/operations/grade/program/0/value/valueLabel");
}

TEST_CASE("GMP+ messages name a scope as people read it, in the request's locale") {
  // The pack's words for its scopes, as its other texts write them (GMP+ CR3.0 §1, Appendix 1).
  Engine e;
  CallOptions en, nl;
  nl.locale = "nl";
  CHECK(e.call("duration", R"({"scheme": "gmpplus-cr3.0", "auditType": "initial", "scope": "laboratory-testing"})", en).json ==
        R"({"error":{"code":"missing_field","message":"accreditation is required for scope laboratory testing.","path":"/accreditation"}})");
  CHECK(e.call("duration", R"({"scheme": "gmpplus-cr3.0", "auditType": "initial", "scope": "fra", "analyses": 3})", nl).json ==
        R"({"error":{"code":"invalid_field","message":"analyses wordt niet gebruikt voor scope FRA (het hoort bij: laboratoriumonderzoek); verwijder het of kies de scope waar het bij hoort.","path":"/analyses"}})");
  CHECK(e.call("grade", R"({"scheme": "gmpplus-cr3.0", "scope": "inland-waterway-transport", "nonConformities": 1})", en).json ==
        R"({"error":{"code":"invalid_field","message":"nonConformities is not used for scope inland waterway transport (it belongs to: laboratory testing, registered laboratory, FRA); remove it or choose the scope it belongs to.","path":"/nonConformities"}})");
  // An audit type too, with the widgets' word for it: inland waterway transport has no interim
  // audits in the pack's rotation rule (GMP+ CR3.0 §4.1.5).
  CHECK(e.call("rotation", R"({"scheme": "gmpplus-cr3.0", "scope": "inland-waterway-transport", "audits": [{"date": "2024-01-10", "type": "interim", "auditors": ["A"]}]})", nl).json ==
        R"({"error":{"code":"invalid_field","message":"Audittype tussentijds hoort niet bij de scope binnen- en kustvaarttransport.","path":"/audits/0/type"}})");
}
