// Request fields: declared per operation in a pack, checked the same way for every op.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "failure.h"
#include "value.h"

namespace certcalc {

struct FieldSpec {
  enum class Type { Integer, Number, Boolean, String, Enum, Date, List, Object };
  std::string name;
  Type type = Type::String;
  bool required = false;
  Value default_value;  ///< null when there is no default
  std::optional<Exact> min, max, step;
  std::vector<std::string> values;  ///< allowed values of an enum
  std::size_t max_length = 1000000;
  std::size_t max_items = 100000;
  std::shared_ptr<FieldSpec> items;  ///< element spec of a list
  std::vector<FieldSpec> fields;     ///< member specs of an object
  std::string help;                  ///< message id of the help text shown by forms
  std::string rule;                  ///< source file and clause the field comes from
};

/// Reads a field spec from its pack form ({"type": "integer", "min": 1, ...}).
/// On a defect, sets `failure` (code invalid_pack, path inside the pack) and returns false.
bool compile_field_spec(const std::string& name, const Value& spec, const std::string& pointer,
                        FieldSpec& out, Failure& failure);

/// Checks `request` against `specs` and returns an object holding every declared field
/// (defaults filled in, absent optional fields null, dates as dates). Keys in `ignored`
/// (such as "scheme" and "locale") are accepted without a spec. Each number, date and text
/// the request gave carries an origin of its own (Value::origin, from 1; defaults none).
bool check_fields(const std::vector<FieldSpec>& specs, const Value& request,
                  const std::vector<std::string>& ignored, Value& out, Failure& failure);

/// The JSON Pointer of the value of `checked` (check_fields' output) tagged `origin`, or ""
/// when none is: the request field a computed value came from.
std::string origin_pointer(const Value& checked, std::uint32_t origin);

/// A field's path as a message names it: "/findings/0/grade" is "findings/0/grade", cut to 120
/// bytes (a member's name may be the user's megabyte).
std::string field_label(const std::string& path);

/// The spec as JSON for forms and the API reference ({"name", "type", "required", ...}).
Value describe_field(const FieldSpec& spec);

}  // namespace certcalc
