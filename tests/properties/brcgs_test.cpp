// Properties of the BRCGS Food Safety 9 and Packaging Materials 6 packs, swept through the
// public Engine API. Source: 003_b35c7154d427a1c5.txt (Certiquality regulation).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "certcalc/engine.h"
#include "json_io.h"

using namespace certcalc;

namespace {

const char* const kPacks[] = {"brcgs-food-9", "brcgs-packaging-6"};

Value ask(const Engine& e, const std::string& op, const std::string& request,
          const std::string& locale = "") {
  CallOptions o;
  o.today = "2026-01-15";
  o.locale = locale;
  Answer a = e.call(op, request, o);
  INFO(op << " " << request << " -> " << a.json);
  REQUIRE(a.status == Answer::Status::Ok);
  ParseResult r = parse_json(a.json);
  REQUIRE_FALSE(r.failure);
  return r.value;
}

std::string str(const Value* v) { return v && v->is_string() ? v->as_string() : std::string(); }
std::int64_t num(const Value* v) { return v && v->is_number() ? v->as_number().num() : -1; }

// AA best ... D worst, then no certificate.
int rank(const Value& answer) {
  std::string g = str(answer.find("grade"));
  if (!g.empty() && g.back() == '+') g.pop_back();
  const char* order[] = {"AA", "A", "B", "C", "D"};
  for (int i = 0; i < 5; ++i)
    if (g == order[i]) return i;
  return 5;
}

std::string grade_request(const char* pack, int critical, int major, int minor, bool announced) {
  return std::string("{\"scheme\":\"") + pack + "\",\"critical\":" + std::to_string(critical) +
         ",\"major\":" + std::to_string(major) + ",\"minor\":" + std::to_string(minor) +
         ",\"announced\":" + (announced ? "true" : "false") + "}";
}

Date date_of(const Value* v) {
  REQUIRE(v);
  REQUIRE(v->is_string());
  auto d = Date::parse(v->as_string());
  REQUIRE(d);
  return *d;
}

const Value* at(const Value& v, const char* a, const char* b) {
  const Value* x = v.find(a);
  return x ? x->find(b) : nullptr;
}

}  // namespace

TEST_CASE("BRCGS grade: more non-conformities never give a better grade (Allegato 1, §5.3.1.1)") {
  Engine e;
  for (const char* pack : kPacks) {
    for (bool announced : {true, false}) {
      for (int major = 0; major <= 4; ++major) {
        for (int minor = 0; minor <= 40; ++minor) {
          INFO(pack << " announced=" << announced << " major=" << major << " minor=" << minor);
          Value here = ask(e, "grade", grade_request(pack, 0, major, minor, announced));
          Value more_minor = ask(e, "grade", grade_request(pack, 0, major, minor + 1, announced));
          Value more_major = ask(e, "grade", grade_request(pack, 0, major + 1, minor, announced));
          Value critical = ask(e, "grade", grade_request(pack, 1, major, minor, announced));
          CHECK(rank(more_minor) >= rank(here));
          CHECK(rank(more_major) >= rank(here));
          CHECK(rank(critical) == 5);
          CHECK(critical.find("certified")->as_bool() == false);

          const bool certified = here.find("certified")->as_bool();
          CHECK(certified == (rank(here) < 5));
          const std::string grade = str(here.find("grade"));
          if (!certified) {
            CHECK(here.find("grade")->is_null());
            CHECK(here.find("auditFrequencyMonths")->is_null());
            CHECK(num(here.find("newAuditNotBeforeDays")) == 28);  // §5.3.1.1, §6
            continue;
          }
          // + marks an unannounced audit (§5.2.2)
          CHECK((grade.back() == '+') == !announced);
          // frequency: 12 months for AA, A, B; 6 for C, D (Allegato 1)
          CHECK(num(here.find("auditFrequencyMonths")) == (rank(here) <= 2 ? 12 : 6));
          // revisit for C with two majors and for D (§5.3.1.2)
          const bool revisit = rank(here) == 4 || (rank(here) == 3 && major == 2);
          CHECK(here.find("revisitRequired")->as_bool() == revisit);
          // evidence within 28 days whenever there is something to close
          if (major + minor > 0)
            CHECK(num(here.find("correctiveActionDays")) == 28);
          else
            CHECK(here.find("correctiveActionDays")->is_null());
        }
      }
    }
  }
}

TEST_CASE("BRCGS grade: Food and Packaging share the grading table; announced and unannounced differ only by +") {
  Engine e;
  for (int critical = 0; critical <= 1; ++critical)
    for (int major = 0; major <= 3; ++major)
      for (int minor = 0; minor <= 35; ++minor) {
        INFO("critical=" << critical << " major=" << major << " minor=" << minor);
        Value food = ask(e, "grade", grade_request("brcgs-food-9", critical, major, minor, true));
        Value pack = ask(e, "grade", grade_request("brcgs-packaging-6", critical, major, minor, true));
        Value unann = ask(e, "grade", grade_request("brcgs-food-9", critical, major, minor, false));
        CHECK(str(food.find("grade")) == str(pack.find("grade")));
        CHECK(write_json(*food.find("whatIf")) == write_json(*pack.find("whatIf")));
        if (food.find("certified")->as_bool())
          CHECK(str(unann.find("grade")) == str(food.find("grade")) + "+");
        else
          CHECK(unann.find("grade")->is_null());
      }
}

TEST_CASE("BRCGS what-if: extraMinors is the smallest number of extra minors that changes the grade") {
  Engine e;
  for (const char* pack : kPacks) {
    for (int major = 0; major <= 2; ++major) {
      for (int minor = 0; minor <= 30; ++minor) {
        Value here = ask(e, "grade", grade_request(pack, 0, major, minor, true));
        if (!here.find("certified")->as_bool()) {
          CHECK(here.find("whatIf")->is_null());
          continue;
        }
        INFO(pack << " major=" << major << " minor=" << minor);
        const Value* what_if = here.find("whatIf");
        REQUIRE(what_if);
        const std::int64_t k = num(at(*what_if, "extraMinors", "count"));
        REQUIRE(k >= 1);
        for (int j = 1; j < k; ++j)
          CHECK(rank(ask(e, "grade", grade_request(pack, 0, major, minor + j, true))) == rank(here));
        Value changed = ask(e, "grade", grade_request(pack, 0, major, minor + static_cast<int>(k), true));
        CHECK(rank(changed) != rank(here));
        CHECK(write_json(*changed.find("grade")) == write_json(*at(*what_if, "extraMinors", "grade")));
        Value one_more = ask(e, "grade", grade_request(pack, 0, major + 1, minor, true));
        CHECK(write_json(*one_more.find("grade")) == write_json(*at(*what_if, "oneMoreMajor", "grade")));
      }
    }
  }
}

TEST_CASE("BRCGS fundamental requirements: every one listed in the pack data is recognised from a clause (§3.2, §3.3)") {
  Engine e;
  for (const char* pack : kPacks) {
    Value described = ask(e, "describe", std::string("{\"scheme\":\"") + pack + "\"}");
    const Value* items = at(*described.find("data"), "fundamentalRequirements", "items");
    REQUIRE(items);
    CHECK(items->as_list().size() == (std::string(pack) == "brcgs-food-9" ? 12u : 9u));
    for (const Value& item : items->as_list()) {
      const std::string clause = str(item.find("clause"));
      for (const char* name : {"en", "nl", "it", "de", "fr"}) CHECK(!str(at(item, "name", name)).empty());
      for (const std::string& c : {clause, clause + ".4", clause + ".1.2"}) {
        INFO(pack << " clause " << c);
        auto finding = [&](const char* grade) {
          return std::string("{\"scheme\":\"") + pack + "\",\"findings\":[{\"id\":\"NC-1\",\"grade\":\"" +
                 grade + "\",\"clause\":\"" + c + "\"}]}";
        };
        CHECK(ask(e, "grade", finding("major")).find("certified")->as_bool() == false);
        CHECK(str(ask(e, "grade", finding("minor")).find("grade")) == "AA");
        // the same finding through deadlines: no 28-day evidence, a new audit instead
        Value d = ask(e, "deadlines", std::string("{\"scheme\":\"") + pack +
                                          "\",\"lastAuditDay\":\"2026-05-15\",\"findings\":[{\"id\":\"NC-1\","
                                          "\"grade\":\"major\",\"clause\":\"" + c + "\"}]}");
        CHECK(str(d.find("deadlines")->as_list().at(0).find("kind")) == "new_audit_not_before");
      }
      // Written the way clients write clauses (issue 15): still the same fundamental requirement.
      for (const std::string& c : {"BRCGS " + clause, "\u00a7" + clause + ".1", "Clause " + clause + ".",
                                   "clausola " + clause, "punto " + clause + "..", "clausule " + clause,
                                   "Abschnitt " + clause, "exigence " + clause, "(" + clause + ".2)"}) {
        INFO(pack << " clause " << c);
        Value g = ask(e, "grade", std::string("{\"scheme\":\"") + pack +
                                      "\",\"findings\":[{\"id\":\"NC-1\",\"grade\":\"major\",\"clause\":\"" + c + "\"}]}");
        CHECK(g.find("certified")->as_bool() == false);
        CHECK(g.find("warnings")->as_list().empty());
      }
    }
  }
}

TEST_CASE("BRCGS schedule: due date, window and expiry for every first audit day of 2027-2028 (§6, §6.2)") {
  Engine e;
  Date first = *Date::parse("2027-01-01");  // two year ends, a leap day, every month end
  for (const char* pack : kPacks) {
    for (int i = 0; i < 731; i += (std::string(pack) == "brcgs-food-9" ? 1 : 5)) {
      Date f = *first.add_days(i);
      for (const char* grade : {"A", "C", "B+"}) {
        const int months = std::string(grade) == "C" ? 6 : 12;
        const bool unannounced = std::string(grade).back() == '+';
        INFO(pack << " " << f.to_string() << " " << grade);
        Value s = ask(e, "schedule", std::string("{\"scheme\":\"") + pack +
                                         "\",\"auditType\":\"initial\",\"grade\":\"" + grade +
                                         "\",\"firstAuditDay\":\"" + f.to_string() + "\"}");
        Date due = date_of(at(s, "nextAuditDue", "date"));
        CHECK(due == *f.add_months(months));
        CHECK(due.day() <= f.day());
        CHECK(date_of(at(s, "auditWindow", "to")) == due);
        CHECK(f.days_until(due) > 0);
        CHECK(date_of(at(s, "auditWindow", "from")).days_until(due) == (unannounced ? 120 : 28));
        CHECK(due.days_until(date_of(at(s, "certificateExpiry", "date"))) == 42);

        // the recertification audit inside its window keeps the cycle: + months from the due date
        Date audit = *due.add_days(-10);
        Value r = ask(e, "schedule",
                      std::string("{\"scheme\":\"") + pack + "\",\"auditType\":\"recertification\",\"grade\":\"" +
                          grade + "\",\"firstAuditDay\":\"" + audit.to_string() + "\",\"previousAuditDue\":\"" +
                          due.to_string() + "\",\"previousCertificateExpiry\":\"" +
                          due.add_days(42)->to_string() + "\",\"lastUnannouncedAuditDay\":\"" +
                          audit.to_string() + "\"}");
        CHECK(str(r.find("auditTiming")) == "on-time");
        CHECK(date_of(at(r, "nextAuditDue", "date")) == *due.add_months(months));
        CHECK(r.find("lateAuditMajorNonConformity")->as_bool() == false);
        Date expiry = date_of(at(r, "certificateExpiry", "date"));
        if (unannounced)  // §5.2.2: previous expiry + 6 or 12 months
          CHECK(expiry == *due.add_days(42)->add_months(months));
        else
          CHECK(expiry == *due.add_months(months)->add_days(42));
      }
    }
  }
}

TEST_CASE("BRCGS schedule: an audit after the due date is late unless the reason is accepted (§6, §6.1)") {
  Engine e;
  for (const char* pack : kPacks) {
    for (int late = -40; late <= 200; late += 3) {
      Date due = *Date::parse("2026-08-31");
      Date audit = *due.add_days(late);
      for (const char* reason : {"", "disaster", "staff-shortage"}) {
        std::string req = std::string("{\"scheme\":\"") + pack +
                          "\",\"auditType\":\"recertification\",\"grade\":\"A\",\"firstAuditDay\":\"" +
                          audit.to_string() + "\",\"previousAuditDue\":\"2026-08-31\"," +
                          "\"previousCertificateExpiry\":\"2026-10-12\"" +
                          (*reason ? std::string(",\"lateReason\":\"") + reason + "\"" : std::string()) + "}";
        INFO(req);
        Value s = ask(e, "schedule", req);
        const std::string timing = str(s.find("auditTiming"));
        const bool accepted = std::string(reason) == "disaster";
        if (late < -28) CHECK(timing == "early");
        if (late >= -28 && late <= 0) CHECK(timing == "on-time");
        if (late > 0) CHECK(timing == "late");  // 200 days is still within 6 months of expiry
        CHECK(s.find("lateAuditMajorNonConformity")->as_bool() == (late > 0 && !accepted));
        if (late >= -28) CHECK(str(at(s, "nextAuditDue", "date")) == "2027-08-31");
      }
    }
  }
}

TEST_CASE("BRCGS deadlines: summary on the next working day, then 28, 42 and 49 calendar days (§5.1.2, §5.3)") {
  Engine e;
  Date first = *Date::parse("2025-12-01");
  for (const char* pack : kPacks) {
    for (int i = 0; i < 400; ++i) {
      Date last = *first.add_days(i);
      INFO(pack << " " << last.to_string());
      Value d = ask(e, "deadlines", std::string("{\"scheme\":\"") + pack + "\",\"lastAuditDay\":\"" +
                                        last.to_string() +
                                        "\",\"findings\":[{\"id\":\"a\",\"grade\":\"minor\"},"
                                        "{\"id\":\"b\",\"grade\":\"major\"}]}");
      const List& per = d.find("deadlines")->as_list();
      REQUIRE(per.size() == 2);
      for (const Value& x : per) CHECK(last.days_until(date_of(x.find("dueDate"))) == 28);
      const List& audit = d.find("auditDeadlines")->as_list();
      REQUIRE(audit.size() == 3);
      Date summary = date_of(audit[0].find("dueDate"));
      CHECK(summary.is_working_day());
      CHECK(last.days_until(summary) >= 1);
      CHECK(last.days_until(summary) <= 3);
      CHECK(last.days_until(date_of(audit[1].find("dueDate"))) == 42);
      CHECK(last.days_until(date_of(audit[2].find("dueDate"))) == 49);
    }
  }
}

TEST_CASE("BRCGS messages render in every locale with no placeholder left") {
  Engine e;
  const std::vector<std::pair<std::string, std::string>> requests = {
      {"grade", "{\"critical\":0,\"major\":1,\"minor\":7,\"announced\":false}"},
      {"grade", "{\"major\":2,\"minor\":0}"},
      {"grade", "{\"minor\":30}"},
      {"grade", "{\"minor\":0}"},
      {"grade", "{\"critical\":1,\"auditType\":\"recertification\"}"},
      {"grade", "{\"major\":1,\"majorAgainstFundamental\":true}"},
      {"grade", "{\"findings\":[{\"grade\":\"major\",\"clause\":\"3.4.1\"},"
                "{\"grade\":\"minor\",\"headOfficeCorrected\":true}]}"},
      {"schedule", "{\"auditType\":\"initial\",\"firstAuditDay\":\"2025-08-31\",\"grade\":\"C\","
                   "\"seasonal\":true,\"headOffice\":\"two-phase\",\"decisionDate\":\"2025-12-01\"}"},
      {"schedule", "{\"auditType\":\"recertification\",\"firstAuditDay\":\"2026-05-01\",\"grade\":\"A\","
                   "\"previousAuditDue\":\"2026-08-31\",\"blackoutDays\":20}"},
      {"schedule", "{\"auditType\":\"recertification\",\"firstAuditDay\":\"2026-09-10\",\"grade\":\"B\","
                   "\"previousAuditDue\":\"2026-08-31\",\"lastUnannouncedAuditDay\":\"2024-09-01\"}"},
      {"schedule", "{\"auditType\":\"recertification\",\"firstAuditDay\":\"2026-10-10\",\"grade\":\"B\","
                   "\"previousAuditDue\":\"2026-08-31\",\"lateReason\":\"disaster\",\"headOffice\":\"one-phase\"}"},
      {"schedule", "{\"auditType\":\"recertification\",\"firstAuditDay\":\"2027-06-10\",\"grade\":\"B\","
                   "\"previousAuditDue\":\"2026-08-31\"}"},
      {"schedule", "{\"auditType\":\"recertification\",\"firstAuditDay\":\"2026-06-10\",\"grade\":\"C+\","
                   "\"previousAuditDue\":\"2026-08-31\"}"},
      {"schedule", "{\"auditType\":\"recertification\",\"firstAuditDay\":\"2026-06-10\",\"grade\":\"C+\","
                   "\"previousAuditDue\":\"2026-08-31\",\"programme\":\"leaving-unannounced\"}"},
      {"schedule", "{\"auditType\":\"recertification\",\"firstAuditDay\":\"2026-08-10\",\"grade\":\"D\","
                   "\"previousAuditDue\":\"2026-08-31\",\"programme\":\"unannounced\",\"seasonal\":true,"
                   "\"seasonalFirstUnannouncedYear\":true}"},
      {"schedule", "{\"auditType\":\"extension\",\"firstAuditDay\":\"2026-03-10\",\"grade\":\"A\","
                   "\"previousAuditDue\":\"2026-08-31\",\"previousCertificateExpiry\":\"2026-10-12\"}"},
      {"deadlines", "{\"lastAuditDay\":\"2026-05-15\",\"shortSeason\":true,\"findings\":["
                    "{\"id\":\"HO-1\",\"grade\":\"minor\",\"headOfficeCorrected\":true}]}"},
  };
  for (const char* pack : kPacks) {
    for (const char* locale : {"en", "nl", "it", "de", "fr"}) {
      std::size_t seen = 0;
      for (const auto& r : requests) {
        std::string req = std::string("{\"scheme\":\"") + pack + "\"," + r.second.substr(1);
        Value a = ask(e, r.first, req, locale);
        for (const char* list : {"reasons", "notes", "warnings"}) {
          const Value* l = a.find(list);
          if (!l) continue;
          for (const Value& m : l->as_list()) {
            INFO(pack << " " << locale << " " << str(m.find("code")));
            const std::string text = str(m.find("message"));
            CHECK(!text.empty());
            CHECK(text.find('{') == std::string::npos);
            CHECK(str(m.find("rule")).rfind("Certiquality BRCGS regulation ", 0) == 0);
            CHECK(write_json(*m.find("cites")) == R"(["003_b35c7154d427a1c5.txt"])");
            ++seen;
          }
        }
      }
      CHECK(seen > 50);
    }
  }
}
