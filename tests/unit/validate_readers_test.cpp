// A validate request read straight from its text (validate_input.cpp: typed fields, findings
// restricted to what the pack reads, remembered programs) and through the generic reader and
// field checks (whole findings, every program run) must give the same answer byte for byte.
// Every validate vector is sent both ways, with variants of its text; and the reading of a pack's
// programs (validate_plan.cpp) is held to packs that must not be restricted.
#include <catch2/catch.hpp>

#include <filesystem>

#include "certcalc/engine.h"
#include "json_io.h"
#include "rules.h"
#include "test_support.h"
#include "utf8.h"
#include "validate_input.h"
#include "validate_plan.h"

namespace fs = std::filesystem;
using namespace certcalc;
using namespace certcalc::testing;

namespace {

struct TextReaderOff {
  TextReaderOff() { set_validate_text_reader(false); }
  ~TextReaderOff() { set_validate_text_reader(true); }
};

Answer both_ways(const Engine& e, const std::string& request, const CallOptions& o) {
  Answer typed = e.call("validate", request, o);
  Answer generic;
  {
    TextReaderOff off;
    generic = e.call("validate", request, o);
  }
  INFO("request: " << request.substr(0, 3000));
  INFO("typed:   " << typed.json.substr(0, 3000));
  INFO("generic: " << generic.json.substr(0, 3000));
  CHECK(typed.json == generic.json);
  CHECK(typed.status == generic.status);
  return typed;
}

// Every non-ASCII character of a JSON text written as \uXXXX (they only occur inside strings).
std::string escape_non_ascii(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : utf8_sequence_length(s.data() + i, s.data() + s.size());
    if (n <= 1) {
      out += s[i++];
      continue;
    }
    std::uint32_t cp = c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    auto hex = [&](std::uint32_t u) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    };
    if (cp >= 0x10000) {
      cp -= 0x10000;
      hex(0xD800 + (cp >> 10));
      hex(0xDC00 + (cp & 0x3FF));
    } else {
      hex(cp);
    }
    i += n;
  }
  return out;
}


// The request with one member of its first finding replaced (or removed: null `to`).
Value with_first_finding(const Value& req, const std::string& key, const Value* to) {
  Members top = req.as_object();
  for (auto& t : top) {
    if (t.first != "findings" || !t.second.is_list() || t.second.as_list().empty()) continue;
    List findings = t.second.as_list();
    if (!findings[0].is_object()) continue;
    Members f;
    for (const auto& m : findings[0].as_object())
      if (m.first != key) f.push_back(m);
    if (to) f.emplace_back(key, *to);
    findings[0] = Value::object(std::move(f));
    t.second = Value::list(std::move(findings));
  }
  return Value::object(std::move(top));
}

Value repeated(const Value& req, int times) {
  Members top = req.as_object();
  for (auto& t : top) {
    if (t.first != "findings" || !t.second.is_list()) continue;
    List findings;
    for (int k = 0; k < times; ++k)
      for (const Value& f : t.second.as_list()) findings.push_back(f);
    t.second = Value::list(std::move(findings));
  }
  return Value::object(std::move(top));
}

std::vector<std::string> variants(const std::string& text) {
  std::vector<std::string> out = {text, escape_non_ascii(text), " \n" + text + "\t "};
  ParseResult r = parse_json(text);
  if (r.failure || !r.value.is_object()) return out;
  const Value& req = r.value;
  out.push_back(write_json(req, 2));
  out.push_back(write_json(reversed(req)));
  out.push_back(write_json(repeated(req, 3)));
  const Value null_value;
  const Value tricky = Value::string("line 1\nline \"2\" \\ / \t caf\xC3\xA9 \xF0\x9F\x98\x80 4.11.1");
  const Value evidence = Value::list({Value::object({{"name", Value::string("A.PDF")},
                                                      {"mediaType", Value::string("Application/PDF; q=1")},
                                                      {"bytes", Value::number(Exact(7))}}),
                                      Value::object({{"name", Value::string("a.pdf")}, {"bytes", Value()}})});
  for (const char* key : {"id", "clause", "grade", "statement", "correction", "rootCause", "correctiveAction",
                          "temporaryMeasures", "plannedCompletion", "responsible", "state", "evidence"}) {
    out.push_back(write_json(with_first_finding(req, key, nullptr)));
    out.push_back(write_json(with_first_finding(req, key, &null_value)));
    out.push_back(write_json(with_first_finding(req, key, std::string(key) == "evidence" ? &evidence : &tricky)));
  }
  return out;
}

}  // namespace

TEST_CASE("validate answers the same whether read from its text or through the field checks") {
  std::size_t requests = 0;
  for (const auto& e : fs::recursive_directory_iterator(CERTCALC_VECTOR_DIR)) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    ParseResult doc = parse_json(slurp(e.path()));
    REQUIRE(!doc.failure);
    Engine engine;
    if (const Value* packs = doc.value.find("loadPacks"))
      for (const Value& p : packs->as_list()) REQUIRE(engine.load_pack(write_json(p), "test").status == Answer::Status::Ok);
    const Value* file_op = doc.value.find("op");
    for (const Value& c : doc.value.find("cases")->as_list()) {
      const Value* op = c.find("op") ? c.find("op") : file_op;
      if (!op || op->as_string() != "validate") continue;
      std::string text = c.find("requestText") ? c.find("requestText")->as_string() : write_json(*c.find("request"));
      INFO(e.path().filename().string() << " " << c.find("name")->as_string());
      for (const std::string& v : variants(text)) {
        for (const char* locale : {"", "nl"}) {
          CallOptions o;
          o.today = "2026-03-20";
          o.locale = locale;
          both_ways(engine, v, o);
          ++requests;
        }
        CallOptions pretty;
        pretty.today = "2026-03-20";
        pretty.indent = 2;
        both_ways(engine, v, pretty);
      }
    }
  }
  CHECK(requests > 5000);
}

namespace {

std::shared_ptr<const Pack> test_pack(const std::string& programs, const std::string& checks) {
  std::string text = R"({"id": "plan-test", "form": {"rule": "t", "grades": ["minor"],
      "workflow": {"states": ["a"], "initial": {"cm": "a", "oe": "a", "full": "a"}, "transitions": []},
      "checks": [)" + checks + R"(]}, "programs": {)" + programs + "}}";
  ParseResult r = parse_json(text);
  REQUIRE(!r.failure);
  Failure f;
  auto pack = compile_pack(r.value, "test", f);
  INFO(f.path);
  REQUIRE(pack);
  return pack;
}

const char* kPushId = R"({"push": "deadlines", "value": {"object": {"findingId": {"var": "finding.id"}, "kind": "k",
    "dueDate": {"addDays": [{"var": "lastAuditDay"}, 28]}}}})";

}  // namespace

TEST_CASE("a pack's programs see findings restricted to the fields they read only where that is exact") {
  // what the built-in packs do: read fields by name, copy the id
  auto plain = test_pack(std::string(R"("findingDeadlines": [)") + kPushId + R"(,
      {"push": "deadlines", "when": {"==": [{"var": "finding.grade"}, "major"]},
       "value": {"object": {"kind": "k2", "dueDate": {"var": "lastAuditDay"}}}}])", "");
  CHECK(plain->validate_plan->restricted());
  CHECK(plain->validate_plan->deadlines.fields == ((1u << kId) | (1u << kGrade)));
  CHECK(plain->validate_plan->deadlines.id_only_copied);

  // the id looked at (a text made of it), or copied where validate reads a deadline's kind
  auto inspected = test_pack(R"("findingDeadlines": [{"push": "deadlines", "value": {"object": {
      "kind": {"concat": ["k-", {"var": "finding.id"}]}}}}])", "");
  CHECK(inspected->validate_plan->restricted());
  CHECK_FALSE(inspected->validate_plan->deadlines.id_only_copied);
  auto as_kind = test_pack(R"("findingDeadlines": [{"let": "i", "value": {"var": "finding.id"}},
      {"push": "deadlines", "value": {"object": {"kind": {"var": "i"}}}}])", "");
  CHECK_FALSE(as_kind->validate_plan->deadlines.id_only_copied);

  // a whole finding compared, copied into an answer, kept in a list or read by a computed key
  for (const char* unsafe : {
           R"("findingDeadlines": [{"set": "x", "value": {"==": [{"var": "finding"}, {"var": "finding"}]}}])",
           R"("findingDeadlines": [{"push": "deadlines", "value": {"var": "finding"}}])",
           R"("findingDeadlines": [{"let": "f", "value": {"var": "finding"}}, {"set": "all", "value": {"var": "f"}}])",
           R"("findingDeadlines": [{"set": "x", "value": {"get": [{"var": "finding"}, {"concat": ["gr", "ade"]}]}}])",
           R"("findingDeadlines": [{"set": "x", "value": [{"var": "finding"}]}])",
           R"("submissionIssues": [{"each": "f", "in": {"var": "findings"}, "do": [{"push": "issues", "value": {"var": "f"}}]}])",
           R"("submissionIssues": [{"set": "n", "value": {"map": [{"var": "findings"}, {"var": "it"}]}}])",
           R"("findingDeadlines": [{"set": "x", "value": {"call": ["helper", {"var": "finding"}]}}], "helper": [])",
           R"("findingDeadlines": [{"set": "x", "value": {"call": ["helper", {"object": {"g": {"var": "finding"}}}]}}],
              "helper": [{"set": "y", "value": {"var": "g"}}])"}) {
    INFO(unsafe);
    auto pack = test_pack(unsafe, "");
    CHECK_FALSE(pack->validate_plan->restricted());
  }
  auto expression = test_pack("", R"({"field": "responsible", "check": "expr", "code": "c", "message": "m",
      "rule": "t", "fails": {"in": [{"var": "finding"}, []]}})");
  CHECK_FALSE(expression->validate_plan->expressions.exact);
}

TEST_CASE("validate answers the same both ways for packs whose findings cannot be restricted") {
  Engine e;
  const std::string pack = R"({"$schema": "x", "id": "whole-findings", "scheme": "t", "title": "t",
    "version": "1", "publisher": "t", "effectiveDate": null, "language": "en", "verified": true,
    "sources": [{"id": "t", "short": "T", "title": "t", "verified": true}],
    "programs": {
      "findingDeadlines": [{"push": "deadlines", "value": {"object": {"findingId": {"var": "finding.id"},
        "kind": {"concat": ["k-", {"var": "finding.id"}]}, "dueDate": {"addDays": [{"var": "lastAuditDay"}, 28]},
        "finding": {"var": "finding"}}}}],
      "submissionIssues": [{"each": "f", "in": {"var": "findings"}, "do": [{"push": "issues",
        "value": {"object": {"field": "findings", "severity": "warning", "code": "c", "message": "m",
                             "rule": "t §1", "finding": {"var": "f"}}}}]}]},
    "form": {"rule": "t §1", "grades": ["minor"], "workflow": {"rule": "t §0", "states": ["a"],
      "initial": {"cm": "a", "oe": "a", "full": "a"}, "transitions": [{"from": ["a"], "action": "save", "to": "a"}]},
      "checks": [{"field": "responsible", "check": "expr", "code": "c", "message": "form_id_required",
                  "rule": "t §2", "fails": {"in": [{"var": "finding"}, [{"quote": {}}]]}}]}})";
  REQUIRE(e.load_pack(pack, "test").status == Answer::Status::Ok);
  CallOptions o;
  o.today = "2026-03-20";
  Answer a = both_ways(e, R"({"scheme": "whole-findings", "audit": {"lastDay": "2026-03-10"},
    "findings": [{"id": "NC-1", "grade": "minor", "responsible": "QA"}, {"id": "NC-2", "grade": "minor"},
                 {"grade": "minor", "evidence": [{"name": "a.pdf", "bytes": 5}]}]})", o);
  CHECK(a.json.find("\"kind\":\"k-NC-2\"") != std::string::npos);
  CHECK(a.json.find("\"finding\":{\"id\":\"NC-1\",\"clause\":null") != std::string::npos);
}

TEST_CASE("deadlines kept with the pack across calls serve only the request context they were made for") {
  ParseResult doc = parse_json(slurp(fs::path(CERTCALC_VECTOR_DIR) / "core" / "validate-form.json"));
  REQUIRE(!doc.failure);
  auto load = [&](Engine& e) {
    for (const Value& p : doc.value.find("loadPacks")->as_list())
      REQUIRE(e.load_pack(write_json(p), "test").status == Answer::Status::Ok);
  };
  std::string base;
  for (const Value& c : doc.value.find("cases")->as_list())
    if (c.find("name")->as_string() == "a-complete-finding-is-ready") base = write_json(*c.find("request"));
  REQUIRE(!base.empty());
  auto with = [&](std::string text, const std::string& from, const std::string& to) {
    std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
  };
  struct Call {
    std::string request, today, locale;
  };
  // Each changes one thing findingDeadlines or the days left read.
  const std::vector<Call> calls = {
      {base, "2026-03-20", ""},
      {with(base, "\"lastDay\":\"2026-03-10\"", "\"lastDay\":\"2026-02-10\""), "2026-03-20", ""},
      {with(base, "\"today\":\"2026-03-20\"", "\"today\":\"2026-05-20\""), "2026-03-20", ""},
      {with(base, ",\"today\":\"2026-03-20\"", ""), "2026-04-30", ""},
      {with(base, "\"type\":\"surveillance\"", "\"type\":\"initial\""), "2026-03-20", ""},
      {base, "2026-03-20", "nl"},
      {with(base, "\"findings\"", "\"holidays\":[\"2026-03-11\",\"2026-03-12\"],\"findings\""), "2026-03-20", ""},
  };
  Engine shared;
  load(shared);
  std::vector<std::string> answers;
  for (int round = 0; round < 2; ++round) {
    for (const Call& c : calls) {
      CallOptions o;
      o.today = c.today;
      o.locale = c.locale;
      Engine fresh;
      load(fresh);
      Answer expected = fresh.call("validate", c.request, o);
      Answer got = shared.call("validate", c.request, o);
      INFO("request: " << c.request << " today " << c.today << " locale " << c.locale);
      REQUIRE(expected.status == Answer::Status::Ok);
      CHECK(got.json == expected.json);
      if (round == 0) answers.push_back(got.json);
    }
  }
  // The changes do change the answer (else the test would show nothing): the deadlines' days.
  CHECK(answers[1] != answers[0]);
  CHECK(answers[2] != answers[0]);
  CHECK(answers[3] != answers[0]);
  CHECK(answers[5] != answers[0]);
}
