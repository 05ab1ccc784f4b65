// Properties every pack and every operation keep, swept over every vector request (so each new
// pack's vectors join in): JSON's own equivalences give the same answer, the locale changes
// only texts for people (docs/contract.md: "codes are the same in every locale"), the request's
// "locale" member is the door's locale, and a field sent with its described default, or an
// optional field sent as null, answers as when it is absent (docs/api.md: null is absent).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "certcalc/engine.h"
#include "json_io.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace certcalc;
using certcalc::testing::reversed;

namespace {

struct Case {
  std::string where;  // file and case name
  std::string op;
  Value request;
  CallOptions options;
  bool expects_error = false;
  std::shared_ptr<Engine> engine;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string str_or(const Value& v, const char* key, const std::string& fallback) {
  const Value* s = v.find(key);
  return s && s->is_string() ? s->as_string() : fallback;
}

// Every vector case that sends a request object, with the engine its file sets up.
const std::vector<Case>& cases() {
  static const std::vector<Case> all = [] {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(CERTCALC_VECTOR_DIR))
      if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<Case> out;
    for (const auto& file : files) {
      ParseResult doc = parse_json(slurp(file));
      if (doc.failure) continue;  // the vector runner reports it
      auto engine = std::make_shared<Engine>();
      if (const Value* packs = doc.value.find("loadPacks"))
        for (const Value& p : packs->as_list()) engine->load_pack(write_json(p), file.string());
      const Value* list = doc.value.find("cases");
      if (!list) continue;
      for (const Value& c : list->as_list()) {
        const Value* req = c.find("request");
        if (!req || !req->is_object()) continue;
        Case k;
        k.where = fs::relative(file, CERTCALC_VECTOR_DIR).string() + " " + str_or(c, "name", "?");
        k.op = str_or(c, "op", str_or(doc.value, "op", ""));
        k.request = *req;
        k.options.today = "2026-01-15";
        for (const Value* o : {doc.value.find("options"), c.find("options")}) {
          if (!o) continue;
          k.options.today = str_or(*o, "today", k.options.today);
          k.options.locale = str_or(*o, "locale", k.options.locale);
        }
        k.expects_error = c.find("error") != nullptr;
        k.engine = engine;
        out.push_back(std::move(k));
      }
    }
    return out;
  }();
  return all;
}

Answer ask(const Case& c, const Value& request, const CallOptions& options) {
  return c.engine->call(c.op, write_json(request), options);
}


// The answer without its texts for people, the only members a locale may change: messages
// (docs/contract.md), describe's help texts (docs/api.md) and the labels of validate's deadlines.
Value without_messages(const Value& v) {
  if (v.is_list()) {
    List items;
    for (const Value& x : v.as_list()) items.push_back(without_messages(x));
    return Value::list(std::move(items));
  }
  if (!v.is_object()) return v;
  Members m;
  for (const auto& kv : v.as_object())
    if (kv.first != "message" && kv.first != "help" && kv.first != "label")
      m.emplace_back(kv.first, without_messages(kv.second));
  return Value::object(std::move(m));
}

Value with_member(const Value& obj, const std::string& key, const Value& value) {
  Members m = obj.as_object();
  m.emplace_back(key, value);
  return Value::object(std::move(m));
}

Value parsed(const std::string& json) {
  ParseResult r = parse_json(json);
  REQUIRE_FALSE(r.failure);
  return r.value;
}

}  // namespace

TEST_CASE("the vectors give the generic properties requests to work on") {
  REQUIRE(cases().size() > 100);
}

TEST_CASE("an answer depends on the request, not on a previous call or the JSON layout") {
  for (const Case& c : cases()) {
    INFO(c.where);
    Answer first = ask(c, c.request, c.options);
    // Deterministic: the engine keeps no state between calls.
    CHECK(ask(c, c.request, c.options).json == first.json);
    // Whitespace is not meaning: a pretty request is the same request.
    Answer pretty_request = c.engine->call(c.op, write_json(c.request, 2), c.options);
    CHECK(pretty_request.json == first.json);
    // A pretty answer is the same document as the compact one.
    CallOptions pretty = c.options;
    pretty.indent = 2;
    Answer pretty_answer = ask(c, c.request, pretty);
    CHECK(pretty_answer.status == first.status);
    CHECK(write_json(parsed(pretty_answer.json)) == first.json);
    // Member order is not meaning (RFC 8259). Only for answers: with two defects in one
    // request, which one is named first follows the request's order.
    if (first.status == Answer::Status::Ok) CHECK(ask(c, reversed(c.request), c.options).json == first.json);
  }
}

TEST_CASE("the locale changes texts for people only: codes, paths, figures and dates stay") {
  for (const Case& c : cases()) {
    INFO(c.where);
    CallOptions options = c.options;
    options.locale = "en";
    Answer en = ask(c, c.request, options);
    const Value plain = without_messages(parsed(en.json));
    for (const char* locale : {"nl", "it", "de", "fr"}) {
      INFO(locale);
      options.locale = locale;
      Answer other = ask(c, c.request, options);
      CHECK(other.status == en.status);
      CHECK(write_json(without_messages(parsed(other.json))) == write_json(plain));
    }
  }
}

TEST_CASE("the request's locale member answers as the door's locale option") {
  for (const Case& c : cases()) {
    if (c.request.find("locale") || !c.options.locale.empty()) continue;
    INFO(c.where);
    CallOptions door = c.options;
    door.locale = "nl";
    Answer by_door = ask(c, c.request, door);
    // An unknown operation is refused before the request is read: in the door's locale.
    if (parsed(by_door.json).find("error") &&
        parsed(by_door.json).find("error")->find("code")->as_string() == "unknown_op")
      continue;
    CHECK(ask(c, with_member(c.request, "locale", Value::string("nl")), c.options).json == by_door.json);
  }
}

TEST_CASE("a described default sent explicitly, or an optional field sent as null, is as absent") {
  std::size_t checked = 0;
  for (const Case& c : cases()) {
    if (c.expects_error) continue;
    const Value* scheme = c.request.find("scheme");
    if (!scheme || !scheme->is_string()) continue;
    Answer d = c.engine->call("describe", R"({"scheme":)" + write_json(*scheme) + "}");
    if (d.status != Answer::Status::Ok) continue;
    const Value described = parsed(d.json);
    const Value* op = described.find("operations");
    op = op ? op->find(c.op) : nullptr;
    if (!op) continue;
    INFO(c.where);
    const std::string first = ask(c, c.request, c.options).json;
    for (const Value& field : op->find("fields")->as_list()) {
      const std::string& name = field.find("name")->as_string();
      if (c.request.find(name)) continue;
      INFO(name);
      if (const Value* def = field.find("default")) {
        CHECK(ask(c, with_member(c.request, name, *def), c.options).json == first);
        ++checked;
      }
      if (!field.find("required")) {
        CHECK(ask(c, with_member(c.request, name, Value()), c.options).json == first);
        ++checked;
      }
    }
  }
  CHECK(checked > 0);
}
