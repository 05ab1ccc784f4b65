// Properties of the fssc22000-5.1 pack that the source document implies, swept over many
// requests through the public Engine API (004_9e4b806a07ab55e8.txt, FSSC 22000 v5.1).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "certcalc/engine.h"
#include "json_io.h"

using namespace certcalc;

namespace {

const std::vector<std::string> kCategories = {"AI", "AII", "CI",  "CII", "CIII", "CIV", "DI", "DIIa",
                                              "DIIb", "EI", "FI", "GI", "GII", "I", "K"};
const std::vector<std::string> kAuditTypes = {"initial", "surveillance", "recertification", "transition"};

// FTE values around every band edge of Annex B table B.2 and the 5/6, 19/20 and 249/250
// edges of §4.3.1 b) and §4.3.3.
const std::vector<int> kFte = {1,   2,   5,   6,   10,  19,  20,  21,   49,   50,   79,   80,   199,  200,
                               249, 250, 251, 499, 500, 899, 900, 1299, 1300, 1699, 1700, 2999, 3000, 5000,
                               5001, 20000};

const Engine& engine() {
  static const Engine e;
  return e;
}

Value call(const std::string& op, const std::string& request) {
  CallOptions o;
  o.today = "2026-01-15";
  Answer a = engine().call(op, request, o);
  INFO(op << " " << request << " -> " << a.json);
  REQUIRE(a.status == Answer::Status::Ok);
  auto r = parse_json(a.json);
  REQUIRE_FALSE(r.failure);
  return r.value;
}

double num(const Value& v, const char* key) {
  const Value* x = v.find(key);
  REQUIRE(x);
  REQUIRE(x->is_number());
  return x->as_number().to_double();
}

// Category K has disputed Annex B figures and C, D, E, F, G, I no known T_MS: those requests
// give the certification body's T_S (K) or a certified management system (the rest), so that
// every category can be swept. A is swept without a certified management system (T_MS known).
std::string duration_request(const std::string& type, const std::string& category, int fte, int haccp,
                             const std::string& extra = "") {
  std::string r = R"({"scheme": "fssc22000-5.1", "auditType": ")" + type + R"(", "category": ")" + category +
                  R"(", "fte": )" + std::to_string(fte) + R"(, "haccpStudies": )" + std::to_string(haccp);
  if (category == "K")
    r += R"(, "tsDays": 1.5)";
  else
    r += category[0] == 'A' ? R"(, "certifiedManagementSystem": false)" : R"(, "certifiedManagementSystem": true)";
  return r + extra + "}";
}

// The least on-site time the answer allows: the exemption's figure where one applies.
double lowest_on_site(const Value& v) {
  const Value* ex = v.find("exemption");
  REQUIRE(ex);
  return ex->is_null() ? num(v, "onSiteDays") : num(*ex, "onSiteDays");
}

int outcome_rank(const Value& v) {
  const std::string s = v.find("status")->as_string();
  if (s == "certifiable") return 0;
  if (s == "conditional") return 1;
  return 2;  // suspended, not-certified
}

}  // namespace

TEST_CASE("fssc: more FTE never gives less audit time (§4.3.1, §4.3.3; Annex B table B.2)") {
  for (const auto& type : kAuditTypes) {
    for (const auto& category : kCategories) {
      for (int haccp : {1, 2, 3, 5}) {
        double on_site = 0, rounded = 0, total = 0, lowest = 0;
        for (int fte : kFte) {
          INFO(type << " " << category << " haccp " << haccp << " fte " << fte);
          Value v = call("duration", duration_request(type, category, fte, haccp, R"(, "simpleProcesses": true)"));
          CHECK(num(v, "onSiteDays") >= on_site);
          CHECK(num(v, "onSiteDaysRounded") >= rounded);
          CHECK(num(v, "totalDays") >= total);
          CHECK(lowest_on_site(v) >= lowest);
          on_site = num(v, "onSiteDays");
          rounded = num(v, "onSiteDaysRounded");
          total = num(v, "totalDays");
          lowest = lowest_on_site(v);
        }
      }
    }
  }
}

TEST_CASE("fssc: more HACCP studies never give less audit time (§4.3.1 b); Annex B table B.1 T_H)") {
  for (const auto& type : kAuditTypes) {
    for (const auto& category : kCategories) {
      for (int fte : {1, 5, 6, 19, 20, 60, 249, 250, 1000}) {
        double on_site = 0, total = 0, lowest = 0;
        for (int haccp = 1; haccp <= 12; ++haccp) {
          INFO(type << " " << category << " fte " << fte << " haccp " << haccp);
          Value v = call("duration", duration_request(type, category, fte, haccp, R"(, "simpleProcesses": true)"));
          CHECK(num(v, "onSiteDays") >= on_site);
          CHECK(num(v, "totalDays") >= total);
          CHECK(lowest_on_site(v) >= lowest);
          on_site = num(v, "onSiteDays");
          total = num(v, "totalDays");
          lowest = lowest_on_site(v);
        }
      }
    }
  }
}

TEST_CASE("fssc: surveillance <= recertification <= initial, transition = two thirds like recertification (§4.3.2, §4.3.3)") {
  const std::vector<std::string> extras = {
      "", R"(, "tsReductionDays": 0.25)", R"(, "headOffice": "separate", "headOfficeReductionPercent": 20)",
      R"(, "offSiteStorageFacilities": 2)", R"(, "offSiteActivitySites": 1)"};
  for (const auto& category : kCategories) {
    for (int fte : {1, 20, 80, 250, 3000}) {
      for (int haccp : {1, 3, 8}) {
        for (const auto& extra : extras) {
          std::string e = extra;
          // A 0.25-day reduction is refused where T_S would fall below 1 day (§4.3.1); from
          // 20 FTE every swept T_S is at least 1.5 days.
          if (e.find("tsReduction") != std::string::npos && fte < 20) continue;
          INFO(category << " fte " << fte << " haccp " << haccp << e);
          Value initial = call("duration", duration_request("initial", category, fte, haccp, e));
          Value surveillance = call("duration", duration_request("surveillance", category, fte, haccp, e));
          Value recertification = call("duration", duration_request("recertification", category, fte, haccp, e));
          Value transition = call("duration", duration_request("transition", category, fte, haccp, e));
          CHECK(num(surveillance, "onSiteDays") <= num(recertification, "onSiteDays"));
          CHECK(num(recertification, "onSiteDays") <= num(initial, "onSiteDays"));
          CHECK(num(transition, "onSiteDays") <= num(initial, "onSiteDays"));
          CHECK(num(transition, "onSiteDays") == num(recertification, "onSiteDays"));
          CHECK(num(surveillance, "totalDays") <= num(recertification, "totalDays"));
          CHECK(num(recertification, "totalDays") <= num(initial, "totalDays"));
        }
      }
    }
  }
}

TEST_CASE("fssc: the breakdown adds up and the derived figures follow from onSiteDays (§4.3.1, §4.3.3)") {
  for (const auto& type : kAuditTypes) {
    for (const auto& category : kCategories) {
      for (int fte : {3, 19, 20, 250, 5001}) {
        for (int haccp : {1, 2, 3}) {
          for (const std::string extra : {"", R"(, "offSiteStorageFacilities": 1, "offSiteActivitySites": 1)",
                                          R"(, "headOffice": "separate", "headOfficeReductionPercent": 10, "simpleProcesses": true)"}) {
            INFO(type << " " << category << " fte " << fte << " haccp " << haccp << extra);
            Value v = call("duration", duration_request(type, category, fte, haccp, extra));
            const double on_site = num(v, "onSiteDays");
            double sum = 0;
            for (const Value& t : v.find("breakdown")->as_list()) sum += num(t, "days");
            CHECK(std::fabs(sum - on_site) < 1e-5);  // answers carry 6 decimals
            const double rounded = num(v, "onSiteDaysRounded");
            CHECK(rounded >= on_site);
            CHECK(rounded - on_site < 0.5);
            CHECK(std::fmod(rounded, 0.5) == 0);
            CHECK(std::fabs(num(v, "onSiteHours") - 8 * on_site) < 1e-5);
            CHECK(num(v, "totalDays") == rounded + 0.75);
            CHECK(on_site >= num(v, "minimumOnSiteDays"));
            CHECK(on_site >= 1.5);  // §4.3.3 b): T_S at least 1 day + T_FSSC at least 0.5
            const Value* ex = v.find("exemption");
            if (!ex->is_null()) {
              CHECK(num(*ex, "minimumDays") < on_site);
              CHECK(num(*ex, "minimumDays") >= 1);  // §4.3.3 exemptions: never below 1 day
            }
          }
        }
      }
    }
  }
}

TEST_CASE("fssc: justified reductions never add time, additional sites never take time away (§4.3.1, §4.3.4)") {
  for (const auto& category : {"CI", "EI", "GII", "I"}) {
    for (const auto& type : kAuditTypes) {
      double previous = 1e9;
      for (const char* r : {"0", "0.05", "0.1", "0.2", "0.25"}) {
        Value v = call("duration", duration_request(type, category, 60, 2, std::string(R"(, "tsReductionDays": )") + r));
        CHECK(num(v, "onSiteDays") <= previous);
        previous = num(v, "onSiteDays");
      }
      previous = 1e9;
      for (int pct = 0; pct <= 20; pct += 5) {
        Value v = call("duration", duration_request(type, category, 60, 2,
                                                    R"(, "headOffice": "separate", "headOfficeReductionPercent": )" +
                                                        std::to_string(pct)));
        CHECK(num(v, "onSiteDays") <= previous);
        CHECK(num(v, "headOfficeDays") == 0.5);
        previous = num(v, "onSiteDays");
      }
      previous = 0;
      for (int n = 0; n <= 4; ++n) {
        Value v = call("duration", duration_request(type, category, 60, 2,
                                                    R"(, "offSiteStorageFacilities": )" + std::to_string(n) +
                                                        R"(, "offSiteActivitySites": )" + std::to_string(n)));
        CHECK(num(v, "onSiteDays") >= previous);
        previous = num(v, "onSiteDays");
      }
    }
  }
}

TEST_CASE("fssc: a cycle is the initial audit, two surveillance audits and a recertification (§4.3, §5.1 8))") {
  for (const auto& category : kCategories) {
    for (int fte : {4, 60, 300}) {
      const std::string extra = R"(, "headOffice": "separate", "offSiteStorageFacilities": 1)";
      Value cycle = call("duration", duration_request("cycle", category, fte, 2, extra));
      const List& audits = cycle.find("audits")->as_list();
      REQUIRE(audits.size() == 4);
      const std::vector<std::string> order = {"initial", "surveillance", "surveillance", "recertification"};
      double total = 0, head_office = 0;
      for (std::size_t i = 0; i < 4; ++i) {
        CHECK(audits[i].find("auditType")->as_string() == order[i]);
        Value single = call("duration", duration_request(order[i], category, fte, 2, extra));
        CHECK(num(audits[i], "onSiteDays") == num(single, "onSiteDays"));
        CHECK(num(audits[i], "totalDays") == num(single, "totalDays"));
        total += num(audits[i], "totalDays");
        head_office += num(audits[i], "headOfficeDays");
      }
      CHECK(num(cycle, "totalDays") == total);
      CHECK(num(cycle, "headOfficeDays") == head_office);
    }
  }
}

TEST_CASE("fssc: every look-up answer says the Annex B figures are unverified; tsDays answers do not") {
  for (const auto& category : kCategories) {
    if (category == "K") continue;
    Value v = call("duration", duration_request("initial", category, 30, 2));
    std::vector<std::string> codes;
    for (const Value& w : v.find("warnings")->as_list()) codes.push_back(w.find("code")->as_string());
    CHECK(codes == std::vector<std::string>{"fssc_annex_b1_unverified", "fssc_annex_b2_unverified"});
    Value given = call("duration", R"({"scheme": "fssc22000-5.1", "auditType": "initial", "category": ")" + category +
                                       R"(", "fte": 30, "haccpStudies": 2, "tsDays": 2})");
    CHECK(given.find("warnings")->as_list().empty());
  }
}

TEST_CASE("fssc: more nonconformities never improve the outcome (§6.2)") {
  for (const auto& type : kAuditTypes) {
    for (int critical = 0; critical <= 2; ++critical) {
      for (int major = 0; major <= 3; ++major) {
        for (int minor = 0; minor <= 3; ++minor) {
          auto request = [&](int c, int M, int m) {
            return R"({"scheme": "fssc22000-5.1", "auditType": ")" + type + R"(", "critical": )" + std::to_string(c) +
                   R"(, "major": )" + std::to_string(M) + R"(, "minor": )" + std::to_string(m) + "}";
          };
          Value base = call("grade", request(critical, major, minor));
          CHECK(base.find("grade")->is_null());
          for (Value worse : {call("grade", request(critical + 1, major, minor)),
                              call("grade", request(critical, major + 1, minor)),
                              call("grade", request(critical, major, minor + 1))}) {
            INFO(type << " " << critical << "/" << major << "/" << minor);
            CHECK(outcome_rank(worse) >= outcome_rank(base));
            CHECK((!worse.find("certified")->as_bool() || base.find("certified")->as_bool()));
            CHECK((worse.find("revisitRequired")->as_bool() || !base.find("revisitRequired")->as_bool()));
          }
        }
      }
    }
  }
}

TEST_CASE("fssc: deadlines never fall before the last audit day; suspension is 3 working days later (§6.2)") {
  for (int day = 0; day < 371; ++day) {
    // Every day of a year (2026-03-02 is a Monday), weekends included.
    const Date last = *Date::from_ymd(2026, 3, 2)->add_days(day);
    Value v = call("deadlines", R"({"scheme": "fssc22000-5.1", "lastAuditDay": ")" + last.to_string() +
                                    R"(", "findings": [{"id": "a", "grade": "minor"}, {"id": "b", "grade": "major"},
                                    {"id": "c", "grade": "critical"}]})");
    for (const Value& d : v.find("deadlines")->as_list()) {
      INFO(last.to_string() << " " << write_json(d));
      for (const char* key : {"dueDate", "from", "to"}) {
        const Value* x = d.find(key);
        if (!x) continue;
        const Date due = *Date::parse(x->as_string());
        CHECK(last < due);
      }
      if (d.find("kind")->as_string() == "suspension") {
        const Date due = *Date::parse(d.find("dueDate")->as_string());
        CHECK(due.iso_weekday() <= 5);
        const auto gap = last.days_until(due);
        CHECK(gap >= 3);
        CHECK(gap <= 5);
      }
    }
  }
}
