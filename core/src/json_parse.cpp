// The JSON reader: one pass over the bytes, straight into Values. Strict RFC 8259 (what
// nlohmann's strict parser accepts, which tests/unit/json_parse_test.cpp holds it to), plus the
// checks a request needs: duplicate keys, nesting depth, valid UTF-8, exact numbers.
#include <algorithm>
#include <string>
#include <unordered_set>

#include "json_io.h"
#include "plain_bytes.h"
#include "utf8.h"

namespace certcalc {
namespace {

constexpr std::int64_t kInt64Max = INT64_MAX;

// 2^1024 - 2^970: the smallest decimal value a correctly rounding strtod turns into infinity (it
// lies halfway between DBL_MAX and 2^1024, and a tie goes to the even 2^1024).
constexpr char kOverflow[] =
    "17976931348623158079372897140530341507993413271003782693617377898044496829276475094664901797"
    "75872070963302864166928879109465555478519404026306574886715058206819089020007083836762738548"
    "45817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711"
    "559699508093042880177904174497792";

// Whether a JSON number's text is a finite double (what std::isfinite(std::strtod(text)) says),
// without strtod: in WebAssembly it brings 12 KB of long-double arithmetic for this one test.
bool finite_as_double(std::string_view text) {
  std::size_t i = text.size() && text[0] == '-' ? 1 : 0;
  std::string digits;  // significant digits, the first one not 0
  long long point = 0;  // the value is 0.<digits> x 10^point
  bool fraction = false;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.') {
      fraction = true;
      continue;
    }
    if (digits.empty() && text[i] == '0') {
      if (fraction) --point;
      continue;
    }
    if (!fraction) ++point;
    if (digits.size() < sizeof kOverflow) digits += text[i];
  }
  if (digits.empty()) return true;  // zero
  long long exponent = 0;
  if (i < text.size()) {
    bool negative = ++i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    for (; i < text.size(); ++i) exponent = std::min(exponent * 10 + (text[i] - '0'), 1000000000LL);
    if (negative) exponent = -exponent;
  }
  point += exponent;
  constexpr long long kDigits = sizeof kOverflow - 1;  // 309: the threshold is 0.1797... x 10^309
  if (point != kDigits) return point < kDigits;
  // Same magnitude: compare the digits; a prefix of the threshold is below it (it ends in 2).
  std::size_t n = std::min(digits.size(), static_cast<std::size_t>(kDigits));
  int c = digits.compare(0, n, kOverflow, n);
  return c != 0 ? c < 0 : digits.size() < static_cast<std::size_t>(kDigits);
}

bool is_space(unsigned char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

class Reader {
 public:
  Reader(std::string_view text, std::size_t max_depth)
      : p_(text.data()), begin_(text.data()), end_(text.data() + text.size()), max_depth_(max_depth) {}

  ParseResult run() {
    ParseResult r;
    // A UTF-8 byte order mark is skipped, as every JSON reader of a pasted file should.
    if (end_ - p_ >= 1 && static_cast<unsigned char>(*p_) == 0xEF) {
      if (end_ - p_ >= 3 && static_cast<unsigned char>(p_[1]) == 0xBB &&
          static_cast<unsigned char>(p_[2]) == 0xBF)
        p_ += 3;
      else
        return fail_result(p_, "json_invalid_utf8");
    }
    skip_space();
    if (p_ == end_) {
      r.failure = make_failure("malformed_json", "empty_request", "", {{"position", position(p_)}});
      return r;
    }
    if (!document()) {
      r.failure = std::move(failure_);
      return r;
    }
    r.value = std::move(values_.back());
    return r;
  }

 private:
  struct Frame {
    bool is_object = false;
    bool has_key = false;          // an object's key is read and its value not yet
    std::size_t first_value = 0;   // this container's first entry in values_
    std::size_t first_key = 0;     // this object's first entry in keys_
    std::unordered_set<std::string> seen;  // keys of a large object (linear time)
  };

  // Containers are read without recursion: nesting is bounded by max_depth, not by the stack.
  bool document() {
    for (;;) {
      skip_space();
      bool opened = false;
      if (!value(opened)) return false;
      if (opened) continue;  // a container's first entry comes next
      // After a value: close containers or move to the next entry.
      for (;;) {
        if (frames_.empty()) {
          skip_space();
          return p_ == end_ || fail(p_, "json_expected_end");
        }
        Frame& f = frames_.back();
        if (f.is_object) f.has_key = false;
        skip_space();
        const char* after = f.is_object ? "json_expected_comma_or_brace" : "json_expected_comma_or_bracket";
        if (p_ == end_) return fail(p_, after);
        char c = *p_;
        if (c == ',') {
          ++p_;
          if (f.is_object && !key("json_expected_key_after_comma")) return false;
          if (!f.is_object) expect_value_ = "json_expected_value_after_comma";
          break;  // the next value
        }
        if (c != (f.is_object ? '}' : ']')) return fail(p_, after);
        ++p_;
        close();
      }
    }
  }

  // One value. A container is opened and left open for its entries (`opened`; an object's first
  // key is read), unless it is empty.
  bool value(bool& opened) {
    if (p_ == end_) return fail(p_, expect_value_);
    switch (*p_) {
      case '{':
      case '[': {
        bool is_object = *p_ == '{';
        if (frames_.size() >= max_depth_)
          return fail_with("too_deep", "too_deep", path(), {{"limit", std::to_string(max_depth_)}});
        ++p_;
        Frame f;
        f.is_object = is_object;
        f.first_value = values_.size();
        f.first_key = keys_.size();
        frames_.push_back(std::move(f));
        skip_space();
        if (p_ < end_ && *p_ == (is_object ? '}' : ']')) {
          ++p_;
          close();
          return true;
        }
        opened = true;
        expect_value_ = "json_expected_value_or_bracket";
        return !is_object || key("json_expected_key_or_brace");
      }
      case '"': {
        std::string s;
        if (!string(s)) return false;
        values_.push_back(Value::string(std::move(s)));
        return true;
      }
      case 't': return literal("true", Value::boolean(true));
      case 'f': return literal("false", Value::boolean(false));
      case 'n': return literal("null", Value());
      default: return number();
    }
  }

  // Reads `"key" :` into the open object, refusing a key it already has. `expected` says what
  // was expected when no key is there.
  bool key(const char* expected) {
    skip_space();
    if (p_ == end_ || *p_ != '"') return fail(p_, expected);
    std::string k;
    if (!string(k)) return false;
    Frame& f = frames_.back();
    bool duplicate = false;
    if (!f.seen.empty()) {
      duplicate = f.seen.count(k) > 0;
    } else {
      for (std::size_t i = f.first_key; i < keys_.size() && !duplicate; ++i) duplicate = keys_[i] == k;
    }
    if (duplicate)
      return fail_with("duplicate_key", "duplicate_key", pointer_append(path(), k), {{"key", clipped(k, 120)}});
    // Large objects switch from a linear scan to a set so hostile input stays linear.
    if (!f.seen.empty()) {
      f.seen.insert(k);
    } else if (keys_.size() - f.first_key == 15) {
      for (std::size_t i = f.first_key; i < keys_.size(); ++i) f.seen.insert(keys_[i]);
      f.seen.insert(k);
    }
    keys_.push_back(std::move(k));
    f.has_key = true;
    skip_space();
    if (p_ == end_ || *p_ != ':') return fail(p_, "json_expected_colon");
    ++p_;
    skip_space();
    expect_value_ = "json_expected_value_after_colon";
    return true;
  }

  void close() {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    auto first = values_.begin() + static_cast<std::ptrdiff_t>(f.first_value);
    Value v;
    if (f.is_object) {
      Members m;
      m.reserve(values_.size() - f.first_value);
      for (std::size_t i = f.first_value, k = f.first_key; i < values_.size(); ++i, ++k)
        m.emplace_back(std::move(keys_[k]), std::move(values_[i]));
      keys_.resize(f.first_key);
      v = Value::object(std::move(m));
    } else {
      List items(std::make_move_iterator(first), std::make_move_iterator(values_.end()));
      v = Value::list(std::move(items));
    }
    values_.resize(f.first_value);
    values_.push_back(std::move(v));
  }

  bool literal(const char* word, Value v) {
    for (const char* w = word; *w; ++w, ++p_)
      if (p_ == end_ || *p_ != *w) return fail(p_, "json_expected_word", {{"word", word}});
    values_.push_back(std::move(v));
    return true;
  }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, kept exact: integers that fit an int64
  // directly, others through Exact::parse of their own text; a magnitude no double can hold
  // (1e400) is a field defect, any other number no Exact can hold is marked unrepresentable.
  bool number() {
    const char* start = p_;
    bool neg = false;
    if (*p_ == '-') {
      neg = true;
      ++p_;
    }
    if (!neg && (p_ == end_ || *p_ < '0' || *p_ > '9')) return fail(p_, expect_value_);
    if (p_ == end_ || *p_ < '0' || *p_ > '9') return fail(p_, "json_expected_digit");
    bool fits = true;
    std::uint64_t mag = 0;
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
        unsigned d = static_cast<unsigned>(*p_ - '0');
        if (mag > (UINT64_MAX - d) / 10) fits = false;
        if (fits) mag = mag * 10 + d;
        ++p_;
      }
    }
    bool integer = true;
    if (p_ < end_ && *p_ == '.') {
      integer = false;
      ++p_;
      if (p_ == end_ || *p_ < '0' || *p_ > '9') return fail(p_, "json_expected_digit");
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      integer = false;
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || *p_ < '0' || *p_ > '9') return fail(p_, "json_expected_digit");
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    std::string_view text(start, static_cast<std::size_t>(p_ - start));
    if (integer && fits) {
      if (!neg && mag <= static_cast<std::uint64_t>(kInt64Max)) {
        values_.push_back(Value::number(Exact(static_cast<std::int64_t>(mag))));
        return true;
      }
      if (neg && mag <= static_cast<std::uint64_t>(kInt64Max) + 1) {
        values_.push_back(Value::number(Exact(static_cast<std::int64_t>(0 - mag))));
        return true;
      }
      if (!neg) {  // fits 64 bits unsigned only
        values_.push_back(Value::unrepresentable_number(std::string(text)));
        return true;
      }
    }
    std::string owned(text);
    if (auto e = Exact::parse(owned)) {
      values_.push_back(Value::number(*e));
      return true;
    }
    if (!finite_as_double(owned))
      return fail_with("invalid_field", "number_too_large", path(), {{"number", clipped(owned, 40)}});
    values_.push_back(Value::unrepresentable_number(std::move(owned)));
    return true;
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool hex4(std::uint32_t& out) {
    out = 0;
    for (int i = 0; i < 4; ++i) {
      int h = p_ + i < end_ ? hex(p_[i]) : -1;
      if (h < 0) return fail(p_ + i, "json_expected_hex");
      out = (out << 4) | static_cast<std::uint32_t>(h);
    }
    p_ += 4;
    return true;
  }

  // A string literal at p_ (the opening quote), unescaped into out.
  bool string(std::string& out) {
    ++p_;
    const char* run = p_;
    for (;;) {
      p_ = skip_plain_bytes(p_, end_);  // plain bytes are copied in runs
      if (p_ == end_) return fail(p_, "json_expected_string_end");
      unsigned char c = static_cast<unsigned char>(*p_);
      if (c >= 0x80) {
        std::size_t n = utf8_sequence_length(p_, end_);
        if (n == 0) return fail(p_, "json_invalid_utf8");
        p_ += n;
        continue;
      }
      out.append(run, static_cast<std::size_t>(p_ - run));
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c < 0x20) return fail(p_, "json_unescaped_control");  // control characters must be escaped
      ++p_;                            // the backslash
      if (p_ == end_) return fail(p_, "json_expected_escape");
      char e = *p_++;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return fail(p_, "json_lone_low_surrogate");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low = 0;
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return fail(p_, "json_expected_low_surrogate");
            p_ += 2;
            if (!hex4(low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) return fail(p_, "json_expected_low_surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(cp, out);
          break;
        }
        default: return fail(p_ - 1, "json_expected_escape");
      }
      run = p_;
    }
  }

  void skip_space() {
    while (p_ < end_ && is_space(static_cast<unsigned char>(*p_))) ++p_;
  }

  // Pointer to the value being read: the open containers and their current key or index.
  std::string path() const {
    std::string p;
    for (std::size_t i = 0; i < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      std::size_t end = i + 1 < frames_.size() ? frames_[i + 1].first_value : values_.size();
      std::size_t entries = end - f.first_value;
      if (f.is_object) {
        if (f.has_key) p = pointer_append(p, keys_[f.first_key + entries]);
      } else {
        p = pointer_append(p, entries);
      }
    }
    return p;
  }

  std::string position(const char* at) const {
    return std::to_string(static_cast<std::size_t>(at - begin_) + 1);
  }

  // What stands at `at`, for people: a printable character in quotes, U+XXXX for a control
  // character or a space, 0xXX for a byte that starts no UTF-8 character; null at the end.
  std::string found(const char* at) const {
    unsigned char c = static_cast<unsigned char>(*at);
    if (c > 0x20 && c < 0x7f) return std::string("'") + *at + "'";
    if (c <= 0x20 || c == 0x7f) return "U+00" + hex_byte(c);
    std::size_t n = utf8_sequence_length(at, end_);
    if (n > 0) return "'" + std::string(at, n) + "'";
    return "0x" + hex_byte(c);
  }

  // Two upper-case hex digits. Not snprintf: in WebAssembly that brings printf's floating-point
  // formatting along, 4 KB gz of the module for these two messages (bench/README.md).
  static std::string hex_byte(unsigned char c) {
    const char* digits = "0123456789ABCDEF";
    return {digits[c >> 4], digits[c & 15]};
  }

  // A syntax error at `at`: what was expected there (a message id), the line and column (in
  // characters) and the byte, and what was found instead.
  bool fail(const char* at, const char* expected, Params extra = {}) {
    std::size_t line = 1;
    const char* line_start = begin_;
    for (const char* q = begin_; q < at; ++q)
      if (*q == '\n') {
        ++line;
        line_start = q + 1;
      }
    std::size_t column = 1;
    for (const char* q = line_start; q < at; ++q)
      if ((static_cast<unsigned char>(*q) & 0xC0) != 0x80) ++column;
    Params params = {{"position", position(at)}, {"line", std::to_string(line)},
                     {"column", std::to_string(column)}};
    Params messages = {{"expected", expected}};
    if (at < end_)
      params.emplace_back("found", found(at));
    else
      messages.emplace_back("found", "json_found_end");
    messages.emplace_back("detail", "json_syntax");
    for (auto& e : extra) params.push_back(std::move(e));
    fail_with("malformed_json", "malformed_json", path(), std::move(params));
    failure_->message_params = std::move(messages);
    return false;
  }

  ParseResult fail_result(const char* at, const char* expected) {
    fail(at, expected);
    ParseResult r;
    r.failure = std::move(failure_);
    return r;
  }

  bool fail_with(const char* code, const char* id, std::string where, Params params) {
    failure_ = make_failure(code, id, std::move(where), std::move(params));
    return false;
  }

  const char* p_;
  const char* begin_;
  const char* end_;
  std::size_t max_depth_;
  std::vector<Frame> frames_;
  std::vector<Value> values_;     // entries of the open containers, innermost last
  std::vector<std::string> keys_;  // keys of the open objects' entries, innermost last
  std::optional<Failure> failure_;
  const char* expect_value_ = "json_expected_value";  // what a missing value should have been
};

}  // namespace

ParseResult parse_json(std::string_view text, const ParseLimits& limits) {
  if (text.size() > limits.max_bytes) {
    ParseResult r;
    r.failure = make_failure("too_large", "too_large", "", {{"limit", std::to_string(limits.max_bytes)}});
    return r;
  }
  return Reader(text, limits.max_depth).run();
}

}  // namespace certcalc
