// `certcalc batch`: newline-delimited requests in, one answer line per request out, in input
// order, answered on every core (docs/api.md, "Batch").
#pragma once

#include <string>

#include "certcalc/engine.h"

namespace certcalc_cli {

struct BatchOptions {
  std::string input = "-";  ///< a file, or "-" for standard input
  std::string jobs;         ///< --jobs as given; empty: one per processor
};

/// Reports an error of the command line itself (one envelope on stdout, one line on stderr)
/// and returns the exit status.
using UsageError = int (*)(const std::string& code, const std::string& message);

/// Answers every line of the input with `engine`; `options` (today, locale) apply to every
/// request. Returns the exit status: 0 every line answered, 2 some line is a request error,
/// 1 some line failed inside certcalc or the input could not be read to its end.
int run_batch(const certcalc::Engine& engine, const certcalc::CallOptions& options,
              const BatchOptions& batch, UsageError usage_error);

}  // namespace certcalc_cli
