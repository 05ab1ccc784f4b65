// Runs compiled programs against checked request fields.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "messages.h"
#include "rules.h"

namespace certcalc {

/// Evaluation steps a request may take in all (each expression evaluated is one): no pack can
/// hang a door.
constexpr std::uint64_t kEvalStepLimit = 20000000;
/// The longest text and the longest flattened list a calculation may make: steps grow linearly
/// while a text or list doubled in a loop grows exponentially (out_of_range past these).
constexpr std::size_t kEvalTextLimit = 1 << 20;
constexpr std::size_t kEvalListLimit = 100000;

struct EvalEnv {
  EvalEnv(const Pack& p, const Catalogs& c, std::string loc, Value t)
      : pack(p), catalogs(c), locale(std::move(loc)), today(std::move(t)) {}
  const Pack& pack;
  const Catalogs& catalogs;
  std::string locale;
  Value today;                         ///< the door's current date (a date, or null)
  std::set<std::string> unverified;    ///< names of unverified tables the answer used
  /// The checked request the inputs are (check_fields), whose scalars carry their origin: an
  /// error a computed value raises points at the request field it came from. Null when the
  /// inputs are no request (validate's programs): such errors point at nothing.
  const Value* request = nullptr;
  std::optional<Failure> failure;      ///< set when evaluation stops
  std::uint64_t steps = 0;
  std::uint64_t range_numbers = 0;     ///< numbers made by `range` so far
  int depth = 0;
};

/// Runs `program` with `inputs` (an object of checked fields) and returns the output object.
/// On a request error (a `fail` statement) or a pack defect, returns false with env.failure.
bool run_program(const std::vector<Stmt>& program, const Value& inputs, EvalEnv& env,
                 Value& output);

/// Evaluates one expression with `inputs` as the root scope.
bool eval_expr(const Expr& e, const Value& inputs, EvalEnv& env, Value& out);

/// Runs the pack's program `name` (which must exist) with `inputs`.
bool call_program(const std::string& name, const Value& inputs, EvalEnv& env, Value& output);

/// Text of a value inside a message: numbers with up to 3 decimals (a decimal comma in every
/// locale but English; none given: a point, as in concat), dates as YYYY-MM-DD.
std::string value_text(const Value& v, const std::string& locale = "");

}  // namespace certcalc
