// The load-time check: every program a pack can run is walked once per set of input types it
// can be run with, following the evaluator (evaluate.cpp) operator by operator. A value's type
// is the set of kinds it may have, with the shape of its lists and objects and, for each kind,
// where in the pack such a value comes from (so that a table entry of the wrong type is named
// by its own pointer). Conditions narrow the types of the variables they test: after
// {"when": {"isNull": {"var": "x"}}, "fail": ...} the rest of the block knows x is not null.
#include "typecheck.h"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "messages.h"
#include "validate.h"

namespace certcalc {
namespace {

constexpr unsigned kNull = 1, kBool = 2, kNumber = 4, kString = 8, kDate = 16, kList = 32,
                   kObject = 64;
constexpr int kCallDepthLimit = 16;      // evaluate.cpp
constexpr std::int64_t kRangeLimit = 10000;  // evaluate.cpp
constexpr std::size_t kMaxInstances = 5000;   // programs checked per pack (built-in packs: < 20)
constexpr std::size_t kMaxWork = 1000000;     // expressions checked per pack (built-in packs: < 2,000)

int index_of(unsigned bit) {
  int i = 0;
  while (bit > 1) {
    bit >>= 1;
    ++i;
  }
  return i;
}

const char* word(unsigned bit) {
  static const char* const kWords[] = {"null", "a boolean", "a number", "a string",
                                       "a date", "a list", "an object"};
  return kWords[index_of(bit)];
}

unsigned lowest(unsigned bits) { return bits & (~bits + 1); }

int count(unsigned bits) {
  int n = 0;
  for (; bits; bits &= bits - 1) ++n;
  return n;
}

struct Type;
using TypeRef = std::shared_ptr<const Type>;
using MemberTypes = std::map<std::string, TypeRef>;

struct Type {
  unsigned kinds = 0;  // 0: no value ever reaches here (dead code checks vacuously)
  bool whole = true;   // every number it may hold is a whole number
  TypeRef item;        // kList: the items' type (null: no item)
  std::shared_ptr<const MemberTypes> members;  // kObject: every member any of its objects holds
  std::shared_ptr<const std::set<std::string>> strings;  // kString: the texts it may be (null: any)
  std::optional<Exact> lo, hi;                 // kNumber: bounds, where known
  std::shared_ptr<const std::vector<Exact>> numbers;  // kNumber: the numbers it may be (null: any)
  std::array<std::string, 7> from;             // where a value of each kind comes from
  std::string fraction_from;                   // where a number that is no whole number comes from
};

using Strings = std::set<std::string>;

Type of_text(const std::string& text, std::string from);

Type of_kind(unsigned bit, std::string from, bool whole = true) {
  Type t;
  t.kinds = bit;
  t.whole = whole;
  if (!whole) t.fraction_from = from;
  t.from[static_cast<std::size_t>(index_of(bit))] = std::move(from);
  return t;
}

TypeRef ref(Type t) { return std::make_shared<const Type>(std::move(t)); }

Type unite(const Type& a, const Type& b);

std::shared_ptr<const MemberTypes> unite_members(const std::shared_ptr<const MemberTypes>& a,
                                                 const std::shared_ptr<const MemberTypes>& b) {
  if (a == b || !b) return a;
  if (!a) return b;
  MemberTypes m;
  // A member that one of the objects lacks reads as null there.
  for (const auto& kv : *a) {
    auto it = b->find(kv.first);
    m[kv.first] = it != b->end() ? ref(unite(*kv.second, *it->second))
                                 : ref(unite(*kv.second, of_kind(kNull, "an object without " + kv.first)));
  }
  for (const auto& kv : *b)
    if (!a->count(kv.first))
      m[kv.first] = ref(unite(*kv.second, of_kind(kNull, "an object without " + kv.first)));
  return std::make_shared<const MemberTypes>(std::move(m));
}

constexpr std::size_t kMaxNumbers = 64;  // a known set of numbers larger than this is "any"

std::shared_ptr<const std::vector<Exact>> join_numbers(const std::shared_ptr<const std::vector<Exact>>& a,
                                                       const std::shared_ptr<const std::vector<Exact>>& b) {
  if (!a || !b) return nullptr;
  if (a == b) return a;
  std::vector<Exact> u = *a;
  for (const Exact& x : *b)
    if (std::find(u.begin(), u.end(), x) == u.end()) u.push_back(x);
  if (u.size() > kMaxNumbers) return nullptr;
  return std::make_shared<const std::vector<Exact>>(std::move(u));
}

Type unite(const Type& a, const Type& b) {
  if (!a.kinds) return b;
  if (!b.kinds) return a;
  Type t = a;
  t.kinds |= b.kinds;
  if ((a.kinds & kString) && (b.kinds & kString)) {
    if (!a.strings || !b.strings) {
      t.strings = nullptr;
    } else if (a.strings != b.strings) {
      Strings u = *a.strings;
      u.insert(b.strings->begin(), b.strings->end());
      t.strings = std::make_shared<const Strings>(std::move(u));
    }
  } else if (b.kinds & kString) {
    t.strings = b.strings;
  }
  if (b.kinds & kNumber) {
    const bool both = (a.kinds & kNumber) != 0;
    t.whole = both ? a.whole && b.whole : b.whole;
    if (!b.whole && (!both || a.whole)) t.fraction_from = b.fraction_from;
    t.lo = !both ? b.lo : a.lo && b.lo ? std::optional<Exact>(std::min(*a.lo, *b.lo)) : std::nullopt;
    t.hi = !both ? b.hi : a.hi && b.hi ? std::optional<Exact>(std::max(*a.hi, *b.hi)) : std::nullopt;
    t.numbers = !both ? b.numbers : join_numbers(a.numbers, b.numbers);
  }
  for (std::size_t i = 0; i < t.from.size(); ++i)
    if (t.from[i].empty()) t.from[i] = b.from[i];
  if (b.kinds & kList) {
    if (!(a.kinds & kList) || !a.item) t.item = b.item;
    else if (b.item && b.item != a.item) t.item = ref(unite(*a.item, *b.item));
  }
  if (b.kinds & kObject)
    t.members = (a.kinds & kObject) ? unite_members(a.members, b.members) : b.members;
  return t;
}

// Only the kinds in `keep` (a condition has ruled the others out).
Type restrict(const Type& t, unsigned keep) {
  Type r = t;
  r.kinds &= keep;
  for (unsigned bit = 1; bit <= kObject; bit <<= 1)
    if (!(r.kinds & bit)) r.from[static_cast<std::size_t>(index_of(bit))].clear();
  if (!(r.kinds & kList)) r.item = nullptr;
  if (!(r.kinds & kObject)) r.members = nullptr;
  if (!(r.kinds & kString)) r.strings = nullptr;
  if (!(r.kinds & kNumber)) r.lo = r.hi = std::nullopt, r.numbers = nullptr;
  return r;
}

Type of_number(const Exact& n, std::string from) {
  Type t = of_kind(kNumber, std::move(from), n.is_integer());
  t.lo = t.hi = n;
  t.numbers = std::make_shared<const std::vector<Exact>>(std::vector<Exact>{n});
  return t;
}

Type of_text(const std::string& text, std::string from) {
  Type t = of_kind(kString, std::move(from));
  t.strings = std::make_shared<const Strings>(Strings{text});
  return t;
}

Type list_of(const Type& item, std::string from) {
  Type t = of_kind(kList, std::move(from));
  if (item.kinds) t.item = ref(item);
  return t;
}

Type object_of(MemberTypes members, std::string from) {
  Type t = of_kind(kObject, std::move(from));
  t.members = std::make_shared<const MemberTypes>(std::move(members));
  return t;
}

// The value of member `key` of a value of type t (null where it is absent or t is no object).
Type member_of(const Type& t, const std::string& key) {
  Type r;
  if (t.kinds & kObject) {
    auto it = t.members ? t.members->find(key) : MemberTypes::const_iterator();
    r = t.members && it != t.members->end() ? *it->second : of_kind(kNull, "an object without " + key);
  }
  if (t.kinds & ~kObject) r = unite(r, of_kind(kNull, "a member of a value that may not be an object"));
  return r;
}

// A text that identifies a type (its `from` left out): the key of the program memo.
void signature(const Type& t, std::string& out) {
  out += std::to_string(t.kinds);
  out += t.whole ? 'w' : 'f';
  if (t.numbers) {
    out += '#';
    for (const Exact& x : *t.numbers) out += std::to_string(x.num()) + "/" + std::to_string(x.den()) + ",";
  }
  if (t.lo) out += "l" + t.lo->to_decimal(9);
  if (t.hi) out += "h" + t.hi->to_decimal(9);
  if (t.strings) {
    out += '<';
    for (const auto& x : *t.strings) {
      out += std::to_string(x.size());
      out += ':';
      out += x;
    }
    out += '>';
  }
  if (t.item) {
    out += '[';
    signature(*t.item, out);
    out += ']';
  }
  if (t.members) {
    out += '{';
    for (const auto& kv : *t.members) {
      out += kv.first;
      out += ':';
      signature(*kv.second, out);
      out += ',';
    }
    out += '}';
  }
}

// The same kinds with nothing known of the values: no bounds, no list of numbers or texts.
void widen(Type& t) {
  t.lo.reset();
  t.hi.reset();
  t.numbers.reset();
  t.strings.reset();
  if (t.item) {
    Type item = *t.item;
    widen(item);
    t.item = ref(std::move(item));
  }
  if (t.members) {
    auto members = std::make_shared<MemberTypes>(*t.members);
    for (auto& kv : *members) {
      Type m = *kv.second;
      widen(m);
      kv.second = ref(std::move(m));
    }
    t.members = members;
  }
}

// The type of a checked request field (inputs.cpp): absent optional fields without a default are null.
Type field_type(const FieldSpec& s, const std::string& ptr, bool list_item = false) {
  Type t;
  switch (s.type) {
    case FieldSpec::Type::Integer:
    case FieldSpec::Type::Number:
      t = of_kind(kNumber, ptr, s.type == FieldSpec::Type::Integer || (s.step && s.step->is_integer()));
      t.lo = s.min;
      t.hi = s.max;
      break;
    case FieldSpec::Type::Boolean: t = of_kind(kBool, ptr); break;
    case FieldSpec::Type::String: t = of_kind(kString, ptr); break;
    case FieldSpec::Type::Enum:
      t = of_kind(kString, ptr);
      t.strings = std::make_shared<const Strings>(s.values.begin(), s.values.end());
      break;
    case FieldSpec::Type::Date: t = of_kind(kDate, ptr); break;
    case FieldSpec::Type::List:
      t = list_of(s.items ? field_type(*s.items, ptr + "/items", true) : Type(), ptr);
      break;
    case FieldSpec::Type::Object: {
      MemberTypes m;
      for (const auto& f : s.fields) m[f.name] = ref(field_type(f, pointer_append(ptr + "/fields", f.name)));
      t = object_of(std::move(m), ptr);
      break;
    }
  }
  if (!list_item && !s.required && s.default_value.is_null())
    t = unite(t, of_kind(kNull, "the optional field " + ptr + ", which has no default"));
  return t;
}

Type fields_type(const std::vector<FieldSpec>& fields, const std::string& ptr) {
  MemberTypes m;
  for (const auto& f : fields) m[f.name] = ref(field_type(f, pointer_append(ptr, f.name)));
  return object_of(std::move(m), ptr);
}

class Checker {
 public:
  Checker(const Pack& p, const std::function<bool(const std::string&)>& has_text, Failure& f)
      : pack_(p), has_text_(has_text), failure_(f) {}

  bool run() {
    if (!tables() || !calls() || !message_texts()) return false;
    for (const auto& op : pack_.ops) {
      std::string ptr = pointer_append("/operations", op.first);
      for (const FieldSpec& f : op.second.fields)
        if (!help_texts(f, pointer_append(ptr + "/fields", f.name))) return false;
      Type inputs = fields_type(op.second.fields, ptr + "/fields");
      Env root;
      root.inputs = &inputs;
      Out out;
      bool ends = false;
      if (!block(op.second.program, root, out, ends)) return false;
      for (const Slot& s : out)
        if (!answer_member(op.first, s.key, s.type, s.at, true)) return false;
    }
    return !pack_.form || form();
  }

 private:
  struct Binding {
    std::string name;
    Type type;
    bool let = true;             // a let (or loop) variable, not a request field
    bool maybe_unset = false;    // a let with a `when` that may not have run
  };
  struct Env {
    const Env* parent = nullptr;
    const Type* inputs = nullptr;  // the root scope: an object type
    std::vector<Binding> vars;
  };
  struct Slot {
    std::string key;
    Type type;
    bool surely = true;  // set on every path
    std::string at;      // the statement that first wrote it
  };
  using Out = std::vector<Slot>;

  bool help_texts(const FieldSpec& f, const std::string& ptr) {
    if (!f.help.empty() && !has_text_(f.help)) return error(ptr + "/help", "no English text for message " + f.help);
    if (f.items && !help_texts(*f.items, ptr + "/items")) return false;
    for (const FieldSpec& c : f.fields)
      if (!help_texts(c, pointer_append(ptr + "/fields", c.name))) return false;
    return true;
  }

  bool error(const std::string& pointer, const std::string& detail) {
    std::string d = detail;
    if (!calls_.empty()) d += " (with the inputs of the call at " + calls_.front() + ")";
    failure_ = make_failure("invalid_pack", "invalid_pack", pointer, {{"pack", pack_.id}, {"detail", d}});
    return false;
  }

  // t may only hold the kinds in `allowed`; otherwise the defect is named where it comes from
  // when that is a table's value, else where it is used. A value that may be null where null
  // does not work passes: whether it is null depends on the request (a field left out, a
  // table's "not known", a find that found nothing), and at run time such a null gives the
  // request a missing_value error (evaluate.cpp). A value that can only be null does not.
  bool need(const Type& t, unsigned allowed, const std::string& at, const std::string& what) {
    unsigned bad = t.kinds & ~allowed;
    if (bad == kNull && t.kinds != kNull) bad = 0;
    if (!bad) return true;
    unsigned bit = (bad & ~kNull) ? lowest(bad & ~kNull) : kNull;
    const std::string& w = t.from[static_cast<std::size_t>(index_of(bit))];
    if (bit != kNull && w.rfind("/tables/", 0) == 0)
      return error(w, what + ", but " + w + " holds " + word(bit) + " (used at " + at + ")");
    return error(at, what + ", but this " + (t.kinds == bit ? "is always " : "may be ") + word(bit) +
                         (w.empty() || w == at ? "" : " (" + w + ")"));
  }

  bool need_whole(const Type& t, const std::string& at, const std::string& what) {
    if (!(t.kinds & kNumber) || t.whole) return true;
    const std::string& w = t.fraction_from;
    if (w.rfind("/tables/", 0) == 0) return error(w, what + ", but " + w + " holds a fraction (used at " + at + ")");
    return error(at, what + ", but this may be a fraction" + (w.empty() || w == at ? "" : " (" + w + ")"));
  }

  bool truth(const Type& t, const std::string& at) {
    return need(t, kBool | kNull, at, "a condition must be true, false or null");
  }

  // --- literal data ------------------------------------------------------------------------
  bool literal(const Value& v, const std::string& ptr, Type& out) {
    switch (v.kind()) {
      case Value::Kind::Null: out = of_kind(kNull, ptr); return true;
      case Value::Kind::Bool: out = of_kind(kBool, ptr); return true;
      case Value::Kind::Number:
        if (v.is_unrepresentable_number()) return error(ptr, "number out of range");
        out = of_number(v.as_number(), ptr);
        return true;
      case Value::Kind::String: out = of_text(v.as_string(), ptr); return true;
      case Value::Kind::Date: out = of_kind(kDate, ptr); return true;
      case Value::Kind::List: {
        Type item;
        for (std::size_t i = 0; i < v.as_list().size(); ++i) {
          Type t;
          if (!literal(v.as_list()[i], pointer_append(ptr, i), t)) return false;
          item = unite(item, t);
        }
        out = list_of(item, ptr);
        return true;
      }
      case Value::Kind::Object: {
        MemberTypes m;
        for (const auto& kv : v.as_object()) {
          Type t;
          if (!literal(kv.second, pointer_append(ptr, kv.first), t)) return false;
          m[kv.first] = ref(std::move(t));
        }
        out = object_of(std::move(m), ptr);
        return true;
      }
    }
    return true;
  }

  // --- tables: what a lookup or decide gives ----------------------------------------------
  // The union of a table's values, in table order. United one by one, a table of n distinct texts
  // copied a growing set n times (16,000 decision rows took 5.8 s to load); united in pairs of
  // equal size, as a binary counter carries, each text is copied about log2(n) times and at most
  // log2(n) partial unions are held. Pairs keep the order, so the first place a kind of the
  // table's values comes from is still the one named (where some rows lack a member, the row
  // named for its null may be another than one by one).
  class InOrder {
   public:
    void add(Type t) {
      std::size_t size = 1;
      while (!parts_.empty() && parts_.back().second == size) {
        t = unite(parts_.back().first, t);
        parts_.pop_back();
        size *= 2;
      }
      parts_.emplace_back(std::move(t), size);
    }
    Type result() const {
      Type r;
      for (const auto& p : parts_) r = unite(r, p.first);
      return r;
    }

   private:
    std::vector<std::pair<Type, std::size_t>> parts_;
  };

  bool map_leaves(const Value& v, int levels, const std::string& ptr, const Table& t, InOrder& acc) {
    if (levels == 0) {
      Type leaf;
      if (!literal(v, ptr, leaf)) return false;
      acc.add(std::move(leaf));
      return true;
    }
    if (v.is_null()) {  // "not known" above the last key: the lookup gives null
      acc.add(of_kind(kNull, ptr));
      return true;
    }
    if (!v.is_object())
      return error(ptr, "table " + t.name + " has " + std::to_string(t.keys) +
                            " keys: each entry above the last key is an object of entries");
    for (const auto& kv : v.as_object())
      if (!map_leaves(kv.second, levels - 1, pointer_append(ptr, kv.first), t, acc)) return false;
    return true;
  }

  bool tables() {
    for (const auto& kv : pack_.tables) {
      const Table& t = kv.second;
      std::string ptr = pointer_append("/tables", kv.first);
      InOrder values;
      bool always = false;  // a decision row without conditions: decide never gives null
      if (t.kind != Table::Kind::Decision) values.add(of_kind(kNull, "lookup gives null where table " + t.name + " has no entry"));
      if (t.kind == Table::Kind::Map) {
        if (!map_leaves(t.entries, t.keys, ptr + "/entries", t, values)) return false;
      } else if (t.kind == Table::Kind::Bands) {
        for (std::size_t i = 0; i < t.bands.size(); ++i) {
          Type v;
          if (!literal(t.bands[i].value, pointer_append(ptr + "/bands", i) + "/value", v)) return false;
          values.add(std::move(v));
        }
      } else {
        values.add(of_kind(kNull, "decide gives null where no row of " + t.name + " matches"));
        for (std::size_t i = 0; i < t.rows.size(); ++i) {
          const Table::Row& row = t.rows[i];
          std::string rp = pointer_append(ptr + "/rows", i);
          Type then;
          if (!literal(row.then, rp + "/then", then)) return false;
          MemberTypes m = *then.members;
          if (!m.count("rule")) m["rule"] = ref(of_kind(kString, rp + "/rule"));
          values.add(object_of(std::move(m), rp + "/then"));
          for (const auto& c : row.when) {
            Type ignored;
            if (!literal(c.equals, pointer_append(rp + "/when", c.column), ignored)) return false;
            for (const Value& v : c.one_of)
              if (!literal(v, pointer_append(rp + "/when", c.column) + "/in", ignored)) return false;
          }
          if (row.when.empty()) always = true;
        }
      }
      Type r = values.result();
      table_types_[kv.first] = always ? restrict(r, ~kNull) : r;
    }
    return true;
  }

  // --- calls: no recursion, no chain deeper than the evaluator allows -----------------------
  static void calls_in(const Expr& e, std::vector<const Expr*>& out) {
    if (e.op == Expr::Op::Call) out.push_back(&e);
    for (const Expr& a : e.args) calls_in(a, out);
  }
  static void calls_in(const std::vector<Stmt>& program, std::vector<const Expr*>& out) {
    for (const Stmt& s : program) {
      if (s.has_when) calls_in(s.when, out);
      calls_in(s.value, out);
      for (const auto& p : s.params) calls_in(p.second, out);
      calls_in(s.body, out);
      calls_in(s.else_body, out);
    }
  }

  // The longest chain of nested calls a program starts (0: it calls nothing).
  bool chain(const std::string& name, std::vector<std::string>& path, int& depth) {
    auto done = depth_.find(name);
    if (done != depth_.end()) {
      depth = done->second;
      return true;
    }
    path.push_back(name);
    std::vector<const Expr*> inner;
    calls_in(pack_.programs.at(name), inner);
    depth = 0;
    for (const Expr* c : inner) {
      for (const auto& p : path) {
        if (p == c->name) {
          std::string cycle;
          bool on = false;
          for (const auto& q : path) {
            on = on || q == c->name;
            if (on) cycle += q + " -> ";
          }
          return error(c->pointer, "program " + c->name + " calls itself (" + cycle + c->name +
                                       "): a call never returns");
        }
      }
      int d = 0;
      if (!chain(c->name, path, d)) return false;
      if (d + 1 > kCallDepthLimit)
        return error(c->pointer, "calls nest deeper than " + std::to_string(kCallDepthLimit) + " here");
      depth = std::max(depth, d + 1);
    }
    path.pop_back();
    depth_[name] = depth;
    return true;
  }

  bool calls() {
    std::vector<const Expr*> entry;
    for (const auto& op : pack_.ops) calls_in(op.second.program, entry);
    if (pack_.form)
      for (const auto& c : pack_.form->checks) {
        if (c.has_when) calls_in(c.when, entry);
        calls_in(c.fails, entry);
      }
    std::vector<std::string> path;
    int d = 0;
    for (const Expr* c : entry) {
      if (!chain(c->name, path, d)) return false;
      if (d + 1 > kCallDepthLimit)
        return error(c->pointer, "calls nest deeper than " + std::to_string(kCallDepthLimit) + " here");
    }
    for (const auto& kv : pack_.programs)
      if (!chain(kv.first, path, d)) return false;  // validate runs some programs by name
    return true;
  }

  // --- variables ---------------------------------------------------------------------------
  static bool find(const Env& env, const std::string& name, Binding& out) {
    for (const Env* e = &env; e; e = e->parent) {
      for (auto it = e->vars.rbegin(); it != e->vars.rend(); ++it) {
        if (it->name == name) {
          out = *it;
          return true;
        }
      }
      if (e->inputs && e->inputs->members) {
        auto it = e->inputs->members->find(name);
        if (it != e->inputs->members->end()) {
          out = Binding{name, *it->second, false, false};
          return true;
        }
      }
    }
    return false;
  }

  static Type today_type() { return unite(of_kind(kDate, "$today"), of_kind(kNull, "$today is null when the caller gives no date")); }

  bool var(const Expr& e, const Env& env, Type& out) {
    const std::string& head = e.path[0];
    Binding b;
    bool found = find(env, head, b);
    if (head == "$today" && !found) {
      b.type = today_type();
      found = true;
    } else if (head == "$locale") {
      b.type = of_kind(kString, "$locale");
      found = true;
    }
    if (!found) {
      if (e.args.empty()) return error(e.pointer, "unknown variable " + head);
      return expr(e.args[0], env, out);
    }
    // A let under a `when` may not have run: like a null, the request decides (missing_value).
    Type t = b.maybe_unset ? unite(b.type, of_kind(kNull, "variable " + head + " is set only under a condition"))
                           : b.type;
    for (std::size_t i = 1; i < e.path.size(); ++i) t = member_of(t, e.path[i]);
    if (!e.args.empty() && (t.kinds & kNull)) {
      Type def;
      if (!expr(e.args[0], env, def)) return false;
      t = unite(restrict(t, ~kNull), def);
    }
    out = t;
    return true;
  }

  // Narrows a variable (a `var` without default) in `into`: `leaf` gives the narrowed type of
  // the tested value; `through_objects` when that excludes null, so that every object on the
  // member path is known to be there.
  using Leaf = std::function<Type(const Type&)>;
  static Type change_path(const Type& t, const std::vector<std::string>& path, std::size_t i,
                          bool through_objects, const Leaf& leaf) {
    if (i == path.size()) return leaf(t);
    Type obj = through_objects ? restrict(t, kObject) : t;
    if (!(obj.kinds & kObject)) return obj;
    MemberTypes m = obj.members ? *obj.members : MemberTypes();
    auto it = m.find(path[i]);
    Type cur = it != m.end() ? *it->second : of_kind(kNull, "an object without " + path[i]);
    m[path[i]] = ref(change_path(cur, path, i + 1, through_objects, leaf));
    obj.members = std::make_shared<const MemberTypes>(std::move(m));
    return obj;
  }

  static void refine(const Expr& v, Env& into, bool through_objects, const Leaf& leaf) {
    if (v.op != Expr::Op::Var || !v.args.empty() || v.path[0] == "$locale") return;
    Binding b;
    if (!find(into, v.path[0], b)) {
      if (v.path[0] != "$today") return;
      b = Binding{"$today", today_type(), true, false};
    }
    b.type = change_path(b.type, v.path, 1, through_objects, leaf);
    b.maybe_unset = false;
    into.vars.push_back(std::move(b));
  }

  static void refine(const Expr& v, unsigned keep, Env& into) {
    refine(v, into, !(keep & kNull), [keep](const Type& t) { return restrict(t, keep); });
  }

  // Only the texts in `keep` (and the kinds in `kinds`).
  static Type keep_texts(const Type& t, unsigned kinds, const Strings& keep) {
    Type r = restrict(t, kinds);
    if (!(r.kinds & kString)) return r;
    Strings k;
    for (const auto& x : keep)
      if (!t.strings || t.strings->count(x)) k.insert(x);
    if (k.empty()) return restrict(r, ~kString);
    r.strings = std::make_shared<const Strings>(std::move(k));
    return r;
  }

  static bool null_literal(const Expr& e) { return e.op == Expr::Op::Literal && e.literal.is_null(); }

  static unsigned literal_kind(const Value& v) {
    switch (v.kind()) {
      case Value::Kind::Null: return kNull;
      case Value::Kind::Bool: return kBool;
      case Value::Kind::Number: return kNumber;
      case Value::Kind::String: return kString;
      case Value::Kind::Date: return kDate;
      case Value::Kind::List: return kList;
      case Value::Kind::Object: return kObject;
    }
    return 0;
  }

  // What `cond` being true (or not true) says about the variables it tests.
  void narrow(const Expr& c, bool holds, Env& into) {
    switch (c.op) {
      case Expr::Op::Var:
        if (holds) refine(c, ~kNull, into);
        break;
      case Expr::Op::Not: narrow(c.args[0], !holds, into); break;
      case Expr::Op::And:
        if (holds || c.args.size() == 1)
          for (const Expr& a : c.args) narrow(a, holds, into);
        break;
      case Expr::Op::Or:
        if (!holds || c.args.size() == 1)
          for (const Expr& a : c.args) narrow(a, holds, into);
        break;
      case Expr::Op::IsNull: refine(c.args[0], holds ? kNull : ~kNull, into); break;
      case Expr::Op::Eq:
      case Expr::Op::Ne: {
        bool equal = (c.op == Expr::Op::Eq) == holds;
        for (int side = 0; side < 2; ++side) {
          const Expr& v = c.args[static_cast<std::size_t>(side)];
          const Expr& other = c.args[static_cast<std::size_t>(1 - side)];
          if (other.op != Expr::Op::Literal) continue;
          const Value& lit = other.literal;
          if (null_literal(other)) {
            refine(v, equal ? kNull : ~kNull, into);
          } else if (equal && lit.is_string()) {
            refine(v, into, true, [&](const Type& t) { return keep_texts(t, kString, {lit.as_string()}); });
          } else if (equal) {
            refine(v, literal_kind(lit), into);
          } else if (lit.is_string()) {  // not this text: any other value, null included
            refine(v, into, false, [&](const Type& t) {
              if (!(t.kinds & kString) || !t.strings) return t;
              Strings rest = *t.strings;
              rest.erase(lit.as_string());
              return keep_texts(t, ~0u, rest);
            });
          }
        }
        break;
      }
      case Expr::Op::In:
        if (holds && c.args[1].op == Expr::Op::Literal && c.args[1].literal.is_list()) {
          unsigned kinds = 0;
          Strings texts;
          bool all_texts = true;
          for (const Value& x : c.args[1].literal.as_list()) {
            kinds |= literal_kind(x);
            if (x.is_string()) texts.insert(x.as_string());
            else all_texts = false;
          }
          refine(c.args[0], into, !(kinds & kNull), [&](const Type& t) {
            return all_texts ? keep_texts(t, kinds, texts) : restrict(t, kinds);
          });
        }
        break;
      case Expr::Op::Lt:
      case Expr::Op::Le:
      case Expr::Op::Gt:
      case Expr::Op::Ge:
        // Evaluated at all, both sides were comparable values, never null.
        refine(c.args[0], ~kNull, into);
        refine(c.args[1], ~kNull, into);
        break;
      default: break;
    }
  }

  // --- expressions -------------------------------------------------------------------------
  bool expr(const Expr& e, const Env& env, Type& out) {
    const std::string& at = e.pointer;
    if (++work_ > kMaxWork)
      return error(at, "checking this pack takes more than " + std::to_string(kMaxWork) +
                           " steps: its calls give its programs too many different input types");
    switch (e.op) {
      case Expr::Op::Literal: return literal(e.literal, at, out);
      case Expr::Op::Var: return var(e, env, out);
      case Expr::Op::List: {
        Type item;
        for (const Expr& a : e.args) {
          Type t;
          if (!expr(a, env, t)) return false;
          item = unite(item, t);
        }
        out = list_of(item, at);
        return true;
      }
      case Expr::Op::Object: {
        MemberTypes m;
        for (std::size_t i = 0; i < e.args.size(); ++i) {
          Type t;
          if (!expr(e.args[i], env, t)) return false;
          m[e.path[i]] = ref(std::move(t));
        }
        out = object_of(std::move(m), at);
        return true;
      }
      case Expr::Op::Add:
      case Expr::Op::Sub:
      case Expr::Op::Mul:
      case Expr::Op::Div: {
        bool whole = e.op != Expr::Op::Div;
        // Bounds through + and - (enough for "one more than a field"); others are unknown.
        const bool bounds = e.op == Expr::Op::Add || (e.op == Expr::Op::Sub && e.args.size() > 1);
        std::optional<Exact> lo = Exact(0), hi = Exact(0);
        std::string fraction;  // the first operand that may be a fraction
        // Known numbers stay known (36 / months, where months is 6 or 12, is whole).
        std::optional<std::vector<Exact>> known = std::vector<Exact>{};
        for (std::size_t i = 0; i < e.args.size(); ++i) {
          Type t;
          if (!expr(e.args[i], env, t) || !need(t, kNumber, e.args[i].pointer, "a number is needed here"))
            return false;
          if (whole && !t.whole) fraction = t.fraction_from;
          whole = whole && t.whole;
          if (known && t.numbers && (t.kinds & ~kNull) == kNumber &&
              std::max<std::size_t>(known->size(), 1) * t.numbers->size() <= kMaxNumbers) {
            std::vector<Exact> next;
            for (const Exact& y : *t.numbers) {
              if (i == 0) {
                next.push_back(y);
                continue;
              }
              for (const Exact& x : *known) {
                std::optional<Exact> r = e.op == Expr::Op::Add   ? x.add(y)
                                         : e.op == Expr::Op::Sub ? x.sub(y)
                                         : e.op == Expr::Op::Mul ? x.mul(y)
                                         : y == Exact(0)          ? std::optional<Exact>(x)  // refused at run time
                                                                  : x.div(y);
                if (!r) {
                  next.clear();
                  break;
                }
                if (std::find(next.begin(), next.end(), *r) == next.end()) next.push_back(*r);
              }
            }
            if (next.empty()) known.reset();
            else known = std::move(next);
          } else {
            known.reset();
          }
          const bool minus = e.op == Expr::Op::Sub && i > 0;
          auto add = [](std::optional<Exact> a, const std::optional<Exact>& b, bool sub) -> std::optional<Exact> {
            if (!a || !b) return std::nullopt;
            return sub ? a->sub(*b) : a->add(*b);
          };
          lo = add(lo, minus ? t.hi : t.lo, minus);
          hi = add(hi, minus ? t.lo : t.hi, minus);
          const Expr& a = e.args[i];
          if (e.op == Expr::Op::Div && i > 0 && a.op == Expr::Op::Literal && a.literal.is_number() &&
              a.literal.as_number() == Exact(0))
            return error(a.pointer, "division by zero");
        }
        if (e.op == Expr::Op::Sub && e.args.size() == 1 && known) {
          for (Exact& x : *known) x = Exact(0).sub(x).value_or(x);
        }
        if (known && !known->empty()) {
          whole = std::all_of(known->begin(), known->end(), [](const Exact& x) { return x.is_integer(); });
          lo = *std::min_element(known->begin(), known->end());
          hi = *std::max_element(known->begin(), known->end());
        }
        out = of_kind(kNumber, at, whole);
        if (!whole && !fraction.empty()) out.fraction_from = fraction;
        if (bounds || (known && !known->empty())) out.lo = lo, out.hi = hi;
        if (known && !known->empty()) out.numbers = std::make_shared<const std::vector<Exact>>(std::move(*known));
        return true;
      }
      case Expr::Op::Min:
      case Expr::Op::Max: return extreme(e, env, out);
      case Expr::Op::CeilTo:
      case Expr::Op::FloorTo: {
        Type x, step;
        if (!expr(e.args[0], env, x) || !need(x, kNumber, e.args[0].pointer, "a number is needed here") ||
            !expr(e.args[1], env, step) || !need(step, kNumber, e.args[1].pointer, "a number is needed here"))
          return false;
        const Expr& s = e.args[1];
        if (s.op == Expr::Op::Literal && s.literal.is_number() && s.literal.as_number() <= Exact(0))
          return error(s.pointer, "the step must be positive");
        out = of_kind(kNumber, at, step.whole);
        if (!step.whole) out.fraction_from = step.fraction_from;
        return true;
      }
      case Expr::Op::Eq:
      case Expr::Op::Ne:
      case Expr::Op::StartsWith: {
        std::vector<Type> ts(e.args.size());
        for (std::size_t i = 0; i < e.args.size(); ++i)
          if (!expr(e.args[i], env, ts[i])) return false;
        if (e.op != Expr::Op::StartsWith && ts.size() == 2 && !may_equal(ts[0], ts[1], at)) return false;
        out = of_kind(kBool, at);
        return true;
      }
      case Expr::Op::Lt:
      case Expr::Op::Le:
      case Expr::Op::Gt:
      case Expr::Op::Ge: {
        Type a, b;
        if (!expr(e.args[0], env, a) || !expr(e.args[1], env, b)) return false;
        if (!comparable(a, b, e.args[0].pointer, e.args[1].pointer, at)) return false;
        out = of_kind(kBool, at);
        return true;
      }
      case Expr::Op::And:
      case Expr::Op::Or: {
        Env local{&env, nullptr, {}};
        for (const Expr& a : e.args) {
          Type t;
          if (!expr(a, local, t) || !truth(t, a.pointer)) return false;
          narrow(a, e.op == Expr::Op::And, local);  // the next operand runs only if this one did not decide
        }
        out = of_kind(kBool, at);
        return true;
      }
      case Expr::Op::Not: {
        Type t;
        if (!expr(e.args[0], env, t) || !truth(t, e.args[0].pointer)) return false;
        out = of_kind(kBool, at);
        return true;
      }
      case Expr::Op::If: {
        Env local{&env, nullptr, {}};
        Type r;
        for (std::size_t i = 0; i + 1 < e.args.size(); i += 2) {
          Type c, v;
          if (!expr(e.args[i], local, c) || !truth(c, e.args[i].pointer)) return false;
          Env branch{&local, nullptr, {}};
          narrow(e.args[i], true, branch);
          if (!expr(e.args[i + 1], branch, v)) return false;
          r = unite(r, v);
          narrow(e.args[i], false, local);
        }
        Type last;
        if (!expr(e.args.back(), local, last)) return false;
        out = unite(r, last);
        return true;
      }
      case Expr::Op::In: {
        Type x, list;
        if (!expr(e.args[0], env, x) || !expr(e.args[1], env, list) ||
            !need(list, kList, e.args[1].pointer, "in needs a list") || (list.item && !may_equal(x, *list.item, at)))
          return false;
        out = of_kind(kBool, at);
        return true;
      }
      case Expr::Op::IsNull: {
        Type t;
        if (!expr(e.args[0], env, t)) return false;
        out = of_kind(kBool, at);
        return true;
      }
      case Expr::Op::Coalesce: {
        Type r;
        bool may_be_null = true;
        for (const Expr& a : e.args) {
          Type t;
          if (!expr(a, env, t)) return false;
          r = unite(r, restrict(t, ~kNull));
          if (!(t.kinds & kNull)) {
            may_be_null = false;
            break;  // the rest is never evaluated
          }
        }
        if (may_be_null) r = unite(r, of_kind(kNull, "coalesce gives null when all its values are null"));
        out = r;
        return true;
      }
      case Expr::Op::Lookup: return lookup(e, env, out);
      case Expr::Op::Decide: return decide(e, env, out);
      case Expr::Op::Get: return get(e, env, out);
      case Expr::Op::Length: {
        Type t;
        if (!expr(e.args[0], env, t) ||
            !need(t, kList | kString | kNull, e.args[0].pointer, "length needs a list or a string"))
          return false;
        out = of_kind(kNumber, at);
        return true;
      }
      case Expr::Op::Range: {
        Type a, b;
        for (std::size_t i = 0; i < 2; ++i) {
          Type& t = i == 0 ? a : b;
          const std::string& p = e.args[i].pointer;
          if (!expr(e.args[i], env, t) || !need(t, kNumber, p, "range takes whole numbers") ||
              !need_whole(t, p, "range takes whole numbers"))
            return false;
        }
        const Expr& x = e.args[0];
        const Expr& y = e.args[1];
        if (x.op == Expr::Op::Literal && y.op == Expr::Op::Literal && x.literal.is_number() &&
            y.literal.is_number() && x.literal.as_number().is_integer() && y.literal.as_number().is_integer()) {
          std::int64_t from = x.literal.as_number().num(), to = y.literal.as_number().num();
          if (to > from && static_cast<std::uint64_t>(to) - static_cast<std::uint64_t>(from) >
                               static_cast<std::uint64_t>(kRangeLimit))
            return error(at, "range too long: at most " + std::to_string(kRangeLimit + 1) + " numbers");
        }
        out = list_of(of_kind(kNumber, at), at);
        return true;
      }
      case Expr::Op::Count:
      case Expr::Op::Sum:
      case Expr::Op::Filter:
      case Expr::Op::Map:
      case Expr::Op::Find:
      case Expr::Op::Some:
      case Expr::Op::All: return over_list(e, env, out);
      case Expr::Op::SortBy: return sort_by(e, env, out);
      case Expr::Op::FirstRepeat: return first_repeat(e, env, out);
      case Expr::Op::Iterate: return iterate(e, env, out);
      case Expr::Op::Flatten:
      case Expr::Op::Distinct: {
        Type list;
        if (!expr(e.args[0], env, list) || !need(list, kList | kNull, e.args[0].pointer, "a list is needed here"))
          return false;
        Type item = list.item ? *list.item : Type();
        if (e.op == Expr::Op::Flatten) {
          // The items of the items that are lists, and the others but null, in one list.
          Type inner = (item.kinds & kList) && item.item ? *item.item : Type();
          item = unite(restrict(item, ~(kList | kNull)), inner);
        }
        out = list_of(item, at);
        return true;
      }
      case Expr::Op::StartOfYear:
      case Expr::Op::EndOfYear: {
        Type d;
        if (!expr(e.args[0], env, d) || !need(d, kDate | kNull, e.args[0].pointer, "a date is needed here"))
          return false;
        out = of_kind(kDate, at);
        if (d.kinds & kNull) out = unite(out, of_kind(kNull, "the year of null is null (" + at + ")"));
        return true;
      }
      case Expr::Op::Call: return call(e, env, out);
      case Expr::Op::Date: {
        Type s;
        if (!expr(e.args[0], env, s)) return false;
        out = of_kind(kDate, at);
        if (s.kinds & ~kDate) out = unite(out, of_kind(kNull, "date gives null for a text that is not a date (" + at + ")"));
        return true;
      }
      case Expr::Op::AddDays:
      case Expr::Op::AddWeeks:
      case Expr::Op::AddMonths:
      case Expr::Op::AddYears:
      case Expr::Op::AddWorkingDays: {
        Type d, n;
        if (!expr(e.args[0], env, d) || !need(d, kDate | kNull, e.args[0].pointer, "a date is needed here") ||
            !expr(e.args[1], env, n) ||
            !need(n, kNumber | kNull, e.args[1].pointer, "a whole number is needed here") ||
            !need_whole(n, e.args[1].pointer, "a whole number is needed here"))
          return false;
        out = of_kind(kDate, at);
        if ((d.kinds | n.kinds) & kNull) out = unite(out, of_kind(kNull, "date arithmetic on null gives null (" + at + ")"));
        return true;
      }
      case Expr::Op::DaysBetween: {
        Type a, b;
        if (!expr(e.args[0], env, a) || !need(a, kDate | kNull, e.args[0].pointer, "daysBetween takes two dates") ||
            !expr(e.args[1], env, b) || !need(b, kDate | kNull, e.args[1].pointer, "daysBetween takes two dates"))
          return false;
        out = of_kind(kNumber, at);
        if ((a.kinds | b.kinds) & kNull) out = unite(out, of_kind(kNull, "daysBetween of null is null (" + at + ")"));
        return true;
      }
      case Expr::Op::Concat: {
        // Texts joined from known texts are known (a key built as column + "System").
        std::optional<Strings> texts = Strings{""};
        for (const Expr& a : e.args) {
          Type t;
          if (!expr(a, env, t)) return false;
          if (!texts) continue;
          if (t.kinds != kString || !t.strings || texts->size() * t.strings->size() > 256) {
            texts.reset();
            continue;
          }
          Strings next;
          for (const auto& x : *texts)
            for (const auto& y : *t.strings) next.insert(x + y);
          texts = std::move(next);
        }
        out = of_kind(kString, at);
        if (texts) out.strings = std::make_shared<const Strings>(std::move(*texts));
        return true;
      }
      case Expr::Op::ClauseNumber: {
        // Anything may be read; what is not a clause reference gives null.
        Type t;
        if (!expr(e.args[0], env, t)) return false;
        out = of_kind(kString | kNull, at);
        return true;
      }
      case Expr::Op::Blank: {
        Type t;
        if (!expr(e.args[0], env, t) || !need(t, kString | kNull, e.args[0].pointer, "blank takes a text"))
          return false;
        out = of_kind(kBool, at);
        return true;
      }
      case Expr::Op::Lower: {
        if (!expr(e.args[0], env, out)) return false;
        if (out.strings) {
          Strings lower;
          for (std::string x : *out.strings) {
            for (char& ch : x)
              if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
            lower.insert(x);
          }
          out.strings = std::make_shared<const Strings>(std::move(lower));
        }
        return true;
      }
      case Expr::Op::ValueLabel: return value_label(e, env, out);
      case Expr::Op::Message: {
        if (!has_text_(e.name)) return error(at + "/message", "no English text for message " + e.name);
        if (!e.args.empty()) {
          Type t;
          if (!expr(e.args[0], env, t)) return false;
        }
        out = of_kind(kString, at);
        return true;
      }
    }
    return error(at, "unknown operator");
  }

  // Every text the value may be must have its label, so that no answer shows a bare value: the
  // texts are known here (an enum field, a literal, a table entry) or the pack is refused.
  bool labelled(const Type& t, const std::string& prefix, const std::string& value_at, const std::string& at) {
    if (!(t.kinds & kString)) return true;
    if (!t.strings)
      return error(value_at, "valueLabel needs a value whose texts are known when the pack loads (an enum field, a literal or a table entry)");
    for (const auto& text : *t.strings)
      if (!has_text_(prefix + text)) return error(at, "no English text for message " + prefix + text);
    return true;
  }

  bool value_label(const Expr& e, const Env& env, Type& out) {
    const std::string& at = e.pointer;
    const std::string op_at = at + "/valueLabel";
    const std::string& value_at = e.args[0].pointer;
    const std::string what = "valueLabel takes a text or a list of texts";
    Type v;
    if (!expr(e.args[0], env, v) || !need(v, kString | kList | kNull, value_at, what) ||
        !labelled(v, e.name, value_at, op_at))
      return false;
    out = Type();
    if (v.kinds & kNull) out = unite(out, of_kind(kNull, at));
    if (v.kinds & kString) out = unite(out, of_kind(kString, at));
    if (v.kinds & kList) {
      Type item;
      if (v.item) {
        if (!need(*v.item, kString | kNull, value_at, what) || !labelled(*v.item, e.name, value_at, op_at)) return false;
        if (v.item->kinds & kNull) item = unite(item, of_kind(kNull, at));
        if (v.item->kinds & kString) item = unite(item, of_kind(kString, at));
      }
      out = unite(out, list_of(item, at));
    }
    return true;
  }

  // Values of two kinds are never equal (value.cpp, Value::equals): a number compared with a
  // text such as "1" is always false. Null is left to the request.
  bool may_equal(const Type& a, const Type& b, const std::string& at) {
    const unsigned ka = a.kinds & ~kNull, kb = b.kinds & ~kNull;
    if (!ka || !kb || (ka & kb)) return true;
    return error(at, std::string("this compares ") + word(lowest(ka)) + " with " + word(lowest(kb)) +
                         ", which are never equal");
  }

  bool comparable(const Type& a, const Type& b, const std::string& pa, const std::string& pb,
                  const std::string& at) {
    const unsigned kOrdered = kNumber | kDate | kString;
    if (!need(a, kOrdered, pa, "a comparison needs two numbers, two dates or two texts") ||
        !need(b, kOrdered, pb, "a comparison needs two numbers, two dates or two texts"))
      return false;
    const unsigned ka = a.kinds & ~kNull, kb = b.kinds & ~kNull;
    if (!ka || !kb) return true;
    if (count(ka) > 1 || ka != kb) {
      unsigned x = lowest(ka), y = (kb & ~x) ? lowest(kb & ~x) : lowest(kb);
      if (x == y) x = lowest(ka & ~x);
      return error(at, std::string("this may compare ") + word(x) + " with " + word(y));
    }
    return true;
  }

  bool extreme(const Expr& e, const Env& env, Type& out) {
    Type values;
    bool may_be_empty = true;
    bool lists = false;
    for (const Expr& a : e.args) {
      Type t;
      if (!expr(a, env, t)) return false;
      if ((t.kinds & kList) && t.item) values = unite(values, restrict(*t.item, ~kNull));
      values = unite(values, restrict(t, ~(kNull | kList)));
      if (t.kinds && !(t.kinds & (kNull | kList))) may_be_empty = false;
      lists = lists || (t.kinds & kList);
    }
    // One value is never compared; two or more must be of one kind that orders.
    if (e.args.size() > 1 || lists) {
      if (!need(values, kNumber | kDate | kString, e.pointer, e.op == Expr::Op::Min
                    ? "min compares numbers, dates or texts" : "max compares numbers, dates or texts"))
        return false;
      if (count(values.kinds) > 1)
        return error(e.pointer, std::string("this may compare ") + word(lowest(values.kinds)) + " with " +
                                    word(lowest(values.kinds & (values.kinds - 1))));
    }
    out = values;
    if (may_be_empty) out = unite(out, of_kind(kNull, "min and max give null without a value (" + e.pointer + ")"));
    return true;
  }

  bool lookup(const Expr& e, const Env& env, Type& out) {
    const Table& t = pack_.tables.at(e.name);
    if (t.kind == Table::Kind::Decision)
      return error(e.pointer + "/lookup", "table " + t.name + " is a decision table: use decide");
    if (t.kind == Table::Kind::Map && static_cast<int>(e.args.size()) != t.keys)
      return error(e.pointer + "/lookup", "table " + t.name + " takes " + std::to_string(t.keys) +
                                              (t.keys == 1 ? " key" : " keys"));
    if (t.kind == Table::Kind::Bands && e.args.size() != 1)
      return error(e.pointer + "/lookup", "band table " + t.name + " takes one key");
    std::vector<Type> keys;
    for (const Expr& a : e.args) {
      Type k;
      if (!expr(a, env, k)) return false;
      if (t.kind == Table::Kind::Bands && !need(k, kNumber | kNull, a.pointer, "a band table's key is a number"))
        return false;
      keys.push_back(std::move(k));
    }
    if (t.kind == Table::Kind::Bands) {
      out = bands(t, keys[0]);
      return true;
    }
    // Keys whose texts are known (an enum, a literal) reach only their entries.
    out = Type();
    return entries(t.entries, keys, 0, pointer_append("/tables", t.name) + "/entries", t, out);
  }

  // A band table's value for a key: without null when the key's bounds are known, it is whole
  // and the bands cover every whole number between them.
  Type bands(const Table& t, const Type& k) {
    const Type& all = table_types_.at(t.name);
    if (k.kinds != kNumber || !k.whole || !k.lo) return all;
    Type r;
    std::optional<Exact> cur = k.lo;  // the first whole number not yet covered
    while (cur && (!k.hi || *cur <= *k.hi)) {
      std::size_t i = 0;
      while (i < t.bands.size() && ((t.bands[i].has_from && t.bands[i].from > *cur) ||
                                    (t.bands[i].has_to && t.bands[i].to < *cur)))
        ++i;
      if (i == t.bands.size()) return all;  // a gap
      const Table::Band& b = t.bands[i];
      Type v;
      if (!literal(b.value, pointer_append(pointer_append("/tables", t.name) + "/bands", i) + "/value", v)) return all;
      r = unite(r, v);
      if (!b.has_to) return r;
      auto last = b.to.is_integer() ? std::optional<Exact>(b.to) : b.to.floor_to(Exact(1));
      cur = last ? last->add(Exact(1)) : std::nullopt;
    }
    return cur ? r : all;
  }

  bool entries(const Value& v, const std::vector<Type>& keys, std::size_t level, const std::string& ptr,
               const Table& t, Type& acc) {
    if (level == keys.size()) {
      Type leaf;
      if (!literal(v, ptr, leaf)) return false;
      acc = unite(acc, leaf);
      return true;
    }
    if (!v.is_object()) {  // null: not known
      acc = unite(acc, of_kind(kNull, ptr));
      return true;
    }
    const Type& k = keys[level];
    const std::string none = "lookup gives null where table " + t.name + " has no entry";
    if (k.kinds == kString && k.strings) {
      for (const auto& text : *k.strings) {
        const Value* m = v.find(text);
        if (!m) acc = unite(acc, of_kind(kNull, none + " for " + text));
        else if (!entries(*m, keys, level + 1, pointer_append(ptr, text), t, acc)) return false;
      }
      return true;
    }
    acc = unite(acc, of_kind(kNull, none));
    for (const auto& kv : v.as_object())
      if (!entries(kv.second, keys, level + 1, pointer_append(ptr, kv.first), t, acc)) return false;
    return true;
  }

  bool decide(const Expr& e, const Env& env, Type& out) {
    const Table& t = pack_.tables.at(e.name);
    if (t.kind != Table::Kind::Decision)
      return error(e.pointer + "/decide", "table " + t.name + " is not a decision table: use lookup");
    Type facts;
    if (!expr(e.args[0], env, facts)) return false;
    // A row whose condition can never hold for the facts given here is a defect of the table.
    std::string ptr = pointer_append("/tables", t.name);
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      for (const auto& c : t.rows[i].when) {
        Type fact = member_of(facts, c.column);
        unsigned wanted = 0;
        switch (c.kind) {
          case Table::Condition::Kind::Equals: wanted = literal_kind(c.equals); break;
          case Table::Condition::Kind::Range: wanted = kNumber; break;
          case Table::Condition::Kind::OneOf:
            for (const Value& v : c.one_of) wanted |= literal_kind(v);
            break;
        }
        if (fact.kinds && !(fact.kinds & wanted)) {
          std::string cp = pointer_append(pointer_append(ptr, "rows") + "/" + std::to_string(i) + "/when", c.column);
          std::string has;
          for (unsigned bit = 1; bit <= kObject; bit <<= 1)
            if (fact.kinds & bit) has += (has.empty() ? "" : " or ") + std::string(word(bit));
          return error(cp, "this row can never match: the facts given at " + e.args[0].pointer + " hold " +
                               c.column + " as " + has);
        }
      }
    }
    out = table_types_.at(e.name);
    return true;
  }

  bool get(const Expr& e, const Env& env, Type& out) {
    Type obj, key;
    if (!expr(e.args[0], env, obj) || !expr(e.args[1], env, key)) return false;
    if (!need(obj, kObject | kList | kNull, e.args[0].pointer, "get needs an object or a list")) return false;
    out = Type();
    if (obj.kinds & kObject) {
      if (!need(key, kString, e.args[1].pointer, "get on an object takes a text key")) return false;
      if (key.kinds == kString && key.strings) {
        for (const auto& text : *key.strings) out = unite(out, member_of(restrict(obj, kObject), text));
      } else {
        out = of_kind(kNull, "get gives null for a member an object lacks (" + e.pointer + ")");
        if (obj.members)
          for (const auto& kv : *obj.members) out = unite(out, *kv.second);
      }
    }
    if (obj.kinds & kList) {
      if (!need(key, kNumber, e.args[1].pointer, "get on a list takes a whole-number index") ||
          !need_whole(key, e.args[1].pointer, "get on a list takes a whole-number index"))
        return false;
      out = unite(out, of_kind(kNull, "get gives null past the end of a list (" + e.pointer + ")"));
      if (obj.item) out = unite(out, *obj.item);
    }
    if (obj.kinds & kNull) out = unite(out, of_kind(kNull, "get on null gives null (" + e.pointer + ")"));
    return true;
  }

  bool sort_by(const Expr& e, const Env& env, Type& out) {
    Type list;
    if (!expr(e.args[0], env, list) || !need(list, kList | kNull, e.args[0].pointer, "a list is needed here"))
      return false;
    Type item = list.item ? *list.item : Type();
    Env inner{&env, nullptr, {}};
    inner.vars.push_back(Binding{"it", item, true, false});
    inner.vars.push_back(Binding{"index", of_kind(kNumber, "index"), true, false});
    Type key;
    if (!expr(e.args[1], inner, key) ||
        !need(key, kNumber | kDate | kString | kNull, e.args[1].pointer, "a sort key is a number, a date or a text"))
      return false;
    if (count(key.kinds & ~kNull) > 1)
      return error(e.args[1].pointer, std::string("sort keys are all of one kind, but these may be ") +
                                          word(lowest(key.kinds & ~kNull)) + " or " +
                                          word(lowest(key.kinds & ~kNull & (key.kinds - 1))));
    out = list_of(item, e.pointer);
    return true;
  }

  // An index into the list, or null. Keys of any kind compare (a kind never equals another), but
  // a key that is always null makes every item after the first a repeat: a misspelt member.
  bool first_repeat(const Expr& e, const Env& env, Type& out) {
    Type list;
    if (!expr(e.args[0], env, list) || !need(list, kList | kNull, e.args[0].pointer, "a list is needed here"))
      return false;
    Env inner{&env, nullptr, {}};
    inner.vars.push_back(Binding{"it", list.item ? *list.item : Type(), true, false});
    inner.vars.push_back(Binding{"index", of_kind(kNumber, "index"), true, false});
    Type key;
    if (!expr(e.args[1], inner, key) ||
        !need(key, ~kNull & (kBool | kNumber | kString | kDate | kList | kObject), e.args[1].pointer,
              "firstRepeat compares the items' keys"))
      return false;
    out = of_kind(kNumber, e.pointer);
    out.lo = Exact(0);
    out = unite(out, of_kind(kNull, "firstRepeat gives null when no key repeats (" + e.pointer + ")"));
    return true;
  }

  // [seed, f(seed), ...]: the values' type is what the seed and every further step may give.
  bool iterate(const Expr& e, const Env& env, Type& out) {
    Type values, n;
    if (!expr(e.args[0], env, values) || !expr(e.args[1], env, n) ||
        !need(n, kNumber, e.args[1].pointer, "iterate takes a whole count") ||
        !need_whole(n, e.args[1].pointer, "iterate takes a whole count"))
      return false;
    const Expr& c = e.args[1];
    if (c.op == Expr::Op::Literal && c.literal.is_number() && c.literal.as_number() > Exact(kRangeLimit))
      return error(c.pointer, "iterate makes at most " + std::to_string(kRangeLimit) + " values");
    for (int round = 0;; ++round) {
      Env inner{&env, nullptr, {}};
      inner.vars.push_back(Binding{"it", values, true, false});
      inner.vars.push_back(Binding{"index", of_kind(kNumber, "index"), true, false});
      Type next;
      if (!expr(e.args[2], inner, next)) return false;
      Type grown = unite(values, next);
      // A counter's bounds grow at every step: from the third, only kinds are followed.
      if (round >= 2) widen(grown);
      std::string before, after;
      signature(values, before);
      signature(grown, after);
      if (before == after) break;
      if (round == 8) return error(e.pointer, "the values of this iterate change kind at every step");
      values = grown;
    }
    out = list_of(values, e.pointer);
    return true;
  }

  bool over_list(const Expr& e, const Env& env, Type& out) {
    Type list;
    if (!expr(e.args[0], env, list) || !need(list, kList | kNull, e.args[0].pointer, "a list is needed here"))
      return false;
    Type item = list.item ? *list.item : Type();
    const bool has_fn = e.args.size() > 1;
    Type r = item;
    if (has_fn) {
      Env inner{&env, nullptr, {}};
      inner.vars.push_back(Binding{"it", item, true, false});
      inner.vars.push_back(Binding{"index", of_kind(kNumber, "index"), true, false});
      if (!expr(e.args[1], inner, r)) return false;
    }
    switch (e.op) {
      case Expr::Op::Map: out = list_of(r, e.pointer); return true;
      case Expr::Op::Sum:
        if (!need(r, kNumber | kNull, has_fn ? e.args[1].pointer : e.args[0].pointer, "sum needs numbers"))
          return false;
        out = of_kind(kNumber, e.pointer, r.whole);
        if (!r.whole) out.fraction_from = r.fraction_from;
        return true;
      default: break;
    }
    if (has_fn && !need(r, kBool | kNull, e.args[1].pointer, "a predicate must be true, false or null"))
      return false;
    switch (e.op) {
      case Expr::Op::Filter: out = list_of(item, e.pointer); break;
      case Expr::Op::Count: out = of_kind(kNumber, e.pointer); break;
      case Expr::Op::Find:
        out = unite(item, of_kind(kNull, "find gives null when no item matches (" + e.pointer + ")"));
        break;
      default: out = of_kind(kBool, e.pointer); break;
    }
    return true;
  }

  // The inputs a called program sees: the caller's request fields (as narrowed so far), with
  // the call's overrides.
  static Type callee_inputs(const Env& env, const Type* overrides) {
    const Env* root = &env;
    while (root->parent) root = root->parent;
    MemberTypes m = root->inputs && root->inputs->members ? *root->inputs->members : MemberTypes();
    std::set<std::string> narrowed;
    for (const Env* e = &env; e; e = e->parent)
      for (auto it = e->vars.rbegin(); it != e->vars.rend(); ++it)
        if (!it->let && m.count(it->name) && narrowed.insert(it->name).second) m[it->name] = ref(it->type);
    if (overrides && overrides->members) {
      for (const auto& kv : *overrides->members) {
        // A member the override object may lack leaves the caller's field as it was.
        auto it = m.find(kv.first);
        m[kv.first] = ref((kv.second->kinds & kNull) && it != m.end() ? unite(*it->second, *kv.second)
                                                                       : *kv.second);
      }
    }
    return object_of(std::move(m), "the inputs of a call");
  }

  bool call(const Expr& e, const Env& env, Type& out) {
    Type overrides;
    if (!e.args.empty() && (!expr(e.args[0], env, overrides) ||
                            !need(overrides, kObject, e.args[0].pointer, "call takes an object of inputs")))
      return false;
    Type inputs = callee_inputs(env, e.args.empty() ? nullptr : &overrides);
    return program(e.name, inputs, e.pointer, out);
  }

  bool program(const std::string& name, const Type& inputs, const std::string& caller, Type& out) {
    std::string key = name + '\x01';
    signature(inputs, key);
    auto memo = results_.find(key);
    if (memo != results_.end()) {
      out = *memo->second;
      return true;
    }
    // Each program is checked once per set of input types it is called with; a pack whose calls
    // multiply those sets (3 kinds of input at each of 12 levels: half a million) stops here.
    if (++instances_ > kMaxInstances)
      return error(caller, "checking this pack would take more than " + std::to_string(kMaxInstances) +
                               " passes over its programs: calls give them too many different input types");
    calls_.push_back(caller);
    Env root;
    root.inputs = &inputs;
    Out o;
    bool ends = false;
    bool ok = block(pack_.programs.at(name), root, o, ends);
    calls_.pop_back();
    if (!ok) return false;
    out = output_type(o, pointer_append("/programs", name));
    results_[key] = ref(out);
    return true;
  }

  // --- message texts -----------------------------------------------------------------------
  // Every text of the pack's messages reads as fill_placeholders reads it, under a locale the
  // doors answer in: a text under any other ("ne" for "nl", "es") would never be shown, and
  // that locale's readers would get English without a word.
  bool message_texts() {
    const auto& locales = supported_locales();
    for (const auto& m : pack_.messages.as_object())
      for (const auto& t : m.second.as_object()) {
        if (std::find(locales.begin(), locales.end(), t.first) == locales.end()) {
          std::string list;
          for (const auto& l : locales) list += (list.empty() ? "" : ", ") + l;
          return error(pointer_append(pointer_append("/messages", m.first), t.first),
                       t.first + " is not a locale certcalc answers in (" + list + "): its text would never be shown");
        }
        if (!t.second.is_string()) continue;
        std::vector<std::string> names;
        std::string defect;
        if (!message_placeholders(t.second.as_string(), names, defect))
          return error(pointer_append(pointer_append("/messages", m.first), t.first), defect);
      }
    return true;
  }

  // A statement's message (the pack's own) uses only the parameters the statement gives: any
  // other {name} would reach people as written.
  bool placeholders_given(const std::string& id, const Stmt& s) {
    const Value* texts = pack_.messages.find(id);
    if (!texts) return true;
    for (const auto& t : texts->as_object()) {
      if (!t.second.is_string()) continue;
      std::vector<std::string> names;
      std::string defect;
      message_placeholders(t.second.as_string(), names, defect);
      for (const std::string& n : names)
        if (std::none_of(s.params.begin(), s.params.end(), [&](const auto& p) { return p.first == n; }))
          return error(pointer_append(pointer_append("/messages", id), t.first),
                       "the text uses {" + n + "}, which the statement at " + s.pointer + " does not give");
    }
    return true;
  }

  // --- the answer: members with one meaning in every pack (docs/contract.md, docs/api.md) ------
  // `error` is the doors' error envelope (a pack refuses a request with `fail`); notes,
  // warnings and breakdown are lists of objects the widgets show as messages and terms; a
  // duration's figures are numbers, in each audit of a cycle too. Checked where an operation's
  // answer is built: a called program may build such values under any name.
  bool answer_member(const std::string& op, const std::string& key, const Type& t, const std::string& at, bool top) {
    static const char* const kFigures[] = {"onSiteDays", "onSiteDaysRounded", "onSiteHours", "preparationDays",
                                           "reportingDays", "totalDays", "headOfficeDays"};
    auto list_of_objects = [&](const std::string& what) {
      return need(t, kList, at, what + " is a list of objects") &&
             (!t.item || need(*t.item, kObject, at, "each item of " + what + " is an object"));
    };
    if (top && key == "error")
      return error(at, "error is the member of the doors' error envelope; a pack refuses a request with fail");
    if (key == "notes" || key == "warnings" || key == "breakdown") return list_of_objects("an answer's " + key);
    if (op == "duration" &&
        std::any_of(std::begin(kFigures), std::end(kFigures), [&](const char* f) { return key == f; }))
      return need(t, kNumber, at, "a duration answer's " + key + " is a number");
    if ((op == "grade" || op == "duration") && top && key == "auditFrequencyMonths")
      return need(t, kNumber | kNull, at, "an answer's auditFrequencyMonths is a number of months or null");
    if (op == "duration" && top && key == "audits") {
      if (!list_of_objects("a duration answer's audits")) return false;
      if (t.item && t.item->members)
        for (const auto& kv : *t.item->members)
          if (!answer_member(op, kv.first, *kv.second, at, false)) return false;
    }
    if (op == "deadlines" && top && (key == "deadlines" || key == "auditDeadlines")) {
      if (!list_of_objects("a deadlines answer's " + key)) return false;
      if (t.item && t.item->members && t.item->members->count("party"))
        return error(at, "the deadlines operation writes each deadline's party from the form's "
                         "overdueKinds; a deadline of " + key + " does not give one");
    }
    return true;
  }

  // --- statements and the output they build ----------------------------------------------
  static Slot* slot(Out& out, const std::string& key) {
    for (Slot& s : out)
      if (s.key == key) return &s;
    return nullptr;
  }

  static void set(Out& out, const std::string& key, const Type& t, bool maybe, const std::string& at) {
    Slot* s = slot(out, key);
    if (!s) out.push_back(Slot{key, t, !maybe, at});
    else if (maybe) s->type = unite(s->type, t);
    else s->type = t, s->surely = true;
  }

  static void push(Out& out, const std::string& key, const Type& item, const std::string& at, bool maybe) {
    Slot* s = slot(out, key);
    if (!s) {
      out.push_back(Slot{key, list_of(item, at), !maybe, at});
      return;
    }
    // A scalar pushed onto becomes the list's first item (evaluate.cpp, Output::push).
    Type items = restrict(s->type, ~kList);
    if ((s->type.kinds & kList) && s->type.item) items = unite(items, *s->type.item);
    Type list = list_of(unite(items, item), at);
    s->type = maybe ? unite(s->type, list) : list;
  }

  static Out join(const Out& a, const Out& b) {
    Out r = a;
    for (Slot& s : r) {
      bool found = false;
      for (const Slot& t : b)
        if (t.key == s.key) {
          s.type = unite(s.type, t.type);
          s.surely = s.surely && t.surely;
          found = true;
        }
      if (!found) s.surely = false;
    }
    for (const Slot& t : b)
      if (!slot(r, t.key)) r.push_back(Slot{t.key, t.type, false, t.at});
    return r;
  }

  static Type output_type(const Out& out, const std::string& at) {
    MemberTypes m;
    for (const Slot& s : out)
      m[s.key] = ref(s.surely ? s.type : unite(s.type, of_kind(kNull, "output " + s.key + " is only set under a condition (" + at + ")")));
    return object_of(std::move(m), at);
  }

  static bool always_fails(const std::vector<Stmt>& body) {
    for (const Stmt& s : body) {
      if (s.has_when) continue;
      if (s.kind == Stmt::Kind::Fail) return true;
      if (s.kind == Stmt::Kind::If && always_fails(s.body) && always_fails(s.else_body)) return true;
    }
    return false;
  }

  bool block(const std::vector<Stmt>& program, Env& env, Out& out, bool& ends) {
    ends = false;
    for (const Stmt& s : program) {
      if (ends) break;  // never reached
      Env when{&env, nullptr, {}};
      if (s.has_when) {
        Type c;
        if (!expr(s.when, env, c) || !truth(c, s.when.pointer)) return false;
        narrow(s.when, true, when);
      }
      const bool maybe = s.has_when;
      switch (s.kind) {
        case Stmt::Kind::Let: {
          if (s.name[0] == '$') return error(s.pointer + "/let", "names starting with $ are built in ($today, $locale)");
          Type t;
          if (!expr(s.value, when, t)) return false;
          Binding b{s.name, t, true, false};
          if (maybe) {
            Binding before;
            if (find(env, s.name, before)) b.type = unite(before.type, t), b.maybe_unset = before.maybe_unset;
            else b.maybe_unset = true;
          }
          env.vars.push_back(std::move(b));
          break;
        }
        case Stmt::Kind::Set:
        case Stmt::Kind::Push: {
          Type t;
          if (!expr(s.value, when, t)) return false;
          if (s.kind == Stmt::Kind::Set) set(out, s.name, t, maybe, s.pointer);
          else push(out, s.name, t, s.pointer, maybe);
          break;
        }
        case Stmt::Kind::Merge: {
          Type t;
          if (!expr(s.value, when, t) || !need(t, kObject, s.value.pointer, "merge needs an object")) return false;
          // A member that may be absent may leave the output's member as it was.
          if (t.members)
            for (const auto& kv : *t.members)
              set(out, kv.first, *kv.second, maybe || (kv.second->kinds & kNull), s.pointer);
          break;
        }
        case Stmt::Kind::Term: {
          if (!s.code.empty() && !placeholders_given(s.code, s)) return false;
          Type days;
          if (!expr(s.value, when, days) ||
              !need(days, kNumber, s.value.pointer, "a term's days are a number of auditor days"))
            return false;
          push(out, "breakdown",
               object_of({{"term", ref(of_kind(kString, s.pointer))}, {"days", ref(days)},
                          {"source", ref(of_kind(kString, s.pointer))}}, s.pointer),
               s.pointer, maybe);
          break;
        }
        case Stmt::Kind::Say:
        case Stmt::Kind::Fail: {
          // A pack refuses a request; what is wrong with certcalc itself is not for it to say.
          static const char* const kCodes[] = {"missing_field", "unknown_field", "invalid_field",
                                               "not_supported", "missing_value", "out_of_range"};
          if (s.kind == Stmt::Kind::Fail &&
              std::none_of(std::begin(kCodes), std::end(kCodes), [&](const char* c) { return s.code == c; }))
            return error(s.pointer + "/fail", "a fail statement's code is one of missing_field, unknown_field, "
                                              "invalid_field, not_supported, missing_value, out_of_range");
          for (const auto& p : s.params) {
            Type t;
            if (!expr(p.second, when, t)) return false;
            if (!need(t, ~(kObject | (t.item && (t.item->kinds & kObject) ? kList : 0u)), p.second.pointer,
                      "a message parameter is written into a text (an object is not)"))
              return false;
          }
          if (!placeholders_given(s.kind == Stmt::Kind::Fail ? s.message_id : s.code, s)) return false;
          if (s.kind == Stmt::Kind::Say) {
            Type text = of_kind(kString, s.pointer);
            push(out, s.into, object_of({{"code", ref(text)}, {"message", ref(text)}, {"rule", ref(text)}}, s.pointer),
                 s.pointer, maybe);
          } else if (!maybe) {
            ends = true;
          } else {
            narrow(s.when, false, env);  // what follows runs only where this did not fail
          }
          break;
        }
        case Stmt::Kind::Each: {
          if (s.name[0] == '$') return error(s.pointer + "/each", "names starting with $ are built in ($today, $locale)");
          Type list;
          if (!expr(s.value, when, list) || !need(list, kList | kNull, s.value.pointer, "each needs a list"))
            return false;
          Env inner{&when, nullptr, {}};
          inner.vars.push_back(Binding{s.name, list.item ? *list.item : Type(), true, false});
          inner.vars.push_back(Binding{s.name + "Index", of_kind(kNumber, s.pointer), true, false});
          Out body = out;
          bool body_ends = false;
          if (!block(s.body, inner, body, body_ends)) return false;
          out = join(out, body);  // the body may run no time at all
          break;
        }
        case Stmt::Kind::If: {
          Type c;
          if (!expr(s.value, when, c) || !truth(c, s.value.pointer)) return false;
          Env yes{&when, nullptr, {}}, no{&when, nullptr, {}};
          narrow(s.value, true, yes);
          narrow(s.value, false, no);
          Out a = out, b = out;
          bool a_ends = false, b_ends = false;
          if (!block(s.body, yes, a, a_ends) || !block(s.else_body, no, b, b_ends)) return false;
          Out after = a_ends && !b_ends ? b : b_ends && !a_ends ? a : join(a, b);
          out = maybe ? join(out, after) : after;
          if (!maybe) {
            if (a_ends && b_ends) ends = true;
            else if (a_ends) narrow(s.value, false, env);
            else if (b_ends) narrow(s.value, true, env);
          }
          break;
        }
      }
    }
    return true;
  }

  // --- validate: the scopes validate.cpp gives the form's expressions and programs --------
  bool form() {
    const FormSpec& f = *pack_.form;
    const FieldSpec* findings = nullptr;
    const FieldSpec* audit = nullptr;
    for (const FieldSpec& s : validate_fields()) {
      if (s.name == "findings") findings = &s;
      if (s.name == "audit") audit = &s;
    }
    if (!findings || !findings->items || !audit) return true;
    const std::string req = "the validate request's ";
    Type finding = field_type(*findings->items, req + "finding", true);
    Type audit_t = field_type(*audit, req + "audit", true);  // {} when the request has none
    Type stage = of_kind(kString, req + "stage");
    Type today = unite(of_kind(kDate, req + "today"), of_kind(kNull, req + "today, or the door's date, may be missing"));
    std::set<std::string> names;
    for (const FieldSpec& s : findings->items->fields) names.insert(s.name);

    // Every check names fields a finding has, and grades and stages the form knows.
    for (const FormCheck& c : f.checks) {
      auto known = [&](const std::string& n) { return n.empty() || names.count(n) > 0; };
      if (!known(c.field)) return error(c.pointer + "/field", "a finding has no field " + c.field);
      // Each of `other` (audit.firstDay, audit.lastDay: the request's audit).
      for (std::size_t k = 0; k < c.others.size(); ++k) {
        const std::string& o = c.others[k];
        if (!known(o) && o != "audit.firstDay" && o != "audit.lastDay")
          return error(other_pointer(c, k), "a finding has no field " + o);
      }
      if (c.others.empty() && !known(c.other))
        return error(c.pointer + "/other", "a finding has no field " + c.other);
      if (!known(c.unless_filled)) return error(c.pointer + "/unlessFilled", "a finding has no field " + c.unless_filled);
      if (!reads_right_kind(c, findings->items->fields)) return false;
      for (const auto& g : c.grades)
        if (std::find(f.grades.begin(), f.grades.end(), g) == f.grades.end())
          return error(c.pointer + "/grades", "the form has no grade " + g);
      for (const auto& s : c.stages)
        if (!is_stage(s)) return error(c.pointer + "/stages", "stages are cm, oe and full");
    }

    Type ctx = object_of({{"finding", ref(finding)}, {"audit", ref(audit_t)}, {"stage", ref(stage)},
                          {"today", ref(today)}}, "the context of a form check");
    Env env;
    env.inputs = &ctx;
    for (const FormCheck& c : f.checks) {
      Type t;
      if (c.has_when && !expr(c.when, env, t)) return false;
      if (c.kind == FormCheck::Kind::Expr && !expr(c.fails, env, t)) return false;
    }
    // The deadline kinds findingDeadlines gives, where they are known texts (an empty set: none).
    std::shared_ptr<const Strings> kinds = std::make_shared<const Strings>();
    if (pack_.programs.count("findingDeadlines")) {
      kinds = nullptr;
      // The deadlines operation's fields at their defaults (null without one), then the finding.
      MemberTypes m;
      auto op = pack_.ops.find("deadlines");
      if (op != pack_.ops.end()) {
        for (const FieldSpec& s : op->second.fields) {
          std::string p = pointer_append("/operations/deadlines/fields", s.name);
          Type t;
          if (s.default_value.is_null()) t = of_kind(kNull, "the deadlines field " + p + ", which validate leaves null");
          else if (!literal(s.default_value, p + "/default", t)) return false;
          m[s.name] = ref(t);
        }
      }
      m["lastAuditDay"] = ref(of_kind(kDate, req + "audit.lastDay"));
      m["finding"] = ref(finding);
      m["findings"] = ref(list_of(finding, req + "findings"));
      m["auditType"] = ref(of_kind(kString, req + "audit.type"));
      m["stage"] = ref(stage);
      Type out;
      if (!program("findingDeadlines", object_of(std::move(m), "validate"), "/form (findingDeadlines)", out))
        return false;
      // Validate writes each deadline's daysLeft itself, from the request's today.
      const TypeRef d = out.members && out.members->count("deadlines") ? out.members->at("deadlines") : nullptr;
      if (d) {
        const std::string& at = d->from[static_cast<std::size_t>(index_of(kList))].empty()
                                    ? "/programs/findingDeadlines"
                                    : d->from[static_cast<std::size_t>(index_of(kList))];
        if (!need(*d, kList, at, "findingDeadlines gives deadlines as a list of objects") ||
            (d->item && !need(*d->item, kObject, at, "each of findingDeadlines' deadlines is an object")))
          return false;
        if (d->item && d->item->members && d->item->members->count("daysLeft"))
          return error(at, "validate writes each deadline's daysLeft from the request's today; "
                           "findingDeadlines does not give one");
        if (d->item && d->item->members && d->item->members->count("party"))
          return error(at, "validate writes each deadline's party from the form's overdueKinds; "
                           "findingDeadlines does not give one");
        if (d->item && d->item->members && d->item->members->count("kind"))
          kinds = d->item->members->at("kind")->strings;
      } else {
        kinds = std::make_shared<const Strings>();  // it gives no deadlines at all
      }
    }
    if (!deadline_kinds(f, kinds)) return false;
    if (pack_.programs.count("submissionIssues")) {
      Type in = object_of({{"findings", ref(list_of(finding, req + "findings"))}, {"audit", ref(audit_t)},
                           {"stage", ref(stage)}, {"today", ref(today)}}, "validate");
      Type out;
      if (!program("submissionIssues", in, "/form (submissionIssues)", out)) return false;
    }
    return true;
  }

  // Where the k-th of a check's `other` fields is written: `other` itself when it is one field
  // written as a text, else its k-th item.
  static std::string other_pointer(const FormCheck& c, std::size_t k) {
    const bool listed = c.others.size() > 1 || (c.others.size() == 1 && c.others[0] != c.other);
    return listed ? pointer_append(c.pointer + "/other", k) : c.pointer + "/other";
  }

  // An evidence check reads a list of items, the others a text (or a date written as one):
  // given the other kind of field they would never fire.
  bool reads_right_kind(const FormCheck& c, const std::vector<FieldSpec>& fields) {
    auto is_list = [&](const std::string& n) {
      for (const FieldSpec& s : fields)
        if (s.name == n) return s.type == FieldSpec::Type::List;
      return false;
    };
    using K = FormCheck::Kind;
    const bool items = reads_items(c.kind);
    if (items && !is_list(c.field))
      return error(c.pointer + "/field", "this check reads each item of a list of evidence; " + c.field + " is a text");
    if (!items && c.kind != K::Required && c.kind != K::Expr && is_list(c.field))
      return error(c.pointer + "/field", "this check reads a text; " + c.field + " is a list of evidence items");
    for (std::size_t k = 0; k < c.others.size(); ++k)
      if (is_list(c.others[k]))
        return error(other_pointer(c, k), "this check compares with a text; " + c.others[k] + " is a list of evidence items");
    if (is_list(c.unless_filled))
      return error(c.pointer + "/unlessFilled", "unlessFilled names a text; " + c.unless_filled + " is a list");
    return true;
  }

  // A form names deadline kinds (a check's deadline, sendBy, overdueKinds) that findingDeadlines
  // gives: one it never gives would leave the check, the send-by date or the overdue warning
  // silent for every finding.
  bool deadline_kinds(const FormSpec& f, const std::shared_ptr<const Strings>& kinds) {
    auto given = [&](const std::string& kind, const std::string& at) {
      if (!kinds || kinds->count(kind)) return true;
      return error(at, "no deadline of kind " + kind + " comes from the pack's findingDeadlines program");
    };
    for (const FormCheck& c : f.checks)
      if (c.kind == FormCheck::Kind::DateWithinDeadline && !given(c.deadline, c.pointer + "/deadline")) return false;
    for (std::size_t i = 0; i < f.send_by.size(); ++i)
      if (!given(f.send_by[i].kind, pointer_append(pointer_append("/form/sendBy", i), "kind"))) return false;
    for (std::size_t i = 0; i < f.overdue_kinds.size(); ++i)
      if (!given(f.overdue_kinds[i], pointer_append("/form/overdueKinds", i))) return false;
    return true;
  }

  const Pack& pack_;
  const std::function<bool(const std::string&)>& has_text_;
  Failure& failure_;
  std::map<std::string, Type> table_types_;
  std::map<std::string, int> depth_;
  std::map<std::string, TypeRef> results_;
  std::vector<std::string> calls_;
  std::size_t instances_ = 0;
  std::size_t work_ = 0;
};

}  // namespace

bool check_pack(const Pack& pack, const std::function<bool(const std::string& id)>& has_text,
                Failure& failure) {
  Checker c(pack, has_text, failure);
  return c.run();
}

}  // namespace certcalc
