// The `validate` operation: a client's NC responses checked against the pack's form rules.
#pragma once

#include "evaluate.h"
#include "rules.h"

namespace certcalc {

/// The request fields of `validate` (docs/contract.md), the same for every pack.
const std::vector<FieldSpec>& validate_fields();

/// Runs the form of `env.pack` over checked request fields. On a pack defect returns false
/// with env.failure; otherwise `out` is the validate answer.
bool run_validate(const Value& inputs, EvalEnv& env, Value& out);

}  // namespace certcalc
