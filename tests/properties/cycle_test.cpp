// Cycle quotes and auditor rotation, swept through the public Engine API: a cycle's dates agree
// with what `schedule` answers for each of its audits, and `rotation` agrees with a plain count
// of consecutive audits whatever the order of the request. Sources: 003_b35c7154d427a1c5.txt §6,
// §6.2, §5.1; 004_9e4b806a07ab55e8.txt §5.1, §7.1; 002_af387c1ec987754e.txt §4.2.1.4, §4.2.8.1; for
// FSSC 22000 v6 the Foundation's pages (docs/sources.md) with the 5.1 window on request.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "certcalc/engine.h"
#include "json_io.h"

using namespace certcalc;

namespace {

Value ask(const Engine& e, const std::string& op, const std::string& request) {
  CallOptions o;
  o.today = "2026-01-15";
  Answer a = e.call(op, request, o);
  INFO(op << " " << request << " -> " << a.json);
  REQUIRE(a.status == Answer::Status::Ok);
  ParseResult r = parse_json(a.json);
  REQUIRE_FALSE(r.failure);
  return r.value;
}

std::string text(const Value* v) { return v && v->is_string() ? v->as_string() : std::string(); }
std::string at(const Value& v, const char* a, const char* b) {
  const Value* x = v.find(a);
  return text(x ? x->find(b) : nullptr);
}

// An FSSC 22000 cycle dated with calendar-year surveillance windows (5.1 §5.1 2), and v6 on
// request): audits 2 and 3 fall due in the two years after the first audit day and may take place
// in that calendar year after the decision; the recertification audit ends the day before `until`.
void check_calendar_year_cycle(const Value& cycle, const Date& first, const Date& decision, const std::string& until) {
  const List& audits = cycle.find("audits")->as_list();
  REQUIRE(audits.size() == 4);
  for (std::size_t k = 1; k <= 2; ++k) {
    Date due = *Date::parse(text(audits[k].find("due")));
    Date from = *Date::parse(text(audits[k].find("window")->find("from")));
    Date to = *Date::parse(text(audits[k].find("window")->find("to")));
    CHECK(due.year() == first.year() + static_cast<int>(k));
    CHECK(from <= due);
    CHECK(due <= to);
    CHECK(from.year() == due.year());
    CHECK(to.year() == due.year());
    CHECK(decision < from);
  }
  Date by = *Date::parse(text(audits[3].find("window")->find("to")));
  CHECK(by.add_days(1)->to_string() == until);
  CHECK(*Date::parse(text(audits[3].find("due"))) <= by);
}

}  // namespace

TEST_CASE("BRCGS cycle: every audit's due date, window and expiry are schedule's for an audit held on time (§6, §6.2)") {
  Engine e;
  Date day = *Date::parse("2028-01-01");
  for (int i = 0; i < 366; i += 1) {
    Date first = *day.add_days(i);
    for (const char* grade : {"A", "C"}) {
      std::string base = std::string(R"({"scheme":"brcgs-food-9","grade":")") + grade + "\"";
      Value cycle = ask(e, "duration", base + R"(,"auditType":"cycle","firstAuditDay":")" + first.to_string() + "\"}");
      const List& audits = cycle.find("audits")->as_list();
      REQUIRE(audits.size() == (grade[0] == 'A' ? 4u : 7u));
      Value sched = ask(e, "schedule", base + R"(,"auditType":"initial","firstAuditDay":")" + first.to_string() + "\"}");
      INFO(first.to_string() << " " << grade);
      CHECK(text(audits[0].find("certificateExpiry")) == at(sched, "certificateExpiry", "date"));
      // Audit k is due on the date schedule gives after audit k - 1; held on that day (on time),
      // schedule then gives the next due date and the expiry the cycle lists for audit k.
      for (std::size_t k = 1; k < audits.size(); ++k) {
        CHECK(text(audits[k].find("due")) == at(sched, "nextAuditDue", "date"));
        CHECK(text(audits[k].find("window")->find("from")) == at(sched, "auditWindow", "from"));
        CHECK(text(audits[k].find("window")->find("to")) == at(sched, "auditWindow", "to"));
        std::string due = text(audits[k].find("due"));
        sched = ask(e, "schedule", base + R"(,"auditType":"recertification","firstAuditDay":")" + due +
                                       R"(","previousAuditDue":")" + due + "\"}");
        CHECK(text(audits[k].find("certificateExpiry")) == at(sched, "certificateExpiry", "date"));
      }
    }
  }
}

TEST_CASE("FSSC cycle: the certificate dates are schedule's; surveillance audits fall within their calendar year (§5.1, §7.1 3))") {
  Engine e;
  Date day = *Date::parse("2028-01-01");
  for (int i = 0; i < 366; i += 1) {
    Date first = *day.add_days(i);
    Date decision = *first.add_days(i % 45);
    std::string dates = R"("firstAuditDay":")" + first.to_string() + R"(","decisionDate":")" + decision.to_string() + "\"";
    Value cycle = ask(e, "duration", R"({"scheme":"fssc22000-5.1","auditType":"cycle","category":"AI","fte":10,"haccpStudies":1,"certifiedManagementSystem":true,)" + dates + "}");
    Value sched = ask(e, "schedule", R"({"scheme":"fssc22000-5.1","auditType":"initial","lastAuditDay":")" + first.to_string() + "\"," + dates + "}");
    INFO(first.to_string() << " decided " << decision.to_string());
    std::string until = at(cycle, "certificateValidUntil", "date");
    CHECK(until == at(sched, "certificateValidUntil", "date"));
    check_calendar_year_cycle(cycle, first, decision, until);
  }
}

TEST_CASE("FSSC 22000 v6 cycle: the certificate dates, the unannounced window and the upgrade window are schedule's, from the day before version 6 to 2026") {
  // Foundation FSSC: Become FSSC 22000 certified step 4 (annual audits, recertification every three
  // years); Version 6 Upgrade Process §2 1), 2) (version 6 from 1 April 2024, upgrades until 31 March
  // 2025); the version 5.1 calendar-year window (004_9e4b806a07ab55e8.txt §5.1 2)) on request.
  Engine e;
  const std::string base = R"({"scheme":"fssc22000-6","auditType":"cycle","onSiteDays":2,"surveillanceOnSiteDays":1,"recertificationOnSiteDays":1.5,"surveillanceWindows":"version-5.1",)";
  Date v6 = *Date::parse("2024-04-01");
  Date day = *Date::parse("2024-03-25");
  for (int i = 0; i < 760; i += 2) {
    Date first = *day.add_days(i);
    Date last = *first.add_days(i % 3);
    Date decision = *last.add_days(i % 45);
    std::string dates = R"("firstAuditDay":")" + first.to_string() + R"(","lastAuditDay":")" + last.to_string() + "\"";
    std::string initial = dates + R"(,"decisionDate":")" + decision.to_string() + "\"";
    INFO(first.to_string() << " to " << last.to_string() << ", decided " << decision.to_string());
    if (first < v6) {
      // Before 1 April 2024 an audit is one of version 5.1: both operations refuse it.
      for (const char* op : {"duration", "schedule"}) {
        CallOptions o;
        o.today = "2026-01-15";
        std::string req = std::string(op) == "duration" ? base + initial + "}"
                                                        : R"({"scheme":"fssc22000-6","auditType":"initial",)" + initial + "}";
        Answer a = e.call(op, req, o);
        CHECK(a.status == Answer::Status::RequestError);
        CHECK(a.json.find("\"/firstAuditDay\"") != std::string::npos);
      }
      continue;
    }
    Value cycle = ask(e, "duration", base + initial + "}");
    Value sched = ask(e, "schedule", R"({"scheme":"fssc22000-6","auditType":"initial",)" + initial + "}");
    std::string until = at(cycle, "certificateValidUntil", "date");
    CHECK(until == at(sched, "certificateValidUntil", "date"));
    Date from_unannounced = *Date::parse(at(sched, "unannouncedSurveillance", "from"));
    Date to_unannounced = *Date::parse(at(sched, "unannouncedSurveillance", "to"));
    check_calendar_year_cycle(cycle, first, decision, until);
    // Each surveillance audit lies where schedule places the unannounced one.
    for (std::size_t k = 1; k <= 2; ++k) {
      const Value* w = cycle.find("audits")->as_list()[k].find("window");
      CHECK(from_unannounced <= *Date::parse(text(w->find("from"))));
      CHECK(*Date::parse(text(w->find("to"))) <= to_unannounced);
    }

    // The same audit as the upgrade recertification of a version 5.1 certificate: the new
    // valid-until date and the late-upgrade warning are schedule's.
    std::string current = first.add_days(40 + i % 200)->to_string();
    std::string recert = dates + R"(,"upgrade":true,"currentValidUntil":")" + current + "\"";
    Value up = ask(e, "duration", base + R"("cycleStart":"recertification",)" + recert + "}");
    Value upSched = ask(e, "schedule", R"({"scheme":"fssc22000-6","auditType":"recertification",)" + recert + "}");
    CHECK(at(up, "certificateValidUntil", "date") == at(upSched, "certificateValidUntil", "date"));
    auto warned = [](const Value& v) {
      for (const Value& w : v.find("warnings")->as_list())
        if (text(w.find("code")) == "fssc6_upgrade_late") return true;
      return false;
    };
    CHECK(warned(up) == warned(upSched));
    CHECK(warned(up) == (last.to_string() > at(upSched, "upgradeAuditWindow", "to")));
  }
}

TEST_CASE("GMP+ cycle: the interim windows and validity are schedule's for the same decision (§4.2.1.4, §4.2.8.1)") {
  Engine e;
  Date day = *Date::parse("2027-11-01");
  for (int i = 0; i < 500; i += 2) {
    Date decision = *day.add_days(i);
    std::string d = decision.to_string();
    Value cycle = ask(e, "duration", R"({"scheme":"gmpplus-cr3.0","auditType":"cycle","scope":"laboratory-testing","accreditation":"full","analyses":3,"firstAuditDay":")" + d + R"(","decisionDate":")" + d + "\"}");
    Value sched = ask(e, "schedule", R"({"scheme":"gmpplus-cr3.0","scope":"laboratory-testing","decisionDate":")" + d + "\"}");
    INFO(d);
    CHECK(at(cycle, "certificateValidUntil", "date") == at(sched, "certificateValidUntil", "date"));
    const List& audits = cycle.find("audits")->as_list();
    const List& interim = sched.find("interimAudits")->as_list();
    REQUIRE(audits.size() == 4);
    REQUIRE(interim.size() == 2);
    for (std::size_t k = 0; k < 2; ++k) {
      CHECK(text(audits[k + 1].find("due")) == text(interim[k].find("due")));
      CHECK(text(audits[k + 1].find("window")->find("from")) == text(interim[k].find("from")));
      CHECK(text(audits[k + 1].find("window")->find("to")) == text(interim[k].find("to")));
    }
  }
}

TEST_CASE("BRCGS rotation: every pattern of two auditors over eight audits, in any request order (§5.1)") {
  Engine e;
  for (int pattern = 0; pattern < 256; ++pattern) {
    std::vector<char> who(8);
    for (int k = 0; k < 8; ++k) who[k] = (pattern >> k) & 1 ? 'B' : 'A';
    // The plain count: an audit breaks the rule when it is its auditor's fourth or later in a row.
    std::vector<std::string> expected;
    int run = 0;
    for (int k = 0; k < 8; ++k) {
      run = k > 0 && who[k] == who[k - 1] ? run + 1 : 1;
      if (run > 3) expected.push_back(std::string(1, who[k]) + "@" + std::to_string(2020 + k));
    }
    for (bool reversed : {false, true}) {
      std::string audits;
      for (int n = 0; n < 8; ++n) {
        int k = reversed ? 7 - n : n;
        audits += std::string(n ? "," : "") + R"({"date":")" + std::to_string(2020 + k) + R"(-03-01","type":")" +
                  (k ? "recertification" : "initial") + R"(","auditors":[")" + who[k] + "\"]}";
      }
      Value v = ask(e, "rotation", R"({"scheme":"brcgs-food-9","audits":[)" + audits + "]}");
      std::vector<std::string> found;
      for (const Value& x : v.find("violations")->as_list())
        found.push_back(text(x.find("auditor")) + "@" + text(x.find("date")).substr(0, 4));
      std::sort(found.begin(), found.end());
      std::vector<std::string> sorted = expected;
      std::sort(sorted.begin(), sorted.end());
      INFO("pattern " << pattern << (reversed ? " reversed" : ""));
      CHECK(found == sorted);
      CHECK(v.find("compliant")->as_bool() == expected.empty());
    }
  }
}

TEST_CASE("FSSC 22000 v6 rotation on request: the 5.1 rule's answer for all 512 patterns of two auditors over nine audits, with its warning (004 §5.9 6))") {
  Engine e;
  const char* types[] = {"initial", "surveillance", "surveillance", "recertification"};
  for (int pattern = 0; pattern < 512; ++pattern) {
    std::string audits;
    for (int k = 0; k < 9; ++k)
      audits += std::string(k ? "," : "") + R"({"date":")" + std::to_string(2019 + k) + R"(-05-02","type":")" +
                (k == 0 ? types[0] : types[1 + (k - 1) % 3]) + R"(","auditors":[")" + ((pattern >> k) & 1 ? "B" : "A") + "\"]}";
    Value v51 = ask(e, "rotation", R"({"scheme":"fssc22000-5.1","audits":[)" + audits + "]}");
    Value v6 = ask(e, "rotation", R"({"scheme":"fssc22000-6","rotationRule":"version-5.1","audits":[)" + audits + "]}");
    INFO("pattern " << pattern);
    for (const char* key : {"compliant", "maxCycles", "maxYears", "violations", "auditors", "notes"})
      CHECK(write_json(*v6.find(key)) == write_json(*v51.find(key)));
    const List& w = v6.find("warnings")->as_list();
    REQUIRE(w.size() == 1);
    CHECK(text(w[0].find("code")) == "fssc6_rotation_rule_51");
    CHECK(v51.find("warnings")->as_list().empty());
  }
}
