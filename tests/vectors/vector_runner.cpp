// Runs every vector file under tests/vectors through the core (the native door).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "certcalc/engine.h"
#include "json_io.h"
#include "test_support.h"
#include "vector_match.h"

namespace fs = std::filesystem;
using namespace certcalc;
using namespace certcalc::testing;

namespace {


std::vector<fs::path> vector_files() {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(CERTCALC_VECTOR_DIR)) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string str_or(const Value& v, const char* key, const std::string& fallback) {
  const Value* s = v.find(key);
  return s && s->is_string() ? s->as_string() : fallback;
}

// Citations read as people expect: every `rule`/`source` of an answer names documents by their
// short titles (no {id} left, no file name, no path outside the project) and has `cites` beside
// it for tools; a built-in pack cites at least one of its sources in every rule.
std::optional<std::string> unreadable_citation(const Value& v, bool built_in, const std::string& at = "") {
  if (v.is_list()) {
    for (std::size_t i = 0; i < v.as_list().size(); ++i)
      if (auto bad = unreadable_citation(v.as_list()[i], built_in, at + "/" + std::to_string(i))) return bad;
    return std::nullopt;
  }
  if (!v.is_object()) return std::nullopt;
  for (const auto& kv : v.as_object()) {
    if ((kv.first == "rule" || kv.first == "source") && kv.second.is_string()) {
      const std::string& text = kv.second.as_string();
      for (const char* leftover : {"{", "}", ".txt", "shared/", "README", "CONTRACT.md"})
        if (text.find(leftover) != std::string::npos)
          return at + "/" + kv.first + " holds " + leftover + ": " + text;
      const Value* cites = v.find("cites");
      if (!cites || !cites->is_list()) return at + ": no cites beside " + kv.first;
      if (built_in && cites->as_list().empty()) return at + "/" + kv.first + " cites no source: " + text;
    }
    if (auto bad = unreadable_citation(kv.second, built_in, at + "/" + kv.first)) return bad;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("every vector file answers as expected through the core") {
  auto files = vector_files();
  REQUIRE(!files.empty());  // a runner that loads no vectors fails
  std::size_t cases = 0;
  for (const auto& file : files) {
    std::string rel = fs::relative(file, CERTCALC_VECTOR_DIR).string();
    ParseResult doc = parse_json(slurp(file));
    INFO(rel);
    REQUIRE(!doc.failure);
    const Value* list = doc.value.find("cases");
    REQUIRE(list);
    REQUIRE(list->is_list());
    REQUIRE(!list->as_list().empty());
    Engine engine;
    if (const Value* packs = doc.value.find("loadPacks")) {
      for (const Value& p : packs->as_list()) {
        Answer loaded = engine.load_pack(write_json(p), rel);
        INFO(loaded.json);
        REQUIRE(loaded.status == Answer::Status::Ok);
      }
    }
    const std::string file_op = str_or(doc.value, "op", "");
    const Value* file_options = doc.value.find("options");
    for (const Value& c : list->as_list()) {
      const std::string name = str_or(c, "name", "?");
      {
        // One engine per file and no sections: Catch2 would re-run the whole loop per section.
        INFO("case: " << name);
        REQUIRE(!str_or(c, "rule", "").empty());  // every vector cites its clause
        CallOptions options;
        options.today = "2026-01-15";
        for (const Value* o : {file_options, c.find("options")}) {
          if (!o) continue;
          options.today = str_or(*o, "today", options.today);
          options.locale = str_or(*o, "locale", options.locale);
        }
        const Value* text = c.find("requestText");
        const Value* req = c.find("request");
        std::string request = text && text->is_string() ? text->as_string()
                                                        : (req ? write_json(*req) : "{}");
        Answer a = engine.call(str_or(c, "op", file_op), request, options);
        ParseResult got = parse_json(a.json);
        REQUIRE(!got.failure);
        INFO("answer: " << a.json);
        if (const Value* err = c.find("error")) {
          const Value* envelope = got.value.find("error");
          REQUIRE(envelope);
          CHECK(envelope->find("code")->as_string() == err->as_string());
          if (const Value* path = c.find("errorPath"))
            CHECK(envelope->find("path")->as_string() == path->as_string());
          CHECK(a.status != Answer::Status::Ok);
        } else {
          const Value* expect = c.find("expect");
          REQUIRE(expect);
          auto mismatch = match_expected(*expect, got.value);
          INFO((mismatch ? *mismatch : std::string()));
          CHECK(!mismatch);
          auto unreadable = unreadable_citation(got.value, !doc.value.find("loadPacks"));
          INFO((unreadable ? *unreadable : std::string()));
          CHECK(!unreadable);
          CHECK(a.status == Answer::Status::Ok);
        }
        ++cases;
      }
    }
  }
  CHECK(cases > 0);
  WARN("vectors: " << cases << " cases in " << files.size() << " files");
}
