#include "validate_plan.h"

#include <map>
#include <set>

#include "rules.h"
#include "text_checks.h"

namespace certcalc {
namespace {

// What a value computed by a pack may hold of a request's findings.
struct Taint {
  bool finding = false;                 // a finding, or a list of findings
  bool id = false;                      // the finding's id, or something holding it anywhere
  std::set<std::string> id_members;     // an object whose members of these names may hold it

  bool has_id() const { return id || !id_members.empty(); }
  void add(const Taint& o) {
    finding = finding || o.finding;
    id = id || o.id;
    id_members.insert(o.id_members.begin(), o.id_members.end());
  }
};

// A flow-insensitive reading of the programs and expressions a request's findings reach. A
// name is tainted when anything bound to it anywhere may hold a finding (or the id); the reading
// repeats until nothing more gets tainted. Then restricting findings to the fields read by name
// is exact when no finding is ever compared, copied into an answer or stored in a container,
// and the id may be replaced by a stand-in when it is only ever copied.
class Analysis {
 public:
  Analysis(const Pack& pack, std::set<std::string> findings) : pack_(pack), finding_names_(std::move(findings)) {}

  FieldUse run(const std::vector<const Expr*>& exprs, const char* root_program) {
    if (root_program) reachable_.insert(root_program);
    root_ = root_program ? root_program : "";
    for (int round = 0; round < 64; ++round) {
      changed_ = false;
      for (const Expr* e : exprs) expr(*e);
      std::set<std::string> programs = reachable_;
      for (const std::string& p : programs) {
        auto it = pack_.programs.find(p);
        if (it == pack_.programs.end()) continue;
        program_ = p;
        for (const Stmt& s : it->second) stmt(s);
      }
      program_.clear();
      if (!changed_ && programs == reachable_) {
        FieldUse use;
        use.exact = exact_;
        use.fields = fields_;
        use.id_only_copied = exact_ && id_copied_;
        return use;
      }
    }
    return FieldUse();  // did not settle: take nothing for granted
  }

 private:
  void taint_name(const std::string& name, const Taint& t) {
    if (t.finding && finding_names_.insert(name).second) changed_ = true;
    if (t.id && id_names_.insert(name).second) changed_ = true;
    auto& members = id_members_[name];
    for (const auto& m : t.id_members)
      if (members.insert(m).second) changed_ = true;
  }

  void output(const std::string& name, const Taint& t) {
    if (t.finding) exact_ = false;  // a finding in an answer: all of it would show
    if (!t.has_id() || program_.empty()) return;
    if (outputs_[program_].insert(name).second) changed_ = true;
    // validate reads these members of a deadline; they must not hold the stand-in
    if (program_ == root_ && name == "deadlines") {
      if (t.id) id_copied_ = false;
      for (const char* inspected : {"kind", "dueDate", "to", "rule"})
        if (t.id_members.count(inspected)) id_copied_ = false;
    }
  }

  void field(const std::string& name) {
    FindingField f = finding_field(name);
    if (f != kNoField) fields_ = static_cast<std::uint16_t>(fields_ | (1u << f));
  }

  // An operand whose value is looked at (compared, rendered, tested): the id must not be in it.
  void inspect(const Taint& t) {
    if (t.has_id()) id_copied_ = false;
  }
  // An operand compared or copied as a whole: no finding in it.
  void whole(const Taint& t) {
    if (t.finding) exact_ = false;
  }

  Taint member(const Taint& of, const std::string& name, bool of_finding) {
    Taint r;
    if (of_finding) {
      field(name);
      if (name == "id") r.id = true;
    }
    if (of.id || of.id_members.count(name) || of.id_members.count("*")) r.id = true;
    return r;
  }

  Taint name_taint(const std::string& name) const {
    Taint t;
    t.finding = finding_names_.count(name) > 0;
    t.id = id_names_.count(name) > 0;
    auto it = id_members_.find(name);
    if (it != id_members_.end()) t.id_members = it->second;
    return t;
  }

  // [list, key] whose items' keys (the key with `it` an item) are compared with each other as
  // wholes (sortBy, firstRepeat): the list's taint.
  Taint keyed_list(const Expr& e) {
    Taint list = expr(e.args[0]);
    Taint it;
    it.finding = list.finding;
    it.id = list.has_id();
    taint_name("it", it);
    Taint key = expr(e.args[1]);
    whole(key);
    inspect(key);
    return list;
  }

  Taint expr(const Expr& e) {
    Taint r;
    switch (e.op) {
      case Expr::Op::Literal: return r;
      case Expr::Op::Var: {
        const std::string& head = e.path[0];
        if (head == "$today" || head == "$locale") return r;
        Taint t = name_taint(head);
        if (e.path.size() == 1) {
          r = t;
        } else {
          r = member(t, e.path[1], t.finding);
          if (e.path.size() > 2 && r.has_id()) r.id = true;
        }
        if (!e.args.empty()) r.add(expr(e.args[0]));
        return r;
      }
      case Expr::Op::List:
      case Expr::Op::Object: {
        for (std::size_t i = 0; i < e.args.size(); ++i) {
          Taint c = expr(e.args[i]);
          whole(c);
          if (!c.has_id()) continue;
          if (e.op == Expr::Op::List) r.id = true;
          else r.id_members.insert(e.path[i]);
        }
        return r;
      }
      case Expr::Op::If: {
        for (std::size_t i = 0; i < e.args.size(); ++i) {
          Taint c = expr(e.args[i]);
          bool condition = i + 1 < e.args.size() && i % 2 == 0;
          if (condition) inspect(c);
          else r.add(c);
        }
        return r;
      }
      case Expr::Op::Coalesce:
      case Expr::Op::Min:
      case Expr::Op::Max:
      case Expr::Op::Lower: {
        // may give back one of their operands as it is (lower: anything but a string)
        for (const Expr& a : e.args) {
          Taint c = expr(a);
          if (e.op != Expr::Op::Coalesce) inspect(c);
          r.add(c);
        }
        return r;
      }
      case Expr::Op::Get: {
        Taint obj = expr(e.args[0]);
        const Expr& key = e.args[1];
        if (key.op == Expr::Op::Literal && key.literal.is_string()) return member(obj, key.literal.as_string(), obj.finding);
        Taint k = expr(key);
        inspect(k);
        if (obj.finding && !(key.op == Expr::Op::Literal && key.literal.is_number())) exact_ = false;
        r.finding = obj.finding;
        if (obj.has_id()) r.id = true;
        return r;
      }
      case Expr::Op::Filter:
      case Expr::Op::Find:
      case Expr::Op::Map:
      case Expr::Op::Count:
      case Expr::Op::Sum:
      case Expr::Op::Some:
      case Expr::Op::All: {
        Taint list = expr(e.args[0]);
        Taint it;
        it.finding = list.finding;
        it.id = list.has_id();
        taint_name("it", it);
        Taint fn;
        if (e.args.size() > 1) fn = expr(e.args[1]);
        if (e.op == Expr::Op::Map) {
          r.finding = fn.finding;
          r.id = fn.has_id();
          return r;
        }
        if (e.args.size() > 1) inspect(fn);
        if (e.op == Expr::Op::Sum) inspect(list);
        if (e.op == Expr::Op::Filter || e.op == Expr::Op::Find) {
          r.finding = list.finding;
          r.id = list.has_id();
        }
        return r;
      }
      case Expr::Op::SortBy: {
        // the list reordered
        Taint list = keyed_list(e);
        r.finding = list.finding;
        r.id = list.has_id();
        return r;
      }
      case Expr::Op::Iterate: {
        // the seed, then each value from the one before (`it`)
        Taint seed = expr(e.args[0]);
        taint_name("it", seed);
        inspect(expr(e.args[1]));
        Taint next = expr(e.args[2]);
        taint_name("it", next);
        r.add(seed);
        r.add(next);
        if (r.has_id()) r.id = true;
        return r;
      }
      case Expr::Op::Flatten: {
        Taint list = expr(e.args[0]);
        r.finding = list.finding;
        r.id = list.has_id();
        return r;
      }
      case Expr::Op::FirstRepeat:
        // gives an index
        keyed_list(e);
        return r;
      case Expr::Op::Distinct: {
        // compares the items with each other
        Taint list = expr(e.args[0]);
        whole(list);
        inspect(list);
        r.finding = list.finding;
        return r;
      }
      case Expr::Op::Call: {
        if (reachable_.insert(e.name).second) changed_ = true;
        if (!e.args.empty()) {
          const Expr& ov = e.args[0];
          if (ov.op == Expr::Op::Object) {
            for (std::size_t i = 0; i < ov.args.size(); ++i) taint_name(ov.path[i], expr(ov.args[i]));
          } else {
            Taint c = expr(ov);
            whole(c);
            inspect(c);
          }
        }
        auto it = outputs_.find(e.name);
        if (it != outputs_.end()) {
          r.id_members = it->second;
          if (r.id_members.count("*")) r.id = true;
        }
        return r;
      }
      case Expr::Op::Eq:
      case Expr::Op::Ne:
      case Expr::Op::In:
      case Expr::Op::Decide:
        for (const Expr& a : e.args) {
          Taint c = expr(a);
          whole(c);
          inspect(c);
        }
        return r;
      default:
        // Everything else gives a number, a date, a text, a boolean, a pack's own value or a
        // defect, the same for a whole finding as for part of one.
        for (const Expr& a : e.args) inspect(expr(a));
        return r;
    }
  }

  void params(const Stmt& s) {
    for (const auto& p : s.params) inspect(expr(p.second));
  }

  void stmt(const Stmt& s) {
    if (s.has_when) inspect(expr(s.when));
    switch (s.kind) {
      case Stmt::Kind::Let: taint_name(s.name, expr(s.value)); return;
      case Stmt::Kind::Set:
      case Stmt::Kind::Push: output(s.name, expr(s.value)); return;
      case Stmt::Kind::Merge: {
        Taint c = expr(s.value);
        whole(c);
        if (c.id) output("*", c);
        for (const auto& m : c.id_members) {
          Taint one;
          one.id = true;
          output(m, one);
        }
        if (program_ == root_ && c.has_id()) id_copied_ = false;
        return;
      }
      case Stmt::Kind::Term: output("breakdown", expr(s.value)); return;
      case Stmt::Kind::Say:
      case Stmt::Kind::Fail: params(s); return;
      case Stmt::Kind::Each: {
        Taint list = expr(s.value);
        Taint item;
        item.finding = list.finding;
        item.id = list.has_id();
        taint_name(s.name, item);
        for (const Stmt& b : s.body) stmt(b);
        return;
      }
      case Stmt::Kind::If:
        inspect(expr(s.value));
        for (const Stmt& b : s.body) stmt(b);
        for (const Stmt& b : s.else_body) stmt(b);
        return;
    }
  }

  const Pack& pack_;
  std::set<std::string> finding_names_, id_names_;
  std::map<std::string, std::set<std::string>> id_members_;
  std::map<std::string, std::set<std::string>> outputs_;  // program -> members that may hold the id
  std::set<std::string> reachable_;
  std::string program_, root_;
  bool changed_ = false;
  bool exact_ = true;
  bool id_copied_ = true;
  std::uint16_t fields_ = 0;
};

int date_source(const std::string& name) {
  if (name == "audit.firstDay") return kAuditFirstDay;
  if (name == "audit.lastDay") return kAuditLastDay;
  FindingField f = finding_field(name);
  return f == kNoField || f == kEvidence ? static_cast<int>(kNowhere) : static_cast<int>(f);
}

}  // namespace

std::shared_ptr<const ValidatePlan> plan_validate(const Pack& pack) {
  auto plan = std::make_shared<ValidatePlan>();
  const FormSpec& form = *pack.form;
  std::vector<const Expr*> exprs;
  for (const FormCheck& c : form.checks) {
    CheckPlan p;
    p.field = finding_field(c.field);
    p.other = finding_field(c.other);
    p.unless = finding_field(c.unless_filled);
    for (const std::string& o : c.others) p.others.push_back(date_source(o));
    if (c.kind == FormCheck::Kind::BlameOnly) {
      std::vector<std::string> phrases;
      for (const std::string& phrase : c.values) phrases.push_back(" " + normalize(phrase) + " ");
      // Placed by their byte after the space (a counting sort: the order within one byte is the
      // pack's, though any match is enough).
      auto second = [](const std::string& n) { return static_cast<unsigned char>(n[1]); };
      p.needle_from.assign(257, 0);
      for (const std::string& n : phrases) ++p.needle_from[second(n) + 1];
      for (std::size_t k = 1; k < p.needle_from.size(); ++k) p.needle_from[k] += p.needle_from[k - 1];
      std::vector<std::uint32_t> next(p.needle_from.begin(), p.needle_from.end() - 1);
      p.needles.resize(phrases.size());
      for (std::string& n : phrases) p.needles[next[second(n)]++] = std::move(n);
    }
    if (c.has_when) exprs.push_back(&c.when);
    if (c.kind == FormCheck::Kind::Expr) exprs.push_back(&c.fails);
    plan->checks.push_back(std::move(p));
  }
  plan->expressions = Analysis(pack, {"finding"}).run(exprs, nullptr);
  plan->deadlines = pack.programs.count("findingDeadlines")
                        ? Analysis(pack, {"finding", "findings"}).run({}, "findingDeadlines")
                        : FieldUse{true, 0, true};
  plan->submission = pack.programs.count("submissionIssues")
                         ? Analysis(pack, {"findings"}).run({}, "submissionIssues")
                         : FieldUse{true, 0, false};
  return plan;
}

}  // namespace certcalc
