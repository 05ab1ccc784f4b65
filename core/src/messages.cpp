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

std::string fill_placeholders(const std::string& text, const Params& params) {
  if (params.empty() || text.find('{') == std::string::npos) return text;
  std::string out;
  out.reserve(text.size() + 16);
  // Linear in the text whatever it holds (a pack's message of a million '{'): the next '}' is
  // searched once for a run of '{' before it, and names are compared in place. Text between
  // placeholders is appended in runs (one call each, not one per byte).
  std::size_t close = 0;
  std::size_t run = 0;  // start of the text not yet appended
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t open = text.find('{', i);
    if (open == std::string::npos) break;
    if (close <= open) close = text.find('}', open + 1);
    if (close == std::string::npos) break;  // no '}' after here: nothing more to replace
    std::string_view name(text.data() + open + 1, close - open - 1);
    const std::string* value = nullptr;
    for (const auto& p : params)
      if (p.first.size() == name.size() && p.first == name) {
        value = &p.second;
        break;
      }
    if (value) {
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

std::string Catalogs::render(const std::string& locale, const std::string& id,
                             const Params& params, const Value* pack_messages) const {
  const std::string* t = text(locale, id, pack_messages);
  return fill_placeholders(t ? *t : id, params);
}

const std::string* Catalogs::text(const std::string& locale, const std::string& id,
                                  const Value* pack_messages) const {
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
  if (!text) text = from_pack("en");
  if (!text) text = from_core("en");
  return text;
}

}  // namespace certcalc
