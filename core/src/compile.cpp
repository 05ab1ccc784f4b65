// Pack document -> compiled rules. Every defect is reported with its pointer in the pack.
#include <algorithm>
#include <set>

#include "date.h"
#include "rules.h"
#include "validate_plan.h"

namespace certcalc {
namespace {

struct OpInfo {
  const char* name;
  Expr::Op op;
  int min_args;
  int max_args;  // -1: unbounded
};

// The operator vocabulary of the rule language (docs/rule-language.md).
const OpInfo kOps[] = {
    {"+", Expr::Op::Add, 1, -1},          {"-", Expr::Op::Sub, 1, -1},
    {"*", Expr::Op::Mul, 1, -1},          {"/", Expr::Op::Div, 2, 2},
    {"min", Expr::Op::Min, 1, -1},        {"max", Expr::Op::Max, 1, -1},
    {"ceilTo", Expr::Op::CeilTo, 2, 2},   {"floorTo", Expr::Op::FloorTo, 2, 2},
    {"==", Expr::Op::Eq, 2, 2},           {"!=", Expr::Op::Ne, 2, 2},
    {"<", Expr::Op::Lt, 2, 2},            {"<=", Expr::Op::Le, 2, 2},
    {">", Expr::Op::Gt, 2, 2},            {">=", Expr::Op::Ge, 2, 2},
    {"and", Expr::Op::And, 1, -1},        {"or", Expr::Op::Or, 1, -1},
    {"not", Expr::Op::Not, 1, 1},         {"if", Expr::Op::If, 3, -1},
    {"in", Expr::Op::In, 2, 2},           {"isNull", Expr::Op::IsNull, 1, 1},
    {"coalesce", Expr::Op::Coalesce, 1, -1},
    {"get", Expr::Op::Get, 2, 2},         {"length", Expr::Op::Length, 1, 1},
    {"range", Expr::Op::Range, 2, 2},     {"count", Expr::Op::Count, 1, 2},
    {"sum", Expr::Op::Sum, 1, 2},         {"filter", Expr::Op::Filter, 2, 2},
    {"map", Expr::Op::Map, 2, 2},         {"find", Expr::Op::Find, 2, 2},
    {"some", Expr::Op::Some, 2, 2},       {"all", Expr::Op::All, 2, 2},
    {"sortBy", Expr::Op::SortBy, 2, 2},   {"iterate", Expr::Op::Iterate, 3, 3},
    {"flatten", Expr::Op::Flatten, 1, 1}, {"distinct", Expr::Op::Distinct, 1, 1},
    {"firstRepeat", Expr::Op::FirstRepeat, 2, 2},
    {"date", Expr::Op::Date, 1, 1},       {"addDays", Expr::Op::AddDays, 2, 2},
    {"addWeeks", Expr::Op::AddWeeks, 2, 2},
    {"addMonths", Expr::Op::AddMonths, 2, 2},
    {"addYears", Expr::Op::AddYears, 2, 2},
    {"addWorkingDays", Expr::Op::AddWorkingDays, 2, 3},
    {"daysBetween", Expr::Op::DaysBetween, 2, 2},
    {"startOfYear", Expr::Op::StartOfYear, 1, 1},
    {"endOfYear", Expr::Op::EndOfYear, 1, 1},
    {"concat", Expr::Op::Concat, 1, -1},  {"startsWith", Expr::Op::StartsWith, 2, 2},
    {"lower", Expr::Op::Lower, 1, 1},     {"clauseNumber", Expr::Op::ClauseNumber, 1, 1},
    {"blank", Expr::Op::Blank, 1, 1},
};

class Compiler {
 public:
  Compiler(const std::string& pack_id, Failure& failure) : pack_id_(pack_id), failure_(failure) {}

  bool error(const std::string& pointer, const std::string& detail) {
    failure_ = make_failure("invalid_pack", "invalid_pack", pointer,
                            {{"pack", pack_id_}, {"detail", detail}});
    return false;
  }

  bool expr(const Value& v, const std::string& ptr, Expr& out) {
    out = Expr();
    out.pointer = ptr;
    if (v.is_list()) {
      out.op = Expr::Op::List;
      return args(v.as_list(), ptr, out);
    }
    if (!v.is_object()) {
      if (v.is_unrepresentable_number()) return error(ptr, "number out of range");
      out.op = Expr::Op::Literal;
      out.literal = v;
      return true;
    }
    const Members& m = v.as_object();
    if (m.size() != 1) return error(ptr, "an expression object has exactly one operator");
    const std::string& op = m[0].first;
    const Value& a = m[0].second;
    const std::string aptr = pointer_append(ptr, op);

    if (op == "var") {
      out.op = Expr::Op::Var;
      const Value* name = &a;
      if (a.is_list()) {
        if (a.as_list().empty() || a.as_list().size() > 2)
          return error(aptr, "var takes a name and an optional default");
        name = &a.as_list()[0];
        if (a.as_list().size() == 2) {
          Expr def;
          if (!expr(a.as_list()[1], pointer_append(aptr, 1), def)) return false;
          out.args.push_back(std::move(def));
        }
      }
      if (!name->is_string() || name->as_string().empty())
        return error(aptr, "var needs a variable name");
      split_path(name->as_string(), out.path);
      return true;
    }
    if (op == "quote") {
      out.op = Expr::Op::Literal;
      out.literal = a;
      return true;
    }
    if (op == "object") {
      out.op = Expr::Op::Object;
      if (!a.is_object()) return error(aptr, "object takes an object of expressions");
      for (const auto& kv : a.as_object()) {
        Expr e;
        if (!expr(kv.second, pointer_append(aptr, kv.first), e)) return false;
        out.path.push_back(kv.first);
        out.args.push_back(std::move(e));
      }
      return true;
    }
    if (op == "lookup" || op == "decide" || op == "call" || op == "message" || op == "valueLabel") {
      if (!a.is_list() || a.as_list().empty() || !a.as_list()[0].is_string())
        return error(aptr, op + " takes a name followed by arguments");
      out.op = op == "lookup"    ? Expr::Op::Lookup
               : op == "decide"  ? Expr::Op::Decide
               : op == "call"    ? Expr::Op::Call
               : op == "message" ? Expr::Op::Message
                                 : Expr::Op::ValueLabel;
      out.name = a.as_list()[0].as_string();
      const List& rest = a.as_list();
      for (std::size_t i = 1; i < rest.size(); ++i) {
        Expr e;
        if (!expr(rest[i], pointer_append(aptr, i), e)) return false;
        out.args.push_back(std::move(e));
      }
      if (out.op == Expr::Op::Lookup) {
        if (out.args.empty()) return error(aptr, "lookup needs at least one key");
        table_refs_.push_back({out.name, aptr});
      } else if (out.op == Expr::Op::Decide) {
        if (out.args.size() != 1) return error(aptr, "decide takes a table and one object");
        table_refs_.push_back({out.name, aptr});
      } else if (out.op == Expr::Op::Call) {
        if (out.args.size() > 1) return error(aptr, "call takes a program and one object");
        program_refs_.push_back({out.name, aptr});
      } else if (out.op == Expr::Op::ValueLabel) {
        if (out.args.size() != 1) return error(aptr, "valueLabel takes a message id prefix and one value");
      } else if (out.args.size() > 1) {
        return error(aptr, "message takes an id and one parameter object");
      }
      return true;
    }
    for (const auto& info : kOps) {
      if (op != info.name) continue;
      out.op = info.op;
      if (a.is_list()) {
        if (!args(a.as_list(), aptr, out)) return false;
      } else {
        Expr e;
        if (!expr(a, aptr, e)) return false;
        out.args.push_back(std::move(e));
      }
      int n = static_cast<int>(out.args.size());
      if (n < info.min_args || (info.max_args >= 0 && n > info.max_args))
        return error(aptr, "wrong number of arguments for " + op);
      if (info.op == Expr::Op::If && n % 2 == 0)
        return error(aptr, "if takes condition/value pairs and a final else value");
      return true;
    }
    return error(ptr, "unknown operator " + op);
  }

  bool program(const Value& v, const std::string& ptr, std::vector<Stmt>& out) {
    if (!v.is_list()) return error(ptr, "a program is a list of statements");
    for (std::size_t i = 0; i < v.as_list().size(); ++i) {
      Stmt s;
      if (!stmt(v.as_list()[i], pointer_append(ptr, i), s)) return false;
      out.push_back(std::move(s));
    }
    return true;
  }

  bool table(const std::string& name, const Value& v, const std::string& ptr, Table& t) {
    t.name = name;
    if (!v.is_object()) return error(ptr, "a table is an object");
    const Value* kind = v.find("kind");
    if (!kind || !kind->is_string()) return error(pointer_append(ptr, "kind"), "kind is required");
    t.rule = str(v, "rule");
    if (const Value* ver = v.find("verified"); ver && ver->is_bool()) t.verified = ver->as_bool();
    t.notice = str(v, "notice");
    if (!t.verified && t.notice.empty())
      return error(pointer_append(ptr, "notice"), "an unverified table needs a notice");
    if (!t.notice.empty()) message_refs_.push_back({t.notice, pointer_append(ptr, "notice")});
    const std::string& k = kind->as_string();
    if (k == "map") {
      t.kind = Table::Kind::Map;
      const Value* keys = v.find("keys");
      t.keys = keys && keys->is_number() && keys->as_number().is_integer()
                   ? static_cast<int>(keys->as_number().num())
                   : 1;
      if (t.keys < 1 || t.keys > 4) return error(pointer_append(ptr, "keys"), "keys is 1 to 4");
      const Value* entries = v.find("entries");
      if (!entries || !entries->is_object())
        return error(pointer_append(ptr, "entries"), "a map table needs entries");
      t.entries = *entries;
      return true;
    }
    if (k == "bands") {
      t.kind = Table::Kind::Bands;
      const Value* bands = v.find("bands");
      if (!bands || !bands->is_list() || bands->as_list().empty())
        return error(pointer_append(ptr, "bands"), "a band table needs bands");
      std::string bptr = pointer_append(ptr, "bands");
      for (std::size_t i = 0; i < bands->as_list().size(); ++i) {
        const Value& b = bands->as_list()[i];
        std::string p = pointer_append(bptr, i);
        Table::Band band;
        if (!bound(b, "from", p, band.has_from, band.from) || !bound(b, "to", p, band.has_to, band.to))
          return false;
        const Value* value = b.find("value");
        if (!value) return error(pointer_append(p, "value"), "a band needs a value");
        band.value = *value;
        if (band.has_from && band.has_to && band.to < band.from)
          return error(p, "band ends before it starts");
        t.bands.push_back(std::move(band));
      }
      return true;
    }
    if (k == "decision") {
      t.kind = Table::Kind::Decision;
      const Value* rows = v.find("rows");
      if (!rows || !rows->is_list() || rows->as_list().empty())
        return error(pointer_append(ptr, "rows"), "a decision table needs rows");
      std::string rptr = pointer_append(ptr, "rows");
      for (std::size_t i = 0; i < rows->as_list().size(); ++i) {
        const Value& r = rows->as_list()[i];
        std::string p = pointer_append(rptr, i);
        Table::Row row;
        const Value* when = r.find("when");
        const Value* then = r.find("then");
        if (!when || !when->is_object()) return error(pointer_append(p, "when"), "a row needs when");
        if (!then || !then->is_object()) return error(pointer_append(p, "then"), "a row needs then");
        row.then = *then;
        row.rule = str(r, "rule");
        if (row.rule.empty()) return error(pointer_append(p, "rule"), "every row cites its rule");
        for (const auto& c : when->as_object()) {
          Table::Condition cond;
          cond.column = c.first;
          std::string cp = pointer_append(pointer_append(p, "when"), c.first);
          if (c.second.is_object() && (c.second.find("from") || c.second.find("to"))) {
            cond.kind = Table::Condition::Kind::Range;
            if (!bound(c.second, "from", cp, cond.has_from, cond.from) ||
                !bound(c.second, "to", cp, cond.has_to, cond.to))
              return false;
          } else if (c.second.is_object() && c.second.find("in")) {
            cond.kind = Table::Condition::Kind::OneOf;
            const Value* in = c.second.find("in");
            if (!in->is_list()) return error(cp, "in takes a list");
            cond.one_of = in->as_list();
          } else if (c.second.is_object() || c.second.is_list()) {
            return error(cp, "a condition is a value, {from,to} or {in:[...]}");
          } else {
            cond.equals = c.second;
          }
          row.when.push_back(std::move(cond));
        }
        t.rows.push_back(std::move(row));
      }
      return true;
    }
    return error(pointer_append(ptr, "kind"), "kind is map, bands or decision");
  }

  bool strings(const Value& v, const char* key, const std::string& ptr, std::vector<std::string>& out) {
    const Value* l = v.find(key);
    if (!l) return true;
    if (!l->is_list()) return error(pointer_append(ptr, key), std::string(key) + " is a list of strings");
    for (const Value& x : l->as_list()) {
      if (!x.is_string()) return error(pointer_append(ptr, key), std::string(key) + " is a list of strings");
      out.push_back(x.as_string());
    }
    return true;
  }

  bool form(const Value& f, const std::string& ptr, FormSpec& out) {
    out.described = f;
    out.rule = str(f, "rule");
    if (!strings(f, "grades", ptr, out.grades)) return false;
    if (out.grades.empty()) return error(pointer_append(ptr, "grades"), "a form names its grades");
    if (!strings(f, "overdueKinds", ptr, out.overdue_kinds)) return false;
    static const std::pair<const char*, FormCheck::Kind> kKinds[] = {
        {"required", FormCheck::Kind::Required},       {"minLength", FormCheck::Kind::MinLength},
        {"maxLength", FormCheck::Kind::MaxLength},     {"differsFrom", FormCheck::Kind::DiffersFrom},
        {"blameOnly", FormCheck::Kind::BlameOnly},     {"isDate", FormCheck::Kind::IsDate},
        {"dateNotBefore", FormCheck::Kind::DateNotBefore},
        {"dateWithinDeadline", FormCheck::Kind::DateWithinDeadline},
        {"oneOf", FormCheck::Kind::OneOf},             {"clause", FormCheck::Kind::Clause},
        {"itemNamed", FormCheck::Kind::ItemNamed},     {"itemMediaType", FormCheck::Kind::ItemMediaType},
        {"itemExtension", FormCheck::Kind::ItemExtension},
        {"itemMaxBytes", FormCheck::Kind::ItemMaxBytes},
        {"uniqueNames", FormCheck::Kind::UniqueNames}, {"expr", FormCheck::Kind::Expr}};
    const Value* raw = f.find("checks");
    if (!raw || !raw->is_list()) return error(pointer_append(ptr, "checks"), "a form needs checks");
    // A shared list of checks ({"$shared": ...} resolved to a list) is spliced in place.
    std::vector<std::pair<const Value*, std::string>> checks;
    std::string cptr = pointer_append(ptr, "checks");
    for (std::size_t i = 0; i < raw->as_list().size(); ++i) {
      const Value& c = raw->as_list()[i];
      if (c.is_list()) {
        for (std::size_t k = 0; k < c.as_list().size(); ++k)
          checks.emplace_back(&c.as_list()[k], pointer_append(pointer_append(cptr, i), k));
      } else {
        checks.emplace_back(&c, pointer_append(cptr, i));
      }
    }
    for (const auto& entry : checks) {
      const Value& c = *entry.first;
      const std::string& p = entry.second;
      FormCheck fc;
      fc.pointer = p;
      const std::string kind = str(c, "check");
      bool known = false;
      for (const auto& k : kKinds) {
        if (kind == k.first) {
          fc.kind = k.second;
          known = true;
        }
      }
      if (!known) return error(pointer_append(p, "check"), "unknown check " + kind);
      fc.field = str(c, "field");
      if (const Value* o = c.find("other"); o && o->is_list()) {
        if (!strings(c, "other", p, fc.others)) return false;
      } else {
        fc.other = str(c, "other");
        if (!fc.other.empty()) fc.others.push_back(fc.other);
      }
      if (const Value* m = c.find("match")) {
        std::string match = m->is_string() ? m->as_string() : std::string();
        if (match != "same" && match != "near" && match != "any")
          return error(pointer_append(p, "match"), "match is same, near or any");
        fc.match = match == "same"   ? FormCheck::Match::Same
                   : match == "near" ? FormCheck::Match::Near
                                     : FormCheck::Match::Any;
      }
      fc.backdated_message = str(c, "backdatedMessage");
      if (!fc.backdated_message.empty())
        message_refs_.push_back({fc.backdated_message, pointer_append(p, "backdatedMessage")});
      fc.deadline = str(c, "deadline");
      fc.unless_filled = str(c, "unlessFilled");
      fc.code = str(c, "code");
      fc.message = str(c, "message");
      fc.rule = str(c, "rule");
      fc.warning = str(c, "severity") == "warning";
      if (fc.code.empty() || fc.message.empty() || fc.rule.empty())
        return error(p, "a check names its code, message and rule");
      message_refs_.push_back({fc.message, pointer_append(p, "message")});
      if (const Value* n = c.find("value")) {
        if (!n->is_number() || !n->as_number().is_integer())
          return error(pointer_append(p, "value"), "value is a whole number");
        fc.number = n->as_number().num();
      }
      if (!strings(c, "values", p, fc.values) || !strings(c, "grades", p, fc.grades) ||
          !strings(c, "stages", p, fc.stages) || !strings(c, "auditTypes", p, fc.audit_types))
        return false;
      if (fc.kind == FormCheck::Kind::OneOf && fc.values.empty()) fc.values = out.grades;
      if ((fc.kind == FormCheck::Kind::DiffersFrom && fc.other.empty()) ||
          (fc.kind == FormCheck::Kind::DateNotBefore && fc.others.empty()))
        return error(pointer_append(p, "other"), "this check compares with another field");
      // What a check of the kind cannot do without (it would never fire, or fire on every finding).
      if (fc.kind != FormCheck::Kind::Expr && fc.field.empty())
        return error(pointer_append(p, "field"), "this check names the finding's field it checks");
      if ((fc.kind == FormCheck::Kind::MinLength || fc.kind == FormCheck::Kind::MaxLength) &&
          (!c.find("value") || fc.number < 1))
        return error(pointer_append(p, "value"), "value is the number of characters, at least 1");
      if ((fc.kind == FormCheck::Kind::BlameOnly || fc.kind == FormCheck::Kind::ItemMediaType ||
           fc.kind == FormCheck::Kind::ItemExtension) && fc.values.empty())
        return error(pointer_append(p, "values"), "this check needs its list of values");
      if (fc.kind == FormCheck::Kind::DateWithinDeadline && fc.deadline.empty())
        return error(pointer_append(p, "deadline"), "name the deadline kind");
      if (const Value* w = c.find("when")) {
        fc.has_when = true;
        if (!expr(*w, pointer_append(p, "when"), fc.when)) return false;
      }
      if (fc.kind == FormCheck::Kind::Expr) {
        const Value* fails = c.find("fails");
        if (!fails) return error(pointer_append(p, "fails"), "an expr check needs fails");
        if (!expr(*fails, pointer_append(p, "fails"), fc.fails)) return false;
      }
      out.checks.push_back(std::move(fc));
    }
    // A date before the audit proves nothing about a deadline: each deadline check knows the
    // checks that catch such a date in its field.
    for (FormCheck& d : out.checks) {
      if (d.kind != FormCheck::Kind::DateWithinDeadline) continue;
      for (std::size_t k = 0; k < out.checks.size(); ++k)
        if (out.checks[k].kind == FormCheck::Kind::DateNotBefore && out.checks[k].field == d.field)
          d.not_before.push_back(k);
    }
    if (const Value* sb = f.find("sendBy")) {
      std::string sptr = pointer_append(ptr, "sendBy");
      if (!sb->is_list()) return error(sptr, "sendBy is a list of deadline kinds");
      for (std::size_t i = 0; i < sb->as_list().size(); ++i) {
        const Value& e = sb->as_list()[i];
        std::string p = pointer_append(sptr, i);
        SendBy s;
        s.kind = str(e, "kind");
        s.rule = str(e, "rule");
        std::string basis = str(e, "basis");
        if (s.kind.empty() || s.rule.empty())
          return error(p, "each entry names a deadline kind and cites its rule");
        if (basis != "client" && basis != "body")
          return error(pointer_append(p, "basis"), "basis is client or body");
        s.clients = basis == "client";
        if (const Value* r = e.find("reviewDays"); r && !r->is_null()) {
          if (!r->is_number() || !r->as_number().is_integer() || r->as_number() < Exact(0) ||
              r->as_number() > Exact(366) || s.clients)
            return error(pointer_append(p, "reviewDays"),
                         "reviewDays is a whole number of days, 0 to 366, before a body's deadline");
          s.has_review = true;
          s.review_days = r->as_number().num();
        }
        out.send_by.push_back(std::move(s));
      }
    }
    const Value* wf = f.find("workflow");
    if (!wf || !wf->is_object()) return error(pointer_append(ptr, "workflow"), "a form needs a workflow");
    std::string wptr = pointer_append(ptr, "workflow");
    out.workflow.rule = str(*wf, "rule");
    if (!strings(*wf, "states", wptr, out.workflow.states)) return false;
    if (const Value* init = wf->find("initial")) {
      for (const auto& kv : init->as_object()) {
        if (!kv.second.is_string()) return error(pointer_append(wptr, "initial"), "initial states are ids");
        out.workflow.initial[kv.first] = kv.second.as_string();
      }
    }
    const Value* ts = wf->find("transitions");
    if (!ts || !ts->is_list()) return error(pointer_append(wptr, "transitions"), "a workflow needs transitions");
    auto known_state = [&](const std::string& s) {
      return std::find(out.workflow.states.begin(), out.workflow.states.end(), s) !=
             out.workflow.states.end();
    };
    for (const auto& kv : out.workflow.initial) {
      if (!is_stage(kv.first))
        return error(pointer_append(pointer_append(wptr, "initial"), kv.first), "stages are cm, oe and full");
      if (!known_state(kv.second))
        return error(pointer_append(pointer_append(wptr, "initial"), kv.first), "unknown state " + kv.second);
    }
    // A finding the request gives no state starts in its stage's: without one it had the state "".
    for (const char* stage : kStages)
      if (!out.workflow.initial.count(stage))
        return error(pointer_append(wptr, "initial"),
                     std::string("the workflow needs an initial state for stage ") + stage);
    for (std::size_t i = 0; i < ts->as_list().size(); ++i) {
      const Value& t = ts->as_list()[i];
      std::string p = pointer_append(pointer_append(wptr, "transitions"), i);
      Workflow::Transition tr;
      if (!strings(t, "from", p, tr.from)) return false;
      tr.action = str(t, "action");
      tr.to = str(t, "to");
      if (const Value* r = t.find("requiresReady")) tr.requires_ready = r->is_bool() && r->as_bool();
      tr.customer = str(t, "actor") != "cb";
      if (!strings(t, "stages", p, tr.stages)) return false;
      if (tr.action.empty() || !known_state(tr.to)) return error(p, "a transition needs an action and a known target state");
      for (const auto& s : tr.from)
        if (!known_state(s)) return error(pointer_append(p, "from"), "unknown state " + s);
      out.workflow.transitions.push_back(std::move(tr));
    }
    return true;
  }

  // References are resolved once the whole pack is read.
  bool resolve(const Pack& p) {
    for (const auto& r : table_refs_)
      if (!p.tables.count(r.first)) return error(r.second, "no table named " + r.first);
    for (const auto& r : program_refs_)
      if (!p.programs.count(r.first)) return error(r.second, "no program named " + r.first);
    return true;
  }

  const std::vector<std::pair<std::string, std::string>>& message_refs() const {
    return message_refs_;
  }

 private:
  static void split_path(const std::string& s, std::vector<std::string>& out) {
    std::size_t start = 0;
    while (true) {
      std::size_t dot = s.find('.', start);
      out.push_back(s.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
  }

  static std::string str(const Value& v, const char* key) {
    const Value* s = v.find(key);
    return s && s->is_string() ? s->as_string() : std::string();
  }

  bool bound(const Value& v, const char* key, const std::string& ptr, bool& has, Exact& out) {
    const Value* b = v.find(key);
    if (!b || b->is_null()) return true;
    if (!b->is_number()) return error(pointer_append(ptr, key), std::string(key) + " must be a number");
    has = true;
    out = b->as_number();
    return true;
  }

  bool args(const List& list, const std::string& ptr, Expr& out) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      Expr e;
      if (!expr(list[i], pointer_append(ptr, i), e)) return false;
      out.args.push_back(std::move(e));
    }
    return true;
  }

  bool params(const Value& v, const std::string& ptr, Stmt& s) {
    const Value* p = v.find("params");
    if (!p) return true;
    if (!p->is_object()) return error(pointer_append(ptr, "params"), "params is an object");
    for (const auto& kv : p->as_object()) {
      Expr e;
      if (!expr(kv.second, pointer_append(pointer_append(ptr, "params"), kv.first), e)) return false;
      s.params.emplace_back(kv.first, std::move(e));
    }
    return true;
  }

  bool value_of(const Value& v, const char* key, const std::string& ptr, Expr& out) {
    const Value* e = v.find(key);
    if (!e) return error(pointer_append(ptr, key), std::string(key) + " is required");
    return expr(*e, pointer_append(ptr, key), out);
  }

  bool stmt(const Value& v, const std::string& ptr, Stmt& s) {
    s.pointer = ptr;
    if (!v.is_object()) return error(ptr, "a statement is an object");
    s.rule = str(v, "rule");
    if (const Value* w = v.find("when")) {
      s.has_when = true;
      if (!expr(*w, pointer_append(ptr, "when"), s.when)) return false;
    }
    auto name_of = [&](const char* key) -> bool {
      const Value* n = v.find(key);
      if (!n->is_string() || n->as_string().empty())
        return error(pointer_append(ptr, key), std::string(key) + " takes a name");
      s.name = n->as_string();
      return true;
    };
    if (v.find("let")) {
      s.kind = Stmt::Kind::Let;
      return name_of("let") && value_of(v, "value", ptr, s.value);
    }
    if (v.find("set")) {
      s.kind = Stmt::Kind::Set;
      return name_of("set") && value_of(v, "value", ptr, s.value);
    }
    if (v.find("push")) {
      s.kind = Stmt::Kind::Push;
      return name_of("push") && value_of(v, "value", ptr, s.value);
    }
    if (v.find("term")) {
      s.kind = Stmt::Kind::Term;
      if (!name_of("term") || !value_of(v, "days", ptr, s.value)) return false;
      if (s.rule.empty()) return error(pointer_append(ptr, "rule"), "every term cites its rule");
      s.code = str(v, "label");  // a message id: the term as people read it
      if (!s.code.empty()) message_refs_.push_back({s.code, pointer_append(ptr, "label")});
      return params(v, ptr, s);
    }
    if (v.find("say") || v.find("note") || v.find("warn")) {
      s.kind = Stmt::Kind::Say;
      const char* key = v.find("say") ? "say" : v.find("note") ? "note" : "warn";
      const Value* id = v.find(key);
      if (!id->is_string()) return error(pointer_append(ptr, key), "takes a message id");
      s.code = id->as_string();
      s.into = std::string(key) == "note" ? "notes" : std::string(key) == "warn" ? "warnings" : str(v, "into");
      if (s.into.empty()) return error(pointer_append(ptr, "into"), "say needs into");
      if (s.rule.empty()) return error(pointer_append(ptr, "rule"), "every message cites its rule");
      message_refs_.push_back({s.code, pointer_append(ptr, key)});
      return params(v, ptr, s);
    }
    if (v.find("fail")) {
      s.kind = Stmt::Kind::Fail;
      const Value* code = v.find("fail");
      if (!code->is_string()) return error(pointer_append(ptr, "fail"), "takes an error code");
      s.code = code->as_string();
      s.message_id = str(v, "message");
      s.path = str(v, "path");
      // The envelope's path is a JSON Pointer into the request (RFC 6901): "" or "/...".
      bool escapes = true;  // RFC 6901: ~ only as ~0 (for ~) or ~1 (for /)
      for (std::size_t i = 0; i < s.path.size(); ++i)
        if (s.path[i] == '~' && (i + 1 == s.path.size() || (s.path[i + 1] != '0' && s.path[i + 1] != '1')))
          escapes = false;
      if ((!s.path.empty() && s.path[0] != '/') || !escapes)
        return error(pointer_append(ptr, "path"),
                     "a JSON Pointer into the request: empty, or starting with / (e.g. /findings/{index}/id), "
                     "with ~ written only as ~0 or ~1");
      if (s.message_id.empty()) return error(pointer_append(ptr, "message"), "fail needs a message");
      message_refs_.push_back({s.message_id, pointer_append(ptr, "message")});
      return params(v, ptr, s);
    }
    if (v.find("each")) {
      s.kind = Stmt::Kind::Each;
      if (!name_of("each") || !value_of(v, "in", ptr, s.value)) return false;
      s.index_name = s.name + "Index";
      const Value* body = v.find("do");
      if (!body) return error(pointer_append(ptr, "do"), "each needs do");
      if (!program(*body, pointer_append(ptr, "do"), s.body)) return false;
      s.reusable = !index_read(s.body, s.index_name);
      return true;
    }
    if (v.find("if")) {
      s.kind = Stmt::Kind::If;
      if (!value_of(v, "if", ptr, s.value)) return false;
      const Value* then = v.find("then");
      if (!then) return error(pointer_append(ptr, "then"), "if needs then");
      if (!program(*then, pointer_append(ptr, "then"), s.body)) return false;
      if (const Value* e = v.find("else"))
        return program(*e, pointer_append(ptr, "else"), s.else_body);
      return true;
    }
    if (v.find("merge")) {
      s.kind = Stmt::Kind::Merge;
      return value_of(v, "merge", ptr, s.value);
    }
    return error(ptr, "unknown statement");
  }

  static bool uses(const Expr& e, const std::string& name) {
    if (e.op == Expr::Op::Var && e.path[0] == name) return true;
    for (const Expr& a : e.args)
      if (uses(a, name)) return true;
    return false;
  }

  // Whether a loop body reads its index anywhere but in the values it writes (a condition, a
  // variable, a nested loop's list).
  static bool index_read(const std::vector<Stmt>& body, const std::string& name) {
    for (const Stmt& s : body) {
      if (s.has_when && uses(s.when, name)) return true;
      switch (s.kind) {
        case Stmt::Kind::Let:
          if (uses(s.value, name)) return true;
          break;
        case Stmt::Kind::Each:
          if (uses(s.value, name) || index_read(s.body, name)) return true;
          break;
        case Stmt::Kind::If:
          if (uses(s.value, name) || index_read(s.body, name) || index_read(s.else_body, name)) return true;
          break;
        default: break;  // set, push, merge, term, say, fail: what they write
      }
    }
    return false;
  }

  std::string pack_id_;
  Failure& failure_;
  std::vector<std::pair<std::string, std::string>> table_refs_, program_refs_, message_refs_;
};

std::string text(const Value& doc, const char* key) {
  const Value* v = doc.find(key);
  return v && v->is_string() ? v->as_string() : std::string();
}

}  // namespace

namespace {

// Copies only what changes: a subtree without {"$shared"} is returned as it is.
bool resolve_at(const Value& v, const PointerChain& at, const SharedData& shared, Value& out,
                bool& changed_out, Failure& f, int depth) {
  changed_out = false;
  auto fail = [&](const std::string& where, const std::string& detail) {
    f = make_failure("invalid_pack", "invalid_pack", where, {{"pack", ""}, {"detail", detail}});
    return false;
  };
  if (depth > 64) return fail(at.str(), "shared data nested too deeply");
  if (v.is_object()) {
    const Value* ref = v.find("$shared");
    Members merged;
    bool changed = ref != nullptr;
    if (ref) {
      const Value* data = ref->is_string() ? shared(ref->as_string()) : nullptr;
      if (!data)
        return fail(pointer_append(at.str(), "$shared"),
                    "no shared data named " + (ref->is_string() ? ref->as_string() : std::string("?")));
      Value base;
      bool ignored = false;
      // Shared data may itself use shared data (the depth limit stops a cycle).
      if (!resolve_at(*data, at, shared, base, ignored, f, depth + 1)) return false;
      if (!ignored) base = *data;
      changed_out = true;
      if (v.as_object().size() == 1) {
        out = base;
        return true;
      }
      if (!base.is_object())
        return fail(pointer_append(at.str(), "$shared"), "only shared objects take extra members");
      merged = base.as_object();
    }
    // Members are copied only once a first one changes (most of a pack has no shared data).
    Members own;
    const Members& members = v.as_object();
    for (std::size_t i = 0; i < members.size(); ++i) {
      const auto& kv = members[i];
      if (kv.first == "$shared") continue;
      Value r;
      bool c = false;
      PointerChain child{&at, &kv.first, 0};
      if (!resolve_at(kv.second, child, shared, r, c, f, depth + 1)) return false;
      if (c && !changed) {
        for (std::size_t k = 0; k < i; ++k)
          if (members[k].first != "$shared") own.push_back(members[k]);
      }
      changed = changed || c;
      if (changed) own.emplace_back(kv.first, c ? std::move(r) : kv.second);
    }
    if (!changed) return true;  // the caller keeps its own copy
    changed_out = true;
    for (auto& kv : own) {
      bool replaced = false;
      for (auto& m : merged) {
        if (m.first == kv.first) {
          m.second = std::move(kv.second);
          replaced = true;
          break;
        }
      }
      if (!replaced) merged.emplace_back(kv.first, std::move(kv.second));
    }
    out = Value::object(std::move(merged));
    return true;
  }
  if (v.is_list()) {
    List l;
    bool changed = false;
    const List& items = v.as_list();
    for (std::size_t i = 0; i < items.size(); ++i) {
      Value r;
      bool c = false;
      if (!resolve_at(items[i], PointerChain{&at, nullptr, i}, shared, r, c, f, depth + 1))
        return false;
      if (c && !changed) l.assign(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(i));
      changed = changed || c;
      if (changed) l.push_back(c ? std::move(r) : items[i]);
    }
    changed_out = changed;
    if (changed) out = Value::list(std::move(l));
    return true;
  }
  return true;  // scalars never change
}

}  // namespace

bool resolve_shared(const Value& doc, const SharedData& shared, Value& out, Failure& failure) {
  bool changed = false;
  if (!resolve_at(doc, PointerChain{}, shared, out, changed, failure, 0)) return false;
  if (!changed) out = doc;
  return true;
}

std::shared_ptr<const Pack> compile_pack(const Value& written, const std::string& origin,
                                         Failure& failure) {
  auto pack = std::make_shared<Pack>();
  pack->origin = origin;
  pack->id = text(written, "id");
  Compiler c(pack->id.empty() ? origin : pack->id, failure);
  if (!written.is_object()) {
    c.error("", "a pack is a JSON object");
    return nullptr;
  }
  if (pack->id.empty()) {
    c.error("/id", "id is required");
    return nullptr;
  }
  // Everything below (answers, describe, schemes) sees the citations as people read them.
  Value doc;
  if (!expand_citations(written, pack->id, doc, pack->sources, failure)) return nullptr;
  pack->title = text(doc, "title");
  pack->version = text(doc, "version");
  pack->publisher = text(doc, "publisher");
  pack->effective_date = text(doc, "effectiveDate");
  // The dates a pack states about itself are shown to people as written: real days, in order.
  std::optional<Date> effective, superseded;
  for (const char* key : {"effectiveDate", "supersededDate"}) {
    const Value* v = doc.find(key);
    if (!v || !v->is_string()) continue;
    std::optional<Date> d = Date::parse(v->as_string());
    if (!d) {
      c.error(std::string("/") + key, v->as_string() + " is not a real day written YYYY-MM-DD");
      return nullptr;
    }
    (key[0] == 'e' ? effective : superseded) = d;
  }
  if (effective && superseded && *superseded < *effective) {
    c.error("/supersededDate", "the pack is superseded before it takes effect (" + effective->to_string() + ")");
    return nullptr;
  }
  if (const Value* by = doc.find("supersededBy"); by && by->is_string() && by->as_string() == pack->id) {
    c.error("/supersededBy", "a pack cannot be superseded by itself");
    return nullptr;
  }
  if (const Value* v = doc.find("verified"); v && v->is_bool()) pack->verified = v->as_bool();
  pack->meta = doc;
  if (const Value* m = doc.find("messages")) pack->messages = *m;
  if (const Value* d = doc.find("data")) pack->data = *d;

  if (const Value* tables = doc.find("tables")) {
    for (const auto& kv : tables->as_object()) {
      Table t;
      if (!c.table(kv.first, kv.second, pointer_append("/tables", kv.first), t)) return nullptr;
      pack->tables.emplace(kv.first, std::move(t));
    }
  }
  if (const Value* programs = doc.find("programs")) {
    for (const auto& kv : programs->as_object()) {
      std::vector<Stmt> body;
      if (!c.program(kv.second, pointer_append("/programs", kv.first), body)) return nullptr;
      pack->programs.emplace(kv.first, std::move(body));
    }
  }
  if (const Value* ops = doc.find("operations")) {
    for (const auto& kv : ops->as_object()) {
      std::string ptr = pointer_append("/operations", kv.first);
      OpDef def;
      def.rule = text(kv.second, "rule");
      if (const Value* fields = kv.second.find("fields")) {
        for (const auto& f : fields->as_object()) {
          // Every request's own fields: a pack's field of that name would take them over.
          if (f.first == "scheme" || f.first == "locale") {
            c.error(pointer_append(pointer_append(ptr, "fields"), f.first),
                    "scheme and locale are fields of every request; give this field another name");
            return nullptr;
          }
          FieldSpec spec;
          if (!compile_field_spec(f.first, f.second,
                                  pointer_append(pointer_append(ptr, "fields"), f.first), spec,
                                  failure)) {
            failure.code = "invalid_pack";
            failure.message_id = "invalid_pack";
            failure.params.insert(failure.params.begin(), {"pack", pack->id});
            return nullptr;
          }
          def.fields.push_back(std::move(spec));
        }
      }
      const Value* program = kv.second.find("program");
      if (!program) {
        c.error(pointer_append(ptr, "program"), "an operation needs a program");
        return nullptr;
      }
      if (!c.program(*program, pointer_append(ptr, "program"), def.program)) return nullptr;
      pack->ops.emplace(kv.first, std::move(def));
    }
  }
  if (const Value* cr = doc.find("clauseReferences")) {
    std::string where, detail;
    if (!pack->clauses.load(*cr, where, detail)) {
      c.error("/clauseReferences" + where, detail);
      return nullptr;
    }
  }
  if (const Value* f = doc.find("form")) {
    auto spec = std::make_shared<FormSpec>();
#if CERTCALC_CALC_ONLY
    // The calculator build (engine.cpp) runs no validate: `describe` shows the form as written,
    // and only built-in packs, which the unit tests compile completely, come here.
    spec->described = *f;
    if (const Value* rule = f->find("rule"); rule && rule->is_string()) spec->rule = rule->as_string();
    // The deadlines operation says whose each deadline is by these (FormSpec::party).
    if (const Value* kinds = f->find("overdueKinds"); kinds && kinds->is_list())
      for (const Value& k : kinds->as_list())
        if (k.is_string()) spec->overdue_kinds.push_back(k.as_string());
#else
    if (!c.form(*f, "/form", *spec)) return nullptr;
#endif
    pack->form = spec;
  }
  if (!c.resolve(*pack)) return nullptr;
#if !CERTCALC_CALC_ONLY
  // The calculator build (engine.cpp) has no validate to plan for.
  if (pack->form) pack->validate_plan = plan_validate(*pack);
#endif
  // Whether each message id exists needs the catalogs: the engine checks these.
  std::set<std::string> seen;
  for (const auto& r : c.message_refs())
    if (seen.insert(r.first).second) pack->message_refs.push_back(r);
  return pack;
}

}  // namespace certcalc
