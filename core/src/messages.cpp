#include "messages.h"

#include <algorithm>

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
  auto& table = texts_[locale->as_string()];
  for (const auto& m : messages->as_object()) table[m.first] = m.second.as_string();
  return true;
}

bool Catalogs::has(const std::string& locale, const std::string& id) const {
  auto it = texts_.find(locale);
  return it != texts_.end() && it->second.count(id) > 0;
}

std::vector<std::string> Catalogs::ids(const std::string& locale) const {
  std::vector<std::string> out;
  auto it = texts_.find(locale);
  if (it == texts_.end()) return out;
  for (const auto& kv : it->second) out.push_back(kv.first);
  return out;
}

std::string fill_placeholders(const std::string& text, const Params& params) {
  if (params.empty() || text.find('{') == std::string::npos) return text;
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '{') {
      std::size_t close = text.find('}', i + 1);
      if (close != std::string::npos) {
        std::string name = text.substr(i + 1, close - i - 1);
        bool found = false;
        for (const auto& p : params) {
          if (p.first == name) {
            out += p.second;
            found = true;
            break;
          }
        }
        if (found) {
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

std::string Catalogs::render(const std::string& locale, const std::string& id,
                             const Params& params, const Value* pack_messages) const {
  auto from_pack = [&](const std::string& loc) -> const std::string* {
    if (!pack_messages) return nullptr;
    const Value* entry = pack_messages->find(id);
    if (!entry) return nullptr;
    const Value* text = entry->find(loc);
    return text && text->is_string() ? &text->as_string() : nullptr;
  };
  auto from_core = [&](const std::string& loc) -> const std::string* {
    auto it = texts_.find(loc);
    if (it == texts_.end()) return nullptr;
    auto jt = it->second.find(id);
    return jt == it->second.end() ? nullptr : &jt->second;
  };
  const std::string* text = from_pack(locale);
  if (!text) text = from_core(locale);
  if (!text) text = from_pack("en");
  if (!text) text = from_core("en");
  return fill_placeholders(text ? *text : id, params);
}

}  // namespace certcalc
