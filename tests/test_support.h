// Small helpers shared by the Catch2 tests: reading files and parsing JSON that must be valid.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "json_io.h"

namespace certcalc::testing {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Parses JSON text the test itself wrote; a parse failure fails the test.
inline Value json(const std::string& text) {
  auto r = parse_json(text);
  REQUIRE_FALSE(r.failure);
  return r.value;
}

inline Value load_json(const std::filesystem::path& p) { return json(slurp(p)); }

/// The same value with the members of every object in reverse order.
inline Value reversed(const Value& v) {
  if (v.is_list()) {
    List items;
    for (const Value& x : v.as_list()) items.push_back(reversed(x));
    return Value::list(std::move(items));
  }
  if (!v.is_object()) return v;
  Members m;
  for (auto it = v.as_object().rbegin(); it != v.as_object().rend(); ++it)
    m.emplace_back(it->first, reversed(it->second));
  return Value::object(std::move(m));
}

}  // namespace certcalc::testing
