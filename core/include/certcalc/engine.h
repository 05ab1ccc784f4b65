// certcalc core: JSON request in, JSON response out. No I/O, no clock, no exceptions.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace certcalc {

/// What a call produced: the response (or error envelope) and how the door should report it.
struct Answer {
  enum class Status { Ok = 0, InternalError = 1, RequestError = 2 };
  Status status = Status::Ok;
  std::string json;     ///< exactly one JSON document
  std::string summary;  ///< one human line ("code: message at path") when status is not Ok
};

struct CallOptions {
  std::string today;   ///< the door's current date (YYYY-MM-DD); requests may name their own
  std::string locale;  ///< when set, replaces the request's locale
  int indent = -1;     ///< -1 compact, otherwise pretty with this many spaces
  /// How the door spells an option in messages: "--" makes the CLI's "--today must be ...".
  /// A `today` or `locale` that is not valid is refused (code invalid_option) like the request
  /// field of that name, before the request is read.
  std::string option_prefix;
};

/// Holds the loaded rule packs and answers the operations of docs/api.md.
/// Construct once, call many times; `call` is const and may run concurrently.
class Engine {
 public:
  /// An engine with the built-in catalogs and packs (embedded at build time).
  Engine();
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Loads a pack from JSON text, replacing a loaded pack with the same id. `origin` names it
  /// in messages (a file path, "loadPack"). Ok answers {"loaded": {"id", "version", ...}}.
  Answer load_pack(std::string_view pack_json, const std::string& origin);

  /// Answers one operation (`schemes`, `describe`, `duration`, `grade`, `schedule`,
  /// `deadlines`, `validate`).
  Answer call(std::string_view op, std::string_view request_json,
              const CallOptions& options = {}) const;

  /// Checks a door's options as `call` does first (an Ok answer is `{}`), so that a door can
  /// refuse a bad option before it reads a request.
  Answer check_options(const CallOptions& options) const;

  static const char* version();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace certcalc
