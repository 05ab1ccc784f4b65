// Equality of short byte strings (keys, grades, states) without a call to memcmp: in WASM that is
// a byte-by-byte loop behind a call, and validate compared keys and values 8,000 times a request.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace certcalc {

inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  // Words that overlap rather than a byte-by-byte tail: a key of 10 bytes is two 8-byte
  // compares, one of 5 two 4-byte ones (keys and values are mostly 3-15 bytes).
  auto same8 = [](const char* x, const char* y) {
    std::uint64_t u, v;
    std::memcpy(&u, x, 8);
    std::memcpy(&v, y, 8);
    return u == v;
  };
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (!same8(a + i, b + i)) return false;
    return same8(a + n - 8, b + n - 8);
  }
  if (n >= 4) {
    std::uint32_t u, v, x, y;
    std::memcpy(&u, a, 4);
    std::memcpy(&v, b, 4);
    std::memcpy(&x, a + n - 4, 4);
    std::memcpy(&y, b + n - 4, 4);
    return u == v && x == y;
  }
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

inline bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

}  // namespace certcalc
