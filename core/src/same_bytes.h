// Equality of short byte strings (keys, grades, states) without a call to memcmp: in WASM that is
// a byte-by-byte loop behind a call, and validate compared keys and values 8,000 times a request.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace certcalc {

inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  while (n >= 8) {
    std::uint64_t x, y;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    if (x != y) return false;
    a += 8;
    b += 8;
    n -= 8;
  }
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

inline bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

}  // namespace certcalc
