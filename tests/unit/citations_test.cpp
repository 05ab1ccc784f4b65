// Citations: {id} of a declared source becomes its short title at load; `cites` names the
// cited files for tools; every built-in pack and shared rule file cites readably.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "certcalc/engine.h"
#include "citations.h"
#include "json_io.h"
#include "rules.h"
#include "test_support.h"

using namespace certcalc;
namespace fs = std::filesystem;

namespace {

std::string pack_with(const std::string& sources, const std::string& extra) {
  return R"({"$schema": "x", "id": "cite-pack", "scheme": "t", "title": "t", "version": "1",
    "publisher": "t", "effectiveDate": null, "language": "en", "verified": true,
    "sources": )" + sources + extra + "}";
}

const char* kSources = R"([
  {"id": "doc-a", "short": "Document A v1", "title": "A", "file": "a.txt", "verified": true},
  {"id": "doc-b", "short": "Document B", "title": "B", "url": "https://example.invalid/b", "verified": false},
  {"id": "own", "short": "Document A v1 annex", "title": "own", "verified": true}])";

Value error_of(const Answer& a) {
  auto r = parse_json(a.json);
  REQUIRE_FALSE(r.failure);
  const Value* e = r.value.find("error");
  REQUIRE(e);
  return *e;
}

// Strings of a pack that are texts for people: not messages, sources, notes, comments or paths.
void texts(const Value& v, const std::string& at, bool top,
           std::vector<std::pair<std::string, std::string>>& out) {
  if (v.is_string()) out.emplace_back(at, v.as_string());
  if (v.is_list())
    for (std::size_t i = 0; i < v.as_list().size(); ++i)
      texts(v.as_list()[i], at + "/" + std::to_string(i), false, out);
  if (v.is_object())
    for (const auto& kv : v.as_object()) {
      if (kv.first == "comment" || kv.first == "path") continue;
      if (top && (kv.first == "messages" || kv.first == "sources" || kv.first == "notes" ||
                  kv.first == "$schema"))
        continue;
      texts(kv.second, at + "/" + kv.first, false, out);
    }
}

std::set<std::string> references(const std::vector<std::pair<std::string, std::string>>& all) {
  std::set<std::string> ids;
  for (const auto& t : all) {
    for (std::size_t open = t.second.find('{'); open != std::string::npos;
         open = t.second.find('{', open + 1)) {
      std::size_t close = t.second.find('}', open);
      if (close != std::string::npos) ids.insert(t.second.substr(open + 1, close - open - 1));
    }
  }
  return ids;
}

struct RuleFiles {
  std::map<std::string, Value> packs, shared;  // by file name
};

RuleFiles rule_files() {
  RuleFiles f;
  const fs::path rules = fs::path(CERTCALC_SOURCE_DIR) / "rules";
  for (const auto& e : fs::directory_iterator(rules / "packs"))
    f.packs[e.path().filename().string()] = testing::load_json(e.path());
  for (const auto& e : fs::directory_iterator(rules / "shared"))
    f.shared[e.path().filename().string()] = testing::load_json(e.path());
  return f;
}

}  // namespace

TEST_CASE("a citation of a source the pack does not declare refuses the pack with its pointer") {
  Engine e;
  Value err = error_of(e.load_pack(pack_with(kSources, R"(, "tables": {"t": {"kind": "map",
      "rule": "{doc-a} §1; {doc-c} §2", "entries": {}}})"), "p"));
  CHECK(err.find("code")->as_string() == "invalid_pack");
  CHECK(err.find("path")->as_string() == "/tables/t/rule");
  CHECK(err.find("message")->as_string().find("{doc-c}") != std::string::npos);
  CHECK(err.find("message")->as_string().find("cite-pack") != std::string::npos);

  // A citation inside an expression is checked as well.
  err = error_of(e.load_pack(pack_with(kSources, R"(, "operations": {"grade": {"fields": {},
      "program": [{"set": "r", "value": {"if": [true, "{Doc-A} §3", "{doc-b} §4"]}}]}})"), "p"));
  CHECK(err.find("path")->as_string() == "/operations/grade/program/0/value/if/1");

  err = error_of(e.load_pack(pack_with(R"([{"id": "x", "short": "X", "title": "x", "verified": true},
      {"id": "x", "short": "Y", "title": "y", "verified": true}])", ""), "p"));
  CHECK(err.find("path")->as_string() == "/sources/1/id");

  err = error_of(e.load_pack(pack_with(R"([{"id": "Doc A", "short": "X", "title": "x", "verified": true}])", ""), "p"));
  CHECK(err.find("path")->as_string() == "/sources/0/id");

  err = error_of(e.load_pack(pack_with(R"([{"file": "a.txt", "title": "x", "verified": true}])", ""), "p"));
  CHECK(err.find("path")->as_string() == "/sources/0/id");
}

TEST_CASE("braces of message parameters, error paths and comments are not citations") {
  Engine e;
  Answer a = e.load_pack(pack_with(kSources, R"(, "notes": ["{plain} text"],
      "messages": {"m": {"en": "{n} items"}},
      "operations": {"grade": {"fields": {"n": {"type": "integer"}}, "program": [
        {"fail": "invalid_field", "message": "m", "path": "/items/{n}", "params": {"n": {"var": "n"}},
         "when": {"==": [{"var": "n"}, 7]}, "comment": "{not-a-source} either"},
        {"note": "m", "params": {"n": 1}, "rule": "{own} §1, {doc-a} §2 and {doc-b}"},
        {"set": "plain", "value": "a { b } c"}]}})"), "p");
  INFO(a.json);
  REQUIRE(a.status == Answer::Status::Ok);
  Answer g = e.call("grade", R"({"scheme": "cite-pack", "n": 1})");
  // A short title inside a longer one ("Document A v1" in "Document A v1 annex") counts once,
  // for the longer; a source without file names its url, one without either its id.
  CHECK(g.json ==
        R"({"notes":[{"code":"m","message":"1 items","rule":"Document A v1 annex §1, Document A v1 §2 and Document B",)"
        R"("cites":["own","a.txt","https://example.invalid/b"]}],"plain":"a { b } c"})");
  Value err = error_of(e.call("grade", R"({"scheme": "cite-pack", "n": 7})"));
  CHECK(err.find("path")->as_string() == "/items/7");
}

TEST_CASE("describe answers carry cites beside the rules of fields, operations and data") {
  Engine e;
  Answer a = e.call("describe", R"({"scheme": "brcgs-food-9", "op": "grade"})");
  REQUIRE(a.status == Answer::Status::Ok);
  CHECK(a.json.find(R"("rule":"Certiquality BRCGS regulation Allegato 1; §5.3","cites":["003_b35c7154d427a1c5.txt"])") !=
        std::string::npos);
}

// The texts a built-in pack shows people: every {id} expanded, no file name, no path.
TEST_CASE("every built-in pack expands its citations to short titles, leaving no file or path") {
  RuleFiles files = rule_files();
  SharedData shared = [&](const std::string& name) -> const Value* {
    auto it = files.shared.find(name + ".json");
    return it == files.shared.end() ? nullptr : it->second.find("data");
  };
  REQUIRE(files.packs.size() >= 4);
  for (const auto& kv : files.packs) {
    INFO(kv.first);
    Value resolved, expanded;
    Failure f;
    REQUIRE(resolve_shared(kv.second, shared, resolved, f));
    std::vector<Citation> sources;
    REQUIRE(expand_citations(resolved, kv.first, expanded, sources, f));
    std::vector<std::pair<std::string, std::string>> shown;
    texts(expanded, "", true, shown);
    for (const auto& t : shown) {
      INFO(t.first << ": " << t.second);
      for (const char* leftover : {"{", "}", ".txt", "shared/", "README", "CONTRACT.md", "../"})
        CHECK(t.second.find(leftover) == std::string::npos);
    }
    // Every declared source is cited somewhere: `sources` lists what the answers cite.
    std::vector<std::pair<std::string, std::string>> written;
    texts(resolved, "", true, written);
    std::set<std::string> cited = references(written);
    for (const Citation& c : sources) {
      INFO(c.id);
      CHECK(cited.count(c.id) == 1);
    }
  }
}

// Each document is described once: the same id reads the same in every pack and shared file,
// and a shared file declares exactly the sources its own texts cite.
TEST_CASE("every source is declared alike everywhere, and shared files declare what they cite") {
  RuleFiles files = rule_files();
  std::map<std::string, Value> entries;
  std::map<std::string, std::string> where;
  auto collect = [&](const std::string& file, const Value& doc) {
    const Value* list = doc.find("sources");
    if (!list) return;
    for (const Value& s : list->as_list()) {
      std::string id = s.find("id")->as_string();
      INFO(file << " source " << id << " first declared in " << where[id]);
      if (entries.count(id)) CHECK(entries[id].equals(s));
      else entries[id] = s, where[id] = file;
    }
  };
  for (const auto& kv : files.packs) collect("packs/" + kv.first, kv.second);
  for (const auto& kv : files.shared) collect("shared/" + kv.first, kv.second);
  for (const auto& kv : files.shared) {
    INFO(kv.first);
    std::vector<std::pair<std::string, std::string>> written;
    texts(kv.second, "", true, written);
    std::set<std::string> declared;
    if (const Value* list = kv.second.find("sources"))
      for (const Value& s : list->as_list()) declared.insert(s.find("id")->as_string());
    std::set<std::string> cited;
    for (const auto& id : references(written))
      if (entries.count(id)) cited.insert(id);  // other braces are message parameters
    CHECK(cited == declared);
  }
  // docs/sources.md, the project's own list, describes every document the packs cite.
  std::string page = testing::slurp(fs::path(CERTCALC_SOURCE_DIR) / "docs" / "sources.md");
  for (const auto& kv : entries) {
    INFO(kv.first);
    CHECK(page.find("`" + kv.first + "`") != std::string::npos);
    CHECK(page.find(kv.second.find("short")->as_string()) != std::string::npos);
    if (const Value* file = kv.second.find("file")) CHECK(page.find(file->as_string()) != std::string::npos);
  }
}
