#include "evaluate.h"

#include <algorithm>
#include <cstdint>

#include "same_bytes.h"
#include "text_checks.h"
#include "utf8.h"

namespace certcalc {
namespace {

constexpr std::uint64_t kStepLimit = kEvalStepLimit;
constexpr int kCallDepthLimit = 16;
constexpr std::int64_t kRangeLimit = 10000;
constexpr std::uint64_t kRangeNumbers = 1000000;  // numbers all ranges of one request may make

// Variables by name; the names are the pack's own texts (or literals), never copied. A loop's
// scope holds two variables, kept in place: most scopes allocate nothing.
struct Scope {
  const Scope* parent = nullptr;
  const Value* inputs = nullptr;  // only on the root scope

  void add(std::string_view name, Value v) {
    if (inline_count_ < 2)
      inline_[inline_count_++] = {name, std::move(v)};
    else
      more_.emplace_back(name, std::move(v));
  }

  const Value* lookup(std::string_view name) const {
    for (const Scope* s = this; s; s = s->parent) {
      // the latest variable of a name wins
      for (auto it = s->more_.rbegin(); it != s->more_.rend(); ++it)
        if (same_text(it->first, name)) return &it->second;
      for (std::size_t i = s->inline_count_; i-- > 0;)
        if (same_text(s->inline_[i].first, name)) return &s->inline_[i].second;
      if (s->inputs)
        if (const Value* v = s->inputs->find(name)) return v;
    }
    return nullptr;
  }

 private:
  std::pair<std::string_view, Value> inline_[2];
  std::size_t inline_count_ = 0;
  std::vector<std::pair<std::string_view, Value>> more_;
};

// The output object under construction: scalars are replaced, lists appended to. Members keep
// the order in which they were first written. An output has a handful of members: a vector
// searched in order costs less than maps of nodes.
class Output {
 public:
  void set(const std::string& key, Value v) {
    ++writes_;
    Slot& s = slot(key);
    s.is_list = false;
    s.list.clear();
    s.scalar = std::move(v);
  }
  void push(const std::string& key, Value v) {
    ++writes_;
    Slot* s = find(key);
    if (!s) {
      s = &slot(key);
      s->is_list = true;
    } else if (!s->is_list) {
      s->list = s->scalar.is_list() ? s->scalar.as_list() : List{s->scalar};
      s->scalar = Value();
      s->is_list = true;
    }
    s->list.push_back(std::move(v));
  }
  /// Writes so far (a merge counts even when it writes nothing).
  std::size_t writes() const { return writes_; }
  void count_write() { ++writes_; }

  Value build() {
    Members m;
    m.reserve(slots_.size());
    for (Slot& s : slots_)
      m.emplace_back(s.key, s.is_list ? Value::list(std::move(s.list)) : std::move(s.scalar));
    return Value::object(std::move(m));
  }

 private:
  struct Slot {
    std::string key;
    bool is_list = false;
    Value scalar;
    List list;
  };
  Slot* find(const std::string& key) {
    for (Slot& s : slots_)
      if (s.key == key) return &s;
    return nullptr;
  }
  Slot& slot(const std::string& key) {
    if (Slot* s = find(key)) return *s;
    slots_.emplace_back();
    slots_.back().key = key;
    return slots_.back();
  }
  std::vector<Slot> slots_;
  std::size_t writes_ = 0;
};

// The distinct keys of a list in the order first seen, in an open-addressing table of their
// indexes (no node per key, little code in the module), for `distinct` and `firstRepeat`: a
// list of n keys costs n lookups where comparing each with the earlier ones costs n²/2. Keys
// compare as Value::equals (as `==` does). Each probe counts as a step, so colliding hashes stay
// bounded by the step limit.
class KeySet {
 public:
  enum class Add { New, Seen, TooManySteps };
  explicit KeySet(std::size_t n) {
    while (size_ < 2 * n) size_ *= 2;
    table_.assign(size_, 0);
    keys_.reserve(n);
  }
  Add add(Value key, std::uint64_t& steps) {
    std::size_t slot = key.hash() & (size_ - 1);
    for (; table_[slot]; slot = (slot + 1) & (size_ - 1)) {
      if (++steps > kStepLimit) return Add::TooManySteps;
      if (keys_[table_[slot] - 1].equals(key)) return Add::Seen;
    }
    keys_.push_back(std::move(key));
    table_[slot] = static_cast<std::uint32_t>(keys_.size());
    return Add::New;
  }
  List take() { return std::move(keys_); }

 private:
  std::size_t size_ = 16;
  std::vector<std::uint32_t> table_;  // a key's index + 1, at its hash's slot or after
  List keys_;
};

class Evaluator {
 public:
  explicit Evaluator(EvalEnv& env) : env_(env) {}

  bool run(const std::vector<Stmt>& program, Scope& scope, Output& out) {
    for (const Stmt& s : program)
      if (!stmt(s, scope, out)) return false;
    return true;
  }

  bool eval(const Expr& e, const Scope& scope, Value& out) {
    if (++env_.steps > kStepLimit) return too_many_steps(e);
    switch (e.op) {
      case Expr::Op::Literal: out = e.literal; return true;
      case Expr::Op::Var: return var(e, scope, out);
      case Expr::Op::List: {
        List items;
        items.reserve(e.args.size());
        for (const Expr& a : e.args) {
          Value v;
          if (!eval(a, scope, v)) return false;
          items.push_back(std::move(v));
        }
        out = Value::list(std::move(items));
        return true;
      }
      case Expr::Op::Object: {
        Members m;
        m.reserve(e.args.size());
        for (std::size_t i = 0; i < e.args.size(); ++i) {
          m.emplace_back(e.path[i], Value());
          if (!eval(e.args[i], scope, m.back().second)) return false;  // in place: no move
        }
        out = Value::object(std::move(m));
        return true;
      }
      case Expr::Op::Add:
      case Expr::Op::Sub:
      case Expr::Op::Mul:
      case Expr::Op::Div: return arithmetic(e, scope, out);
      case Expr::Op::Min:
      case Expr::Op::Max: return extreme(e, scope, out);
      case Expr::Op::CeilTo:
      case Expr::Op::FloorTo: {
        Value x, step;
        if (!number_arg(e, 0, scope, x) || !number_arg(e, 1, scope, step)) return false;
        if (step.as_number() <= Exact(0))
          return beyond(e.pointer, "a rounding step that is not positive", step.origin());
        auto r = e.op == Expr::Op::CeilTo ? x.as_number().ceil_to(step.as_number())
                                          : x.as_number().floor_to(step.as_number());
        if (!r) return overflow(e, either(x, step));
        out = Value::number(*r);
        out.set_origin(either(x, step));
        return true;
      }
      case Expr::Op::Eq:
      case Expr::Op::Ne: {
        bool t = false;
        if (!equality(e, scope, t)) return false;
        out = Value::boolean(t);
        return true;
      }
      case Expr::Op::Lt:
      case Expr::Op::Le:
      case Expr::Op::Gt:
      case Expr::Op::Ge: {
        Value ta, tb;
        const Value *a = nullptr, *b = nullptr;
        if (!eval_ref(e.args[0], scope, a, ta) || !eval_ref(e.args[1], scope, b, tb)) return false;
        int c = 0;
        if (!compare(e, *a, *b, c)) return false;
        bool r = e.op == Expr::Op::Lt   ? c < 0
                 : e.op == Expr::Op::Le ? c <= 0
                 : e.op == Expr::Op::Gt ? c > 0
                                        : c >= 0;
        out = Value::boolean(r);
        return true;
      }
      case Expr::Op::And:
      case Expr::Op::Or: {
        const bool is_and = e.op == Expr::Op::And;
        for (const Expr& a : e.args) {
          bool t = false;
          if (!truth(a, scope, t)) return false;
          if (t != is_and) {
            out = Value::boolean(!is_and);
            return true;
          }
        }
        out = Value::boolean(is_and);
        return true;
      }
      case Expr::Op::Not: {
        bool t = false;
        if (!truth(e.args[0], scope, t)) return false;
        out = Value::boolean(!t);
        return true;
      }
      case Expr::Op::If: {
        for (std::size_t i = 0; i + 1 < e.args.size(); i += 2) {
          bool t = false;
          if (!truth(e.args[i], scope, t)) return false;
          if (t) return eval(e.args[i + 1], scope, out);
        }
        return eval(e.args.back(), scope, out);
      }
      case Expr::Op::In: {
        Value x, list;
        if (!eval(e.args[0], scope, x) || !eval(e.args[1], scope, list)) return false;
        if (list.is_null()) return unknown(e.args[1].pointer, "a list", list.origin());
        if (!list.is_list()) return defect(e.pointer, "in needs a list");
        bool found = false;
        for (const Value& v : list.as_list()) found = found || v.equals(x);
        out = Value::boolean(found);
        return true;
      }
      case Expr::Op::IsNull: {
        Value x;
        if (!eval(e.args[0], scope, x)) return false;
        out = Value::boolean(x.is_null());
        return true;
      }
      case Expr::Op::Coalesce: {
        for (const Expr& a : e.args) {
          if (!eval(a, scope, out)) return false;
          if (!out.is_null()) return true;
        }
        out = Value();
        return true;
      }
      case Expr::Op::Lookup: return lookup(e, scope, out);
      case Expr::Op::Decide: return decide(e, scope, out);
      case Expr::Op::Get: {
        Value obj, key;
        if (!eval(e.args[0], scope, obj) || !eval(e.args[1], scope, key)) return false;
        out = Value();
        if ((obj.is_object() || obj.is_list()) && key.is_null()) return unknown(e.args[1].pointer, "a key", key.origin());
        if (obj.is_object() && key.is_string()) {
          if (const Value* v = obj.find(key.as_string())) out = *v;
        } else if (obj.is_list() && key.is_number() && key.as_number().is_integer()) {
          std::int64_t i = key.as_number().num();
          if (i >= 0 && static_cast<std::size_t>(i) < obj.as_list().size())
            out = obj.as_list()[static_cast<std::size_t>(i)];
        } else if (!obj.is_null()) {
          return defect(e.pointer, "get needs an object and a key, or a list and an index");
        }
        return true;
      }
      case Expr::Op::Length: {
        Value x;
        if (!eval(e.args[0], scope, x)) return false;
        std::int64_t n = 0;
        if (x.is_list()) {
          n = static_cast<std::int64_t>(x.as_list().size());
        } else if (x.is_string()) {
          for (unsigned char c : x.as_string()) n += (c & 0xC0) != 0x80;
        } else if (!x.is_null()) {
          return defect(e.pointer, "length needs a list or a string");
        }
        out = Value::number(Exact(n));
        return true;
      }
      case Expr::Op::Range: {
        Value a, b;
        if (!number_arg(e, 0, scope, a) || !number_arg(e, 1, scope, b)) return false;
        if (!a.as_number().is_integer() || !b.as_number().is_integer())
          return defect(e.pointer, "range takes whole numbers");
        std::int64_t from = a.as_number().num(), to = b.as_number().num();
        // The difference in unsigned arithmetic: exact for to > from, where to - from may not
        // fit an int64 (a pack's range over request numbers: -9e18..9e18).
        if (to > from &&
            static_cast<std::uint64_t>(to) - static_cast<std::uint64_t>(from) >
                static_cast<std::uint64_t>(kRangeLimit))
          return beyond(e.pointer, "a range of more than " + std::to_string(kRangeLimit + 1) + " numbers",
                        either(b, a));
        // Ranges inside ranges make numbers faster than steps count: they have a budget of
        // their own (the built-in packs make a few hundred per request).
        if (to >= from) {
          env_.range_numbers += static_cast<std::uint64_t>(to - from) + 1;
          if (env_.range_numbers > kRangeNumbers)
            return beyond(e.pointer, "the ranges of this calculation make more than " +
                                         std::to_string(kRangeNumbers) + " numbers",
                          either(b, a));
        }
        List items;
        // Counted from `from`, so that a range ending at the largest int64 stops there.
        for (std::int64_t k = 0; to >= from && k <= to - from; ++k)
          items.push_back(Value::number(Exact(from + k)));
        out = Value::list(std::move(items));
        return true;
      }
      case Expr::Op::Count:
      case Expr::Op::Sum:
      case Expr::Op::Filter:
      case Expr::Op::Map:
      case Expr::Op::Find:
      case Expr::Op::Some:
      case Expr::Op::All: return over_list(e, scope, out);
      case Expr::Op::SortBy: return sort_by(e, scope, out);
      case Expr::Op::FirstRepeat: return first_repeat(e, scope, out);
      case Expr::Op::Iterate: return iterate(e, scope, out);
      case Expr::Op::Flatten: {
        Value list;
        if (!eval(e.args[0], scope, list)) return false;
        if (list.is_null()) list = Value::list({});
        if (!list.is_list()) return defect(e.args[0].pointer, "a list is needed here");
        List items;
        for (const Value& x : list.as_list()) {
          if (x.is_list())
            for (const Value& y : x.as_list()) items.push_back(y);
          else if (!x.is_null())
            items.push_back(x);
          if (items.size() > kEvalListLimit)
            return beyond(e.pointer, "the list would hold more than " + std::to_string(kEvalListLimit) + " items");
        }
        out = Value::list(std::move(items));
        return true;
      }
      case Expr::Op::Distinct: {
        Value list;
        if (!eval(e.args[0], scope, list)) return false;
        if (list.is_null()) list = Value::list({});
        if (!list.is_list()) return defect(e.args[0].pointer, "a list is needed here");
        KeySet seen(list.as_list().size());
        for (const Value& x : list.as_list())
          if (seen.add(x, env_.steps) == KeySet::Add::TooManySteps) return too_many_steps(e);
        out = Value::list(seen.take());
        return true;
      }
      case Expr::Op::Call: return call(e, scope, out);
      case Expr::Op::Date: {
        Value s;
        if (!eval(e.args[0], scope, s)) return false;
        out = Value();
        if (s.is_date()) {
          out = s;
        } else if (s.is_string()) {
          if (auto d = Date::parse(s.as_string())) {
            out = Value::date(*d);
            out.set_origin(s.origin());
          }
        }
        return true;
      }
      case Expr::Op::AddDays:
      case Expr::Op::AddWeeks:
      case Expr::Op::AddMonths:
      case Expr::Op::AddYears:
      case Expr::Op::AddWorkingDays: return date_shift(e, scope, out);
      case Expr::Op::DaysBetween: {
        Value a, b;
        if (!eval(e.args[0], scope, a) || !eval(e.args[1], scope, b)) return false;
        if (a.is_null() || b.is_null()) {
          out = Value();
          return true;
        }
        if (!a.is_date() || !b.is_date()) return defect(e.pointer, "daysBetween takes two dates");
        out = Value::number(Exact(a.as_date().days_until(b.as_date())));
        out.set_origin(either(a, b));
        return true;
      }
      case Expr::Op::StartOfYear:
      case Expr::Op::EndOfYear: {
        Value d;
        if (!eval(e.args[0], scope, d)) return false;
        out = Value();
        if (d.is_null()) return true;
        if (!d.is_date()) return defect(e.args[0].pointer, "a date is needed here");
        bool start = e.op == Expr::Op::StartOfYear;
        if (auto r = Date::from_ymd(d.as_date().year(), start ? 1 : 12, start ? 1 : 31)) {
          out = Value::date(*r);
          out.set_origin(d.origin());
        }
        return true;
      }
      case Expr::Op::Concat: {
        std::string s;
        for (const Expr& a : e.args) {
          Value v;
          if (!eval(a, scope, v)) return false;
          append_text(v, s);
          if (s.size() > kEvalTextLimit)
            return beyond(e.pointer, "the text would be longer than " + std::to_string(kEvalTextLimit) + " bytes");
        }
        out = Value::string(std::move(s));
        return true;
      }
      case Expr::Op::StartsWith: {
        Value s, p;
        if (!eval(e.args[0], scope, s) || !eval(e.args[1], scope, p)) return false;
        out = Value::boolean(s.is_string() && p.is_string() &&
                             s.as_string().compare(0, p.as_string().size(), p.as_string()) == 0);
        return true;
      }
      case Expr::Op::Blank: {
        // Nothing that shows: what the validate form's `required` counts as not filled in.
        Value s;
        if (!eval(e.args[0], scope, s)) return false;
        out = Value::boolean(s.is_null() || (s.is_string() && blank(s.as_string())));
        return true;
      }
      case Expr::Op::Lower: {
        Value s;
        if (!eval(e.args[0], scope, s)) return false;
        if (!s.is_string()) {
          out = s;
          return true;
        }
        std::string t = s.as_string();
        for (char& c : t)
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        out = Value::string(std::move(t));
        return true;
      }
      case Expr::Op::ClauseNumber: {
        Value s;
        if (!eval(e.args[0], scope, s)) return false;
        out = Value();
        if (s.is_string())
          if (auto n = env_.pack.clauses.read(s.as_string())) out = Value::string(std::move(*n));
        return true;
      }
      case Expr::Op::ValueLabel: {
        Value v;
        if (!eval(e.args[0], scope, v)) return false;
        out = value_label(e.name, v);
        return true;
      }
      case Expr::Op::Message: {
        // Without parameters a message is the same text every time: rendered once per run, the
        // copies share it (a program's issues each carry one, 100 in a 500-finding validate).
        if (e.args.empty()) {
          if (plain_message_expr_ != &e) {
            plain_message_ = Value::string(env_.catalogs.render(env_.locale, e.name, {}, &env_.pack.messages));
            plain_message_expr_ = &e;
          }
          out = plain_message_;
          return true;
        }
        Params params;
        {
          Value p;
          if (!eval(e.args[0], scope, p)) return false;
          for (const auto& kv : p.as_object())
            params.emplace_back(kv.first, value_text(kv.second, env_.locale));
        }
        out = Value::string(env_.catalogs.render(env_.locale, e.name, params, &env_.pack.messages));
        return true;
      }
    }
    return defect(e.pointer, "unknown operator");
  }

 private:
  // A defect of the pack: what the load-time check (typecheck.cpp) rules out for every pack
  // loaded through load_pack (and the unit tests for the built-in ones).
  bool defect(const std::string& pointer, const std::string& detail) {
    if (!env_.failure) {
      Failure f = make_failure("internal_error", "pack_evaluation_error", pointer,
                               {{"pack", env_.pack.id}, {"detail", detail}});
      f.internal = true;
      env_.failure = f;
    }
    return false;
  }

  // A null where a value is needed: the request left something out, or a table does not know
  // the figure for it. The request is answered missing_value, as the rule language promises.
  // A null the request left out (an optional field it did not give: check_fields tags it)
  // names that field: the path points at it, and the message says the request leaves it out.
  bool unknown(const std::string& pointer, const std::string& what, std::uint32_t origin = 0) {
    if (env_.failure) return false;
    if (const std::string field = origin_path(origin); !field.empty()) {
      env_.failure = make_failure("missing_value", "missing_value_from", field,
                                  {{"pack", env_.pack.id}, {"field", field_label(field)}});
      return false;
    }
    env_.failure = make_failure("missing_value", "pack_evaluation_error", "",
                                {{"pack", env_.pack.id},
                                 {"detail", what + " needed at " + pointer + " is not known for this request"}});
    return false;
  }

  // What the request's values take beyond the calculation's bounds (a division by a computed
  // zero, a range of more than 10,001 numbers, more steps than the limit): the path names the
  // request field the offending value came from, where one did (`origin`).
  bool beyond(const std::string& pointer, const std::string& detail, std::uint32_t origin = 0) {
    if (!env_.failure)
      env_.failure = make_failure("out_of_range", "pack_evaluation_error", origin_path(origin),
                                  {{"pack", env_.pack.id}, {"detail", detail + " (at " + pointer + ")"}});
    return false;
  }

  // The request field a computed value came from ("" when none did, or the inputs are no request).
  std::string origin_path(std::uint32_t origin) const {
    return origin && env_.request ? origin_pointer(*env_.request, origin) : std::string();
  }

  // The first origin of two: a result derived from request values keeps the first one's.
  static std::uint32_t either(const Value& a, const Value& b) { return a.origin() ? a.origin() : b.origin(); }

  // What the request's figures make too long to work out: out_of_range, whichever step crosses.
  bool too_many_steps(const Expr& e) {
    return beyond(e.pointer, "the calculation needs more than " + std::to_string(kStepLimit) + " steps");
  }

  bool overflow(const Expr& e, std::uint32_t origin = 0) {
    if (!env_.failure)
      env_.failure = make_failure("out_of_range", "calculation_overflow", origin_path(origin),
                                  {{"where", e.pointer}});
    return false;
  }

  // == or != (e.op): whether it holds, its operands read in place.
  bool equality(const Expr& e, const Scope& scope, bool& t) {
    Value ta, tb;
    const Value *a = nullptr, *b = nullptr;
    if (!eval_ref(e.args[0], scope, a, ta) || !eval_ref(e.args[1], scope, b, tb)) return false;
    t = a->equals(*b) == (e.op == Expr::Op::Eq);
    return true;
  }

  bool truth(const Expr& e, const Scope& scope, bool& t) {
    if (e.op == Expr::Op::Eq || e.op == Expr::Op::Ne) {  // eval()'s steps, without the boolean Value
      if (++env_.steps > kStepLimit) return too_many_steps(e);
      return equality(e, scope, t);
    }
    Value tmp;
    const Value* v = nullptr;
    if (!eval_ref(e, scope, v, tmp)) return false;
    if (v->is_null()) {
      t = false;
      return true;
    }
    if (!v->is_bool()) return defect(e.pointer, "a condition must be true, false or null");
    t = v->as_bool();
    return true;
  }

  // eval(), but a literal or a plain variable is pointed at rather than copied into `tmp`
  // (comparisons and conditions only look at their operands). Counts the same steps.
  bool eval_ref(const Expr& e, const Scope& scope, const Value*& ref, Value& tmp) {
    if (e.op == Expr::Op::Literal) {
      if (++env_.steps > kStepLimit) return too_many_steps(e);
      ref = &e.literal;
      return true;
    }
    if (e.op == Expr::Op::Var && e.args.empty() && e.path[0][0] != '$') {
      if (++env_.steps > kStepLimit) return too_many_steps(e);
      const Value* cur = scope.lookup(e.path[0]);
      if (!cur) return defect(e.pointer, "unknown variable " + e.path[0]);
      for (std::size_t i = 1; i < e.path.size() && cur; ++i) cur = cur->find(e.path[i]);
      static const Value kNull;
      ref = cur ? cur : &kNull;
      return true;
    }
    if (!eval(e, scope, tmp)) return false;
    ref = &tmp;
    return true;
  }

  bool number_arg(const Expr& e, std::size_t i, const Scope& scope, Value& out) {
    if (!eval(e.args[i], scope, out)) return false;
    if (out.is_null()) return unknown(e.args[i].pointer, "a number", out.origin());
    if (!out.is_number()) return defect(e.args[i].pointer, "a number is needed here");
    return true;
  }

  bool var(const Expr& e, const Scope& scope, Value& out) {
    const std::string& head = e.path[0];
    const Value* v = nullptr;
    Value special;
    if (head == "$today") {
      special = env_.today;
      v = &special;
    } else if (head == "$locale") {
      special = Value::string(env_.locale);
      v = &special;
    } else {
      v = scope.lookup(head);
    }
    if (!v) {
      if (!e.args.empty()) return eval(e.args[0], scope, out);
      // Only a let under a `when` that did not run gets here in a checked pack.
      return unknown(e.pointer, "variable " + head);
    }
    const Value* cur = v;
    for (std::size_t i = 1; i < e.path.size() && cur; ++i) cur = cur->find(e.path[i]);
    if ((!cur || cur->is_null()) && !e.args.empty()) return eval(e.args[0], scope, out);
    out = cur ? *cur : Value();
    return true;
  }

  bool arithmetic(const Expr& e, const Scope& scope, Value& out) {
    Value first;
    if (!number_arg(e, 0, scope, first)) return false;
    Exact acc = first.as_number();
    std::uint32_t origin = first.origin();
    if (e.op == Expr::Op::Sub && e.args.size() == 1) {
      auto r = Exact(0).sub(acc);
      if (!r) return overflow(e, origin);
      out = Value::number(*r);
      out.set_origin(origin);
      return true;
    }
    for (std::size_t i = 1; i < e.args.size(); ++i) {
      Value v;
      if (!number_arg(e, i, scope, v)) return false;
      if (!origin) origin = v.origin();
      std::optional<Exact> r;
      switch (e.op) {
        case Expr::Op::Add: r = acc.add(v.as_number()); break;
        case Expr::Op::Sub: r = acc.sub(v.as_number()); break;
        case Expr::Op::Mul: r = acc.mul(v.as_number()); break;
        default:
          if (v.as_number() == Exact(0))
            return beyond(e.args[i].pointer, "a division by zero", v.origin() ? v.origin() : origin);
          r = acc.div(v.as_number());
      }
      if (!r) return overflow(e, origin);
      acc = *r;
    }
    out = Value::number(acc);
    out.set_origin(origin);
    return true;
  }

  bool compare(const Expr& e, const Value& a, const Value& b, int& c) {
    if (a.is_null() || b.is_null())
      return unknown(e.pointer, "a value to compare", a.is_null() ? a.origin() : b.origin());
    if (a.is_number() && b.is_number()) {
      c = a.as_number().compare(b.as_number());
    } else if (a.is_date() && b.is_date()) {
      c = a.as_date() < b.as_date() ? -1 : (b.as_date() < a.as_date() ? 1 : 0);
    } else if (a.is_string() && b.is_string()) {
      c = a.as_string().compare(b.as_string());
      c = c < 0 ? -1 : (c > 0 ? 1 : 0);
    } else {
      return defect(e.pointer, std::string("cannot compare ") + Value::kind_name(a.kind()) +
                                   " with " + Value::kind_name(b.kind()));
    }
    return true;
  }

  bool extreme(const Expr& e, const Scope& scope, Value& out) {
    // Nulls are skipped: "the earliest of these dates, where known".
    std::vector<Value> values;
    for (const Expr& a : e.args) {
      Value v;
      if (!eval(a, scope, v)) return false;
      if (v.is_list()) {
        for (const Value& x : v.as_list())
          if (!x.is_null()) values.push_back(x);
      } else if (!v.is_null()) {
        values.push_back(v);
      }
    }
    out = Value();
    for (const Value& v : values) {
      if (out.is_null()) {
        out = v;
        continue;
      }
      int c = 0;
      if (!compare(e, v, out, c)) return false;
      if ((e.op == Expr::Op::Min && c < 0) || (e.op == Expr::Op::Max && c > 0)) out = v;
    }
    return true;
  }

  static std::string key_text(const Value& v) {
    if (v.is_string()) return v.as_string();
    if (v.is_number()) return v.as_number().to_decimal(6);
    if (v.is_bool()) return v.as_bool() ? "true" : "false";
    return "";
  }

  bool lookup(const Expr& e, const Scope& scope, Value& out) {
    const Table& t = env_.pack.tables.at(e.name);
    if (!t.verified) env_.unverified.insert(t.name);
    out = Value();
    if (t.kind == Table::Kind::Map) {
      if (static_cast<int>(e.args.size()) != t.keys)
        return defect(e.pointer, "table " + t.name + " takes " + std::to_string(t.keys) + " keys");
      const Value* cur = &t.entries;
      for (const Expr& a : e.args) {
        Value k;
        if (!eval(a, scope, k)) return false;
        cur = cur ? cur->find(key_text(k)) : nullptr;
      }
      if (cur) out = *cur;
      return true;
    }
    if (t.kind == Table::Kind::Bands) {
      if (e.args.size() != 1) return defect(e.pointer, "a band table takes one key");
      Value k;
      if (!eval(e.args[0], scope, k)) return false;
      if (k.is_null()) return true;
      if (!k.is_number()) return defect(e.pointer, "a band key must be a number");
      for (const Table::Band& b : t.bands) {
        if ((!b.has_from || k.as_number() >= b.from) && (!b.has_to || k.as_number() <= b.to)) {
          out = b.value;
          return true;
        }
      }
      return true;
    }
    return defect(e.pointer, "use decide with a decision table");
  }

  bool decide(const Expr& e, const Scope& scope, Value& out) {
    const Table& t = env_.pack.tables.at(e.name);
    if (t.kind != Table::Kind::Decision) return defect(e.pointer, "decide needs a decision table");
    if (!t.verified) env_.unverified.insert(t.name);
    Value facts;
    if (!eval(e.args[0], scope, facts)) return false;
    static const Value kNull;
    for (const Table::Row& row : t.rows) {
      bool match = true;
      for (const Table::Condition& c : row.when) {
        const Value* f = facts.find(c.column);
        const Value& fact = f ? *f : kNull;
        switch (c.kind) {
          case Table::Condition::Kind::Equals: match = fact.equals(c.equals); break;
          case Table::Condition::Kind::Range:
            match = fact.is_number() && (!c.has_from || fact.as_number() >= c.from) &&
                    (!c.has_to || fact.as_number() <= c.to);
            break;
          case Table::Condition::Kind::OneOf:
            match = false;
            for (const Value& v : c.one_of) match = match || v.equals(fact);
            break;
        }
        if (!match) break;
      }
      if (!match) continue;
      Members m = row.then.as_object();
      if (!row.then.find("rule")) m.emplace_back("rule", Value::string(row.rule));
      out = Value::object(std::move(m));
      return true;
    }
    out = Value();
    return true;
  }

  bool over_list(const Expr& e, const Scope& scope, Value& out) {
    Value list;
    if (!eval(e.args[0], scope, list)) return false;
    if (list.is_null()) list = Value::list({});
    if (!list.is_list()) return defect(e.args[0].pointer, "a list is needed here");
    const bool has_fn = e.args.size() > 1;
    List kept;
    Exact sum(0);
    std::uint32_t sum_origin = 0;
    std::int64_t count = 0;
    const List& items = list.as_list();
    for (std::size_t i = 0; i < items.size(); ++i) {
      Value r = items[i];
      if (has_fn) {
        Scope inner;
        inner.parent = &scope;
        inner.add("it", items[i]);
        inner.add("index", Value::number(Exact(static_cast<std::int64_t>(i))));
        if (!eval(e.args[1], inner, r)) return false;
      }
      bool t = false;
      switch (e.op) {
        case Expr::Op::Map: kept.push_back(r); break;
        case Expr::Op::Sum: {
          // A total of figures one of which is not known is not known: skipping the null would
          // answer a smaller total as if it were the whole (as `+` does, the request decides).
          if (r.is_null()) return unknown(has_fn ? e.args[1].pointer : e.args[0].pointer, "a number", r.origin());
          if (!r.is_number()) return defect(e.pointer, "sum needs numbers");
          if (!sum_origin) sum_origin = r.origin();
          auto s = sum.add(r.as_number());
          if (!s) return overflow(e, sum_origin);
          sum = *s;
          break;
        }
        default:
          if (!has_fn) {
            ++count;
            break;
          }
          if (!r.is_null() && !r.is_bool()) return defect(e.pointer, "a predicate must be boolean");
          t = r.is_bool() && r.as_bool();
          if (t) {
            ++count;
            if (e.op == Expr::Op::Filter) kept.push_back(items[i]);
            if (e.op == Expr::Op::Find) {
              out = items[i];
              return true;
            }
            if (e.op == Expr::Op::Some) {
              out = Value::boolean(true);
              return true;
            }
          } else if (e.op == Expr::Op::All) {
            out = Value::boolean(false);
            return true;
          }
      }
    }
    switch (e.op) {
      case Expr::Op::Map:
      case Expr::Op::Filter: out = Value::list(std::move(kept)); break;
      case Expr::Op::Sum:
        out = Value::number(sum);
        out.set_origin(sum_origin);
        break;
      case Expr::Op::Count: out = Value::number(Exact(count)); break;
      case Expr::Op::Find: out = Value(); break;
      case Expr::Op::Some: out = Value::boolean(false); break;
      default: out = Value::boolean(true); break;
    }
    return true;
  }

  // A stable sort by one key per element: numbers, dates or strings (all of one kind), with
  // null keys last. Packs use it to put a request's list in date order.
  bool sort_by(const Expr& e, const Scope& scope, Value& out) {
    Value list;
    if (!eval(e.args[0], scope, list)) return false;
    if (list.is_null()) list = Value::list({});
    if (!list.is_list()) return defect(e.args[0].pointer, "a list is needed here");
    const List& items = list.as_list();
    std::vector<Value> keys(items.size());
    const Value* kind = nullptr;
    for (std::size_t i = 0; i < items.size(); ++i) {
      Scope inner;
      inner.parent = &scope;
      inner.add("it", items[i]);
      inner.add("index", Value::number(Exact(static_cast<std::int64_t>(i))));
      if (!eval(e.args[1], inner, keys[i])) return false;
      const Value& k = keys[i];
      if (k.is_null()) continue;
      if (!k.is_number() && !k.is_date() && !k.is_string())
        return defect(e.args[1].pointer, "a sort key must be a number, a date or a string");
      if (kind && kind->kind() != k.kind())
        return defect(e.args[1].pointer, "sort keys must all be of one kind");
      kind = &k;
    }
    std::vector<std::size_t> order(items.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const Value& x = keys[a];
      const Value& y = keys[b];
      if (x.is_null() || y.is_null()) return !x.is_null() && y.is_null();
      if (x.is_number()) return x.as_number().compare(y.as_number()) < 0;
      if (x.is_date()) return x.as_date() < y.as_date();
      return x.as_string() < y.as_string();
    });
    List sorted;
    sorted.reserve(items.size());
    for (std::size_t i : order) sorted.push_back(items[i]);
    out = Value::list(std::move(sorted));
    return true;
  }

  // The index of the first item whose key an earlier item's key equals (Value::equals, as `==`
  // and `distinct` compare), or null: one pass over a KeySet.
  bool first_repeat(const Expr& e, const Scope& scope, Value& out) {
    Value list;
    if (!eval(e.args[0], scope, list)) return false;
    if (list.is_null()) list = Value::list({});
    if (!list.is_list()) return defect(e.args[0].pointer, "a list is needed here");
    const List& items = list.as_list();
    KeySet seen(items.size());
    out = Value();
    for (std::size_t i = 0; i < items.size(); ++i) {
      Scope inner;
      inner.parent = &scope;
      inner.add("it", items[i]);
      inner.add("index", Value::number(Exact(static_cast<std::int64_t>(i))));
      Value key;
      if (!eval(e.args[1], inner, key)) return false;
      switch (seen.add(std::move(key), env_.steps)) {
        case KeySet::Add::TooManySteps: return too_many_steps(e);
        case KeySet::Add::Seen: out = Value::number(Exact(static_cast<std::int64_t>(i))); return true;
        case KeySet::Add::New: break;
      }
    }
    return true;
  }

  // [seed, f(seed), f(f(seed)), ...]: n values, each computed from the one before it (`it`), so
  // that a chain such as "every 6 months from the previous due date" keeps its month-end clamping.
  bool iterate(const Expr& e, const Scope& scope, Value& out) {
    Value seed, n;
    if (!eval(e.args[0], scope, seed) || !number_arg(e, 1, scope, n)) return false;
    if (!n.as_number().is_integer()) return defect(e.args[1].pointer, "iterate takes a whole count");
    std::int64_t count = n.as_number().num();
    if (count > kRangeLimit)
      return beyond(e.pointer, "an iterate of more than " + std::to_string(kRangeLimit) + " values", n.origin());
    List items;
    if (count > 0) items.push_back(seed);
    for (std::int64_t i = 1; i < count; ++i) {
      Scope inner;
      inner.parent = &scope;
      inner.add("it", items.back());
      inner.add("index", Value::number(Exact(i)));
      Value next;
      if (!eval(e.args[2], inner, next)) return false;
      items.push_back(std::move(next));
    }
    out = Value::list(std::move(items));
    return true;
  }

  bool call(const Expr& e, const Scope& scope, Value& out);

  bool date_shift(const Expr& e, const Scope& scope, Value& out) {
    Value d, n;
    if (!eval(e.args[0], scope, d) || !eval(e.args[1], scope, n)) return false;
    if (d.is_null() || n.is_null()) {
      out = Value();
      return true;
    }
    if (!d.is_date()) return defect(e.args[0].pointer, "a date is needed here");
    if (!n.is_number() || !n.as_number().is_integer())
      return defect(e.args[1].pointer, "a whole number is needed here");
    std::int64_t k = n.as_number().num();
    std::vector<Date> holidays;
    if (e.op == Expr::Op::AddWorkingDays && e.args.size() > 2) {
      Value h;
      if (!eval(e.args[2], scope, h)) return false;
      if (!h.is_null()) {
        if (!h.is_list()) return defect(e.args[2].pointer, "non-working days are a list of dates");
        holidays.reserve(h.as_list().size());
        for (const Value& x : h.as_list()) {
          if (!x.is_date()) return defect(e.args[2].pointer, "non-working days are a list of dates");
          holidays.push_back(x.as_date());
        }
        std::sort(holidays.begin(), holidays.end());
        holidays.erase(std::unique(holidays.begin(), holidays.end()), holidays.end());
      }
    }
    std::optional<Date> r;
    switch (e.op) {
      case Expr::Op::AddDays: r = d.as_date().add_days(k); break;
      case Expr::Op::AddWeeks:
        r = k > 500000 || k < -500000 ? std::nullopt : d.as_date().add_days(k * 7);
        break;
      case Expr::Op::AddMonths: r = d.as_date().add_months(k); break;
      case Expr::Op::AddYears:
        r = k > 10000 || k < -10000 ? std::nullopt : d.as_date().add_months(k * 12);
        break;
      default: r = d.as_date().add_working_days(k, holidays); break;
    }
    if (!r) return date_beyond(d, n);
    out = Value::date(*r);
    out.set_origin(either(d, n));
    return true;
  }

  // A date shifted past 0001..9999: the path is the request's date it was computed from (else
  // the day count's field), and the message names both where both came from the request.
  bool date_beyond(const Value& date, const Value& count) {
    if (env_.failure) return false;
    const std::string from = origin_path(date.origin()), by = origin_path(count.origin());
    if (from.empty() && by.empty()) {
      env_.failure = make_failure("out_of_range", "date_out_of_range", "", {});
    } else if (from.empty() || by.empty() || from == by) {
      const std::string& one = from.empty() ? by : from;
      env_.failure = make_failure("out_of_range", "date_out_of_range_from", one, {{"field", field_label(one)}});
    } else {
      env_.failure = make_failure("out_of_range", "date_out_of_range_from_two", from,
                                  {{"field", field_label(from)}, {"other", field_label(by)}});
    }
    return false;
  }

  bool stmt(const Stmt& s, Scope& scope, Output& out) {
    if (s.has_when) {
      bool t = false;
      if (!truth(s.when, scope, t)) return false;
      if (!t) return true;
    }
    switch (s.kind) {
      case Stmt::Kind::Let: {
        Value v;
        if (!eval(s.value, scope, v)) return false;
        scope.add(s.name, std::move(v));
        return true;
      }
      case Stmt::Kind::Set:
      case Stmt::Kind::Push: {
        Value v;
        if (!eval(s.value, scope, v)) return false;
        if (s.kind == Stmt::Kind::Set)
          out.set(s.name, std::move(v));
        else
          out.push(s.name, std::move(v));
        return true;
      }
      case Stmt::Kind::Merge: {
        out.count_write();
        Value v;
        if (!eval(s.value, scope, v)) return false;
        if (v.is_null()) return unknown(s.pointer, "an object to merge");
        if (!v.is_object()) return defect(s.pointer, "merge needs an object");
        for (const auto& kv : v.as_object()) out.set(kv.first, kv.second);
        return true;
      }
      case Stmt::Kind::Term: {
        Value days;
        if (!eval(s.value, scope, days)) return false;
        ObjectBuilder b;
        b.set("term", Value::string(s.name));
        if (!s.code.empty()) {  // the term's label for people, in the request's locale
          Params params;
          if (!render_params(s, scope, params)) return false;
          b.set("label", Value::string(env_.catalogs.render(env_.locale, s.code, params,
                                                            &env_.pack.messages)));
        }
        b.set("days", days).set("source", Value::string(s.rule));
        out.push("breakdown", b.build());
        return true;
      }
      case Stmt::Kind::Say: {
        Params params;
        if (!render_params(s, scope, params)) return false;
        ObjectBuilder b;
        b.set("code", Value::string(s.code))
            .set("message", Value::string(env_.catalogs.render(env_.locale, s.code, params,
                                                               &env_.pack.messages)))
            .set("rule", Value::string(s.rule));
        out.push(s.into, b.build());
        return true;
      }
      case Stmt::Kind::Fail: {
        Params params;
        if (!render_params(s, scope, params)) return false;
        // A value filling the path is one reference token: its ~ and / escaped (RFC 6901).
        Params tokens = params;
        for (auto& kv : tokens) {
          std::string t;
          for (char ch : kv.second) t += ch == '~' ? "~0" : ch == '/' ? "~1" : std::string(1, ch);
          kv.second = std::move(t);
        }
        env_.failure = make_failure(s.code, s.message_id, fill_placeholders(s.path, tokens), params);
        return false;
      }
      case Stmt::Kind::Each: {
        Value list;
        if (!eval(s.value, scope, list)) return false;
        if (list.is_null()) return true;
        if (!list.is_list()) return defect(s.pointer, "each needs a list");
        // An item met again (the same storage) whose first run wrote nothing needs no new run
        // when the body reads its index only in what it writes: only the steps are counted.
        std::vector<std::pair<const void*, std::uint64_t>> quiet;
        for (std::size_t i = 0; i < list.as_list().size(); ++i) {
          const Value& item = list.as_list()[i];
          const void* same = s.reusable ? item.storage() : nullptr;
          if (same) {
            auto it = std::find_if(quiet.begin(), quiet.end(), [&](const auto& q) { return q.first == same; });
            if (it != quiet.end() && env_.steps + it->second <= kStepLimit) {
              env_.steps += it->second;
              continue;
            }
          }
          const std::uint64_t steps = env_.steps;
          const std::size_t writes = out.writes();
          Scope inner;
          inner.parent = &scope;
          inner.add(s.name, item);
          inner.add(s.index_name, Value::number(Exact(static_cast<std::int64_t>(i))));
          if (!run(s.body, inner, out)) return false;
          if (same && out.writes() == writes && quiet.size() < 64) quiet.emplace_back(same, env_.steps - steps);
        }
        return true;
      }
      case Stmt::Kind::If: {
        bool t = false;
        if (!truth(s.value, scope, t)) return false;
        Scope inner;
        inner.parent = &scope;
        return run(t ? s.body : s.else_body, inner, out);
      }
    }
    return defect(s.pointer, "unknown statement");
  }

  // s += value_text(v), without a string made for a text or a whole number (a program's issue
  // names its field as "findings/" + index + "/grade", 100 times in a 500-finding validate).
  static void append_text(const Value& v, std::string& s) {
    if (v.is_string()) {
      s += v.as_string();
      return;
    }
    if (v.is_number() && v.as_number().den() == 1) {  // to_decimal's std::to_string, no point
      char digits[24];
      char* const e = digits + sizeof digits;
      char* b = e;
      const std::int64_t n = v.as_number().num();
      std::uint64_t m = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
      do {
        *--b = static_cast<char>('0' + m % 10);
        m /= 10;
      } while (m);
      if (n < 0) *--b = '-';
      s.append(b, static_cast<std::size_t>(e - b));
      return;
    }
    s += value_text(v);
  }

  // The load check (typecheck.cpp) saw a label for every text the value may be; a text
  // without one still shows, as itself.
  Value value_label(const std::string& prefix, const Value& v) const {
    auto one = [&](const Value& x) {
      if (!x.is_string() || !env_.catalogs.text(env_.locale, prefix + x.as_string(), &env_.pack.messages)) return x;
      return Value::string(env_.catalogs.render(env_.locale, prefix + x.as_string(), {}, &env_.pack.messages));
    };
    if (!v.is_list()) return one(v);
    List labels;
    for (const Value& x : v.as_list()) labels.push_back(one(x));
    return Value::list(std::move(labels));
  }

  bool render_params(const Stmt& s, const Scope& scope, Params& params) {
    for (const auto& p : s.params) {
      Value v;
      if (!eval(p.second, scope, v)) return false;
      params.emplace_back(p.first, value_text(v, env_.locale));
    }
    return true;
  }

  EvalEnv& env_;
  const Expr* plain_message_expr_ = nullptr;  // the last message without parameters, and its text
  Value plain_message_;
};

bool Evaluator::call(const Expr& e, const Scope& scope, Value& out) {
  if (env_.depth >= kCallDepthLimit) return defect(e.pointer, "calls nested too deeply");
  // The callee sees the caller's inputs with the given fields replaced.
  const Scope* root = &scope;
  while (root->parent) root = root->parent;
  Members merged = root->inputs ? root->inputs->as_object() : Members{};
  if (!e.args.empty()) {
    Value overrides;
    if (!eval(e.args[0], scope, overrides)) return false;
    if (overrides.is_null()) return unknown(e.pointer, "the inputs of a call");
    if (!overrides.is_object()) return defect(e.pointer, "call takes an object of inputs");
    for (const auto& kv : overrides.as_object()) {
      bool replaced = false;
      for (auto& m : merged) {
        if (m.first == kv.first) {
          m.second = kv.second;
          replaced = true;
        }
      }
      if (!replaced) merged.emplace_back(kv.first, kv.second);
    }
  }
  Value inputs = Value::object(std::move(merged));
  Scope callee;
  callee.inputs = &inputs;
  Output result;
  ++env_.depth;
  bool ok = run(env_.pack.programs.at(e.name), callee, result);
  --env_.depth;
  if (!ok) return false;
  out = result.build();
  return true;
}

}  // namespace

std::string value_text(const Value& v, const std::string& locale) {
  switch (v.kind()) {
    case Value::Kind::Null: return "";
    case Value::Kind::Bool: return v.as_bool() ? "true" : "false";
    case Value::Kind::Number: {
      if (!v.is_number()) return v.as_string();
      std::string s = v.as_number().to_decimal(3);
      // Every locale but English writes a decimal comma ("1,5 dagen", not "1.5 dagen").
      if (!locale.empty() && locale != "en")
        for (char& c : s)
          if (c == '.') c = ',';
      return s;
    }
    case Value::Kind::String: return v.as_string();
    case Value::Kind::Date: return locale.empty() ? v.as_date().to_string() : v.as_date().to_text(locale);
    case Value::Kind::List: {
      // Stops past the longest text a calculation may make: a list holding itself twice, some
      // levels deep, would otherwise be written out whole (concat refuses what is longer).
      std::string s;
      for (const Value& x : v.as_list()) {
        s += (s.empty() ? "" : ", ") + value_text(x, locale);
        if (s.size() > kEvalTextLimit) break;
      }
      return s;
    }
    case Value::Kind::Object: return "";
  }
  return "";
}

bool eval_expr(const Expr& e, const Value& inputs, EvalEnv& env, Value& out) {
  Scope root;
  root.inputs = &inputs;
  Evaluator ev(env);
  if (!ev.eval(e, root, out)) {
    if (!env.failure) env.failure = make_failure("internal_error", "internal_error", "");
    return false;
  }
  return true;
}

bool call_program(const std::string& name, const Value& inputs, EvalEnv& env, Value& output) {
  return run_program(env.pack.programs.at(name), inputs, env, output);
}

bool run_program(const std::vector<Stmt>& program, const Value& inputs, EvalEnv& env,
                 Value& output) {
  Scope root;
  root.inputs = &inputs;
  Output out;
  Evaluator ev(env);
  if (!ev.run(program, root, out)) {
    if (!env.failure) env.failure = make_failure("internal_error", "internal_error", "");
    return false;
  }
  output = out.build();
  return true;
}

}  // namespace certcalc
