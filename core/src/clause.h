// Clause references as clients write them: "4.11.1", "BRCGS 4.11.1", "§4.11.1", "Clause 4.11.1.",
// "clausola 4.11.1", "ISO 22000:2018 8.5.1". Which words may stand before the number is a pack's
// data (`clauseReferences`, rules/shared/clause-references.json); this reader knows only the
// shape, so a scheme's wording never becomes a C++ branch.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "value.h"

namespace certcalc {

class ClauseReader {
 public:
  /// Takes `words`, `standards` and `marks` (lists of strings) from the pack's clauseReferences;
  /// returns false with `pointer`/`detail` set on a defect.
  bool load(const Value& data, std::string& pointer, std::string& detail);

  /// The dotted clause number the text refers to ("4.11.1"), or nothing when the text is not a
  /// clause reference: the number comes last (trailing dots, spaces and closing brackets
  /// ignored) and every word before it is one of the pack's words, a standard's name, or a
  /// designation with digits right after a standard's name ("ISO 22000:2018", "GMP+ TS1.2").
  std::optional<std::string> read(std::string_view text) const;

 private:
  enum class Kind { None, Word, Standard };
  Kind kind_of(std::string_view folded) const;

  std::vector<std::string> words_, standards_;  // folded, sorted (compared as views)
  std::vector<std::string> marks_;              // folded, longest first
};

/// Lower case for ASCII and the Latin-1 capitals (what clause words need: "Abschnitt", "CLAUSOLA").
std::string fold_case(std::string_view s);

}  // namespace certcalc
