// Comparing an answer with a vector's expectation (the rule is in tests/vectors/README.md).
#pragma once

#include <optional>
#include <string>

#include "value.h"

namespace certcalc {

/// Every member of `expected` must be in `actual` with a matching value; lists match element
/// by element and have the same length; numbers match exactly. Returns the first mismatch.
std::optional<std::string> match_expected(const Value& expected, const Value& actual,
                                          const std::string& pointer = "");

}  // namespace certcalc
