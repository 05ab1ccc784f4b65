// A request or pack that cannot be answered: a stable code, a catalog message, a JSON Pointer.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace certcalc {

using Params = std::vector<std::pair<std::string, std::string>>;

struct Failure {
  std::string code;        ///< stable snake_case code of the error envelope (docs/contract.md)
  std::string message_id;  ///< key of the message in the catalogs (rules/messages/*.json)
  Params params;           ///< values for the message's {placeholders}
  Params message_params;   ///< placeholders filled with another message (by id) in the same
                           ///< locale, in order: each may use the params and the ones before it
  std::string path;        ///< JSON Pointer to the offending field ("" = whole document)
  /// params holding a number written with a decimal point ("0.25"): rendered with the
  /// decimal comma of every locale but English, as value_text() writes numbers
  std::vector<std::string> number_params;
  bool internal = false;   ///< a defect of certcalc or of a pack, not of the request
};

inline Failure make_failure(std::string code, std::string message_id, std::string path,
                            Params params = {}) {
  Failure f;
  f.code = std::move(code);
  f.message_id = std::move(message_id);
  f.path = std::move(path);
  f.params = std::move(params);
  return f;
}

/// Where a value sits in a document, as a chain of parents on the stack: the JSON Pointer text
/// is only built when a defect is reported.
struct PointerChain {
  const PointerChain* parent = nullptr;
  const std::string* key = nullptr;  ///< member name, or null for a list index
  std::size_t index = 0;
  std::string str() const;
};

/// Appends one JSON Pointer reference token ("a/b" -> "a~1b").
std::string pointer_append(const std::string& base, const std::string& token);
std::string pointer_append(const std::string& base, std::size_t index);

/// The longest JSON Pointer an error envelope echoes, and its longest reference token: a key
/// is the user's text (a 10 MB unknown member, a duplicate key) and must not come back whole.
constexpr std::size_t kPathMaxBytes = 1024;
constexpr std::size_t kPathTokenMaxBytes = 256;

/// The most of one value (a {placeholder}'s text) an envelope's message echoes: the messages
/// that name the user's text clip it far shorter; this bounds the rest (a pack's megabyte name).
constexpr std::size_t kEchoMaxBytes = 1024;

/// `path` as an envelope gives it: whole when it keeps both limits, else cut before the first
/// token that breaks one, so that it still points at something the document holds (the
/// object or list around the member at fault; "" at worst). docs/api.md, "Errors".
std::string bounded_pointer(const std::string& path);

}  // namespace certcalc
