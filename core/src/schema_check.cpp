#include "schema_check.h"

#include "utf8.h"

namespace certcalc {
namespace {

class Checker {
 public:
  explicit Checker(const Value& root) : root_(root) {}

  std::optional<SchemaViolation> check(const Value& schema, const Value& v, const PointerChain& at,
                                       int depth = 0) {
    auto here = [&] { return at.str(); };
    // A defect says which member, by its path without the leading '/' ("sources/0/title must be
    // a string"): the pack's author reads it in a log, without the pointer beside it.
    auto named = [&](const std::string& what) {
      const std::string p = here();
      return p.empty() ? "the pack " + what : p.substr(1) + " " + what;
    };
    auto count = [](const Value& m, const char* one, const char* many) {
      return m.as_number().to_decimal() + " " + (m.as_number() == Exact(1) ? one : many);
    };
    if (depth > 200) return SchemaViolation{here(), "schema recursion too deep"};
    if (schema.is_bool()) {
      if (!schema.as_bool()) return SchemaViolation{here(), named("is not allowed here")};
      return std::nullopt;
    }
    if (!schema.is_object()) return std::nullopt;
    if (const Value* ref = schema.find("$ref")) {
      const Value* target = resolve(*ref);
      if (!target) return SchemaViolation{here(), "schema reference not found"};
      if (auto r = check(*target, v, at, depth + 1)) return r;
    }
    if (const Value* t = schema.find("type")) {
      if (!type_ok(*t, v)) return SchemaViolation{here(), named("must be " + type_text(*t))};
    }
    if (const Value* e = schema.find("enum")) {
      bool found = false;
      for (const Value& x : e->as_list()) found = found || x.equals(v);
      if (!found) {
        std::string list;
        for (const Value& x : e->as_list())
          list += (list.empty() ? "" : ", ") + (x.is_string() ? x.as_string() : std::string("?"));
        return SchemaViolation{here(), named("must be one of: " + list)};
      }
    }
    if (const Value* c = schema.find("const")) {
      if (!c->equals(v)) return SchemaViolation{here(), named("has the wrong value")};
    }
    if (v.is_number()) {
      if (const Value* m = schema.find("minimum"); m && m->is_number() && v.as_number() < m->as_number())
        return SchemaViolation{here(), named("must be at least " + m->as_number().to_decimal())};
      if (const Value* m = schema.find("maximum"); m && m->is_number() && v.as_number() > m->as_number())
        return SchemaViolation{here(), named("must be at most " + m->as_number().to_decimal())};
    }
    if (v.is_string()) {
      std::size_t n = 0;
      for (unsigned char ch : v.as_string()) n += (ch & 0xC0) != 0x80;
      if (const Value* m = schema.find("minLength"); m && m->is_number() && Exact(static_cast<std::int64_t>(n)) < m->as_number())
        return SchemaViolation{here(), named("is too short: it needs at least " + count(*m, "character", "characters"))};
      if (const Value* m = schema.find("maxLength"); m && m->is_number() && Exact(static_cast<std::int64_t>(n)) > m->as_number())
        return SchemaViolation{here(), named("is too long: it may have at most " + count(*m, "character", "characters"))};
    }
    if (v.is_list()) {
      const List& items = v.as_list();
      std::int64_t n = static_cast<std::int64_t>(items.size());
      if (const Value* m = schema.find("minItems"); m && m->is_number() && Exact(n) < m->as_number())
        return SchemaViolation{here(), named("needs at least " + count(*m, "item", "items"))};
      if (const Value* m = schema.find("maxItems"); m && m->is_number() && Exact(n) > m->as_number())
        return SchemaViolation{here(), named("has more than " + count(*m, "item", "items"))};
      if (const Value* is = schema.find("items")) {
        for (std::size_t i = 0; i < items.size(); ++i)
          if (auto r = check(*is, items[i], PointerChain{&at, nullptr, i}, depth + 1)) return r;
      }
    }
    if (v.is_object()) {
      const Members& members = v.as_object();
      std::int64_t n = static_cast<std::int64_t>(members.size());
      if (const Value* m = schema.find("minProperties"); m && m->is_number() && Exact(n) < m->as_number())
        return SchemaViolation{here(), named("needs at least " + count(*m, "member", "members"))};
      if (const Value* m = schema.find("maxProperties"); m && m->is_number() && Exact(n) > m->as_number())
        return SchemaViolation{here(), named("has more than " + count(*m, "member", "members"))};
      if (const Value* req = schema.find("required")) {
        for (const Value& k : req->as_list())
          if (k.is_string() && !v.find(k.as_string()))
            return SchemaViolation{pointer_append(here(), k.as_string()), k.as_string() + " is required"};
      }
      const Value* props = schema.find("properties");
      const Value* pattern = schema.find("patternProperties");
      const Value* additional = schema.find("additionalProperties");
      for (const auto& m : members) {
        PointerChain p{&at, &m.first, 0};
        const Value* sub = props ? props->find(m.first) : nullptr;
        if (sub) {
          if (auto r = check(*sub, m.second, p, depth + 1)) return r;
          continue;
        }
        bool matched = false;
        if (pattern) {
          for (const auto& pp : pattern->as_object()) {
            if (pattern_matches(pp.first, m.first)) {
              matched = true;
              if (auto r = check(pp.second, m.second, p, depth + 1)) return r;
            }
          }
        }
        if (!matched && additional) {
          if (additional->is_bool() && !additional->as_bool())
            // Named: its path stops before a long name (bounded_pointer) and says nothing then.
            return SchemaViolation{p.str(), clipped(m.first, 120) + " is not a known member"};
          if (auto r = check(*additional, m.second, p, depth + 1)) return r;
        }
      }
    }
    if (const Value* all = schema.find("allOf")) {
      for (const Value& s : all->as_list())
        if (auto r = check(s, v, at, depth + 1)) return r;
    }
    for (const char* key : {"anyOf", "oneOf"}) {
      const Value* any = schema.find(key);
      if (!any) continue;
      std::optional<SchemaViolation> deepest;
      bool ok = false;
      for (const Value& s : any->as_list()) {
        auto r = check(s, v, at, depth + 1);
        if (!r) {
          ok = true;
          break;
        }
        // Report the alternative that got furthest into the value.
        if (!deepest || r->pointer.size() > deepest->pointer.size()) deepest = r;
      }
      if (!ok) {
        if (deepest && deepest->pointer != here()) return deepest;
        return SchemaViolation{here(), deepest ? deepest->detail : named("matches none of the allowed forms")};
      }
    }
    return std::nullopt;
  }

 private:
  const Value* resolve(const Value& ref) {
    if (!ref.is_string()) return nullptr;
    const std::string& s = ref.as_string();
    const std::string prefix = "#/$defs/";
    if (s.compare(0, prefix.size(), prefix) != 0) return nullptr;
    const Value* defs = root_.find("$defs");
    return defs ? defs->find(s.substr(prefix.size())) : nullptr;
  }

  static bool pattern_matches(const std::string& pattern, const std::string& key) {
    // Only the patterns the pack schema uses.
    if (pattern == "^[a-z]{2}$")
      return key.size() == 2 && key[0] >= 'a' && key[0] <= 'z' && key[1] >= 'a' && key[1] <= 'z';
    if (pattern == "^[a-z][a-zA-Z0-9_.-]*$") {
      if (key.empty() || key[0] < 'a' || key[0] > 'z') return false;
      for (char c : key)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-'))
          return false;
      return true;
    }
    return false;
  }

  static bool one_type_ok(const std::string& t, const Value& v) {
    if (t == "object") return v.is_object();
    if (t == "array") return v.is_list();
    if (t == "string") return v.is_string();
    if (t == "boolean") return v.is_bool();
    if (t == "null") return v.is_null();
    if (t == "number") return v.is_number();
    if (t == "integer") return v.is_number() && v.as_number().is_integer();
    return false;
  }

  static bool type_ok(const Value& t, const Value& v) {
    if (t.is_string()) return one_type_ok(t.as_string(), v);
    for (const Value& x : t.as_list())
      if (x.is_string() && one_type_ok(x.as_string(), v)) return true;
    return false;
  }

  static std::string type_text(const Value& t) {
    auto article = [](const std::string& s) {
      if (s == "object" || s == "array" || s == "integer") return "an " + s;
      if (s == "null") return s;
      return "a " + s;
    };
    if (t.is_string()) return article(t.as_string());
    std::string out;
    for (const Value& x : t.as_list())
      if (x.is_string()) out += (out.empty() ? "" : " or ") + article(x.as_string());
    return out;
  }

  const Value& root_;
};

}  // namespace

std::optional<SchemaViolation> check_schema(const Value& schema, const Value& doc) {
  Checker c(schema);
  return c.check(schema, doc, PointerChain{});
}

}  // namespace certcalc
