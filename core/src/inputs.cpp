#include "inputs.h"

#include <algorithm>

#include "cold.h"
#include "utf8.h"

namespace certcalc {
namespace {

bool pack_error(Failure& f, const std::string& pointer, const std::string& detail) {
  f = make_failure("invalid_pack", "invalid_pack", pointer, {{"detail", detail}});
  return false;
}

using Where = PointerChain;

const char* type_name(FieldSpec::Type t) {
  switch (t) {
    case FieldSpec::Type::Integer: return "integer";
    case FieldSpec::Type::Number: return "number";
    case FieldSpec::Type::Boolean: return "boolean";
    case FieldSpec::Type::String: return "string";
    case FieldSpec::Type::Enum: return "enum";
    case FieldSpec::Type::Date: return "date";
    case FieldSpec::Type::List: return "list";
    case FieldSpec::Type::Object: return "object";
  }
  return "string";
}

// The message that says what a field must be; used for every defect of its value. A value of
// the wrong JSON type always hears the type it must have ("must be text", "must be a list").
Failure invalid(const FieldSpec& spec, const Where& at, const Value* given = nullptr) {
  const std::string path = at.str();
  Params p = {{"field", field_label(path)}};
  std::string id;
  switch (spec.type) {
    case FieldSpec::Type::Integer:
    case FieldSpec::Type::Number: {
      const bool whole = spec.type == FieldSpec::Type::Integer;
      if (spec.min && spec.max) {
        id = whole ? "field_integer_between" : "field_number_between";
        p.push_back({"min", spec.min->to_decimal()});
        p.push_back({"max", spec.max->to_decimal()});
      } else if (spec.min) {
        id = whole ? "field_integer_min" : "field_number_min";
        p.push_back({"min", spec.min->to_decimal()});
      } else if (spec.max) {
        id = whole ? "field_integer_max" : "field_number_max";
        p.push_back({"max", spec.max->to_decimal()});
      } else {
        id = whole ? "field_integer" : "field_number";
      }
      if (!whole && spec.step) {
        id += "_step";
        p.push_back({"step", spec.step->to_decimal()});
      }
      break;
    }
    case FieldSpec::Type::Boolean: id = "field_boolean"; break;
    case FieldSpec::Type::String:
      if (given && !given->is_string()) {
        id = "field_text";
      } else {
        id = "field_string";
        p.push_back({"max", std::to_string(spec.max_length)});
      }
      break;
    case FieldSpec::Type::Enum: {
      id = "field_enum";
      std::string list;
      for (const auto& v : spec.values) list += (list.empty() ? "" : ", ") + v;
      p.push_back({"values", list});
      break;
    }
    case FieldSpec::Type::Date: id = "field_date"; break;
    case FieldSpec::Type::List:
      if (given && !given->is_list()) {
        id = "field_list_type";
      } else {
        id = "field_list";
        p.push_back({"max", std::to_string(spec.max_items)});
      }
      break;
    case FieldSpec::Type::Object: id = "field_object"; break;
  }
  // A number or a boolean sent in quotes: say so, the type name alone would puzzle.
  const bool numeric = spec.type == FieldSpec::Type::Integer || spec.type == FieldSpec::Type::Number;
  if (given && given->is_string() && numeric && Exact::parse(given->as_string())) {
    p.push_back({"value", clipped(given->as_string(), 40)});
    id = "field_number_quoted";
  }
  if (given && given->is_string() && spec.type == FieldSpec::Type::Boolean &&
      (given->as_string() == "true" || given->as_string() == "false"))
    id = "field_boolean_quoted";
  Failure f = make_failure("invalid_field", id, path, p);
  if (numeric) f.number_params = {"min", "max", "step"};
  return f;
}

// `tags` numbers the request's scalars (Value::origin) as they are checked; null for a
// pack's defaults, which are no request field.
bool check_value(const FieldSpec& spec, const Value& v, const Where& at, Value& out, Failure& f,
                 std::uint32_t* tags);

// The request's value as the program sees it, tagged with where it came from.
Value tagged(Value v, std::uint32_t* tags) {
  if (tags) v.set_origin(++*tags);
  return v;
}

bool check_object(const std::vector<FieldSpec>& specs, const Value& obj, const Where& at,
                  const std::vector<std::string>& ignored, Value& out, Failure& f,
                  std::uint32_t* tags) {
  for (const auto& m : obj.as_object()) {
    bool known = std::any_of(specs.begin(), specs.end(),
                             [&](const FieldSpec& s) { return s.name == m.first; }) ||
                 std::find(ignored.begin(), ignored.end(), m.first) != ignored.end();
    if (!known) {
      std::string p = pointer_append(at.str(), m.first);
      if (specs.empty()) {
        // An empty list of fields would read as a sentence cut short (schemes takes none).
        f = make_failure("unknown_field", "unknown_field_none", p, {{"field", field_label(p)}});
        return false;
      }
      std::string names;
      for (const auto& s : specs) names += (names.empty() ? "" : ", ") + s.name;
      f = make_failure("unknown_field", "unknown_field", p,
                       {{"field", field_label(p)}, {"known", names}});
      return false;
    }
  }
  Members members;
  members.reserve(specs.size());
  for (const auto& spec : specs) {
    Where child{&at, &spec.name, 0};
    const Value* given = obj.find(spec.name);
    if (!given || given->is_null()) {
      if (spec.required) {
        std::string p = child.str();
        f = make_failure("missing_field", "missing_field", p, {{"field", field_label(p)}});
        return false;
      }
      // A field left out with no default is a null the request gave: tagged, so that a step
      // that needs it names the field (missing_value_from).
      members.emplace_back(spec.name, spec.default_value.is_null() ? tagged(Value(), tags) : spec.default_value);
      continue;
    }
    Value checked;
    if (!check_value(spec, *given, child, checked, f, tags)) return false;
    members.emplace_back(spec.name, std::move(checked));
  }
  out = Value::object(std::move(members));
  return true;
}

bool check_value(const FieldSpec& spec, const Value& v, const Where& at, Value& out, Failure& f,
                 std::uint32_t* tags) {
  switch (spec.type) {
    case FieldSpec::Type::Integer:
    case FieldSpec::Type::Number: {
      if (!v.is_number()) {
        f = invalid(spec, at, &v);
        return false;
      }
      const Exact& n = v.as_number();
      if ((spec.type == FieldSpec::Type::Integer && !n.is_integer()) ||
          (spec.min && n < *spec.min) || (spec.max && n > *spec.max)) {
        f = invalid(spec, at);
        return false;
      }
      if (spec.step) {
        auto q = n.div(*spec.step);
        if (!q || !q->is_integer()) {
          f = invalid(spec, at);
          return false;
        }
      }
      out = tagged(v, tags);
      return true;
    }
    case FieldSpec::Type::Boolean:
      if (!v.is_bool()) {
        f = invalid(spec, at, &v);
        return false;
      }
      out = v;
      return true;
    case FieldSpec::Type::String:
      if (!v.is_string() || v.as_string().size() > spec.max_length) {
        f = invalid(spec, at, &v);
        return false;
      }
      out = tagged(v, tags);
      return true;
    case FieldSpec::Type::Enum:
      if (!v.is_string() ||
          std::find(spec.values.begin(), spec.values.end(), v.as_string()) == spec.values.end()) {
        f = invalid(spec, at);
        return false;
      }
      out = v;
      return true;
    case FieldSpec::Type::Date: {
      if (!v.is_string()) {
        f = invalid(spec, at);
        return false;
      }
      auto d = Date::parse(v.as_string());
      if (!d) {
        const std::string path = at.str();
        f = make_failure("invalid_field", "field_date_impossible", path,
                         {{"field", field_label(path)}, {"value", clipped(v.as_string(), 40)}});
        return false;
      }
      out = tagged(Value::date(*d), tags);
      return true;
    }
    case FieldSpec::Type::List: {
      if (!v.is_list() || v.as_list().size() > spec.max_items) {
        f = invalid(spec, at, &v);
        return false;
      }
      List items;
      items.reserve(v.as_list().size());
      for (std::size_t i = 0; i < v.as_list().size(); ++i) {
        Value item;
        const Value& given = v.as_list()[i];
        Where child{&at, nullptr, i};
        if (given.is_null()) {
          std::string p = child.str();
          f = make_failure("invalid_field", "field_list_null", p, {{"field", field_label(p)}});
          return false;
        }
        if (!check_value(*spec.items, given, child, item, f, tags)) return false;
        items.push_back(std::move(item));
      }
      out = Value::list(std::move(items));
      return true;
    }
    case FieldSpec::Type::Object:
      if (!v.is_object()) {
        f = invalid(spec, at);
        return false;
      }
      return check_object(spec.fields, v, at, {}, out, f, tags);
  }
  return false;
}

bool read_exact(const Value& spec, const char* key, const std::string& pointer,
                std::optional<Exact>& out, Failure& f) {
  const Value* v = spec.find(key);
  if (!v) return true;
  if (!v->is_number()) return pack_error(f, pointer_append(pointer, key), "must be a number");
  out = v->as_number();
  return true;
}

}  // namespace

CERTCALC_COLD bool compile_field_spec(const std::string& name, const Value& spec, const std::string& pointer,
                        FieldSpec& out, Failure& f) {
  out = FieldSpec();
  out.name = name;
  if (!spec.is_object()) return pack_error(f, pointer, "a field spec must be an object");
  const Value* type = spec.find("type");
  if (!type || !type->is_string())
    return pack_error(f, pointer_append(pointer, "type"), "type is required");
  static const std::pair<const char*, FieldSpec::Type> kTypes[] = {
      {"integer", FieldSpec::Type::Integer}, {"number", FieldSpec::Type::Number},
      {"boolean", FieldSpec::Type::Boolean}, {"string", FieldSpec::Type::String},
      {"enum", FieldSpec::Type::Enum},       {"date", FieldSpec::Type::Date},
      {"list", FieldSpec::Type::List},       {"object", FieldSpec::Type::Object}};
  bool found = false;
  for (const auto& t : kTypes) {
    if (type->as_string() == t.first) {
      out.type = t.second;
      found = true;
    }
  }
  if (!found) return pack_error(f, pointer_append(pointer, "type"), "unknown field type");
  if (const Value* r = spec.find("required")) out.required = r->is_bool() && r->as_bool();
  if (const Value* d = spec.find("default")) out.default_value = *d;
  if (!read_exact(spec, "min", pointer, out.min, f) || !read_exact(spec, "max", pointer, out.max, f) ||
      !read_exact(spec, "step", pointer, out.step, f))
    return false;
  if (out.step && out.step->num() <= 0)
    return pack_error(f, pointer_append(pointer, "step"), "step must be positive");
  if (const Value* ml = spec.find("maxLength"); ml && ml->is_number() && ml->as_number().num() >= 0)
    out.max_length = static_cast<std::size_t>(ml->as_number().num());
  if (const Value* mi = spec.find("maxItems"); mi && mi->is_number() && mi->as_number().num() >= 0)
    out.max_items = static_cast<std::size_t>(mi->as_number().num());
  if (const Value* h = spec.find("help"); h && h->is_string()) out.help = h->as_string();
  if (const Value* r = spec.find("rule"); r && r->is_string()) out.rule = r->as_string();
  if (out.type == FieldSpec::Type::Enum) {
    const Value* values = spec.find("values");
    if (!values || !values->is_list() || values->as_list().empty())
      return pack_error(f, pointer_append(pointer, "values"), "an enum needs values");
    for (const auto& v : values->as_list()) {
      if (!v.is_string()) return pack_error(f, pointer_append(pointer, "values"), "values are strings");
      out.values.push_back(v.as_string());
    }
  }
  if (out.min && out.max && *out.max < *out.min)
    return pack_error(f, pointer_append(pointer, "max"), "max is below min");
  if (out.type == FieldSpec::Type::List) {
    const Value* items = spec.find("items");
    if (!items) return pack_error(f, pointer_append(pointer, "items"), "a list needs items");
    out.items = std::make_shared<FieldSpec>();
    if (!compile_field_spec("", *items, pointer_append(pointer, "items"), *out.items, f))
      return false;
  }
  if (out.type == FieldSpec::Type::Object) {
    const Value* fields = spec.find("fields");
    if (!fields || !fields->is_object())
      return pack_error(f, pointer_append(pointer, "fields"), "an object needs fields");
    std::string base = pointer_append(pointer, "fields");
    for (const auto& m : fields->as_object()) {
      FieldSpec child;
      if (!compile_field_spec(m.first, m.second, pointer_append(base, m.first), child, f))
        return false;
      out.fields.push_back(std::move(child));
    }
  }
  // A default stands for what the request left out: it is held to the field's own checks (and
  // then is what the program sees, a date as a date).
  if (!out.default_value.is_null()) {
    Value checked;
    Failure ignored;
    if (!check_value(out, out.default_value, Where{}, checked, ignored, nullptr))
      return pack_error(f, pointer_append(pointer, "default"), "the default is not a valid value of this field");
    out.default_value = std::move(checked);
  }
  return true;
}

bool check_fields(const std::vector<FieldSpec>& specs, const Value& request,
                  const std::vector<std::string>& ignored, Value& out, Failure& failure) {
  if (!request.is_object()) {
    failure = make_failure("invalid_field", "request_not_object", "");
    return false;
  }
  std::uint32_t tags = 0;
  return check_object(specs, request, Where{}, ignored, out, failure, &tags);
}

namespace {
// Depth first, in the order the members were checked; the pointer is built on the way back.
bool find_origin(const Value& v, std::uint32_t origin, std::string& path) {
  if (v.is_object() || v.is_list()) {
    const bool object = v.is_object();
    const std::size_t n = object ? v.as_object().size() : v.as_list().size();
    for (std::size_t i = 0; i < n; ++i) {
      const Value& item = object ? v.as_object()[i].second : v.as_list()[i];
      std::string below;
      if (!find_origin(item, origin, below)) continue;
      path = (object ? pointer_append("", v.as_object()[i].first) : pointer_append("", i)) + below;
      return true;
    }
    return false;
  }
  return v.origin() == origin;
}
}  // namespace

std::string field_label(const std::string& path) {
  // an unknown member's name is the user's text
  return path.empty() ? std::string() : clipped(std::string_view(path).substr(1), 120);
}

CERTCALC_COLD std::string origin_pointer(const Value& checked, std::uint32_t origin) {
  std::string path;
  if (origin == 0 || !find_origin(checked, origin, path)) return std::string();
  return path;
}

CERTCALC_COLD Value describe_field(const FieldSpec& spec) {
  ObjectBuilder b;
  if (!spec.name.empty()) b.set("name", Value::string(spec.name));
  b.set("type", Value::string(type_name(spec.type)));
  if (spec.required) b.set("required", Value::boolean(true));
  if (!spec.default_value.is_null()) b.set("default", spec.default_value);
  if (spec.min) b.set("min", Value::number(*spec.min));
  if (spec.max) b.set("max", Value::number(*spec.max));
  if (spec.step) b.set("step", Value::number(*spec.step));
  if (!spec.values.empty()) {
    List vals;
    for (const auto& v : spec.values) vals.push_back(Value::string(v));
    b.set("values", Value::list(std::move(vals)));
  }
  if (spec.type == FieldSpec::Type::String)
    b.set("maxLength", Value::number(Exact(static_cast<std::int64_t>(spec.max_length))));
  if (spec.items) b.set("items", describe_field(*spec.items));
  if (!spec.fields.empty()) {
    List fields;
    for (const auto& f : spec.fields) fields.push_back(describe_field(f));
    b.set("fields", Value::list(std::move(fields)));
  }
  if (!spec.help.empty()) b.set("help", Value::string(spec.help));
  if (!spec.rule.empty()) b.set("rule", Value::string(spec.rule));
  return b.build();
}

}  // namespace certcalc
