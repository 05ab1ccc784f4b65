// Properties of the fssc22000-6 pack, swept through the public Engine API: what the version 6
// sources give (FSSC 22000 V6 FAQ: preparation unchanged, reporting 1.0 day of 8 hours; Version 6
// Upgrade Process §2: version 6 audits from 1 April 2024) and, on request, the version 5.1
// timeframes exactly as the fssc22000-5.1 pack gives them.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "certcalc/engine.h"
#include "json_io.h"

using namespace certcalc;

namespace {

const Engine& engine() {
  static const Engine e;
  return e;
}

Answer raw(const std::string& op, const std::string& request) {
  CallOptions o;
  o.today = "2026-01-15";
  return engine().call(op, request, o);
}

Value call(const std::string& op, const std::string& request) {
  Answer a = raw(op, request);
  INFO(op << " " << request << " -> " << a.json);
  REQUIRE(a.status == Answer::Status::Ok);
  auto r = parse_json(a.json);
  REQUIRE_FALSE(r.failure);
  return r.value;
}

std::string error_code(const std::string& op, const std::string& request) {
  Answer a = raw(op, request);
  INFO(op << " " << request << " -> " << a.json);
  REQUIRE(a.status == Answer::Status::RequestError);
  auto r = parse_json(a.json);
  REQUIRE_FALSE(r.failure);
  return r.value.find("error")->find("code")->as_string();
}

// Every quarter day from 0.25 to 12, and a few large figures.
std::vector<std::string> on_site_days() {
  std::vector<std::string> out;
  for (int q = 1; q <= 48; ++q) out.push_back(std::to_string(q / 4) + "." + std::to_string(q % 4 * 25));
  for (const char* d : {"17.5", "99.75", "1000"}) out.push_back(d);
  return out;
}

// Every day of 2024-03-25 .. 2024-04-10 and of leap-year Februaries and month ends after it.
std::vector<std::string> last_days() {
  std::vector<std::string> out;
  for (int d = 25; d <= 31; ++d) out.push_back("2024-03-" + std::to_string(d));
  for (int d = 1; d <= 9; ++d) out.push_back("2024-04-0" + std::to_string(d));
  for (const char* d : {"2024-04-10", "2024-08-30", "2024-08-31", "2024-12-27", "2025-01-31", "2025-03-31",
                        "2027-08-31", "2028-01-31", "2028-02-01", "2028-02-28", "2028-02-29", "2028-12-29"})
    out.push_back(d);
  return out;
}

}  // namespace

TEST_CASE("fssc6: total = on-site + 0.25 preparation + 1.0 reporting, 8 hours a day, for every audit type") {
  for (const std::string& days : on_site_days()) {
    for (const char* type : {"initial", "surveillance", "recertification"}) {
      Value a = call("duration", R"({"scheme": "fssc22000-6", "auditType": ")" + std::string(type) +
                                     R"(", "onSiteDays": )" + days + "}");
      const double d = std::stod(days);
      CHECK(a.find("onSiteDays")->as_number().to_double() == d);
      CHECK(a.find("onSiteHours")->as_number().to_double() == d * 8);
      CHECK(a.find("totalDays")->as_number().to_double() == d + 1.25);
      CHECK(a.find("breakdown")->as_list().size() == 1);
    }
  }
}

TEST_CASE("fssc6: a cycle totals its four audits") {
  const auto days = on_site_days();
  for (std::size_t i = 0; i + 2 < days.size(); i += 3) {
    Value a = call("duration", R"({"scheme": "fssc22000-6", "auditType": "cycle", "onSiteDays": )" + days[i + 2] +
                                   R"(, "surveillanceOnSiteDays": )" + days[i] +
                                   R"(, "recertificationOnSiteDays": )" + days[i + 1] + "}");
    double sum = 0;
    for (const Value& audit : a.find("audits")->as_list()) sum += audit.find("totalDays")->as_number().to_double();
    CHECK(a.find("audits")->as_list().size() == 4);
    CHECK(a.find("totalDays")->as_number().to_double() == sum);
    CHECK(sum == std::stod(days[i + 2]) + 2 * std::stod(days[i]) + std::stod(days[i + 1]) + 4 * 1.25);
  }
}

TEST_CASE("fssc6: version 6 audits start on 2024-04-01 in deadlines and schedule") {
  for (const std::string& day : last_days()) {
    const bool v6 = day >= "2024-04-01";
    INFO(day);
    const std::string d = R"({"scheme": "fssc22000-6", "lastAuditDay": ")" + day +
                          R"(", "findings": [{"id": "N", "grade": "minor"}], "ncTimeframes": "version-5.1"})";
    const std::string s = R"({"scheme": "fssc22000-6", "auditType": "surveillance", "lastAuditDay": ")" + day + "\"}";
    if (v6) {
      call("deadlines", d);
      call("schedule", s);
    } else {
      CHECK(error_code("deadlines", d) == "invalid_field");
      CHECK(error_code("schedule", s) == "invalid_field");
    }
  }
}

TEST_CASE("fssc6: the version 5.1 timeframes on request are exactly those of the fssc22000-5.1 pack") {
  for (const std::string& day : last_days()) {
    if (day < "2024-04-01") continue;
    for (const char* type : {"", "initial", "surveillance", "recertification"}) {
      const std::string findings = R"("findings": [{"id": "a", "grade": "minor"}, {"id": "b", "grade": "major"},
                                      {"id": "c", "grade": "critical"}])";
      const std::string audit = *type ? std::string(R"(, "auditType": ")") + type + "\"" : std::string();
      Value v6 = call("deadlines", R"({"scheme": "fssc22000-6", "lastAuditDay": ")" + day + "\", " + findings +
                                       audit + R"(, "ncTimeframes": "version-5.1"})");
      Value v51 = call("deadlines", R"({"scheme": "fssc22000-5.1", "lastAuditDay": ")" + day + "\", " + findings +
                                        audit + "}");
      const auto& a = v6.find("deadlines")->as_list();
      const auto& b = v51.find("deadlines")->as_list();
      INFO(day << " " << type);
      REQUIRE(a.size() == b.size());
      for (std::size_t i = 0; i < a.size(); ++i)
        for (const char* key : {"findingId", "kind", "dueDate", "from", "to"}) {
          const Value* x = a[i].find(key);
          const Value* y = b[i].find(key);
          CHECK((x == nullptr) == (y == nullptr));
          if (x && y) CHECK(x->equals(*y));
        }
    }
  }
}

TEST_CASE("fssc6: without timeframes any nonconformity is a missing value, none is certifiable") {
  for (const char* counts : {R"("minor": 1)", R"("major": 1)", R"("critical": 1, "auditType": "initial")",
                             R"("minor": 5, "major": 2)"})
    CHECK(error_code("grade", R"({"scheme": "fssc22000-6", )" + std::string(counts) + "}") == "missing_value");
  Value none = call("grade", R"({"scheme": "fssc22000-6", "critical": 0, "major": 0, "minor": 0})");
  CHECK(none.find("status")->as_string() == "certifiable");
  CHECK(none.find("warnings")->as_list().empty());
}
