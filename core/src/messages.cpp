#include "messages.h"

#include <algorithm>
#include <string_view>

#include "json_io.h"

namespace certcalc {

const std::vector<std::string>& supported_locales() {
  static const std::vector<std::string> kLocales = {"en", "nl", "it", "de", "fr"};
  return kLocales;
}

bool is_supported_locale(const std::string& locale) {
  const auto& all = supported_locales();
  return std::find(all.begin(), all.end(), locale) != all.end();
}

bool Catalogs::add_catalog(const Value& catalog) {
  const Value* locale = catalog.find("locale");
  const Value* messages = catalog.find("messages");
  if (!locale || !locale->is_string() || !messages || !messages->is_object()) return false;
  for (const auto& m : messages->as_object())
    if (!m.second.is_string()) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  auto& t = texts_[locale->as_string()];
  for (const auto& m : messages->as_object()) t[m.first] = m.second.as_string();
  return true;
}

void Catalogs::add_source(const std::string& locale, std::string_view text) {
  std::lock_guard<std::mutex> lock(mutex_);
  sources_[locale] = text;
}

const std::map<std::string, std::string>* Catalogs::table(const std::string& locale) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto src = sources_.find(locale);
  if (src != sources_.end()) {
    // A locale's texts are parsed the first time a message in that locale is needed.
    ParseResult r = parse_json(src->second);
    const Value* messages = r.failure ? nullptr : r.value.find("messages");
    auto& table = texts_[locale];
    if (messages)
      for (const auto& m : messages->as_object())
        if (m.second.is_string()) table[m.first] = m.second.as_string();
    sources_.erase(src);
  }
  auto it = texts_.find(locale);
  return it == texts_.end() ? nullptr : &it->second;
}

bool Catalogs::has(const std::string& locale, const std::string& id) const {
  const auto* t = table(locale);
  return t && t->count(id) > 0;
}

std::vector<std::string> Catalogs::ids(const std::string& locale) const {
  std::vector<std::string> out;
  if (const auto* t = table(locale))
    for (const auto& kv : *t) out.push_back(kv.first);
  return out;
}

namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "{name, plural, one {...} other {...}}" starting at text[open], as far as `end`.
struct PluralBlock {
  std::string_view name;
  std::vector<std::pair<std::string_view, std::string_view>> branches;  // selector, text
  std::size_t end = 0;  // just past the closing brace
};

bool parse_plural(std::string_view text, std::size_t open, PluralBlock& out) {
  std::size_t i = open + 1;
  auto skip = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
  };
  auto expect = [&](char c) {
    skip();
    if (i >= text.size() || text[i] != c) return false;
    ++i;
    return true;
  };
  skip();
  std::size_t from = i;
  while (i < text.size() && is_name_char(text[i])) ++i;
  if (i == from) return false;
  out.name = text.substr(from, i - from);
  if (!expect(',')) return false;
  skip();
  if (text.substr(i, 6) != "plural") return false;
  i += 6;
  if (!expect(',')) return false;
  for (;;) {
    skip();
    if (i >= text.size()) return false;
    if (text[i] == '}') {
      out.end = i + 1;
      return !out.branches.empty();
    }
    from = i;
    while (i < text.size() && (is_name_char(text[i]) || text[i] == '=' || text[i] == '.' || text[i] == '-')) ++i;
    if (i == from) return false;
    std::string_view selector = text.substr(from, i - from);
    if (!expect('{')) return false;
    std::size_t body = i;
    int depth = 1;
    for (; i < text.size() && depth > 0; ++i) {
      if (text[i] == '{') ++depth;
      if (text[i] == '}') --depth;
    }
    if (depth > 0) return false;
    out.branches.emplace_back(selector, text.substr(body, i - 1 - body));
  }
}

const std::string* param_named(const Params& params, std::string_view name) {
  for (const auto& p : params)
    if (p.first.size() == name.size() && p.first == name) return &p.second;
  return nullptr;
}

std::string fill(const std::string& text, const Params& params, const std::string& locale, int depth) {
  if (params.empty() || text.find('{') == std::string::npos) return text;
  std::string out;
  out.reserve(text.size() + 16);
  // Linear in the text whatever it holds (a pack's message of a million '{'): the next '}' is
  // searched once for a run of '{' before it, and names are compared in place. Text between
  // placeholders is appended in runs (one call each, not one per byte). A plural block may scan
  // to the end of the text, so at most 16 are tried per text.
  std::size_t close = 0;
  std::size_t run = 0;  // start of the text not yet appended
  std::size_t i = 0;
  int plural_tries = 0;
  while (i < text.size()) {
    std::size_t open = text.find('{', i);
    if (open == std::string::npos) break;
    if (depth < 2 && open + 1 < text.size() && is_name_char(text[open + 1]) && plural_tries < 16) {
      std::size_t comma = open + 1;
      while (comma < text.size() && is_name_char(text[comma])) ++comma;
      while (comma < text.size() && text[comma] == ' ') ++comma;
      PluralBlock block;
      if (comma < text.size() && text[comma] == ',' && ++plural_tries &&
          parse_plural(text, open, block)) {
        if (const std::string* n = param_named(params, block.name)) {
          std::string_view chosen;
          bool found = false;
          for (const auto& b : block.branches)
            if (!found && b.first.size() > 1 && b.first[0] == '=' && b.first.substr(1) == *n) {
              chosen = b.second;
              found = true;
            }
          const char* category = plural_category(locale, *n);
          for (const char* want : {category, "other"})
            for (const auto& b : block.branches)
              if (!found && b.first == want) {
                chosen = b.second;
                found = true;
              }
          if (found) {
            std::string branch;
            for (char c : chosen) {
              if (c == '#') branch += *n;
              else branch += c;
            }
            out.append(text, run, open - run);
            out += fill(branch, params, locale, depth + 1);
            i = run = block.end;
            continue;
          }
        }
      }
    }
    if (close <= open) close = text.find('}', open + 1);
    if (close == std::string::npos) break;  // no '}' after here: nothing more to replace
    std::string_view name(text.data() + open + 1, close - open - 1);
    if (const std::string* value = param_named(params, name)) {
      out.append(text, run, open - run);
      out += *value;
      i = run = close + 1;
    } else {
      i = open + 1;
    }
  }
  out.append(text, run, std::string::npos);
  return out;
}

}  // namespace

namespace {

bool placeholders_at(std::string_view text, int depth, std::vector<std::string>& names, std::string& defect) {
  std::size_t i = 0;
  while ((i = text.find('{', i)) != std::string_view::npos) {
    const std::size_t open = i;
    std::size_t end = open + 1;
    while (end < text.size() && is_name_char(text[end])) ++end;
    std::size_t after = end;
    while (after < text.size() && text[after] == ' ') ++after;
    if (end > open + 1 && after < text.size() && text[after] == ',') {
      PluralBlock block;
      if (!parse_plural(text, open, block)) {
        defect = "the plural block at character " + std::to_string(open) +
                 " is not {name, plural, one {...} other {...}}";
        return false;
      }
      bool other = false;
      for (const auto& b : block.branches) other = other || b.first == "other";
      if (!other) {
        defect = "the plural block of {" + std::string(block.name) + "} has no other branch";
        return false;
      }
      names.emplace_back(block.name);
      // fill() reads plural blocks two levels deep.
      if (depth < 2)
        for (const auto& b : block.branches)
          if (!placeholders_at(b.second, depth + 1, names, defect)) return false;
      i = block.end;
      continue;
    }
    if (end == open + 1 || end >= text.size() || text[end] != '}') {
      defect = "the { at character " + std::to_string(open) + " opens no placeholder {name}";
      return false;
    }
    names.emplace_back(text.substr(open + 1, end - open - 1));
    i = end + 1;
  }
  return true;
}

}  // namespace

bool message_placeholders(std::string_view text, std::vector<std::string>& names, std::string& defect) {
  return placeholders_at(text, 0, names, defect);
}

const char* plural_category(const std::string& locale, std::string_view number) {
  if (!number.empty() && (number[0] == '-' || number[0] == '+')) number.remove_prefix(1);
  std::size_t dot = number.find_first_of(".,");  // a decimal point, or the comma of a parameter in nl/it/de/fr
  std::string_view whole = number.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view() : number.substr(dot + 1);
  if (whole.empty() || !is_digits(whole) || !is_digits(fraction) ||
      (dot != std::string_view::npos && fraction.empty()))
    return "other";
  while (whole.size() > 1 && whole[0] == '0') whole.remove_prefix(1);
  const bool integer = fraction.empty();
  // CLDR: fr counts 0 and 1 (and 1.5) as one; en, nl, de and it only the integer 1. fr and it
  // have "many" for whole millions ("1 000 000 de jours").
  if (locale == "fr" ? (whole == "0" || whole == "1") : (whole == "1" && integer)) return "one";
  if ((locale == "fr" || locale == "it") && integer && whole.size() >= 7 &&
      whole.substr(whole.size() - 6) == "000000")
    return "many";
  return "other";
}

std::string fill_placeholders(const std::string& text, const Params& params, const std::string& locale) {
  return fill(text, params, locale, 0);
}

std::string Catalogs::render(const std::string& locale, const std::string& id,
                             const Params& params, const Value* pack_messages) const {
  bool english = false;
  const std::string* t = text(locale, id, pack_messages, &english);
  // An English fallback text takes English plural rules.
  return fill_placeholders(t ? *t : id, params, english ? std::string("en") : locale);
}

const std::string* Catalogs::text(const std::string& locale, const std::string& id,
                                  const Value* pack_messages, bool* english) const {
  auto from_pack = [&](const std::string& loc) -> const std::string* {
    if (!pack_messages) return nullptr;
    const Value* entry = pack_messages->find(id);
    if (!entry) return nullptr;
    const Value* text = entry->find(loc);
    return text && text->is_string() ? &text->as_string() : nullptr;
  };
  auto from_core = [&](const std::string& loc) -> const std::string* {
    const auto* t = table(loc);
    if (!t) return nullptr;
    auto jt = t->find(id);
    return jt == t->end() ? nullptr : &jt->second;
  };
  const std::string* text = from_pack(locale);
  if (!text) text = from_core(locale);
  if (english) *english = !text;
  if (!text) text = from_pack("en");
  if (!text) text = from_core("en");
  return text;
}

std::string Catalogs::render(const std::string& locale, const Failure& failure,
                             const Value* pack_messages) const {
  if (failure.message_params.empty() && failure.number_params.empty())
    return render(locale, failure.message_id, failure.params, pack_messages);
  Params params = failure.params;
  // A limit such as "0.25" reads "0,25" in a text of any locale but English (an English
  // fallback text keeps its point).
  bool english = locale == "en";
  if (!english && !failure.number_params.empty()) text(locale, failure.message_id, pack_messages, &english);
  if (!english)
    for (auto& p : params)
      if (std::find(failure.number_params.begin(), failure.number_params.end(), p.first) != failure.number_params.end())
        std::replace(p.second.begin(), p.second.end(), '.', ',');
  // In order: a later message may use an earlier one ({detail} holds {expected} and {found}).
  for (const auto& p : failure.message_params)
    params.emplace_back(p.first, render(locale, p.second, params, pack_messages));
  return render(locale, failure.message_id, params, pack_messages);
}

}  // namespace certcalc
