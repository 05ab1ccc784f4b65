#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
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

TEST_CASE("a count with a decimal comma (nl, it, de, fr parameters) takes its plural form too") {
  const std::string fr = "{n, plural, one {# jour} other {# jours}}";
  CHECK(fill_placeholders(fr, {{"n", "1,5"}}, "fr") == "1,5 jour");
  CHECK(fill_placeholders(fr, {{"n", "2,5"}}, "fr") == "2,5 jours");
  CHECK(fill_placeholders("{n, plural, one {# dag} other {# dagen}}", {{"n", "1,5"}}, "nl") == "1,5 dagen");
  CHECK(std::string(plural_category("de", "1,0")) == "other");
}

namespace {

// Every text of the engine's catalogs: core messages, pack messages, shared message sets.
struct CatalogText {
  std::string where, id, locale, text;
};

std::vector<CatalogText> catalog_texts() {
  std::vector<CatalogText> out;
  for (const auto& locale : supported_locales()) {
    Value cat = load_json(kRules / "messages" / (locale + ".json"));
    for (const auto& m : cat.find("messages")->as_object())
      out.push_back({"messages/" + locale + ".json", m.first, locale, m.second.as_string()});
  }
  auto add_set = [&](const std::string& where, const Value& set) {
    for (const auto& m : set.as_object()) {
      if (m.first == "$shared") continue;
      for (const auto& t : m.second.as_object()) out.push_back({where, m.first, t.first, t.second.as_string()});
    }
  };
  for (const auto& e : fs::directory_iterator(kRules / "packs")) {
    Value pack = load_json(e.path());
    if (const Value* m = pack.find("messages")) add_set(e.path().filename().string(), *m);
  }
  for (const auto& e : fs::directory_iterator(kRules / "shared")) {
    std::string name = e.path().filename().string();
    if (name.size() > 14 && name.compare(name.size() - 14, 14, "-messages.json") == 0)
      add_set(name, *load_json(e.path()).find("data"));
  }
  return out;
}

// The sentence around the placeholders: {name} removed, and of a plural block
// {n, plural, one {...} other {...}} only the branches' words kept.
std::string without_placeholders(const std::string& text) {
  std::string s = std::regex_replace(text, std::regex("\\{[a-zA-Z]+\\}"), "");
  s = std::regex_replace(s, std::regex("\\{[a-zA-Z]+, *plural, *"), "");
  s = std::regex_replace(s, std::regex("(=[0-9]+|zero|one|two|few|many|other) *\\{"), " ");
  return std::regex_replace(s, std::regex("\\}"), " ");
}

}  // namespace

// People read these texts: a request field's name (tsDays, previousCertificateExpiry) says
// nothing to someone filling in a form, so texts name fields in words ("the T_S from your
// certification body"). Only a {field} placeholder may carry a field's name (request errors,
// whose path names the field anyway).
TEST_CASE("no catalog text holds a raw camelCase name inside a sentence") {
  // (after a backslash it is a JSON escape, \uDC00, which the JSON syntax messages show)
  std::regex camel("(^|[^A-Za-z0-9_{\\\\])([a-z][a-z0-9]*[A-Z][A-Za-z0-9]*)");
  std::size_t texts = 0;
  for (const auto& t : catalog_texts()) {
    std::smatch m;
    std::string plain = without_placeholders(t.text);
    INFO(t.where << " " << t.id << " " << t.locale << ": " << t.text);
    CHECK_FALSE(std::regex_search(plain, m, camel));
    ++texts;
  }
  CHECK(texts > 1500);
}

// "1 maggiori", "1 days": a count written before a counted noun takes a plural block
// {n, plural, one {# day} other {# days}}, which picks the form for the count (fill_placeholders).
TEST_CASE("counts before counted nouns use plural forms in every catalog") {
  const std::map<std::string, std::string> nouns = {
      {"en", "days?|hours?|non-?conformit(y|ies)|findings?"},
      {"nl", "dag(en)?|uur|afwijkingen?|non-conformiteit(en)?|bevinding(en)?"},
      {"it", "giorn[oi]|or[ae]|rilievi?"},  // "non conformità" does not change
      {"de", "Tag(e|en)?|Stunden?|Abweichung(en)?|Feststellung(en)?"},
      {"fr", "jours?|heures?|non-conformités?|constats?"}};
  for (const auto& t : catalog_texts()) {
    std::regex bare("\\{[a-zA-Z]+\\}\\s+(" + nouns.at(t.locale) + ")\\b");
    INFO(t.where << " " << t.id << " " << t.locale << ": " << t.text);
    CHECK_FALSE(std::regex_search(t.text, bare));
  }
  // And every plural block has the form for any other count.
  for (const auto& t : catalog_texts()) {
    for (std::size_t at = t.text.find(", plural,"); at != std::string::npos; at = t.text.find(", plural,", at + 1)) {
      INFO(t.where << " " << t.id << " " << t.locale << ": " << t.text);
      CHECK(t.text.find("other {", at) != std::string::npos);
    }
  }
}

TEST_CASE("plural forms in real messages agree with their counts in every locale") {
  Catalogs c;
  for (const auto& locale : supported_locales())
    REQUIRE(c.add_catalog(load_json(kRules / "messages" / (locale + ".json"))));
  Value brcgs = *load_json(kRules / "shared" / "brcgs-messages.json").find("data");
  auto row = [&](const char* locale, const char* major, const char* minor) {
    return c.render(locale, "brcgs_grade_row",
                    {{"critical", "0"}, {"major", major}, {"minor", minor}, {"grade", "C"}}, &brcgs);
  };
  // The issue's example: Italian "1 maggiori".
  CHECK(row("it", "1", "1").find("1 maggiore e 1 minore danno") != std::string::npos);
  CHECK(row("it", "2", "3").find("2 maggiori e 3 minori") != std::string::npos);
  CHECK(row("en", "1", "1").find("1 minor non-conformity give") != std::string::npos);
  CHECK(row("fr", "1", "1").find("0 non-conformité critique, 1 majeure et 1 mineure") != std::string::npos);
  CHECK(row("de", "2", "1").find("1 geringfügige Abweichung ergeben") != std::string::npos);
  CHECK(row("nl", "2", "7").find("7 kleine non-conformiteiten geven") != std::string::npos);
  CHECK(c.render("en", "validate_overdue", {{"kind", "closure"}, {"date", "2026-04-07"}, {"days", "1"}})
            .find("1 day ago") != std::string::npos);
  CHECK(c.render("de", "validate_overdue", {{"kind", "Abschluss"}, {"date", "2026-04-07"}, {"days", "3"}})
            .find("vor 3 Tagen") != std::string::npos);
}

// "cause racine est très court": a field's name inside a sentence stands in quotes after the
// word for field, so the sentence agrees whatever the name's gender and number.
TEST_CASE("field labels are framed as field names, never as the subject of a sentence") {
  for (const auto& t : catalog_texts()) {
    if (t.text.find("{label}") == std::string::npos) continue;
    INFO(t.where << " " << t.id << " " << t.locale << ": " << t.text);
    CHECK(std::regex_search(t.text, std::regex("(field|veld|campo|Feld|champ).{1,5}\\{label\\}|\\{label\\} field")));
  }
}

TEST_CASE("message_placeholders names a text's placeholders and finds what fill_placeholders cannot read") {
  std::vector<std::string> names;
  std::string defect;
  CHECK(message_placeholders("{a} and {n, plural, =0 {none} one {one of {who}} other {# of {who}}}", names, defect));
  CHECK(names == std::vector<std::string>{"a", "n", "who", "who"});
  for (const char* bad : {"{n, plural, one {a}}", "{n, plural, one {x", "a { b", "{}", "{a b}", "{a"}) {
    INFO(bad);
    names.clear();
    CHECK_FALSE(message_placeholders(bad, names, defect));
    CHECK_FALSE(defect.empty());
  }
  // Every core text reads (packs' texts are checked when a pack loads).
  for (const auto& locale : supported_locales()) {
    Value cat = load_json(kRules / "messages" / (locale + ".json"));
    for (const auto& m : cat.find("messages")->as_object()) {
      INFO(locale << " " << m.first << ": " << defect);
      names.clear();
      CHECK(message_placeholders(m.second.as_string(), names, defect));
    }
  }
}
