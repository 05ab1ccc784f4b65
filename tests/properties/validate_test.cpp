// validate over large submissions: every finding answered, in order, nothing lost.
#include <catch2/catch.hpp>

#include <string>

#include "certcalc/engine.h"
#include "json_io.h"

using namespace certcalc;

namespace {

std::string finding(int i, const char* grade) {
  return R"({"id": "NC-)" + std::to_string(i) + R"(", "clause": "GMP+ TS1.2 3.1", "grade": ")" + grade +
         R"(", "statement": "Supplier of lot )" + std::to_string(i) + R"( not approved.",
    "correction": "Lot blocked and the supplier assessed and approved.",
    "rootCause": "The purchasing procedure had no approved-list check before release.",
    "correctiveAction": "Procedure P-07 adds the approved-list check; buyers trained.",
    "plannedCompletion": "2026-04-15", "responsible": "Purchasing manager",
    "evidence": [{"name": "p07.pdf", "mediaType": "application/pdf", "bytes": 1000}]})";
}

}  // namespace

TEST_CASE("a 10,000-finding submission is answered finding by finding (002 §4.2.7)") {
  std::string req = R"({"scheme": "gmpplus-cr3.0", "audit": {"lastDay": "2026-03-10"},
    "today": "2026-03-20", "findings": [)";
  for (int i = 0; i < 10000; ++i) req += (i ? "," : "") + finding(i, i % 2 ? "non-conform" : "non-conformity");
  req += "]}";
  Engine e;
  Answer a = e.call("validate", req);
  REQUIRE(a.status == Answer::Status::Ok);
  auto r = parse_json(a.json, ParseLimits{});
  REQUIRE_FALSE(r.failure);
  CHECK(r.value.find("valid")->as_bool());
  const List& findings = r.value.find("findings")->as_list();
  REQUIRE(findings.size() == 10000);
  CHECK(r.value.find("ready")->as_list().size() == 10000);
  for (int i = 0; i < 10000; i += 997) {
    INFO(i);
    CHECK(findings[static_cast<std::size_t>(i)].find("id")->as_string() == "NC-" + std::to_string(i));
  }
  // Each inland-waterway "Non conform" is named at submission level (§4.2.4, §4.3).
  CHECK(r.value.find("issues")->as_list().size() == 5000);
}

TEST_CASE("duplicate ids among 10,000 findings are all caught") {
  std::string req = R"({"scheme": "gmpplus-cr3.0", "audit": {"lastDay": "2026-03-10"}, "findings": [)";
  for (int i = 0; i < 10000; ++i) req += (i ? "," : "") + finding(i % 5000, "non-conformity");
  req += "]}";
  Engine e;
  Answer a = e.call("validate", req);
  REQUIRE(a.status == Answer::Status::Ok);
  auto r = parse_json(a.json, ParseLimits{});
  REQUIRE_FALSE(r.failure);
  CHECK_FALSE(r.value.find("valid")->as_bool());
  CHECK(r.value.find("ready")->as_list().empty());
  CHECK(r.value.find("issues")->as_list().size() == 5000);  // one per duplicated id
}
