// A JSON Schema (2020-12) subset, enough to check rule packs against rules/schema/pack.schema.json.
#pragma once

#include <optional>
#include <string>

#include "failure.h"
#include "value.h"

namespace certcalc {

/// Supported keywords: type, enum, const, properties, required, additionalProperties,
/// patternProperties with the single pattern "^[a-z]{2}$", items, prefixItems-free arrays,
/// minItems, maxItems, minProperties, maxProperties, minimum, maximum, minLength,
/// maxLength, $ref to "#/$defs/...", anyOf, oneOf (as anyOf), allOf, $defs. Other keywords
/// are annotations and ignored.
/// Returns the first violation as a description and the pointer of the offending value.
struct SchemaViolation {
  std::string pointer;
  std::string detail;
};

std::optional<SchemaViolation> check_schema(const Value& schema, const Value& doc);

}  // namespace certcalc
