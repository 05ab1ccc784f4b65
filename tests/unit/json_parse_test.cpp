// certcalc's JSON reader against the reference (nlohmann's strict parser with the builder
// certcalc used before, tests/unit/reference_reader.h): every document either both accept with
// the same value or both refuse with the same error code and pointer.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>

#include "reference_reader.h"
#include "test_support.h"

using namespace certcalc;
using certcalc::testing::nul_difference;
using certcalc::testing::outcome;
using certcalc::testing::reference_parse;
using certcalc::testing::same_value;
using certcalc::testing::slurp;

namespace {

void agree(const std::string& text, const ParseLimits& limits = {}) {
  ParseResult mine = parse_json(text, limits);
  ParseResult ref = reference_parse(text, limits);
  INFO("document: " << text.substr(0, 300));
  if (nul_difference(text, mine, ref)) return;  // nothing the user sent is silently dropped
  REQUIRE(outcome(mine) == outcome(ref));
  if (!mine.failure) REQUIRE(same_value(mine.value, ref.value));
}

// A small deterministic generator, so that a failure names a reproducible case.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  std::size_t below(std::size_t n) { return n ? static_cast<std::size_t>(next() % n) : 0; }
};

std::vector<std::string> seed_documents() {
  namespace fs = std::filesystem;
  std::vector<std::string> docs;
  const fs::path root(CERTCALC_SOURCE_DIR);
  for (const char* dir : {"tests/vectors", "rules", "tests/fuzz/corpus-sample", "tests/fuzz/regressions"})
    for (const auto& e : fs::recursive_directory_iterator(root / dir))
      if (e.is_regular_file() && e.file_size() < 400000) docs.push_back(slurp(e.path()));
  return docs;
}

}  // namespace

TEST_CASE("the reader agrees with the reference on hand-written edge cases") {
  const char* cases[] = {
      "", " ", "\t\n\r ", "{}", "[]", " [ ] ", "{ }", "null", "true", "false", "nul", "tru", "falsey",
      "0", "-0", "-", "01", "1.", ".5", "1.5e", "1e+", "1E-2", "-12.125", "3e-2", "1e400", "-1e400",
      "1e-400", "1e308", "1.7976931348623157e308", "1.8e308", "9223372036854775807",
      "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
      "18446744073709551615", "18446744073709551616", "123456789012345678901234", "0.1",
      "0.0000000001", "100000000000000000000.5", "1e18", "1e19", "2.50",
      "\"\"", "\"a\"", "\"\\u0000\"", "\"\\u00e9\"", "\"\\uD83D\\uDE00\"", "\"\\uD83D\"",
      "\"\\uDE00\"", "\"\\uD83Dx\"", "\"\\uD83D\\u0041\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\x\"",
      "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "\"a\nb\"", "\"\x01\"", "\"\x7f\"", "\"\xc3\xa9\"",
      "\"\xc3\"", "\"\xc0\xaf\"", "\"\xe0\x80\xaf\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"",
      "\"\xf0\x9f\x98\x80\"", "\"\xff\"", "\"\xe2\x82\"", "\"unterminated",
      "\xef\xbb\xbf{}", "\xef\xbb{}", "\xef{}", "{\"a\":1}", "{\"a\" 1}", "{\"a\":}", "{\"a\":1,}",
      "{,}", "{\"a\":1 \"b\":2}", "{1:2}", "{'a':1}", "{\"a\":1}}", "[1,]", "[,1]", "[1 2]",
      "[1]]", "[[[]]]", "[{\"a\":[{\"b\":[1,{}]}]}]", "{\"a\":{\"b\":1,\"b\":2}}",
      "{\"a\":1,\"a\":1}", "{\"\":1,\"\":2}", "{\"a\":[1,2,]}", "{\"x\": 1} trailing", "[1] [2]",
      "NaN", "Infinity", "-Infinity", "{\"x\": NaN}", "[1e400]", "{\"a\":{\"b\":[0,1e999]}}",
      "{\"a~b/c\":{\"d\":x}}", "\"\\u0041\\u00DF\\u6771\"", "[\"\\uDBFF\\uDFFF\"]",
  };
  for (const char* c : cases) agree(c);
  agree(std::string("\"a\0b\"", 5));   // a NUL byte inside a string: refused, must be escaped
}

TEST_CASE("a NUL byte after a document is refused, not taken for its end") {
  // The reference (nlohmann) stops reading at the NUL and answers [1]: "[2]" would be lost.
  auto r = parse_json(std::string("[1]\0[2]", 7));
  REQUIRE(r.failure);
  CHECK(r.failure->code == "malformed_json");
  CHECK_FALSE(reference_parse(std::string("[1]\0[2]", 7)).failure);
}

TEST_CASE("the reader agrees with the reference on depth and on large objects") {
  for (std::size_t depth : {63, 64, 65, 200}) {
    agree(std::string(depth, '[') + std::string(depth, ']'));
    std::string objects;
    for (std::size_t i = 0; i < depth; ++i) objects += "{\"k\":";
    objects += "1" + std::string(depth, '}');
    agree(objects);
  }
  ParseLimits narrow;
  narrow.max_depth = 3;
  agree("[[[1]]]", narrow);
  agree("[[[[1]]]]", narrow);
  agree("{\"a\":{\"b\":{\"c\":{}}}}", narrow);
  for (int n : {15, 16, 17, 40}) {
    std::string big = "{";
    for (int i = 0; i < n; ++i) big += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    agree(big + "\"k9\":0}");
    agree(big + "\"k" + std::to_string(n - 1) + "\":0}");
    agree(big + "\"other\":0}");
  }
}

TEST_CASE("the reader agrees with the reference on every stored document and 20,000 mutants") {
  std::vector<std::string> docs = seed_documents();
  REQUIRE(docs.size() > 200);
  for (const auto& d : docs) agree(d);
  // Byte-level mutations: what a hostile or clumsy paste does to a request.
  const char* tokens[] = {"{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\uD800", "0", "-",
                          "1e999", "e", ".", "null", "\xff", "\xc3", "\xed\xa0\x80", " ", "\n", "\x01"};
  Rng rng{0x9E3779B97F4A7C15ull};
  std::size_t mutants = 0;
  while (mutants < 20000) {
    const std::string& base = docs[rng.below(docs.size())];
    if (base.empty() || base.size() > 20000) continue;
    std::string m = base;
    int edits = 1 + static_cast<int>(rng.below(3));
    for (int k = 0; k < edits; ++k) {
      std::size_t at = rng.below(m.size() + 1);
      switch (rng.below(4)) {
        case 0: m.erase(at, 1 + rng.below(3)); break;
        case 1: m.insert(at, tokens[rng.below(sizeof tokens / sizeof *tokens)]); break;
        case 2: if (at < m.size()) m[at] = static_cast<char>(rng.below(256)); break;
        default: m.resize(at); break;
      }
    }
    agree(m);
    ++mutants;
  }
}

TEST_CASE("a number is refused as too large exactly when strtod makes it infinite") {
  // The reader decides without strtod (WebAssembly would carry 12 KB of long-double code for it):
  // around the threshold 2^1024 - 2^970, with every way of writing the same value.
  const std::string t = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";
  std::vector<std::string> texts = {"1e308", "1e309", "-1e309", "1.7976931348623157e308", "1.7976931348623158e308",
                                    "1.7976931348623159e308", "0.1e310", "0.01e311", "17976931348623158e292",
                                    "1e-99999999999", "1e99999999999", "0e999", "0.000e9999", "-0.0e400"};
  for (std::size_t len : {17, 18, 19, 20, 40, 308, 309}) {
    std::string prefix = t.substr(0, len);
    for (int delta : {-1, 0, 1}) {
      std::string digits = prefix;
      // One unit more or less in the last place of the prefix.
      for (std::size_t k = digits.size(); delta && k-- > 0;) {
        if (delta > 0 && digits[k] < '9') { ++digits[k]; break; }
        if (delta < 0 && digits[k] > '0') { --digits[k]; break; }
        digits[k] = delta > 0 ? '0' : '9';
      }
      std::string e = std::to_string(309 - static_cast<int>(digits.size()));
      texts.push_back(digits + "e" + e);
      texts.push_back(digits + "0e" + std::to_string(308 - static_cast<int>(digits.size())));
      texts.push_back(digits.substr(0, 1) + "." + digits.substr(1) + "e308");
      texts.push_back("0." + digits + "e309");
      texts.push_back("-" + digits.substr(0, 1) + "." + digits.substr(1) + "0000E+308");
    }
  }
  texts.push_back(t + ".0");
  texts.push_back(t.substr(0, 308) + "1.5");  // 309 digits before the point, below the threshold
  for (const auto& text : texts) {
    ParseResult r = parse_json(text);
    bool refused = r.failure && r.failure->message_id == "number_too_large";
    INFO(text);
    CHECK(refused == !std::isfinite(std::strtod(text.c_str(), nullptr)));
  }
}
