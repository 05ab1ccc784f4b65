// What the typed validate path knows of a pack, worked out once when the pack is compiled: each
// form check's fields as positions, and which finding fields the pack's programs and
// expressions can see at all, so that a request's findings reach them as small objects and the
// deadline program runs once per distinct finding rather than once per finding.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "validate_input.h"

namespace certcalc {

struct Pack;

/// Where a date check looks: a finding field, or one of the audit's days.
enum : int { kAuditFirstDay = -1, kAuditLastDay = -2, kNowhere = -3 };

struct CheckPlan {
  FindingField field = kNoField;   ///< the field checked
  FindingField other = kNoField;   ///< differsFrom: the field compared with
  FindingField unless = kNoField;  ///< dateWithinDeadline: the field that excuses it
  std::vector<int> others;         ///< dateNotBefore: fields or audit days, first filled counts
  std::vector<std::string> needles;  ///< blameOnly: the phrases normalized, between spaces
  /// blameOnly: the needles sorted by their byte after the leading space; those starting with
  /// byte c are needles[needle_from[c] .. needle_from[c + 1]).
  std::vector<std::uint32_t> needle_from;
};

/// Finding fields a group of programs or expressions can read, as a bit set over FindingField.
struct FieldUse {
  bool exact = false;        ///< they see nothing of a finding but these fields (restriction is exact)
  std::uint16_t fields = 0;
  bool id_only_copied = false;  ///< findingDeadlines: the id is only copied into its answer
};

/// How validate writes each kind of issue in each locale, kept with the pack across calls
/// (validate.cpp): a shape costs ~10,000 instructions to build, a call with few findings
/// built several.
class ShapeMemo;
std::shared_ptr<ShapeMemo> new_shape_memo();

struct ValidatePlan {
  std::vector<CheckPlan> checks;  ///< one per form check, same order
  std::shared_ptr<ShapeMemo> shapes = new_shape_memo();
  FieldUse expressions;           ///< the checks' `when` and `fails`
  FieldUse deadlines;             ///< program findingDeadlines
  FieldUse submission;            ///< program submissionIssues
  /// Findings may reach the pack's programs restricted to the fields they use, and findingDeadlines
  /// be remembered per distinct finding: all three uses are exact.
  bool restricted() const { return expressions.exact && deadlines.exact && submission.exact; }
};

/// The plan of a pack with a form (programs and form compiled).
std::shared_ptr<const ValidatePlan> plan_validate(const Pack& pack);

}  // namespace certcalc
