#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "json_io.h"
#include "test_support.h"
#include "messages.h"

using namespace certcalc;
using namespace certcalc::testing;
namespace fs = std::filesystem;

namespace {



const fs::path kRules = fs::path(CERTCALC_SOURCE_DIR) / "rules";

// {name}, the name of a plural block {name, plural, one {...} other {...}} and the placeholders
// inside its branches (whose braces are not placeholders themselves).
void collect_placeholders(const std::string& text, std::set<std::string>& out) {
  static const std::regex plural_head("^\\{([a-zA-Z]+), *plural, *");
  static const std::regex simple("^\\{([a-zA-Z]+)\\}");
  std::size_t i = 0;
  while ((i = text.find('{', i)) != std::string::npos) {
    std::smatch m;
    const std::string rest = text.substr(i);
    if (std::regex_search(rest, m, plural_head)) {
      out.insert(m[1]);
      std::size_t j = i + static_cast<std::size_t>(m.length(0));
      while (j < text.size() && text[j] != '}') {
        std::size_t open = text.find('{', j);
        if (open == std::string::npos) return;
        int depth = 1;
        std::size_t k = open + 1;
        for (; k < text.size() && depth > 0; ++k) depth += text[k] == '{' ? 1 : text[k] == '}' ? -1 : 0;
        collect_placeholders(text.substr(open + 1, k - open - 2), out);
        j = k;
        while (j < text.size() && text[j] == ' ') ++j;
      }
      i = j + 1;
      continue;
    }
    if (std::regex_search(rest, m, simple)) out.insert(m[1]);
    ++i;
  }
}

std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> out;
  collect_placeholders(text, out);
  return out;
}

}  // namespace

TEST_CASE("every core message has a text in all five locales, with the same placeholders") {
  Value en = load_json(kRules / "messages" / "en.json");
  for (const auto& locale : supported_locales()) {
    Value cat = load_json(kRules / "messages" / (locale + ".json"));
    CHECK(cat.find("locale")->as_string() == locale);
    for (const auto& m : en.find("messages")->as_object()) {
      INFO(locale << " " << m.first);
      const Value* t = cat.find("messages")->find(m.first);
      REQUIRE(t);
      CHECK(placeholders(t->as_string()) == placeholders(m.second.as_string()));
    }
    CHECK(cat.find("messages")->as_object().size() == en.find("messages")->as_object().size());
  }
}

TEST_CASE("every message id the core uses has an English text") {
  Value en = load_json(kRules / "messages" / "en.json");
  std::regex use("make_failure\\(\\s*\"[a-z_]+\",\\s*\"([a-z_]+)\"");
  std::regex field_id("\"((?:field|validate|json)_[a-z_]+)\"");
  std::size_t seen = 0;
  for (const auto& e : fs::directory_iterator(fs::path(CERTCALC_SOURCE_DIR) / "core" / "src")) {
    std::string text = slurp(e.path());
    if (e.path().filename() == "json_parse.cpp") CHECK(text.find("\"json_expected_value_after_comma\"") != std::string::npos);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), use); it != std::sregex_iterator(); ++it) {
      INFO(e.path().filename().string() << ": " << (*it)[1]);
      CHECK(en.find("messages")->find((*it)[1].str()));
      ++seen;
    }
    for (auto it = std::sregex_iterator(text.begin(), text.end(), field_id); it != std::sregex_iterator(); ++it) {
      INFO(e.path().filename().string() << ": " << (*it)[1]);
      CHECK(en.find("messages")->find((*it)[1].str()));
    }
  }
  CHECK(seen > 20);
}

TEST_CASE("every built-in pack message has a text in all five locales") {
  // Pack messages, and shared message sets (rules/shared/*-messages.json) packs pull in.
  std::vector<std::pair<std::string, Value>> sets;
  for (const auto& e : fs::directory_iterator(kRules / "packs")) {
    Value pack = load_json(e.path());
    if (const Value* m = pack.find("messages")) sets.emplace_back(e.path().filename().string(), *m);
  }
  for (const auto& e : fs::directory_iterator(kRules / "shared")) {
    std::string name = e.path().filename().string();
    if (name.size() > 14 && name.compare(name.size() - 14, 14, "-messages.json") == 0)
    {
      Value doc = load_json(e.path());
      sets.emplace_back(name, *doc.find("data"));
    }
  }
  CHECK(sets.size() >= 4);
  for (const auto& set : sets) {
    for (const auto& m : set.second.as_object()) {
      if (m.first == "$shared") continue;
      const Value* en = m.second.find("en");
      INFO(set.first << " " << m.first);
      REQUIRE(en);
      for (const auto& locale : supported_locales()) {
        INFO(locale);
        const Value* t = m.second.find(locale);
        REQUIRE(t);
        CHECK(placeholders(t->as_string()) == placeholders(en->as_string()));
      }
    }
  }
}

TEST_CASE("a missing translation falls back to English, then to the id") {
  Catalogs c;
  REQUIRE(c.add_catalog(Value::object({{"locale", Value::string("en")},
                                       {"messages", Value::object({{"hello", Value::string("hi {name}")}})}})));
  REQUIRE(c.add_catalog(Value::object({{"locale", Value::string("nl")},
                                       {"messages", Value::object({})}})));
  CHECK(c.render("nl", "hello", {{"name", "Ann"}}) == "hi Ann");
  CHECK(c.render("de", "hello", {}) == "hi {name}");
  CHECK(c.render("en", "nope", {}) == "nope");
  Value pack = Value::object({{"hello", Value::object({{"en", Value::string("pack hi")},
                                                        {"it", Value::string("ciao {name}")}})}});
  CHECK(c.render("it", "hello", {{"name", "Bea"}}, &pack) == "ciao Bea");
  CHECK(c.render("fr", "hello", {}, &pack) == "pack hi");
  CHECK_FALSE(c.add_catalog(Value::object({{"locale", Value::string("en")}})));
}

TEST_CASE("placeholders: braces that name nothing stay as written, however many (a pack's text)") {
  CHECK(fill_placeholders("{a} {b} {{a}} {a", {{"a", "1"}}) == "1 {b} {1} {a");
  CHECK(fill_placeholders("{}", {{"", "empty"}}) == "empty");
  // A million '{' with no '}' after them, then with one at the end: answered as written (the
  // search for the closing brace used to start again at every '{': hours for a 16 MB pack).
  const std::string open(1000000, '{');
  CHECK(fill_placeholders(open, {{"x", "1"}}) == open);
  CHECK(fill_placeholders(open + "}", {{"x", "1"}}) == open + "}");
  CHECK(fill_placeholders(open + "x}", {{"x", "1"}}) == std::string(999999, '{') + "1");
}

TEST_CASE("plural blocks pick the form for the number by the locale's rules (CLDR)") {
  const std::string days = "{n, plural, one {# day} other {# days}} left";
  CHECK(fill_placeholders(days, {{"n", "1"}}) == "1 day left");
  CHECK(fill_placeholders(days, {{"n", "0"}}) == "0 days left");
  CHECK(fill_placeholders(days, {{"n", "2"}}) == "2 days left");
  CHECK(fill_placeholders(days, {{"n", "1.5"}}) == "1.5 days left");
  CHECK(fill_placeholders(days, {{"n", "1.0"}}) == "1.0 days left");  // CLDR: visible decimals are "other"
  // French counts 0 and 1 as one; Italian, Dutch and German only 1.
  const std::string fr = "{n, plural, one {# jour} other {# jours}}";
  CHECK(fill_placeholders(fr, {{"n", "0"}}, "fr") == "0 jour");
  CHECK(fill_placeholders(fr, {{"n", "1.5"}}, "fr") == "1.5 jour");
  CHECK(fill_placeholders(fr, {{"n", "2"}}, "fr") == "2 jours");
  const std::string it = "{n} non conformità {n, plural, one {maggiore} other {maggiori}}";
  CHECK(fill_placeholders(it, {{"n", "1"}}, "it") == "1 non conformità maggiore");
  CHECK(fill_placeholders(it, {{"n", "0"}}, "it") == "0 non conformità maggiori");
  CHECK(fill_placeholders(it, {{"n", "3"}}, "it") == "3 non conformità maggiori");
  CHECK(std::string(plural_category("de", "1")) == "one");
  CHECK(std::string(plural_category("nl", "01")) == "one");
  CHECK(std::string(plural_category("en", "-1")) == "one");
  CHECK(std::string(plural_category("fr", "1000000")) == "many");
  CHECK(std::string(plural_category("it", "2000000")) == "many");
  CHECK(std::string(plural_category("en", "1000000")) == "other");
  CHECK(std::string(plural_category("en", "x")) == "other");
  // =N first, then the category, then other; other placeholders inside a branch are filled.
  const std::string exact = "{n, plural, =0 {none} one {one of {who}} other {# of {who}}}";
  CHECK(fill_placeholders(exact, {{"n", "0"}, {"who", "them"}}) == "none");
  CHECK(fill_placeholders(exact, {{"n", "1"}, {"who", "them"}}) == "one of them");
  CHECK(fill_placeholders(exact, {{"n", "7"}, {"who", "them"}}) == "7 of them");
  CHECK(fill_placeholders("{n, plural, one {a}}", {{"n", "2"}}) == "{n, plural, one {a}}");
}

TEST_CASE("plural blocks that do not parse stay as written, and stay linear") {
  for (const char* text : {"{n, plural,", "{n, plural, one {x", "{n, plural, one x}", "{n, plural }",
                           "{n, plural, {x}}", "{n, singular, one {x}}", "{n,, plural, one {x}}"})
    CHECK(fill_placeholders(text, {{"n", "1"}}) == text);
  CHECK(fill_placeholders("{m, plural, one {x} other {y}}", {{"n", "1"}}) == "{m, plural, one {x} other {y}}");
  // Unclosed blocks, each scanning to the end, are tried a bounded number of times.
  std::string many;
  for (int i = 0; i < 100000; ++i) many += "{n, plural, one {";
  CHECK(fill_placeholders(many, {{"n", "1"}}) == many);
}

TEST_CASE("a core message may hold another message rendered in the same locale") {
  Catalogs c;
  REQUIRE(c.add_catalog(Value::object({{"locale", Value::string("it")},
                                       {"messages", Value::object({
                                           {"outer", Value::string("non valido: {detail}")},
                                           {"inner", Value::string("{expected} a {position}")},
                                           {"what", Value::string("atteso un valore")}})}})));
  Failure f = make_failure("malformed_json", "outer", "", {{"position", "3"}});
  f.message_params = {{"expected", "what"}, {"detail", "inner"}};
  CHECK(c.render("it", f) == "non valido: atteso un valore a 3");
}
