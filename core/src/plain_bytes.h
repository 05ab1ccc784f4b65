// Finds the end of a run of bytes that a JSON string holds as they are (printable ASCII other
// than '"' and '\\'), eight bytes at a time: requests and answers are mostly such runs.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace certcalc {

// Byte by byte: the last few bytes, and every byte on a big-endian machine.
inline const char* plain_bytes_tail(const char* p, const char* end);

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
constexpr bool kLittleEndian = true;
#else
constexpr bool kLittleEndian = false;
#endif

inline const char* skip_plain_bytes(const char* p, const char* end) {
#if defined(__SSE2__)
  // Sixteen bytes at a time where every x86-64 processor can (the native build): a byte stops
  // the run if it is '"', '\\' or below 0x20 compared as signed, which takes in 0x80-0xFF.
  {
    const __m128i quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
    while (end - p >= 16) {
      const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, quote), _mm_cmpeq_epi8(w, slash)),
                                        _mm_cmpgt_epi8(space, w));
      if (const int mask = _mm_movemask_epi8(stop)) return p + __builtin_ctz(static_cast<unsigned>(mask));
      p += 16;
    }
  }
#endif
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  while (end - p >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    std::uint64_t quote = w ^ (kOnes * '"');
    std::uint64_t slash = w ^ (kOnes * '\\');
    // A byte's high bit is set in `stop` if it is >= 0x80, < 0x20, '"' or '\\' (and possibly
    // for bytes after such a one).
    std::uint64_t stop = (w | ((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) |
                          ((slash - kOnes) & ~slash)) & kHigh;
    // The lowest flagged byte is always a real stop (a false flag only follows a real one);
    // bytes are loaded little-endian, the lowest byte first.
    if (stop) return kLittleEndian ? p + (__builtin_ctzll(stop) >> 3) : plain_bytes_tail(p, end);
    p += 8;
  }
  return plain_bytes_tail(p, end);
}

inline const char* plain_bytes_tail(const char* p, const char* end) {
  while (p < end) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
    ++p;
  }
  return p;
}

}  // namespace certcalc
