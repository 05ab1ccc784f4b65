#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <fstream>
#include <sstream>
#include <string>

#include "certcalc/engine.h"
#include "json_io.h"
#include "test_support.h"
#include "rules.h"
#include "schema_check.h"
#include "typecheck.h"

using namespace certcalc;

namespace {

std::string minimal(const std::string& extra) {
  return R"({"$schema": "x", "id": "user-pack", "scheme": "t", "title": "t", "version": "1",
    "publisher": "t", "effectiveDate": null, "language": "en", "verified": true,
    "sources": [{"id": "t", "short": "T", "title": "t", "verified": true}])" + extra + "}";
}

Value error_of(const Answer& a) {
  auto r = parse_json(a.json);
  REQUIRE_FALSE(r.failure);
  const Value* e = r.value.find("error");
  REQUIRE(e);
  return *e;
}

}  // namespace

TEST_CASE("the built-in packs load and are listed by schemes") {
  Engine e;
  Answer a = e.call("schemes", "");
  REQUIRE(a.status == Answer::Status::Ok);
  auto r = parse_json(a.json);
  REQUIRE_FALSE(r.failure);
  std::vector<std::string> ids;
  for (const Value& s : r.value.find("schemes")->as_list()) ids.push_back(s.find("id")->as_string());
  CHECK(ids == std::vector<std::string>{"brcgs-food-9", "brcgs-packaging-6", "fssc22000-5.1",
                                        "fssc22000-6", "gmpplus-cr3.0"});
}

TEST_CASE("a pack with a schema defect is refused with the pack name and the pointer") {
  Engine e;
  std::string pack = minimal("");
  pack.replace(pack.find("\"verified\": true"), 16, "\"verified\": \"yes\"");
  Answer a = e.load_pack(pack, "broken.json");
  Value err = error_of(a);
  CHECK(a.status == Answer::Status::RequestError);
  CHECK(err.find("code")->as_string() == "invalid_pack");
  CHECK(err.find("path")->as_string() == "/verified");
  CHECK(err.find("message")->as_string().find("user-pack") != std::string::npos);

  a = e.load_pack(minimal(R"(, "tables": {"t": {"kind": "bands", "rule": "x §1", "bands": []}})"), "b");
  err = error_of(a);
  CHECK(err.find("path")->as_string() == "/tables/t/bands");

  a = e.load_pack(minimal(R"(, "operations": {"grade": {"fields": {}, "program": [
      {"set": "x", "value": {"frobnicate": [1]}}]}})"), "b");
  err = error_of(a);
  CHECK(err.find("path")->as_string() == "/operations/grade/program/0/value");
  CHECK(err.find("message")->as_string().find("unknown operator frobnicate") != std::string::npos);

  a = e.load_pack(minimal(R"(, "operations": {"grade": {"fields": {}, "program": [
      {"set": "x", "value": {"lookup": ["nowhere", 1]}}]}})"), "b");
  err = error_of(a);
  CHECK(err.find("path")->as_string() == "/operations/grade/program/0/value/lookup");

  a = e.load_pack(minimal(R"(, "operations": {"grade": {"fields": {}, "program": [
      {"note": "no_such_message", "rule": "x §1"}]}})"), "b");
  err = error_of(a);
  CHECK(err.find("path")->as_string() == "/operations/grade/program/0/note");

  a = e.load_pack(minimal(R"(, "operations": {"grade": {"fields": {"n": {"type": "integr"}},
      "program": []}})"), "b");
  err = error_of(a);
  CHECK(err.find("path")->as_string() == "/operations/grade/fields/n/type");

  // A missing member is named in the text, not only by the pointer.
  a = e.load_pack("{}", "empty.json");
  err = error_of(a);
  CHECK(err.find("path")->as_string() == "/$schema");
  CHECK(err.find("message")->as_string() == "rule pack empty.json is not valid: $schema is required");

  a = e.load_pack("{\"id\": ", "half.json");
  err = error_of(a);
  CHECK(err.find("code")->as_string() == "invalid_pack");
  CHECK(err.find("message")->as_string().find("half.json") != std::string::npos);
}

TEST_CASE("a user pack with a built-in id replaces it; schemes shows where it came from") {
  Engine e;
  std::string pack = minimal("");
  pack.replace(pack.find("user-pack"), 9, "gmpplus-cr3.0");
  REQUIRE(e.load_pack(pack, "my/gmp.json").status == Answer::Status::Ok);
  Answer a = e.call("schemes", "{}");
  CHECK(a.json.find("\"origin\":\"my/gmp.json\"") != std::string::npos);
}

TEST_CASE("a superseded version says so in schemes and describe") {
  Engine e;
  std::string pack = minimal(R"(, "status": "superseded", "supersededBy": "user-pack-2",
    "supersededDate": "2024-04-01")");
  REQUIRE(e.load_pack(pack, "old.json").status == Answer::Status::Ok);
  for (const char* op : {"schemes", "describe"}) {
    INFO(op);
    Answer a = e.call(op, std::string(op) == "schemes" ? "{}" : R"({"scheme": "user-pack"})");
    CHECK(a.json.find(R"("status":"superseded","supersededBy":"user-pack-2","supersededDate":"2024-04-01")") !=
          std::string::npos);
  }
  // A current pack has no lifecycle members; an unknown status is a pack defect.
  auto listed = parse_json(e.call("schemes", "{}").json);
  REQUIRE_FALSE(listed.failure);
  for (const Value& s : listed.value.find("schemes")->as_list()) {
    const std::string id = s.find("id")->as_string();
    INFO(id);
    CHECK((s.find("status") != nullptr) == (id == "user-pack" || id == "fssc22000-5.1"));
  }
  CHECK(error_of(e.load_pack(minimal(R"(, "status": "retired")"), "b")).find("path")->as_string() == "/status");
}

TEST_CASE("requests name their defects") {
  Engine e;
  CHECK(error_of(e.call("grade", "{}")).find("code")->as_string() == "missing_field");
  CHECK(error_of(e.call("grade", R"({"scheme": "nope"})")).find("code")->as_string() == "unknown_scheme");
  CHECK(error_of(e.call("grade", R"({"scheme": 7})")).find("path")->as_string() == "/scheme");
  CHECK(error_of(e.call("grade", R"({"scheme": "gmpplus-cr3.0", "locale": "xx"})"))
            .find("path")->as_string() == "/locale");
  CHECK(error_of(e.call("grade", "[]")).find("code")->as_string() == "invalid_field");
  CHECK(error_of(e.call("frobnicate", "{}")).find("code")->as_string() == "unknown_op");
  CHECK(error_of(e.call("schemes", R"({"extra": 1})")).find("path")->as_string() == "/extra");
  // An operation without fields says so, rather than listing none.
  CHECK(error_of(e.call("schemes", R"({"extra": 1})")).find("message")->as_string() ==
        "extra is not a field of this request: it takes no fields");
}

TEST_CASE("the operations a door may ask for") {
  for (const char* op : {"schemes", "describe", "duration", "grade", "schedule", "deadlines", "validate", "rotation"})
    CHECK(Engine::is_operation(op));
  for (const char* op : {"", "batch", "Grade", "grade "}) CHECK_FALSE(Engine::is_operation(op));
}

TEST_CASE("a door's indent is checked like a field: a whole number from -1 to 16") {
  Engine e;
  for (int indent : {-1, 0, 2, 16}) {
    CallOptions o;
    o.indent = indent;
    CHECK(e.check_options(o).status == Answer::Status::Ok);
  }
  for (int indent : {-2, 17, 2000000000, -2000000000}) {
    INFO(indent);
    CallOptions o;
    o.indent = indent;
    o.option_prefix = "--";
    Answer a = e.check_options(o);
    CHECK(a.status == Answer::Status::RequestError);
    CHECK(a.json == R"({"error":{"code":"invalid_option","message":"--indent must be a whole number from -1 to 16","path":""}})");
    // call refuses it before it writes anything with that indent.
    CHECK(e.call("schemes", "", o).json == a.json);
  }
}

// The engine compiles built-in packs without the schema check (start-up time); this holds
// every one of them to the schema, as a user's pack is held at load time.
TEST_CASE("every built-in pack passes the pack schema and the load-time check, and is named after its id") {
  namespace fs = std::filesystem;
  const fs::path rules = fs::path(CERTCALC_SOURCE_DIR) / "rules";
  Value schema = testing::load_json(rules / "schema" / "pack.schema.json");
  std::map<std::string, Value> shared_files;
  for (const auto& e : fs::directory_iterator(rules / "shared")) {
    Value doc = testing::load_json(e.path());
    CHECK(doc.find("id")->as_string() + ".json" == e.path().filename().string());
    shared_files[doc.find("id")->as_string()] = *doc.find("data");
  }
  SharedData shared = [&](const std::string& name) -> const Value* {
    auto it = shared_files.find(name);
    return it == shared_files.end() ? nullptr : &it->second;
  };
  const Value english = *testing::load_json(rules / "messages" / "en.json").find("messages");
  std::size_t packs = 0;
  for (const auto& e : fs::directory_iterator(rules / "packs")) {
    INFO(e.path().filename().string());
    Value doc = testing::load_json(e.path());
    CHECK(doc.find("id")->as_string() + ".json" == e.path().filename().string());
    Value resolved;
    Failure f;
    REQUIRE(resolve_shared(doc, shared, resolved, f));
    auto v = check_schema(schema, resolved);
    INFO((v ? v->pointer + ": " + v->detail : std::string()));
    CHECK_FALSE(v);
    auto pack = compile_pack(resolved, "built-in", f);
    REQUIRE(pack);
    // The load-time check user packs pass (engine.cpp skips it for the built-in ones).
    auto has_text = [&](const std::string& id) {
      const Value* own = pack->messages.find(id);
      return (own && own->find("en")) || english.find(id) != nullptr;
    };
    bool checked = check_pack(*pack, has_text, f);
    INFO(f.path + ": " + (f.params.size() > 1 ? f.params[1].second : std::string()));
    CHECK(checked);
    ++packs;
  }
  CHECK(packs == 5);
}

TEST_CASE("schemes lists unused built-in packs from the build-time index exactly as compiled ones") {
  Engine listed;
  Answer from_index = listed.call("schemes", "{}");
  Engine compiled;
  for (const char* id : {"brcgs-food-9", "brcgs-packaging-6", "fssc22000-5.1", "fssc22000-6", "gmpplus-cr3.0"})
    REQUIRE(compiled.call("describe", std::string(R"({"scheme": ")") + id + "\"}").status ==
            Answer::Status::Ok);
  Answer from_packs = compiled.call("schemes", "{}");
  CHECK(from_index.json == from_packs.json);
}

TEST_CASE("clause references and send-by dates in a pack are checked when it loads") {
  Engine e;
  auto form = [](const std::string& checks, const std::string& send_by) {
    return R"(, "form": {"rule": "t §1", "grades": ["minor"], "workflow": {"rule": "t §0", "states": ["a"],
      "initial": {"cm": "a", "oe": "a", "full": "a"}, "transitions": [{"from": ["a"], "action": "save", "to": "a"}]},
      "checks": [)" + checks + R"(], "sendBy": [)" + send_by + "]}";
  };
  const std::string copy_check = R"({"field": "correctiveAction", "check": "differsFrom",
      "other": "correction", "code": "c", "message": "form_same_as_correction", "rule": "t §2"})";
  // The kind sendBy names is one findingDeadlines gives (without it, "k" is refused at sendBy/0/kind).
  const std::string gives_k = R"(, "programs": {"findingDeadlines": [{"push": "deadlines",
      "value": {"object": {"kind": "k", "dueDate": "2026-01-01", "rule": "t §4"}}}]})";
  REQUIRE(e.load_pack(minimal(R"(, "clauseReferences": {"words": ["clause"], "marks": ["§"]})" + gives_k +
                              form(copy_check, R"({"kind": "k", "basis": "body", "reviewDays": 3, "rule": "t §3"})")),
                      "ok").status == Answer::Status::Ok);
  Answer never = e.load_pack(minimal(form(copy_check, R"({"kind": "k", "basis": "body", "rule": "t §3"})")), "b");
  CHECK(error_of(never).find("path")->as_string() == "/form/sendBy/0/kind");

  Answer a = e.load_pack(minimal(R"(, "clauseReferences": {"words": ["clause", "see section"]})"), "b");
  CHECK(error_of(a).find("path")->as_string() == "/clauseReferences/words/1");
  a = e.load_pack(minimal(form(copy_check, R"({"kind": "k", "basis": "client", "reviewDays": 3, "rule": "t §3"})")), "b");
  CHECK(error_of(a).find("path")->as_string() == "/form/sendBy/0/reviewDays");
  a = e.load_pack(minimal(form(copy_check, R"({"kind": "k", "basis": "auditor", "rule": "t §3"})")), "b");
  CHECK(error_of(a).find("path")->as_string() == "/form/sendBy/0/basis");
  std::string near = copy_check;
  near.replace(near.find("\"code\""), 0, "\"match\": \"exact\", ");
  a = e.load_pack(minimal(form(near, "")), "b");
  CHECK(error_of(a).find("path")->as_string() == "/form/checks/0/match");
}
