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

}  // namespace certcalc::testing
