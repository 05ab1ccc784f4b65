// certcalc core: JSON request in, JSON response out. No I/O, no clock, no exceptions.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace certcalc {

/// What a call produced: the response (or error envelope) and how the door should report it.
struct Answer {
  enum class Status { Ok = 0, InternalError = 1, RequestError = 2 };
  Status status = Status::Ok;
  std::string json;     ///< exactly one JSON document
  std::string summary;  ///< one human line ("code: message at path") when status is not Ok
  /// For code `not_loaded` only: the rule assets to add (add_rules) before asking again, by
  /// name ("packs/fssc22000-5.1.json", "messages/nl.json"; docs/api.md, "Rule assets").
  std::vector<std::string> needs;
};

struct CallOptions {
  std::string today;   ///< the door's current date (YYYY-MM-DD); requests may name their own
  std::string locale;  ///< when set, replaces the request's locale
  /// -1 compact, otherwise pretty with this many spaces: 0 to 16. Anything else is refused
  /// (code invalid_option), as a huge indent would make every answer gigabytes long.
  int indent = -1;
  /// How the door spells an option in messages: "--" makes the CLI's "--today must be ...".
  /// A `today` or `locale` that is not valid is refused (code invalid_option) like the request
  /// field of that name, before the request is read.
  std::string option_prefix;
};

/// Holds the loaded rule packs and answers the operations of docs/api.md.
/// Construct once, call many times; `call` is const and may run concurrently.
class Engine {
 public:
  /// Which rule files a new engine starts with.
  enum class Builtins {
    Embedded,  ///< the catalogs, schema and packs compiled in (all of them in a default build)
    None,      ///< nothing: catalogs, packs and the schema come through add_rules
  };
  /// An engine with the built-in catalogs and packs (embedded at build time).
  Engine();
  explicit Engine(Builtins builtins);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Loads a pack from JSON text, replacing a loaded pack with the same id. `origin` names it
  /// in messages (a file path, "loadPack"). Ok answers {"loaded": {"id", "version", ...}}.
  Answer load_pack(std::string_view pack_json, const std::string& origin);

  /// Adds rule files given at run time: a rule asset (docs/api.md, "Rule assets"), as an engine
  /// that embeds none (the browser build) is given each pack and catalog when a page first
  /// needs it. Ok answers {"added": [paths]}; a malformed asset is refused (`invalid_asset`).
  /// Until then, a request that needs a file announced by index/assets.json or
  /// index/packs.json is refused with code `not_loaded` and the assets in Answer::needs.
  Answer add_rules(std::string_view asset_json);

  /// Answers one operation (`schemes`, `describe`, `duration`, `grade`, `schedule`,
  /// `deadlines`, `validate`, `rotation`).
  Answer call(std::string_view op, std::string_view request_json,
              const CallOptions& options = {}) const;

  /// Checks a door's options as `call` does first (an Ok answer is `{}`), so that a door can
  /// refuse a bad option before it reads a request: `today`, `locale` and `indent` (-1 to 16).
  Answer check_options(const CallOptions& options) const;

  /// Whether `op` names an operation `call` answers, so that a door can refuse an unknown one
  /// (with `call(op, "")`'s unknown_op envelope) before it waits for a request.
  static bool is_operation(std::string_view op);

  static const char* version();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace certcalc
