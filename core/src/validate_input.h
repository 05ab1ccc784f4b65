// A validate request read into typed fields: straight from its text in one pass when it holds
// nothing unusual (no escape in a key, no error of any kind), otherwise from the Value tree the
// generic reader and the field checks made of it. Both give the runner the same view.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "date.h"
#include "value.h"

namespace certcalc {

/// The fields of a finding, in the order the request's field specs declare them.
enum FindingField : unsigned char {
  kId, kClause, kGrade, kStatement, kCorrection, kRootCause, kCorrectiveAction,
  kTemporaryMeasures, kPlannedCompletion, kResponsible, kState,
  kTextFields,
  kEvidence = kTextFields,
  kFindingFields,
  kNoField = 255
};

/// The field a form names ("rootCause"), or kNoField.
FindingField finding_field(std::string_view name);
const char* finding_field_name(unsigned field);

struct EvidenceIn {
  std::string_view name, media_type;
  bool has_name = false, has_media_type = false, has_bytes = false;
  std::int64_t bytes = 0;
};

struct FindingIn {
  std::string_view text[kTextFields];  ///< empty when absent or null
  std::uint16_t given = 0;             ///< bit per field: a string (or, for evidence, a list) was sent
  std::uint32_t evidence_begin = 0, evidence_count = 0;  ///< into ValidateIn::evidence
  const Value* checked = nullptr;      ///< the checked finding, when read from a Value tree

  bool has(unsigned field) const { return (given >> field) & 1u; }
};

struct ValidateIn {
  std::string_view scheme, locale;  ///< text reader only
  bool has_locale = false;
  bool has_audit = false;           ///< an audit object was sent
  std::string_view audit_first, audit_last, audit_type;
  std::uint8_t audit_given = 0;     ///< bits: firstDay, lastDay, type
  bool has_today = false;
  Date today;
  std::string_view stage;           ///< "", "cm" or "oe"
  std::int64_t evidence_max_bytes = 0;
  bool has_holidays = false;
  std::vector<Date> holidays;
  std::vector<FindingIn> findings;
  std::vector<EvidenceIn> evidence;
  std::string unescaped;            ///< texts that had escapes (views point into it)
  const Value* checked = nullptr;   ///< the checked request, when read from a Value tree
};

/// Reads a validate request from its JSON text; false when anything in it is unusual or wrong
/// (the caller then takes the generic reader, which says what). `text` must outlive `out`.
bool read_validate_text(std::string_view text, ValidateIn& out);

/// The same view of a request the generic field checks accepted (validate_fields()).
void read_validate_checked(const Value& checked, ValidateIn& out);

/// Whether the engine tries read_validate_text() first (on unless a test compares both ways).
bool validate_text_reader();
void set_validate_text_reader(bool on);

}  // namespace certcalc
