// JSON text <-> Value. Parsing never throws or aborts; writing is deterministic on every door.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "failure.h"
#include "value.h"

namespace certcalc {

struct ParseLimits {
  std::size_t max_bytes = 64u * 1024u * 1024u;
  std::size_t max_depth = 64;
};

struct ParseResult {
  Value value;
  std::optional<Failure> failure;
};

/// Parses one JSON document. Duplicate keys, nesting beyond the limit, invalid UTF-8 and
/// trailing content are failures with the JSON Pointer of where they were found.
ParseResult parse_json(std::string_view text, const ParseLimits& limits = {});

/// A member the writer adds to objects as it writes them (answers get `cites` beside each
/// `rule` this way, without copying the answer).
class ExtraMember {
 public:
  virtual ~ExtraMember() = default;
  /// For an object about to be written: true to add `key`: `value` right after member `after`.
  virtual bool add(const Members& members, std::size_t& after, const char*& key,
                   Value& value) const = 0;
};

/// Compact JSON (indent < 0) or pretty JSON with `indent` spaces. Numbers are written from
/// their exact value with at most 6 decimals; dates as "YYYY-MM-DD" strings.
std::string write_json(const Value& v, int indent = -1);
void write_json(const Value& v, std::string& out, int indent = -1,
                const ExtraMember* extra = nullptr);
/// Appends s as a JSON string literal; invalid UTF-8 becomes U+FFFD.
void write_json_string(std::string_view s, std::string& out);

}  // namespace certcalc
