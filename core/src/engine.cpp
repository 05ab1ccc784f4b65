#include "certcalc/engine.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "answer_text.h"
#include "cold.h"
#include "embedded.h"
#include "evaluate.h"
#include "json_io.h"
#include "messages.h"
#include "rule_files.h"
#include "rules.h"
#include "schema_check.h"
#include "typecheck.h"
#include "utf8.h"
#include "validate.h"

// One function per operation and per one-time step, never inlined into `call`: a WASM engine
// compiles a function when it first runs, so a page that only asks for durations never compiles
// the validate, describe or pack-compiling code into the call it makes (under -O3 `call` had
// grown to 72 KB, all of it compiled before the first answer).
#if defined(__GNUC__)
#define CERTCALC_NOINLINE __attribute__((noinline))
#else
#define CERTCALC_NOINLINE
#endif
// CERTCALC_COLD (cold.h) as well: refused requests, compiling, describing, adding rule files.

// The calculator build (wasm/CMakeLists.txt, certcalc-calc.wasm) leaves out validate, user packs
// and the checks only user packs need, so that a page with a calculator widget downloads and
// compiles a smaller module; the full module answers the rest (bench/README.md, issue 13).
#ifndef CERTCALC_CALC_ONLY
#define CERTCALC_CALC_ONLY 0
#endif

#ifndef CERTCALC_VERSION
#define CERTCALC_VERSION "0.0.0"
#endif

namespace certcalc {
namespace {

const char* const kOps[] = {"schemes", "describe", "duration", "grade",
                            "schedule", "deadlines", "validate", "rotation"};
// Members every request may carry besides an operation's own fields.
const std::vector<std::string> kCommonFields = {"scheme", "locale"};

bool known_op(std::string_view op) {
  return std::any_of(std::begin(kOps), std::end(kOps), [&](const char* o) { return op == o; });
}

// Pretty answers are for people; a larger indent only makes an answer too big to hold.
constexpr int kMaxIndent = 16;
bool indent_ok(int indent) { return indent >= -1 && indent <= kMaxIndent; }

}  // namespace

struct Engine::Impl {
  // A loaded pack, or a built-in one compiled on first use (a page that quotes one scheme
  // never pays for the others).
  struct Slot {
    const EmbeddedFile* file = nullptr;  // built-in source compiled in, until compiled
    Value doc;                           // built-in source added at run time (add_rules)
    bool awaited = false;                // listed in the index, its file not added yet
    std::set<std::string> pending;       // locales whose texts `doc` does not hold yet
    std::vector<std::string> uses;       // the shared files `doc` refers to, directly or not
    Value listed;                        // the built-in's entry of index/packs.json
    std::shared_ptr<const Pack> pack;

    bool builtin() const { return file || !doc.is_null() || awaited; }
  };
  // rules/shared/<id>.json by file name (= id): compiled in (parsed when a pack first refers
  // to it) or added at run time, possibly without the texts of some locales.
  struct Shared {
    std::string_view text;
    std::optional<Value> data;
    bool awaited = false;
    std::set<std::string> pending;
  };

  Catalogs catalogs;
  std::string_view schema_text;
  mutable Value pack_schema;  // parsed on first use: only user packs are schema-checked at run time
  mutable std::map<std::string, Shared> shared;
  mutable std::map<std::string, Slot> packs;
  mutable std::mutex mutex;   // guards the lazy parts above
  std::optional<Failure> init_failure;  // a built-in file that did not load: a certcalc defect
  // Rule files announced by index/assets.json and not added yet (run-time rule files only).
  std::set<std::string> awaited_catalogs;
  bool schema_awaited = false;

#if CERTCALC_CALC_ONLY
  CERTCALC_COLD
  Answer not_in_build(const char* what, const std::string& locale, int indent) const {
    return error_answer(make_failure("not_supported", "not_in_build", "", {{"what", what}, {"option", "moduleFactory"}}),
                        locale, indent);
  }
#endif

  // The failure with no placeholder value past kEchoMaxBytes (the pack's text in invalid_pack's
  // details: an unknown variable, table or message id, the pack's id, may be megabytes). The
  // assets not_loaded lists are certcalc's own names, every one needed.
  static Failure echo_bounded(Failure f) {
    if (f.code == "not_loaded") return f;
    for (auto& p : f.params)
      if (p.second.size() > kEchoMaxBytes) p.second = clipped(p.second, kEchoMaxBytes);
    return f;
  }

  CERTCALC_COLD
  Answer error_answer(const Failure& f, const std::string& locale, int indent,
                      const Pack* pack = nullptr) const {
    Answer a;
    a.status = f.internal || f.code == "internal_error" ? Answer::Status::InternalError
                                                        : Answer::Status::RequestError;
    std::string message = catalogs.render(locale, echo_bounded(f), pack ? &pack->messages : nullptr);
    if (f.code == "not_loaded") {
      // Said before any catalog may be there (English is a rule asset too).
      a.needs = needs_of(f);
      if (message == f.message_id) message = "rule assets not loaded yet: " + f.params[0].second;
    }
    const std::string path = bounded_pointer(f.path);
    ObjectBuilder e;
    e.set("code", Value::string(f.code))
        .set("message", Value::string(message))
        .set("path", Value::string(path));
    ObjectBuilder env;
    env.set("error", e.build());
    a.json = write_json(env.build(), indent);
    a.summary = f.code + ": " + message + (path.empty() ? "" : " (at " + clipped(path, 200) + ")");
    return a;
  }

  Answer ok_answer(const Value& v, int indent) const {
    Answer a;
    a.json = write_json(v, indent);
    return a;
  }

  // An answer citing a pack's sources: `cites` is written beside every rule (citations.h).
  Answer ok_answer(const Value& v, int indent, const Pack& pack) const {
    Answer a;
    CitesMember cites(pack.sources, pack.cites_memo.get());
    write_json(v, a.json, indent, &cites);
    return a;
  }

  // Parses, schema-checks and compiles a pack; on success it is ready to be registered.
  // Built-in packs skip the schema check here: the unit tests hold every one of them to it.
  CERTCALC_COLD
  std::shared_ptr<const Pack> build_pack(std::string_view text, const std::string& origin,
                                         bool check_against_schema, Failure& f) const {
    ParseLimits limits;
    limits.max_bytes = 16u * 1024u * 1024u;
    ParseResult parsed = parse_json(text, limits);
    if (parsed.failure) {
      // The reader's limits speak of "the request"; here the text is a pack.
      std::string& id = parsed.failure->message_id;
      if (id == "too_deep" || id == "too_large") id = "pack_" + id;
      if (id == "empty_request") id = "pack_empty";
      if (id == "malformed_json") id = "json_syntax";  // its detail alone: "expected ... at line 1
      f = make_failure("invalid_pack", "invalid_pack_json", parsed.failure->path,
                       {{"pack", origin}, {"detail", catalogs.render("en", *parsed.failure)}});
      return nullptr;
    }
    return build_pack_doc(parsed.value, origin, check_against_schema, f);
  }

  // The `data` of a shared file, parsing a compiled-in one on first use; null when unknown.
  const Value* shared_data(const std::string& name) const {
    auto it = shared.find(name);
    if (it == shared.end() || it->second.awaited) return nullptr;
    if (!it->second.data) {
      ParseResult r = parse_json(it->second.text);
      const Value* data = r.failure ? nullptr : r.value.find("data");
      it->second.data = data ? *data : Value();
    }
    return it->second.data->is_null() ? nullptr : &*it->second.data;
  }

  CERTCALC_COLD
  std::shared_ptr<const Pack> build_pack_doc(const Value& source, const std::string& origin,
                                             bool check_against_schema, Failure& f) const {
#if CERTCALC_CALC_ONLY
    // Only built-in packs come here (load_pack refuses user packs): the unit tests hold them to
    // the schema and to the complete check.
    check_against_schema = false;
#endif
    const Value* id = source.find("id");
    std::string name = id && id->is_string() && !id->as_string().empty() ? id->as_string() : origin;
    if (check_against_schema) {
      // A user pack needs every shared file it names with all its texts, the schema and the
      // English catalog: run-time rule files that may not be there yet.
      std::vector<std::string> refs, missing;
      add_shared_refs(source, refs);
      for (std::size_t i = 0; i < refs.size(); ++i) {
        auto it = shared.find(refs[i]);
        if (it == shared.end()) continue;  // unknown: resolve_shared says so
        if (it->second.awaited || !it->second.pending.empty()) missing.push_back("shared/" + refs[i] + ".json");
        else if (const Value* data = shared_data(refs[i])) add_shared_refs(*data, refs);
      }
      // An engine started without the built-in rules (Builtins::None) has neither until they
      // are added: a pack it took unchecked would answer with bare message ids.
      if (schema_awaited || (pack_schema.is_null() && schema_text.empty())) missing.push_back("schema.json");
      if (awaited_catalogs.count("en")) missing.push_back("messages/en.json");
      if (!missing.empty()) {
        f = not_loaded("", missing);
        return nullptr;
      }
    }
    Value doc;
    SharedData lookup = [this](const std::string& n) { return shared_data(n); };
    if (!resolve_shared(source, lookup, doc, f)) {
      f.params[0].second = name;
      return nullptr;
    }
#if !CERTCALC_CALC_ONLY
    if (check_against_schema && pack_schema.is_null()) {
      ParseResult r = parse_json(schema_text);
      if (!r.failure) pack_schema = r.value;
    }
    if (auto v = check_against_schema ? check_schema(pack_schema, doc) : std::nullopt) {
      f = make_failure("invalid_pack", "invalid_pack", v->pointer,
                       {{"pack", name}, {"detail", v->detail}});
      return nullptr;
    }
#endif
    auto pack = compile_pack(doc, origin, f);
    if (!pack) return nullptr;
    auto has_text = [&](const std::string& id) {
      const Value* own = pack->messages.find(id);
      return (own && own->find("en")) || catalogs.has("en", id);
    };
    // Everything a request could otherwise run into is checked now (built-in packs: by the
    // unit tests, as for the schema).
#if !CERTCALC_CALC_ONLY
    if (check_against_schema && !check_pack(*pack, has_text, f)) return nullptr;
#endif
    for (const auto& ref : pack->message_refs) {
      if (!has_text(ref.first)) {
        f = make_failure("invalid_pack", "invalid_pack", ref.second,
                         {{"pack", name}, {"detail", "no English text for message " + ref.first}});
        return nullptr;
      }
    }
    return pack;
  }

  CERTCALC_COLD
  static Failure not_loaded(const std::string& path, const std::vector<std::string>& assets) {
    std::string list;
    for (const auto& a : assets) list += (list.empty() ? "" : ", ") + a;
    return make_failure("not_loaded", "rules_not_loaded", path, {{"assets", list}});
  }

  CERTCALC_COLD
  static std::vector<std::string> needs_of(const Failure& f) {
    std::vector<std::string> out;
    const std::string& list = f.params.empty() ? std::string() : f.params[0].second;
    std::size_t start = 0;
    while (start < list.size()) {
      std::size_t end = list.find(", ", start);
      if (end == std::string::npos) end = list.size();
      out.push_back(list.substr(start, end - start));
      start = end + 2;
    }
    return out;
  }

  // The catalogs an answer in `locale` needs that are announced and not added yet.
  bool catalogs_missing(const std::string& locale, Failure& f) const {
    std::lock_guard<std::mutex> lock(mutex);
    if (awaited_catalogs.empty()) return false;
    std::vector<std::string> missing;
    if (awaited_catalogs.count("en")) missing.push_back("messages/en.json");
    if (locale != "en" && awaited_catalogs.count(locale)) missing.push_back("messages/" + locale + ".json");
    if (missing.empty()) return false;
    f = not_loaded("/locale", missing);
    return true;
  }

  CERTCALC_COLD
  void load_builtins() {
    std::size_t count = 0;
    const EmbeddedFile* files = embedded_files(count);
    auto fail = [&](const std::string& path, const std::string& detail) {
      if (init_failure) return;
      Failure f = make_failure("internal_error", "builtin_file_broken", "",
                               {{"file", path}, {"detail", detail}});
      f.internal = true;
      init_failure = f;
    };
    // Catalogs and the schema first: pack checks need both.
    for (std::size_t i = 0; i < count; ++i) {
      std::string path = files[i].path;
      std::string_view text(files[i].data, files[i].size);
      if (path.rfind("messages/", 0) == 0 && path.size() > 14) {
        // messages/<locale>.json, parsed when the locale is first needed (a unit test checks
        // every catalog's shape and completeness).
        catalogs.add_source(path.substr(9, path.size() - 14), text);
      } else if (path.rfind("shared/", 0) == 0 && path.size() > 12) {
        // shared/<id>.json: the file name is the id (a unit test holds them together).
        shared[path.substr(7, path.size() - 12)].text = text;
      } else if (path == "schema/pack.schema.json") {
        schema_text = text;
      } else if (path == "index/packs.json") {
        ParseResult r = parse_json(text);
        if (r.failure) fail(path, "not JSON");
        for (const Value& entry : r.value.as_list())
          if (const Value* id = entry.find("id"); id && id->is_string()) packs[id->as_string()].listed = entry;
      } else if (path.rfind("packs/", 0) == 0 && path.size() > 11) {
        // packs/<id>.json: the file name is the pack id (a unit test holds them together).
        packs[path.substr(6, path.size() - 11)].file = &files[i];
      }
    }
  }

  // Built-in packs compiled from `name`'s data are compiled again when next used.
  CERTCALC_COLD
  void forget_packs_using(const std::string& name) {
    for (auto& kv : packs)
      if (kv.second.builtin() && std::find(kv.second.uses.begin(), kv.second.uses.end(), name) != kv.second.uses.end())
        kv.second.pack.reset();
  }

  // One file of a rule asset (docs/api.md, "Rule assets"); false for a path it cannot hold.
  CERTCALC_COLD
  bool add_file(const std::string& path, const Value& doc, const std::set<std::string>& left_out) {
    auto stem = [&](std::size_t prefix) { return path.substr(prefix, path.size() - prefix - 5); };
    bool json = path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0;
    if (path == "index/packs.json") {
      if (!doc.is_list()) return false;
      for (const Value& entry : doc.as_list()) {
        const Value* id = entry.find("id");
        if (!id || !id->is_string()) return false;
        Slot& slot = packs[id->as_string()];
        slot.listed = entry;
        if (!slot.pack && !slot.file && slot.doc.is_null()) slot.awaited = true;
      }
    } else if (path == "index/assets.json") {
      const Value* locales = doc.find("locales");
      const Value* names = doc.find("shared");
      if (!locales || !locales->is_list() || !names || !names->is_list()) return false;
      for (const Value& l : locales->as_list())
        if (l.is_string() && catalogs.ids(l.as_string()).empty()) awaited_catalogs.insert(l.as_string());
      for (const Value& n : names->as_list())
        if (n.is_string() && !shared.count(n.as_string())) shared[n.as_string()].awaited = true;
      const Value* schema = doc.find("schema");
      schema_awaited = schema && schema->is_bool() && schema->as_bool() && pack_schema.is_null() && schema_text.empty();
    } else if (path.rfind("messages/", 0) == 0 && json) {
      if (!catalogs.add_catalog(doc)) return false;
      awaited_catalogs.erase(doc.find("locale")->as_string());
    } else if (path == "schema/pack.schema.json") {
      if (!doc.is_object()) return false;
      pack_schema = doc;
      schema_awaited = false;
    } else if (path.rfind("shared/", 0) == 0 && json) {
      const Value* data = doc.find("data");
      if (!data) return false;
      std::string name = stem(7);
      Shared& s = shared[name];
      bool present = !s.awaited && (s.data || !s.text.empty());
      // Two packs bring the same shared file: the one with more of its texts stays.
      if (present && std::includes(left_out.begin(), left_out.end(), s.pending.begin(), s.pending.end())) return true;
      s.awaited = false;
      s.data = *data;
      s.pending = left_out;
      forget_packs_using(name);
    } else if (path.rfind("packs/", 0) == 0 && json) {
      const Value* id = doc.find("id");
      std::string name = stem(6);
      if (!doc.is_object() || !id || !id->is_string() || id->as_string() != name) return false;
      Slot& slot = packs[name];
      if (slot.pack && !slot.builtin()) return true;  // a user pack with this id replaced it
      slot.doc = doc;
      slot.awaited = false;
      slot.pending = left_out;
      slot.uses.clear();
      add_shared_refs(doc, slot.uses);
      for (std::size_t i = 0; i < slot.uses.size(); ++i)
        if (const Value* data = shared_data(slot.uses[i])) add_shared_refs(*data, slot.uses);
      slot.pack.reset();
    } else {
      return false;
    }
    return true;
  }

  // One locale's texts for a file added before; false when there is no such file.
  CERTCALC_COLD
  bool add_texts(const std::string& path, const std::string& locale, const Value& texts) {
    if (!texts.is_object()) return false;
    if (path.rfind("packs/", 0) == 0 && path.size() > 11) {
      auto it = packs.find(path.substr(6, path.size() - 11));
      if (it == packs.end() || it->second.doc.is_null()) return false;
      Slot& slot = it->second;
      if (!slot.pending.erase(locale)) return true;
      const Value* messages = slot.doc.find("messages");
      slot.doc = with_member(slot.doc, "messages", merge_texts(messages ? *messages : Value(), locale, texts));
      slot.pack.reset();
      return true;
    }
    if (path.rfind("shared/", 0) == 0 && path.size() > 12) {
      std::string name = path.substr(7, path.size() - 12);
      auto it = shared.find(name);
      if (it == shared.end() || !it->second.data) return false;
      if (!it->second.pending.erase(locale)) return true;
      it->second.data = merge_texts(*it->second.data, locale, texts);
      forget_packs_using(name);
      return true;
    }
    return false;
  }

  // The pack with this id, compiling a built-in one on first use; null (and `f`) on failure.
  // With a locale, a built-in pack added at run time must hold that locale's texts.
  CERTCALC_NOINLINE
  std::shared_ptr<const Pack> pack_named(const std::string& id, Failure& f,
                                         const std::string& locale = "") const {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = packs.find(id);
    if (it == packs.end()) {
      std::string known;
      for (const auto& kv : packs) known += (known.empty() ? "" : ", ") + kv.first;
      f = make_failure("unknown_scheme", "unknown_scheme", "/scheme",
                       {{"scheme", clipped(id, 80)}, {"known", known}});
      return nullptr;
    }
    Slot& slot = it->second;
    if (slot.awaited) {
      f = not_loaded("/scheme", {"packs/" + id + ".json"});
      return nullptr;
    }
    if (!locale.empty() && locale != "en" && !slot.doc.is_null()) {
      bool pending = slot.pending.count(locale) > 0;
      for (const auto& name : slot.uses) {
        auto s = shared.find(name);
        pending = pending || (s != shared.end() && s->second.pending.count(locale) > 0);
      }
      if (pending) {
        f = not_loaded("/locale", {"packs/" + id + "." + locale + ".json"});
        return nullptr;
      }
    }
    if (!slot.pack && (slot.file || !slot.doc.is_null())) {
      Failure broken;
      slot.pack = slot.file ? build_pack(std::string_view(slot.file->data, slot.file->size), "built-in", false, broken)
                            : build_pack_doc(slot.doc, "built-in", false, broken);
      if (!slot.pack) {
        f = make_failure("internal_error", "builtin_file_broken", "",
                         {{"file", slot.file ? std::string(slot.file->path) : "packs/" + id + ".json"},
                          {"detail", catalogs.render("en", broken) + " at " + broken.path}});
        f.internal = true;
        return nullptr;
      }
    }
    return slot.pack;
  }

  CERTCALC_COLD
  Value describe_scheme(const Pack& p) const {
    ObjectBuilder b;
    b.set("id", Value::string(p.id))
        .set("title", Value::string(p.title))
        .set("version", Value::string(p.version))
        .set("publisher", Value::string(p.publisher))
        .set("effectiveDate", p.meta.find("effectiveDate") ? *p.meta.find("effectiveDate") : Value());
    List caps;
    for (const char* op : kOps)
      if (p.ops.count(op) || (p.form && std::string(op) == "validate")) caps.push_back(Value::string(op));
    b.set("capabilities", Value::list(std::move(caps)));
    b.set("verified", Value::boolean(p.verified));
    // Lifecycle members only when the pack has them: a superseded version stays for the audits
    // and certificates of that version.
    for (const char* key : {"scheme", "language", "sources", "notes", "status", "supersededBy", "supersededDate"})
      if (const Value* v = p.meta.find(key)) b.set(key, *v);
    b.set("origin", Value::string(p.origin));
    return b.build();
  }

  CERTCALC_COLD
  Answer schemes(const Value& req, const std::string& locale, int indent) const {
    Value checked;
    Failure f;
    if (!check_fields({}, req, {"locale"}, checked, f)) return error_answer(f, locale, indent);
    List out;
    std::vector<std::string> ids;
    {
      std::lock_guard<std::mutex> lock(mutex);
      for (const auto& kv : packs) {
        // A built-in not used yet is listed from the build-time index: no compiling.
        if (!kv.second.pack && kv.second.builtin() && kv.second.listed.is_object()) {
          Members m = kv.second.listed.as_object();
          m.emplace_back("origin", Value::string("built-in"));
          out.push_back(Value::object(std::move(m)));
        } else {
          out.push_back(Value());
          ids.push_back(kv.first);
        }
      }
    }
    std::size_t next = 0;
    for (Value& entry : out) {
      if (!entry.is_null()) continue;
      auto pack = pack_named(ids[next++], f);
      if (!pack) return error_answer(f, locale, indent);
      entry = describe_scheme(*pack);
    }
    ObjectBuilder b;
    b.set("schemes", Value::list(std::move(out)));
    return ok_answer(b.build(), indent);
  }

  CERTCALC_COLD
  Value localized_field(const FieldSpec& spec, const Pack& p, const std::string& locale) const {
    Value d = describe_field(spec);
    Members m = d.as_object();
    for (auto& kv : m) {
      if (kv.first == "help")
        kv.second = Value::string(catalogs.render(locale, spec.help, {}, &p.messages));
      if (kv.first == "items" && spec.items)
        kv.second = localized_field(*spec.items, p, locale);
      if (kv.first == "fields") {
        List fields;
        for (const auto& f : spec.fields) fields.push_back(localized_field(f, p, locale));
        kv.second = Value::list(std::move(fields));
      }
    }
    return Value::object(std::move(m));
  }

  CERTCALC_COLD
  Answer describe(const Value& req, const std::string& locale, int indent) const {
    static const std::vector<FieldSpec> kSpecs = [] {
      std::vector<FieldSpec> s(2);
      s[0].name = "scheme";
      s[0].type = FieldSpec::Type::String;
      s[0].required = true;
      s[1].name = "op";
      s[1].type = FieldSpec::Type::String;
      return s;
    }();
    Value checked;
    Failure f;
    if (!check_fields(kSpecs, req, {"locale"}, checked, f)) return error_answer(f, locale, indent);
    auto held = pack_named(checked.find("scheme")->as_string(), f, locale);
    if (!held) return error_answer(f, locale, indent);
    const Pack* pack = held.get();
    ObjectBuilder b;
    b.set("scheme", describe_scheme(*pack));
    ObjectBuilder ops;
    const Value* only = checked.find("op");
    for (const auto& kv : pack->ops) {
      if (only && only->is_string() && only->as_string() != kv.first) continue;
      List fields;
      for (const auto& spec : kv.second.fields) fields.push_back(localized_field(spec, *pack, locale));
      ObjectBuilder op;
      op.set("fields", Value::list(std::move(fields)));
      if (!kv.second.rule.empty()) op.set("rule", Value::string(kv.second.rule));
      ops.set(kv.first, op.build());
    }
    if (pack->form && (!only || !only->is_string() || only->as_string() == "validate")) {
      List fields;
      for (const auto& spec : validate_fields()) fields.push_back(localized_field(spec, *pack, locale));
      ObjectBuilder op;
      op.set("fields", Value::list(std::move(fields)));
      op.set("form", pack->form->described);
      if (!pack->form->rule.empty()) op.set("rule", Value::string(pack->form->rule));
      ops.set("validate", op.build());
    }
    if (only && only->is_string() && !pack->ops.count(only->as_string()) &&
        !(pack->form && only->as_string() == "validate")) {
      // The op is the user's text here (any string up to the field's limit): echoed as
      // unknown_op echoes one.
      f = make_failure("not_supported", "op_not_in_pack", "/op",
                       {{"op", clipped(only->as_string(), 40)}, {"scheme", pack->id}});
      return error_answer(f, locale, indent);
    }
    b.set("operations", ops.build());
    if (!pack->data.is_null()) b.set("data", pack->data);
    return ok_answer(b.build(), indent, *pack);
  }

  CERTCALC_NOINLINE
  Answer evaluate(std::string_view op, const Value& req, const std::string& locale,
                  const CallOptions& options) const {
    const Value* scheme = req.find("scheme");
    Failure f;
    if (!scheme || scheme->is_null()) {
      f = make_failure("missing_field", "missing_field", "/scheme", {{"field", "scheme"}});
      return error_answer(f, locale, options.indent);
    }
    if (!scheme->is_string()) {
      f = make_failure("invalid_field", "field_scheme", "/scheme", {{"field", "scheme"}});
      return error_answer(f, locale, options.indent);
    }
    auto held = pack_named(scheme->as_string(), f, locale);
    if (!held) return error_answer(f, locale, options.indent);
    const Pack* pack = held.get();
#if CERTCALC_CALC_ONLY
    if (op == "validate") return not_in_build("validate", locale, options.indent);
#else
    if (op == "validate" && pack->form) return validate(*pack, req, locale, options);
#endif
    auto def = pack->ops.find(std::string(op));
    if (def == pack->ops.end()) {
      f = make_failure("not_supported", "op_not_in_pack", "",
                       {{"op", std::string(op)}, {"scheme", pack->id}});
      return error_answer(f, locale, options.indent, pack);
    }
    Value inputs;
    if (!check_fields(def->second.fields, req, kCommonFields, inputs, f))
      return error_answer(f, locale, options.indent, pack);
    Value today;
    if (auto d = Date::parse(options.today)) today = Value::date(*d);
    EvalEnv env(*pack, catalogs, locale, today);
    env.request = &inputs;
    Value out;
    if (!run_program(def->second.program, inputs, env, out))
      return error_answer(*env.failure, locale, options.indent, pack);
    if (!env.unverified.empty()) out = with_unverified_notices(out, *pack, env);
    if (op == "deadlines") out = with_deadline_labels(out, *pack, locale);
    return ok_answer(out, options.indent, *pack);
  }

  // Each deadline names its kind for people (`label`, the catalogs' deadline_<kind> text in the
  // request's locale) and whose it is (`party`), as validate's deadlines do: a page need not show
  // "correction_cap_approval", nor call the body's own step late.
  CERTCALC_NOINLINE
  Value with_deadline_labels(const Value& out, const Pack& pack, const std::string& locale) const {
    std::map<std::string, std::string> labels;
    auto label = [&](const std::string& kind) -> const std::string& {
      std::string id = "deadline_" + kind;
      auto it = labels.find(id);
      if (it == labels.end()) {
        bool known = pack.messages.find(id) || catalogs.has("en", id);
        it = labels.emplace(id, known ? catalogs.render(locale, id, {}, &pack.messages) : "").first;
      }
      return it->second;
    };
    // Whose step each deadline is, so that a page says "overdue" only of the client's own.
    auto party = [&](const std::string& kind) { return pack.form ? pack.form->party(kind) : "client"; };
    Members m = out.as_object();
    for (auto& kv : m) {
      if ((kv.first != "deadlines" && kv.first != "auditDeadlines") || !kv.second.is_list()) continue;
      List items;
      for (const Value& d : kv.second.as_list()) {
        const Value* kind = d.find("kind");
        if (!d.is_object() || !kind || !kind->is_string()) {
          items.push_back(d);
          continue;
        }
        Members item = d.as_object();
        if (!d.find("label") && !label(kind->as_string()).empty())
          item.emplace_back("label", Value::string(label(kind->as_string())));
        item.emplace_back("party", Value::string(party(kind->as_string())));
        items.push_back(Value::object(std::move(item)));
      }
      kv.second = Value::list(std::move(items));
    }
    return Value::object(std::move(m));
  }

  CERTCALC_NOINLINE
  Answer validate(const Pack& pack, const Value& req, const std::string& locale,
                  const CallOptions& options) const {
    Value inputs;
    Failure f;
    if (!check_fields(validate_fields(), req, kCommonFields, inputs, f))
      return error_answer(f, locale, options.indent, &pack);
    ValidateIn in;
    read_validate_checked(inputs, in);
    return validate_answer(pack, in, locale, options);
  }

  Answer validate_answer(const Pack& pack, const ValidateIn& in, const std::string& locale,
                         const CallOptions& options) const {
    Value today;
    if (auto d = Date::parse(options.today)) today = Value::date(*d);
    EvalEnv env(pack, catalogs, locale, today);
    Answer a;
    if (!run_validate(in, env, a.json)) return error_answer(*env.failure, locale, options.indent, &pack);
    if (options.indent >= 0) a.json = indent_json(a.json, options.indent);
    return a;
  }

  // `validate` read straight from its text (validate_input.h); nothing when the request or the
  // pack needs the generic reader, which then gives the same answer or says what is wrong.
  CERTCALC_NOINLINE
  std::optional<Answer> validate_text(std::string_view text, std::string locale,
                                      const CallOptions& options) const {
    ValidateIn in;
    if (!read_validate_text(text, in)) return std::nullopt;
    if (in.has_locale) {
      std::string l(in.locale);
      if (!is_supported_locale(l)) return std::nullopt;
      if (options.locale.empty()) locale = l;
    }
    Failure f;
    if (catalogs_missing(locale, f)) return std::nullopt;
    auto held = pack_named(std::string(in.scheme), f, locale);
    if (!held || !held->form) return std::nullopt;
    return validate_answer(*held, in, locale, options);
  }

  // Every answer that used an unverified table says so, with the table's citation.
  CERTCALC_NOINLINE
  Value with_unverified_notices(const Value& out, const Pack& pack, const EvalEnv& env) const {
    List notices;
    for (const auto& name : env.unverified) {
      const Table& t = pack.tables.at(name);
      ObjectBuilder w;
      w.set("code", Value::string(t.notice))
          .set("message", Value::string(catalogs.render(env.locale, t.notice, {}, &pack.messages)))
          .set("rule", Value::string(t.rule));
      notices.push_back(w.build());
    }
    Members m = out.as_object();
    bool placed = false;
    for (auto& kv : m) {
      if (kv.first == "warnings" && kv.second.is_null()) kv.second = Value::list({});  // set only maybe
      if (kv.first == "warnings" && kv.second.is_list()) {
        List l = kv.second.as_list();
        for (const auto& n : notices) l.push_back(n);
        kv.second = Value::list(std::move(l));
        placed = true;
      }
    }
    if (!placed) m.emplace_back("warnings", Value::list(notices));
    return Value::object(std::move(m));
  }
};

Engine::Engine() : Engine(Builtins::Embedded) {}
Engine::Engine(Builtins builtins) : impl_(std::make_unique<Impl>()) {
  if (builtins == Builtins::Embedded) {
    impl_->load_builtins();
  } else {
    // Every answer's text is English at least: until it is added, calls and load_pack say so
    // (not_loaded) rather than answer in bare message ids.
    impl_->awaited_catalogs.insert("en");
  }
}
Engine::~Engine() = default;
// Defined here, where Impl is complete: the packs move with the pointer to them.
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

const char* Engine::version() { return CERTCALC_VERSION; }

CERTCALC_COLD Answer Engine::load_pack(std::string_view pack_json, const std::string& origin) {
#if CERTCALC_CALC_ONLY
  (void)pack_json;
  (void)origin;
  return impl_->not_in_build("loadPack", "en", -1);
#endif
  Failure f;
  std::lock_guard<std::mutex> lock(impl_->mutex);
  auto pack = impl_->build_pack(pack_json, origin, true, f);
  if (!pack) return impl_->error_answer(f, "en", -1);
  impl_->packs[pack->id] = Impl::Slot();
  impl_->packs[pack->id].pack = pack;
  ObjectBuilder b;
  b.set("loaded", impl_->describe_scheme(*pack));
  return impl_->ok_answer(b.build(), -1);
}

CERTCALC_COLD Answer Engine::add_rules(std::string_view asset_json) {
  ParseLimits limits;
  limits.max_bytes = 16u * 1024u * 1024u;
  ParseResult parsed = parse_json(asset_json, limits);
  std::lock_guard<std::mutex> lock(impl_->mutex);
  auto refuse = [&](const std::string& path, const std::string& detail) {
    return impl_->error_answer(make_failure("invalid_asset", "invalid_asset", path, {{"detail", detail}}), "en", -1);
  };
  if (parsed.failure) return refuse(parsed.failure->path, "not JSON");
  const Value& doc = parsed.value;
  const Value* format = doc.find("certcalcRules");
  if (!format || !format->is_number() || format->as_number() != Exact(1))
    return refuse("/certcalcRules", "not a certcalc rule asset of format 1");
  List added;
  std::size_t i = 0;
  if (const Value* files = doc.find("files")) {
    if (!files->is_list()) return refuse("/files", "not a list");
    for (const Value& file : files->as_list()) {
      const Value* path = file.find("path");
      const Value* content = file.find("doc");
      const Value* left = file.find("textsLeftOut");
      std::set<std::string> left_out;
      if (left && left->is_list())
        for (const Value& l : left->as_list())
          if (l.is_string()) left_out.insert(l.as_string());
      std::string at = "/files/" + std::to_string(i++);
      if (!path || !path->is_string() || !content || !impl_->add_file(path->as_string(), *content, left_out))
        return refuse(at, "a rule file certcalc does not take");
      added.push_back(*path);
    }
  }
  i = 0;
  if (const Value* texts = doc.find("texts")) {
    if (!texts->is_list()) return refuse("/texts", "not a list");
    for (const Value& t : texts->as_list()) {
      const Value* path = t.find("path");
      const Value* locale = t.find("locale");
      const Value* messages = t.find("messages");
      std::string at = "/texts/" + std::to_string(i++);
      if (!path || !path->is_string() || !locale || !locale->is_string() || !messages ||
          !impl_->add_texts(path->as_string(), locale->as_string(), *messages))
        return refuse(at, "texts for a rule file that is not loaded");
      added.push_back(Value::string(path->as_string() + " (" + locale->as_string() + ")"));
    }
  }
  ObjectBuilder b;
  b.set("added", Value::list(std::move(added)));
  return impl_->ok_answer(b.build(), -1);
}

// The door's options are checked as the request fields they stand for.
Answer Engine::check_options(const CallOptions& options) const {
  if (!indent_ok(options.indent)) {
    // Written compact: the indent asked for is the defect.
    Failure f = make_failure("invalid_option", "field_integer_between", "",
                             {{"field", options.option_prefix + "indent"},
                              {"min", "-1"},
                              {"max", std::to_string(kMaxIndent)}});
    return impl_->error_answer(f, is_supported_locale(options.locale) ? options.locale : "en", -1);
  }
  if (!options.locale.empty() && !is_supported_locale(options.locale)) {
    Failure f = make_failure("invalid_option", "option_locale", "",
                             {{"option", options.option_prefix + "locale"}});
    return impl_->error_answer(f, "en", options.indent);
  }
  if (!options.today.empty() && !Date::parse(options.today)) {
    Failure f = make_failure("invalid_option", "field_date_impossible", "",
                             {{"field", options.option_prefix + "today"},
                              {"value", clipped(options.today, 40)}});
    return impl_->error_answer(f, is_supported_locale(options.locale) ? options.locale : "en",
                               options.indent);
  }
  Answer ok;
  ok.json = "{}";
  return ok;
}

bool Engine::is_operation(std::string_view op) { return known_op(op); }

Answer Engine::call(std::string_view op, std::string_view request_json,
                    const CallOptions& options) const {
  // Before any envelope is written with that indent.
  if (!indent_ok(options.indent)) return check_options(options);
  std::string locale = is_supported_locale(options.locale) ? options.locale : "en";
  if (impl_->init_failure) return impl_->error_answer(*impl_->init_failure, locale, options.indent);
  Failure missing;
  if (impl_->catalogs_missing(locale, missing)) return impl_->error_answer(missing, locale, options.indent);
  if (Answer checked = check_options(options); checked.status != Answer::Status::Ok) return checked;
  if (!known_op(op)) {
    std::string all;
    for (const char* o : kOps) all += (all.empty() ? "" : ", ") + std::string(o);
    Failure f = make_failure("unknown_op", op.empty() ? "no_op" : "unknown_op", "",
                             {{"op", clipped(op, 40)}, {"known", all}});
    return impl_->error_answer(f, locale, options.indent);
  }
#if !CERTCALC_CALC_ONLY
  if (op == "validate" && validate_text_reader())
    if (auto a = impl_->validate_text(request_json, locale, options)) return std::move(*a);
#endif
  // `schemes` needs no request at all.
  bool blank = std::all_of(request_json.begin(), request_json.end(), [](char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  });
  ParseResult parsed = parse_json(blank && op == "schemes" ? std::string_view("{}") : request_json);
  if (parsed.failure) return impl_->error_answer(*parsed.failure, locale, options.indent);
  const Value& req = parsed.value;
  if (!req.is_object()) {
    return impl_->error_answer(make_failure("invalid_field", "request_not_object", ""), locale,
                               options.indent);
  }
  if (const Value* l = req.find("locale"); l && !l->is_null()) {
    if (!l->is_string() || !is_supported_locale(l->as_string())) {
      Failure f = make_failure("invalid_field", "field_locale", "/locale", {{"field", "locale"}});
      return impl_->error_answer(f, locale, options.indent);
    }
    if (options.locale.empty()) locale = l->as_string();
    if (impl_->catalogs_missing(locale, missing)) return impl_->error_answer(missing, locale, options.indent);
  }
  if (op == "schemes") return impl_->schemes(req, locale, options.indent);
  if (op == "describe") return impl_->describe(req, locale, options.indent);
  return impl_->evaluate(op, req, locale, options);
}

}  // namespace certcalc
