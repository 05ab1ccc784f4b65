// The load-time check of a compiled pack: what the evaluator would otherwise find out on some
// request, as an internal_error, is found when the pack is loaded, with its JSON Pointer.
#pragma once

#include <functional>
#include <string>

#include "failure.h"
#include "rules.h"

namespace certcalc {

/// Checks every program an operation, the validate form or another program can run, with the
/// types of the values it can see: operand types of every operator (a table value or a field
/// default of the wrong type included), variables that may be unset or null where a value is
/// needed, table shapes and decision rows that can never match the facts given, whole numbers
/// where only those work, recursion and call depth, the error codes of `fail` statements, and
/// that every message a `message` expression or a field's help names has an English text
/// (`has_text`). On a defect, sets `failure` (invalid_pack, the pointer of the defect in the
/// pack) and returns false. What only a request can decide (a null where a value is needed, a
/// division by a computed zero, a range too long) is a request error at run time.
bool check_pack(const Pack& pack, const std::function<bool(const std::string& id)>& has_text,
                Failure& failure);

}  // namespace certcalc
