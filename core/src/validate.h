// The `validate` operation: a client's NC responses checked against the pack's form rules.
#pragma once

#include <string>

#include "evaluate.h"
#include "rules.h"
#include "validate_input.h"

namespace certcalc {

/// The request fields of `validate` (docs/contract.md), the same for every pack.
const std::vector<FieldSpec>& validate_fields();

/// Runs the form of `env.pack` over a request read by either reader (validate_input.h) and
/// writes the answer as compact JSON. On a pack defect returns false with env.failure.
bool run_validate(const ValidateIn& in, EvalEnv& env, std::string& answer);

}  // namespace certcalc
