// certcalc core: JSON request in, JSON response out. No I/O, no clock, no exceptions.
// Build a program against the same C++ standard library and ABI settings as the library
// (_GLIBCXX_USE_CXX11_ABI, _GLIBCXX_DEBUG): Answer and CallOptions hold std::string members that
// a mismatch reads wrongly with no link error (docs/api.md, "C++ library").
#pragma once

// Said before the first std::string_view, which C++14 lacks ("no type named string_view").
// MSVC keeps __cplusplus at 199711L unless /Zc:__cplusplus; _MSVC_LANG holds its standard.
#if defined(_MSVC_LANG)
#if _MSVC_LANG < 201703L
#error "certcalc/engine.h needs C++17 or later (/std:c++17)"
#endif
#elif __cplusplus < 201703L
#error "certcalc/engine.h needs C++17 or later (-std=c++17)"
#endif

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
  /// One human line when status is not Ok: "code: message", followed by " (at path)" when the
  /// envelope's path is not empty ("invalid_field: ... (at /fte)"; paths clipped to 200 bytes).
  std::string summary;
  /// For code `not_loaded` only: the rule assets to add (add_rules) before asking again, by
  /// name ("packs/fssc22000-5.1.json", "messages/nl.json"; docs/api.md, "Rule assets").
  std::vector<std::string> needs;
};

/// A door's options. Set them by name, as brace-init of some members only warns under
/// -Wall -Wextra (-Wmissing-field-initializers):
///   certcalc::CallOptions options;
///   options.today = "2026-01-15";
///   engine.call("duration", request_json, options);
struct CallOptions {
  std::string today;   ///< the door's current date (YYYY-MM-DD); requests may name their own
  std::string locale;  ///< when set, replaces the request's locale
  /// -1 compact, otherwise pretty with this many spaces: 0 to 16. Anything else is refused
  /// (code invalid_option), as a huge indent would make every answer gigabytes long.
  int indent = -1;
  /// A `today` or `locale` that is not valid is refused (code invalid_option) like the request
  /// field of that name, before the request is read.
  ///
  /// For the CLI: how it spells an option in those messages ("--" makes "--today must be ...").
  /// A library caller leaves it empty (the message then names the field: "today must be ...").
  std::string option_prefix;
};

/// Holds the loaded rule packs and answers the operations of docs/api.md.
/// Construct once, call many times; `call` is const and may run concurrently, with each other
/// and with load_pack and add_rules. Those hold the engine's lock while they compile, and so
/// does the first call that uses a built-in pack: every call waits meanwhile (a 12 MB pack:
/// about 200 ms). Load packs at start-up, or load them into a new Engine and swap it in
/// (a std::shared_ptr<const Engine> the request threads copy; docs/api.md, "C++ library").
///
/// The core is built without exceptions: std::bad_alloc out of any member may leave the engine
/// locked and unusable. Treat it as fatal (end the process); bound memory by ordinary means, as the
/// core bounds each request (64 MiB, list lengths; docs/api.md, "C++ library").
class Engine {
 public:
  /// Which rule files a new engine starts with.
  enum class Builtins {
    Embedded,  ///< the catalogs, schema and packs compiled in (all of them in a default build)
    None,      ///< nothing: catalogs, packs and the schema come through add_rules
  };
  /// An engine with the built-in catalogs and packs (embedded at build time).
  Engine();
  /// Builtins::None: until messages/en.json is added (add_rules), every call and load_pack
  /// answers not_loaded naming it (Answer::needs); load_pack needs schema.json too. A call
  /// also needs messages/<locale>.json and the packs it names (packs/<id>.json), named in
  /// not_loaded once index/assets.json and index/packs.json announce them (docs/api.md,
  /// "C++ library").
  explicit Engine(Builtins builtins);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  /// Moves the packs along (nothing is copied or compiled again), so that an Engine can live in
  /// a std::optional or a std::vector. Not while another thread calls either engine; a
  /// moved-from Engine may only be destroyed or assigned to.
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;

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
