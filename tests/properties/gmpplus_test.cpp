// Properties of the GMP+ CR3.0 pack (002_af387c1ec987754e.txt) swept through the public Engine.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "certcalc/engine.h"
#include "date.h"
#include "json_io.h"

using namespace certcalc;

namespace {

const Engine& engine() {
  static const Engine e;
  return e;
}

Value ask(const std::string& op, const std::string& body) {
  Answer a = engine().call(op, R"({"scheme": "gmpplus-cr3.0", )" + body + "}");
  INFO(op << " " << body << " -> " << a.json);
  REQUIRE(a.status == Answer::Status::Ok);
  auto r = parse_json(a.json);
  REQUIRE_FALSE(r.failure);
  return r.value;
}

Exact days(const Value& v, const char* key = "totalDays") {
  const Value* d = v.find(key);
  REQUIRE(d);
  REQUIRE(d->is_number());
  return d->as_number();
}

Exact sum_breakdown(const Value& v) {
  Exact total(0);
  for (const Value& t : v.find("breakdown")->as_list()) total = *total.add(t.find("days")->as_number());
  return total;
}

Date date_of(const Value& v) {
  REQUIRE(v.is_string());
  auto d = Date::parse(v.as_string());
  REQUIRE(d);
  return *d;
}

std::string lab(const std::string& at, const std::string& acc, const std::string& loc, int n) {
  std::string body = R"("auditType": ")" + at + R"(", "scope": "laboratory-testing", "accreditation": ")" + acc +
                     R"(", "analyses": )" + std::to_string(n);
  if (!loc.empty()) body += R"(, "location": ")" + loc + "\"";
  return body;
}

const char* const kAuditTypes[] = {"initial", "recertification", "interim"};

}  // namespace

TEST_CASE("laboratory testing: more analyses never give less time, and the breakdown adds up (002_af387c1ec987754e.txt Appendix 1 Laboratoriumonderzoek)",
          "[gmpplus]") {
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"full", ""}, {"partial", ""}, {"none", "main"}, {"none", "secondary"}};
  for (const char* at : kAuditTypes) {
    for (const auto& k : kinds) {
      Exact previous(0);
      for (int n = 1; n <= 60; ++n) {
        Value v = ask("duration", lab(at, k.first, k.second, n));
        INFO(at << " " << k.first << " " << k.second << " " << n);
        CHECK(days(v) >= previous);
        CHECK(sum_breakdown(v) == days(v));
        CHECK(days(v, "lowestAllowedDays") == days(v));  // no reduction without a footnote
        previous = days(v);
      }
    }
  }
}

TEST_CASE("laboratory testing: more accreditation never gives more time (002_af387c1ec987754e.txt Appendix 1 Laboratoriumonderzoek)",
          "[gmpplus]") {
  for (const char* at : kAuditTypes) {
    for (int n = 1; n <= 40; ++n) {
      INFO(at << " " << n);
      Exact full = days(ask("duration", lab(at, "full", "", n)));
      Exact partial = days(ask("duration", lab(at, "partial", "", n)));
      Exact none = days(ask("duration", lab(at, "none", "main", n)));
      CHECK(full <= partial);
      CHECK(partial <= none);
    }
  }
}

TEST_CASE("laboratory testing: footnote 2 allows exactly 35% off, never more (002_af387c1ec987754e.txt Appendix 1 voetnoot 2)",
          "[gmpplus]") {
  for (int n : {1, 4, 5, 6, 15, 16, 20, 21, 80}) {
    Value v = ask("duration", lab("initial", "none", "main", n) + R"(, "isoCertified": true)");
    CHECK(days(v, "lowestAllowedDays") == *days(v).mul(*Exact::ratio(13, 20)));
  }
}

TEST_CASE("registered laboratory: every extra analysis adds time; footnote 6 halves at most (002_af387c1ec987754e.txt Appendix 1 voetnoten 4 5 6)",
          "[gmpplus]") {
  for (int p = 0; p <= 12; ++p) {
    for (int o = 0; o <= 12; ++o) {
      if (p + o == 0) continue;
      auto body = [&](int pp, int oo, const char* extra) {
        return R"("auditType": "initial", "scope": "registered-laboratory", "analysesPerformed": )" +
               std::to_string(pp) + R"(, "analysesOutsourced": )" + std::to_string(oo) + extra;
      };
      INFO("performed " << p << " outsourced " << o);
      Value v = ask("duration", body(p, o, ""));
      CHECK(sum_breakdown(v) == days(v));
      CHECK(days(ask("duration", body(p + 1, o, ""))) > days(v));
      CHECK(days(ask("duration", body(p, o + 1, ""))) > days(v));
      Value reduced = ask("duration", body(p, o, R"(, "iso17025Accredited": true, "combinedWithLaboratoryTesting": true)"));
      CHECK(days(reduced) == days(v));
      CHECK(days(reduced, "lowestAllowedDays") >= *days(v).div(Exact(2)));
      CHECK(days(reduced, "lowestAllowedDays") <= days(v));
    }
  }
}

TEST_CASE("FRA: another scope never lowers the time; in addition to FSA never exceeds stand-alone (002_af387c1ec987754e.txt Appendix 1 R 5.0)",
          "[gmpplus]") {
  const std::vector<std::string> modules = {"rtrs-mass-balance", "responsible-pig-poultry-feed",
                                            "responsible-dairy-feed", "carbon-footprint", "responsible-feed"};
  for (const char* at : {"initial", "interim"}) {
    std::string list;
    Exact previous_with(0), previous_alone(0);
    for (const auto& m : modules) {
      list += (list.empty() ? "\"" : ", \"") + m + "\"";
      std::string base = R"("auditType": ")" + std::string(at) + R"(", "scope": "fra", "modules": [)" + list + "]";
      Value with = ask("duration", base + R"(, "withFsa": true)");
      Value alone = ask("duration", base + R"(, "withFsa": false)");
      INFO(at << " " << list);
      CHECK(days(with) > previous_with);
      CHECK(days(alone) > previous_alone);
      CHECK(days(with) <= days(alone));
      CHECK(sum_breakdown(with) == days(with));
      previous_with = days(with);
      previous_alone = days(alone);
    }
  }
}

TEST_CASE("FRA: the order of the modules does not change the time (002_af387c1ec987754e.txt Appendix 1 R 5.0 voetnoten 1 2)",
          "[gmpplus]") {
  const std::vector<std::string> orders = {
      R"(["carbon-footprint", "gmo-controlled-trade", "rtrs-mass-balance", "gmo-controlled-road-transport"])",
      R"(["gmo-controlled-road-transport", "rtrs-mass-balance", "gmo-controlled-trade", "carbon-footprint"])",
      R"(["gmo-controlled-trade", "gmo-controlled-road-transport", "carbon-footprint", "rtrs-mass-balance"])"};
  for (const char* at : {"initial", "interim"}) {
    Exact first = days(ask("duration", R"("auditType": ")" + std::string(at) +
                                           R"(", "scope": "fra", "withFsa": true, "modules": )" + orders[0]));
    for (const auto& o : orders)
      CHECK(days(ask("duration", R"("auditType": ")" + std::string(at) +
                                     R"(", "scope": "fra", "withFsa": true, "modules": )" + o)) == first);
  }
}

TEST_CASE("multi-site: the head office increment grows by 0.25 per location and stops at 1.25 (002_af387c1ec987754e.txt Appendix 2)",
          "[gmpplus]") {
  Exact previous(0);
  std::string sites;
  for (int k = 1; k <= 12; ++k) {
    sites += std::string(k == 1 ? "" : ", ") + R"({"activities": ["road-transport"]})";
    Value v = ask("duration", R"("auditType": "initial", "scope": "fra", "withFsa": true,
                                 "modules": ["gmo-controlled-road-transport"], "multiSiteLocations": [)" + sites + "]");
    Exact increment = *days(v).sub(*Exact::ratio(1, 4));
    INFO(k);
    CHECK(increment >= previous);
    CHECK(increment <= *Exact::ratio(5, 4));
    CHECK(increment == (k <= 5 ? *Exact::ratio(k, 4) : *Exact::ratio(5, 4)));
    previous = increment;
  }
}

TEST_CASE("schedule: interim windows sit 12 and 24 months (plus or minus 2) after every decision date (002_af387c1ec987754e.txt §4.2.1.4 §4.2.8.1)",
          "[gmpplus]") {
  Date d = *Date::parse("2023-12-01");
  for (int i = 0; i < 1000; i += 3) {
    Date decision = *d.add_days(i);
    Value v = ask("schedule", R"("scope": "laboratory-testing", "decisionDate": ")" + decision.to_string() + "\"");
    INFO(decision.to_string());
    const List& windows = v.find("interimAudits")->as_list();
    REQUIRE(windows.size() == 2);
    for (std::size_t w = 0; w < 2; ++w) {
      Date from = date_of(*windows[w].find("from")), due = date_of(*windows[w].find("due")),
           to = date_of(*windows[w].find("to"));
      CHECK(decision < from);
      CHECK(from < due);
      CHECK(due < to);
      CHECK(due.to_string() == decision.add_months(12 * static_cast<std::int64_t>(w + 1))->to_string());
      CHECK(from.days_until(due) >= 28 + 28);   // two months
      CHECK(due.days_until(to) >= 28 + 28);
    }
    Date until = date_of(*v.find("certificateValidUntil")->find("date"));
    CHECK(decision.days_until(until) >= 365 * 3);
    CHECK(decision.days_until(until) <= 366 * 3 + 1);
    CHECK(date_of(*windows[1].find("to")) < until);
  }
}
