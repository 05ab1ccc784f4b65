#include "rule_files.h"

#include <algorithm>

namespace certcalc {

void add_shared_refs(const Value& doc, std::vector<std::string>& names) {
  if (doc.is_object()) {
    for (const auto& kv : doc.as_object()) {
      if (kv.first == "$shared" && kv.second.is_string()) {
        if (std::find(names.begin(), names.end(), kv.second.as_string()) == names.end())
          names.push_back(kv.second.as_string());
      } else {
        add_shared_refs(kv.second, names);
      }
    }
  } else if (doc.is_list()) {
    for (const auto& v : doc.as_list()) add_shared_refs(v, names);
  }
}

Value with_member(const Value& doc, const std::string& key, Value value) {
  Members m = doc.is_object() ? doc.as_object() : Members();
  for (auto& kv : m)
    if (kv.first == key) {
      kv.second = std::move(value);
      return Value::object(std::move(m));
    }
  m.emplace_back(key, std::move(value));
  return Value::object(std::move(m));
}

Value merge_texts(const Value& messages, const std::string& locale, const Value& texts) {
  if (!texts.is_object() || texts.as_object().empty()) return messages;
  Members m = messages.is_object() ? messages.as_object() : Members();
  for (const auto& t : texts.as_object()) {
    auto it = std::find_if(m.begin(), m.end(), [&](const auto& kv) { return kv.first == t.first; });
    if (it == m.end())
      m.emplace_back(t.first, Value::object({{locale, t.second}}));
    else if (it->second.is_object())
      it->second = with_member(it->second, locale, t.second);
  }
  return Value::object(std::move(m));
}

}  // namespace certcalc
