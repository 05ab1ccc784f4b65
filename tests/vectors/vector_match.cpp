#include "vector_match.h"

#include "json_io.h"

namespace certcalc {

std::optional<std::string> match_expected(const Value& expected, const Value& actual,
                                          const std::string& pointer) {
  auto differ = [&](const std::string& why) {
    return pointer + ": " + why + " (expected " + write_json(expected) + ", got " +
           write_json(actual) + ")";
  };
  if (expected.is_object()) {
    if (!actual.is_object()) return differ("not an object");
    for (const auto& m : expected.as_object()) {
      const Value* a = actual.find(m.first);
      if (!a) return pointer_append(pointer, m.first) + ": missing from the answer";
      if (auto r = match_expected(m.second, *a, pointer_append(pointer, m.first))) return r;
    }
    return std::nullopt;
  }
  if (expected.is_list()) {
    if (!actual.is_list()) return differ("not a list");
    if (expected.as_list().size() != actual.as_list().size()) return differ("list length differs");
    for (std::size_t i = 0; i < expected.as_list().size(); ++i)
      if (auto r = match_expected(expected.as_list()[i], actual.as_list()[i],
                                  pointer_append(pointer, i)))
        return r;
    return std::nullopt;
  }
  if (!expected.equals(actual)) return differ("values differ");
  return std::nullopt;
}

}  // namespace certcalc
