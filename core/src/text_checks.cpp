#include "text_checks.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "plain_bytes.h"
#include "same_bytes.h"
#include "utf8.h"

namespace certcalc {
namespace {

// Decodes one UTF-8 code point at s[i] (advancing i); invalid bytes decode as themselves.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  std::uint32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra && i < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

bool is_word_char(std::uint32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
         cp == '\'' || cp == 0x2019 || (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7);
}

std::uint32_t fold(std::uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;  // Latin-1 capitals
  if (cp == 0x2019) return '\'';
  return cp;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

// What a byte becomes: its lower case when it is an ASCII word character, 0 when it separates
// words, 1 when it starts a non-ASCII code point (read in full below).
struct ByteFold {
  unsigned char to[256] = {};
  constexpr ByteFold() {
    for (int c = '0'; c <= '9'; ++c) to[c] = static_cast<unsigned char>(c);
    for (int c = 'a'; c <= 'z'; ++c) to[c] = static_cast<unsigned char>(c);
    for (int c = 'A'; c <= 'Z'; ++c) to[c] = static_cast<unsigned char>(c + 32);
    to[static_cast<int>('\'')] = '\'';
    for (int c = 0x80; c < 0x100; ++c) to[c] = 1;
  }
};
constexpr ByteFold kByteFold;

namespace {

constexpr std::uint64_t lanes(unsigned b) { return 0x0101010101010101ull * b; }
constexpr std::uint64_t kHigh = lanes(0x80);

// Eight bytes of ASCII word characters and spaces, no two spaces side by side: lower case into
// `folded`, with which lanes are spaces; false for anything else (then byte by byte). Every lane
// is below 0x80 before the tests, so no sum carries into the next lane.
inline bool plain_words(std::uint64_t x, std::uint64_t& folded, std::uint64_t& spaces) {
  if (!kLittleEndian || (x & kHigh)) return false;
  auto at_least = [](std::uint64_t v, unsigned c) { return (v + lanes(0x80 - c)) & kHigh; };
  auto at_most = [](std::uint64_t v, unsigned c) { return ~(v + lanes(0x7F - c)) & kHigh; };
  auto equal = [](std::uint64_t v, unsigned c) { return ~((v ^ lanes(c)) + lanes(0x7F)) & kHigh; };
  const std::uint64_t t = x | lanes(0x20);  // A-Z to a-z; digits, "'" and " " stay
  const std::uint64_t word = (at_least(t, 'a') & at_most(t, 'z')) | (at_least(t, '0') & at_most(t, '9')) |
                             equal(t, '\'');
  const std::uint64_t sp = equal(x, ' ');
  // Below 0x20 a byte could pass as a word character once 0x20 is added in: not one.
  if (((word & at_least(x, 0x20)) | sp) != kHigh || (sp & (sp << 8))) return false;
  folded = t;
  spaces = sp;
  return true;
}

#if defined(__SSE2__)
// The lanes of word characters (as in kByteFold: a-z, 0-9, the apostrophe) among sixteen bytes x,
// t being x with 0x20 set (A-Z as a-z). Compared as signed, bytes from 0x80 are below 0x20 and
// fail the last test.
inline __m128i word_lanes(const __m128i x, const __m128i t) {
  auto in = [&](char lo, char hi) {
    return _mm_and_si128(_mm_cmpgt_epi8(t, _mm_set1_epi8(static_cast<char>(lo - 1))),
                         _mm_cmpgt_epi8(_mm_set1_epi8(static_cast<char>(hi + 1)), t));
  };
  return _mm_and_si128(_mm_or_si128(_mm_or_si128(in('a', 'z'), in('0', '9')), _mm_cmpeq_epi8(t, _mm_set1_epi8('\''))),
                       _mm_cmpgt_epi8(x, _mm_set1_epi8(0x1F)));
}

// plain_words() for sixteen bytes, as far as they go: lower case into `folded`, the spaces' lanes
// as bits of `sp`, and the lanes that end the run (a byte that is neither a word character nor a
// space, or the second of two spaces) as bits of the result. Compared as signed, bytes from 0x80
// are below 0x20 and fail the first test.
inline unsigned plain_words16(const unsigned char* p, __m128i& folded, unsigned& sp) {
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i t = _mm_or_si128(x, _mm_set1_epi8(0x20));
  const __m128i word = word_lanes(x, t);
  const __m128i space = _mm_cmpeq_epi8(x, _mm_set1_epi8(' '));
  sp = static_cast<unsigned>(_mm_movemask_epi8(space));
  folded = t;
  return (~static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(word, space))) & 0xFFFFu) | (sp & (sp << 1));
}
#endif

#if defined(__SSE2__)
// A text of 1-16 ASCII bytes that starts and ends with a word character and whose separators
// stand alone (a file name such as "QP-0-rev2.pdf", its extension, an id): each separator
// becomes one space and each word character its lower case, all in one step, the length kept.
// Writes sixteen bytes at w; false (nothing meant) for any other text.
inline bool short_plain_text(const unsigned char* s, std::size_t n, char* w) {
  alignas(16) unsigned char bytes[16] = {};
  std::memcpy(bytes, s, n);
  const __m128i x = _mm_load_si128(reinterpret_cast<const __m128i*>(bytes));
  const __m128i t = _mm_or_si128(x, _mm_set1_epi8(0x20));  // A-Z to a-z
  const __m128i word = word_lanes(x, t);
  const unsigned all = (1u << n) - 1;
  const unsigned words = static_cast<unsigned>(_mm_movemask_epi8(word)) & all;
  const unsigned high = static_cast<unsigned>(_mm_movemask_epi8(x)) & all;  // bytes from 0x80
  const unsigned separators = ~words & all;
  if (high || !(words & 1u) || !(words >> (n - 1) & 1u) || (separators & (separators << 1))) return false;
  const __m128i out = _mm_or_si128(_mm_and_si128(word, t), _mm_andnot_si128(word, _mm_set1_epi8(' ')));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(w), out);
  return true;
}
#endif

// Takes words and single spaces from p a block at a time while the blocks pass (most of a text
// is such runs): lower case into w, a space at either end of a block pending in `space` like any
// other separator until a word follows. Leaves p at the byte the blocks stop at; false once
// fewer than sixteen bytes are left there, as normalize_into then goes byte by byte.
inline bool take_blocks(const unsigned char* __restrict& p, const unsigned char* end, char* __restrict& w,
                        const char* start, bool& space) {
#if defined(__SSE2__)
  // The same sixteen bytes at a time where every x86-64 processor can (the native build).
  // A block that stops early gives the bytes before its stop the same way (the stop itself is
  // left to the byte-by-byte path below): a full stop or a hyphen costs a text one block.
  while (end - p >= 16) {
    unsigned sp = 0;
    __m128i folded16;
    const unsigned stops = plain_words16(p, folded16, sp);
    const std::size_t n = stops ? static_cast<std::size_t>(__builtin_ctz(stops)) : 16;
    const std::size_t from = sp & 1u;
    if (n == from) break;  // nothing, or a lone space: the byte-by-byte path keeps it pending
    const std::size_t to = (sp >> (n - 1)) & 1u ? n - 1 : n;
    if ((space || from) && w != start) *w++ = ' ';
    // All sixteen stored (into the spare bytes at the end), only the run's kept.
    _mm_storeu_si128(reinterpret_cast<__m128i*>(w), from ? _mm_srli_si128(folded16, 1) : folded16);
    w += to - from;
    space = to + 1 == n;
    p += n;
    if (n < 16) break;
  }
#endif
  std::uint64_t folded, spaces;
  while (end - p >= 8) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    if (!plain_words(x, folded, spaces)) break;
    const std::size_t from = (spaces & 0x80u) ? 1 : 0, to = (spaces >> 56) ? 7 : 8;
    if ((space || from) && w != start) *w++ = ' ';
    // All eight stored (into the spare bytes at the end), the first dropped if a space.
    folded >>= 8 * from;
    std::memcpy(w, &folded, 8);
    w += to - from;
    space = to == 7;
    p += 8;
  }
  return end - p >= 16;
}

}  // namespace

// Written at most as long as the text (folding keeps or shortens a code point, one space stands
// for at least one dropped byte).
std::string_view normalize_into(std::string_view s, TextBuffer& buffer) {
  // Sixteen spare bytes: the fast paths below store sixteen or eight at a time, one place ahead
  // at most.
  char* const start = buffer.reserve(s.size() + 16);
#if defined(__SSE2__)
  // Short texts in one step where they can be (two names and two extensions a finding).
  if (!s.empty() && s.size() <= 16 &&
      short_plain_text(reinterpret_cast<const unsigned char*>(s.data()), s.size(), start))
    return std::string_view(start, s.size());
#endif
  char* __restrict w = start;
  bool space = false;  // a separator since the last word character, after a first one
  const unsigned char* __restrict p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char* const end = p + s.size();
  // Whether the blocks below are still worth a try. Once an eight-byte block has failed with
  // fewer than sixteen bytes left (a file name such as "QP-0-rev2.pdf", the end of a sentence),
  // the rest goes byte by byte: retried at every word and separator, the block cost more than
  // the bytes it could take.
  bool blocks = true;
  while (p < end) {
    if (blocks) blocks = take_blocks(p, end, w, start, space);
    if (p == end) break;
    unsigned t = kByteFold.to[*p];
    if (t == 0) {
      ++p;
      space = w != start;
      continue;
    }
    if (t > 1) {  // an ASCII word: most of every text
      if (space) *w++ = ' ';
      space = false;
      do {
        *w++ = static_cast<char>(t);
        ++p;
      } while (p < end && (t = kByteFold.to[*p]) > 1);
      continue;
    }
    std::size_t i = static_cast<std::size_t>(p - reinterpret_cast<const unsigned char*>(s.data()));
    std::uint32_t cp = fold(next_code_point(s, i));
    p = reinterpret_cast<const unsigned char*>(s.data()) + i;
    if (!is_word_char(cp)) {
      space = w != start;
      continue;
    }
    if (space) *w++ = ' ';
    space = false;
    if (cp < 0x80) {
      *w++ = static_cast<char>(cp);
    } else if (cp < 0x800) {
      *w++ = static_cast<char>(0xC0 | (cp >> 6));
      *w++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      *w++ = static_cast<char>(0xE0 | (cp >> 12));
      *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *w++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      *w++ = static_cast<char>(0xF0 | (cp >> 18));
      *w++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *w++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return std::string_view(start, static_cast<std::size_t>(w - start));
}

std::string normalize(std::string_view s) {
  TextBuffer buffer;
  return std::string(normalize_into(s, buffer));
}

namespace {

// Whether a code point shows nothing: Unicode's White_Space (PropList.txt) and the invisible
// Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt) that a pasted text brings, such
// as the zero-width space, the byte order mark and the soft hyphen, and the control characters.
bool shows_nothing(std::uint32_t cp) {
  if (cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0)) return true;
  switch (cp) {
    case 0xAD: case 0x34F: case 0x61C: case 0x115F: case 0x1160: case 0x1680: case 0x17B4:
    case 0x17B5: case 0x3000: case 0x3164: case 0xFEFF: case 0xFFA0:
      return true;
    default:
      break;
  }
  return (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x2000 && cp <= 0x200F) ||
         (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1D173 && cp <= 0x1D17A) ||
         (cp >= 0xE0000 && cp <= 0xE0FFF);
}

}  // namespace

bool blank_from(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    // ASCII without decoding: most texts start with a letter (decoding every byte cost a 500-finding
    // validate 0.25% more instructions).
    if (c < 0x80) {
      if (c > 0x20 && c != 0x7F) return false;
      ++i;
    } else if (!shows_nothing(next_code_point(s, i))) {
      return false;
    }
  }
  return true;
}

std::int64_t char_count(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_blank(s[b])) ++b;
  while (e > b && is_blank(s[e - 1])) --e;
  std::int64_t n = 0;
  for (std::size_t i = b; i < e; ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

std::int64_t word_count(std::string_view normalized) {
  if (normalized.empty()) return 0;
  return 1 + std::count(normalized.begin(), normalized.end(), ' ');
}

// std::string::find may take |hay| x |needle| steps, minutes for two 1 MB texts such as
// "aaa...a" and "aaa...ab" sent by a hostile request.
bool contains_text(std::string_view hay, std::string_view needle, std::vector<std::size_t>& border) {
  if (needle.empty()) return true;
  border.assign(needle.size(), 0);
  for (std::size_t i = 1, k = 0; i < needle.size(); ++i) {
    while (k > 0 && needle[i] != needle[k]) k = border[k - 1];
    if (needle[i] == needle[k]) ++k;
    border[i] = k;
  }
  for (std::size_t i = 0, k = 0; i < hay.size(); ++i) {
    while (k > 0 && hay[i] != needle[k]) k = border[k - 1];
    if (hay[i] == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

Copy copy_of(std::string_view na, std::string_view nb, std::vector<std::size_t>& border) {
  if (na.empty() || nb.empty()) return Copy::None;
  if (same_text(na, nb)) return Copy::Same;
  std::string_view shorter = na.size() < nb.size() ? na : nb;
  std::string_view longer = na.size() < nb.size() ? nb : na;
  if (shorter.size() < 20 || shorter.size() * 5 < longer.size() * 4) return Copy::None;
  // The copy can only start in the first (longer - shorter + 1) bytes: compared there directly
  // while that stays linear, else by Knuth-Morris-Pratt.
  const std::size_t last = longer.size() - shorter.size();
  std::size_t budget = 4 * longer.size();
  for (std::size_t at = 0; at <= last; ++at) {
    at = longer.find(shorter[0], at);
    if (at == std::string_view::npos || at > last) return Copy::None;
    if (budget < shorter.size()) return contains_text(longer, shorter, border) ? Copy::Near : Copy::None;
    budget -= shorter.size();
    if (same_bytes(longer.data() + at, shorter.data(), shorter.size())) return Copy::Near;
  }
  return Copy::None;
}

std::string_view media_type_of(std::string_view s, std::string& out) {
  auto plain = [](char c) { return c != ';' && c != ' ' && c != '\t' && !(c >= 'A' && c <= 'Z'); };
  if (std::all_of(s.begin(), s.end(), plain)) return s;
  out.clear();
  for (char c : s) {
    if (c == ';') break;
    if (c == ' ' || c == '\t') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  return out;
}

}  // namespace certcalc
