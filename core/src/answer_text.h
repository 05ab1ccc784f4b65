// An answer written straight as compact JSON text, byte for byte what write_json gives for the
// same Value (json_io.cpp): appended into one growing buffer, with no call per piece (in WASM
// every std::string append is a call into the prebuilt libc++).
#pragma once

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "plain_bytes.h"
#include "utf8.h"
#include "value.h"

namespace certcalc {

class AnswerText {
 public:
  AnswerText() = default;
  AnswerText(const AnswerText&) = delete;
  AnswerText& operator=(const AnswerText&) = delete;

  void raw(std::string_view s) {
    const std::size_t n = s.size();
    char* p = grow(n);
    // Most pieces are a few bytes: copied here rather than by a call, as two words that overlap
    // where the length is not a word's (the compiler makes each fixed-size memcpy one move).
    if (n >= 8 && n <= 16) {
      std::memcpy(p, s.data(), 8);
      std::memcpy(p + n - 8, s.data() + n - 8, 8);
    } else if (n > 16 && n <= 32) {
      std::memcpy(p, s.data(), 16);
      std::memcpy(p + n - 16, s.data() + n - 16, 16);
    } else if (n >= 4 && n < 8) {
      std::memcpy(p, s.data(), 4);
      std::memcpy(p + n - 4, s.data() + n - 4, 4);
    } else if (n < 4) {
      for (std::size_t i = 0; i < n; ++i) p[i] = s[i];
    } else {
      std::memcpy(p, s.data(), n);
    }
  }
  void raw(char c) { *grow(1) = c; }

  /// A JSON string literal.
  void string(std::string_view s) {
    raw('"');
    string_body(s);
    raw('"');
  }

  /// The inside of a JSON string literal (a message is written in pieces).
  void string_body(std::string_view s) {
    // Most texts written are short and need no escaping (ids, keys, field paths, a message's
    // values): told so by two overlapping words, without the scan's byte-by-byte tail.
    if (s.size() >= 4 && s.size() <= 16 && plain_short(s.data(), s.size())) {
      raw(s);
      return;
    }
    static const char* kHex = "0123456789abcdef";
    const char* const end = s.data() + s.size();
    const char* run = s.data();
    const char* p = run;
    while (p < end) {
      p = skip_plain_bytes(p, end);
      if (p == end) break;
      unsigned char c = static_cast<unsigned char>(*p);
      std::size_t n = c < 0x80 ? 1 : utf8_sequence_length(p, end);
      if (c >= 0x80 && n != 0) {
        p += n;
        continue;
      }
      raw(std::string_view(run, static_cast<std::size_t>(p - run)));
      switch (c) {
        case '"': raw("\\\""); break;
        case '\\': raw("\\\\"); break;
        case '\n': raw("\\n"); break;
        case '\r': raw("\\r"); break;
        case '\t': raw("\\t"); break;
        case '\b': raw("\\b"); break;
        case '\f': raw("\\f"); break;
        default:
          if (c < 0x20) {
            char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
            raw(std::string_view(u, 6));
          } else {
            raw("\xEF\xBF\xBD");  // invalid UTF-8: U+FFFD
          }
      }
      ++p;
      run = p;
    }
    raw(std::string_view(run, static_cast<std::size_t>(p - run)));
  }

  void integer(std::int64_t n) {
    char buf[24];
    char* e = buf + sizeof buf;
    char* b = e;
    std::uint64_t m = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
    do {
      *--b = static_cast<char>('0' + m % 10);
      m /= 10;
    } while (m);
    if (n < 0) *--b = '-';
    raw(std::string_view(b, static_cast<std::size_t>(e - b)));
  }

  void boolean(bool b) { raw(b ? std::string_view("true") : std::string_view("false")); }

  /// A Value; a text exactly equal to `stand_in` (when not empty) is written as `id` instead.
  void value(const Value& v, std::string_view stand_in = {}, std::string_view id = {}) {
    switch (v.kind()) {
      case Value::Kind::Null: raw("null"); return;
      case Value::Kind::Bool: boolean(v.as_bool()); return;
      case Value::Kind::Number:
        if (v.is_unrepresentable_number()) raw("null");
        else raw(v.as_number().to_decimal(6));
        return;
      case Value::Kind::String:
        if (!stand_in.empty() && v.as_string() == stand_in) string(id);
        else string(v.as_string());
        return;
      case Value::Kind::Date:
        raw('"');
        raw(v.as_date().to_string());
        raw('"');
        return;
      case Value::Kind::List: {
        raw('[');
        bool first = true;
        for (const Value& x : v.as_list()) {
          if (!first) raw(',');
          first = false;
          value(x, stand_in, id);
        }
        raw(']');
        return;
      }
      case Value::Kind::Object: {
        raw('{');
        bool first = true;
        for (const auto& m : v.as_object()) {
          if (!first) raw(',');
          first = false;
          string(m.first);
          raw(':');
          value(m.second, stand_in, id);
        }
        raw('}');
        return;
      }
    }
  }

  std::size_t size() const { return n_; }
  void reserve(std::size_t n) {
    if (n > capacity_) {
      std::size_t keep = n_;
      grow(n - n_);
      n_ = keep;
    }
  }
  std::string_view view() const { return std::string_view(buf_.get(), n_); }
  void clear() { n_ = 0; }
  std::size_t capacity() const { return capacity_; }
  /// Empties it and gives its memory back.
  void release() {
    buf_.reset();
    capacity_ = n_ = 0;
  }
  std::string take() {
    std::string s(buf_.get(), n_);
    n_ = 0;
    return s;
  }

 private:
  // Whether 4-16 bytes are all ones a JSON string holds as they are (printable ASCII other than
  // '"' and '\\'): the test of skip_plain_bytes (plain_bytes.h) on two words that overlap, a
  // 4-byte word being tested twice over in one 8-byte word. Its false flags only ever follow a
  // real stop, so "any flag" is exact whatever the byte order.
  static bool plain_short(const char* s, std::size_t n) {
    std::uint64_t a, b;
    if (n >= 8) {
      std::memcpy(&a, s, 8);
      std::memcpy(&b, s + n - 8, 8);
    } else {
      std::uint32_t x, y;
      std::memcpy(&x, s, 4);
      std::memcpy(&y, s + n - 4, 4);
      a = x | static_cast<std::uint64_t>(x) << 32;
      b = y | static_cast<std::uint64_t>(y) << 32;
    }
    return !(stops(a) | stops(b));
  }
  static std::uint64_t stops(std::uint64_t w) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ull;
    constexpr std::uint64_t kHigh = 0x8080808080808080ull;
    const std::uint64_t quote = w ^ (kOnes * '"');
    const std::uint64_t slash = w ^ (kOnes * '\\');
    return (w | ((w - kOnes * 0x20) & ~w) | ((quote - kOnes) & ~quote) | ((slash - kOnes) & ~slash)) & kHigh;
  }

  // Grows without filling (std::string::resize would write zeros over every new byte).
  // The test inline, the move to a bigger buffer (rare) out of line: the compiler kept the whole
  // of it a call of its own.
  char* grow(std::size_t k) {
    if (capacity_ - n_ < k) enlarge(k);
    char* p = buf_.get() + n_;
    n_ += k;
    return p;
  }
#if defined(__GNUC__)
  __attribute__((noinline))
#endif
  void enlarge(std::size_t k) {
    std::size_t capacity = std::max(capacity_ * 2, n_ + k + 256);
    std::unique_ptr<char[]> bigger(new char[capacity]);
    if (n_) std::memcpy(bigger.get(), buf_.get(), n_);
    buf_ = std::move(bigger);
    capacity_ = capacity;
  }

  std::unique_ptr<char[]> buf_;
  std::size_t capacity_ = 0;
  std::size_t n_ = 0;
};

/// Compact JSON text laid out as write_json(v, indent) lays out the same value.
inline std::string indent_json(std::string_view compact, int indent) {
  std::string out;
  out.reserve(compact.size() * 2);
  int level = 0;
  auto newline = [&] {
    out += '\n';
    out.append(static_cast<std::size_t>(indent * level), ' ');
  };
  for (std::size_t i = 0; i < compact.size(); ++i) {
    char c = compact[i];
    if (c == '"') {  // a string, copied as it is
      std::size_t j = i + 1;
      while (j < compact.size() && compact[j] != '"') j += compact[j] == '\\' ? 2 : 1;
      out.append(compact, i, j + 1 - i);
      i = j;
    } else if (c == '{' || c == '[') {
      out += c;
      if (i + 1 < compact.size() && (compact[i + 1] == '}' || compact[i + 1] == ']')) {
        out += compact[++i];
        continue;
      }
      ++level;
      newline();
    } else if (c == '}' || c == ']') {
      --level;
      newline();
      out += c;
    } else if (c == ',') {
      out += c;
      newline();
    } else if (c == ':') {
      out += ": ";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace certcalc
