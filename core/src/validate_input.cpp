#include "validate_input.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#include "plain_bytes.h"
#include "same_bytes.h"
#include "utf8.h"
#include "validate.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace certcalc {
namespace {

const char* const kFieldNames[kFindingFields] = {
    "id", "clause", "grade", "statement", "correction", "rootCause", "correctiveAction",
    "temporaryMeasures", "plannedCompletion", "responsible", "state", "evidence"};
constexpr std::string_view kFieldViews[kFindingFields] = {
    "id", "clause", "grade", "statement", "correction", "rootCause", "correctiveAction",
    "temporaryMeasures", "plannedCompletion", "responsible", "state", "evidence"};
// A field's key as a compact request writes it, with the comma before it (not for a finding's
// first field), the colon and, for a text, the quote that opens it: one comparison instead of a
// comma, a key, a colon, the spaces around them and a value's kind.
constexpr std::string_view kFieldOpen[kFindingFields] = {
    ",\"id\":\"", ",\"clause\":\"", ",\"grade\":\"", ",\"statement\":\"", ",\"correction\":\"",
    ",\"rootCause\":\"", ",\"correctiveAction\":\"", ",\"temporaryMeasures\":\"",
    ",\"plannedCompletion\":\"", ",\"responsible\":\"", ",\"state\":\"", ",\"evidence\":"};

// Those bytes zero-padded to 32, with a bit per byte that counts, for one or two 16-byte compares
// (native build; other builds compare them with same_bytes): with the comma (`later`), for a
// member after the first, and without it (`first`).
struct Opening {
  char bytes[32] = {};
  std::uint32_t mask = 0;
  std::size_t size = 0;
};
struct Openings {
  Opening first, later;
};
constexpr Opening make_opening(std::string_view s) {
  Opening o;
  for (std::size_t i = 0; i < s.size(); ++i) o.bytes[i] = s[i];
  o.size = s.size();
  o.mask = s.size() >= 32 ? ~0u : (1u << s.size()) - 1;
  return o;
}
constexpr Openings make_openings(std::string_view with_comma) {
  return {make_opening(with_comma.substr(1)), make_opening(with_comma)};
}
constexpr Openings kFieldOpenings[kFindingFields] = {
    make_openings(kFieldOpen[0]), make_openings(kFieldOpen[1]), make_openings(kFieldOpen[2]),
    make_openings(kFieldOpen[3]), make_openings(kFieldOpen[4]), make_openings(kFieldOpen[5]),
    make_openings(kFieldOpen[6]), make_openings(kFieldOpen[7]), make_openings(kFieldOpen[8]),
    make_openings(kFieldOpen[9]), make_openings(kFieldOpen[10]), make_openings(kFieldOpen[11])};
// An evidence item's members in their usual order: `"name":"`, `,"mediaType":"`, `,"bytes":`.
constexpr Openings kItemOpenings[3] = {make_openings(",\"name\":\""), make_openings(",\"mediaType\":\""),
                                       make_openings(",\"bytes\":")};
// An entry left out would be an empty opening, which every text matches.
static_assert(kFindingFields == 12, "kFieldOpenings lists every field");

#if defined(__GNUC__)
#define CERTCALC_NOINLINE_READ __attribute__((noinline))
#else
#define CERTCALC_NOINLINE_READ
#endif

// The limits of validate_fields(), read once from the specs so that the two readers agree.
struct Limits {
  std::size_t text[kTextFields] = {};
  std::size_t audit[3] = {};  // firstDay, lastDay, type
  std::size_t findings = 0, evidence = 0, holidays = 0, item_name = 0, item_media_type = 0;
  std::int64_t bytes_min = 0, bytes_max = 0, max_bytes_min = 0, max_bytes_max = 0;
  bool ok = true;
};

const FieldSpec* spec_named(const std::vector<FieldSpec>& specs, const char* name) {
  for (const FieldSpec& s : specs)
    if (s.name == name) return &s;
  return nullptr;
}

Limits make_limits() {
  Limits l;
  const auto& top = validate_fields();
  const FieldSpec* audit = spec_named(top, "audit");
  const FieldSpec* findings = spec_named(top, "findings");
  const FieldSpec* holidays = spec_named(top, "holidays");
  const FieldSpec* max_bytes = spec_named(top, "evidenceMaxBytes");
  // The text reader knows exactly these fields: anything else sends requests the generic way.
  l.ok = audit && findings && holidays && max_bytes && spec_named(top, "today") &&
         spec_named(top, "stage") && top.size() == 6 && findings->items &&
         findings->items->fields.size() == kFindingFields && audit->fields.size() == 3;
  if (!l.ok) return l;
  const char* audit_names[3] = {"firstDay", "lastDay", "type"};
  for (int i = 0; i < 3; ++i) {
    const FieldSpec* s = spec_named(audit->fields, audit_names[i]);
    l.ok = l.ok && s && s->type == FieldSpec::Type::String;
    if (s) l.audit[i] = s->max_length;
  }
  for (unsigned i = 0; i < kFindingFields; ++i) {
    const FieldSpec& s = findings->items->fields[i];
    l.ok = l.ok && s.name == kFieldNames[i] && !s.required &&
           s.type == (i == kEvidence ? FieldSpec::Type::List : FieldSpec::Type::String);
    if (i < kTextFields) l.text[i] = s.max_length;
  }
  if (!l.ok) return l;
  const FieldSpec& ev = findings->items->fields[kEvidence];
  const FieldSpec* name = ev.items ? spec_named(ev.items->fields, "name") : nullptr;
  const FieldSpec* media = ev.items ? spec_named(ev.items->fields, "mediaType") : nullptr;
  const FieldSpec* bytes = ev.items ? spec_named(ev.items->fields, "bytes") : nullptr;
  l.ok = name && media && bytes && ev.items->fields.size() == 3 && bytes->min && bytes->max &&
         max_bytes->min && max_bytes->max;
  if (!l.ok) return l;
  l.findings = findings->max_items;
  l.evidence = ev.max_items;
  l.holidays = holidays->max_items;
  l.item_name = name->max_length;
  l.item_media_type = media->max_length;
  l.bytes_min = bytes->min->num();
  l.bytes_max = bytes->max->num();
  l.max_bytes_min = max_bytes->min->num();
  l.max_bytes_max = max_bytes->max->num();
  return l;
}

const Limits& limits() {
  static const Limits l = make_limits();
  return l;
}

// JSON's four spaces are all at most ' ': one comparison for the bytes of a compact request.
bool is_space(char c) {
  return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\n' || c == '\r' || c == '\t');
}

// One pass over a request that is expected to be well formed: each member is read into its
// typed place as it comes. Any surprise returns false and the generic reader takes over, so
// every error (and its message) stays the generic reader's.
class TextReader {
 public:
  TextReader(std::string_view text, ValidateIn& out)
      : p_(text.data()), end_(text.data() + text.size()), size_(text.size()), out_(out) {}

  bool run() {
    if (!limits().ok || size_ > (64u << 20)) return false;
    space();
    unsigned seen = 0;
    bool ok = entries('{', '}', [&] {
      std::string_view k;
      if (!key(k)) return false;
      int which = top_member(k);
      if (which < 0 || (seen >> which) & 1u) return false;
      seen |= 1u << which;
      return member(which);
    });
    space();
    // scheme and findings are required; every other member may be absent
    return ok && p_ == end_ && (seen & 1u) && (seen & (1u << 5));
  }

 private:
  // scheme, locale, audit, today, stage, findings, evidenceMaxBytes, holidays
  static int top_member(std::string_view k) {
    static const char* const kTop[] = {"scheme", "locale", "audit", "today", "stage",
                                       "findings", "evidenceMaxBytes", "holidays"};
    for (int i = 0; i < 8; ++i)
      if (k == kTop[i]) return i;
    return -1;
  }

  bool member(int which) {
    const Limits& l = limits();
    switch (which) {
      case 0:
        return string(out_.scheme, SIZE_MAX);
      case 1:
        if (null()) return true;
        out_.has_locale = true;
        return string(out_.locale, SIZE_MAX);
      case 2:
        if (null()) return true;
        return audit();
      case 3: {
        if (null()) return true;
        std::string_view s;
        if (!string(s, SIZE_MAX)) return false;
        auto d = Date::parse(s);
        if (!d) return false;
        out_.has_today = true;
        out_.today = *d;
        return true;
      }
      case 4: {
        if (null()) return true;
        std::string_view s;
        if (!string(s, SIZE_MAX) || (s != "cm" && s != "oe")) return false;
        out_.stage = s;
        return true;
      }
      case 5:
        return findings();
      case 6:
        if (null()) return true;
        return integer(l.max_bytes_min, l.max_bytes_max, out_.evidence_max_bytes);
      default:
        if (null()) return true;
        return holidays();
    }
  }

  // [entry, ...] and {member, ...}: `read` reads one entry (a member: its key and value).
  template <class Read>
  bool entries(char open, char close, Read read) {
    if (!eat(open)) return false;
    space();
    if (p_ < end_ && *p_ == close) {
      ++p_;
      return true;
    }
    for (;;) {
      if (!read() || !next(close)) return false;
      if (closed_) return true;
    }
  }

  bool audit() {
    const Limits& l = limits();
    out_.has_audit = true;
    unsigned seen = 0;
    return entries('{', '}', [&] {
      std::string_view k;
      if (!key(k)) return false;
      int i = same_text(k, "firstDay") ? 0 : same_text(k, "lastDay") ? 1 : same_text(k, "type") ? 2 : -1;
      if (i < 0 || (seen >> i) & 1u) return false;
      seen |= 1u << i;
      if (null()) return true;
      std::string_view* into = i == 0 ? &out_.audit_first : i == 1 ? &out_.audit_last : &out_.audit_type;
      if (!string(*into, l.audit[i])) return false;
      out_.audit_given |= static_cast<std::uint8_t>(1u << i);
      return true;
    });
  }

  bool findings() {
    return entries('[', ']', [&] {
      if (out_.findings.size() == limits().findings) return false;
      out_.findings.emplace_back();
      return finding(out_.findings.back());
    });
  }

  // {member, ...}: `read(after_first)` reads one member, from its comma on when it is not the
  // first, so that a compact member's comma, key, colon and opening quote are one comparison.
  template <class Read>
  bool members(Read read) {
    if (!eat('{')) return false;
    space();
    if (p_ != end_ && *p_ == '}') {
      ++p_;
      return true;
    }
    for (bool after_first = false;; after_first = true) {  // one call of read: inlined
      if (!read(after_first) || p_ == end_) return false;
      if (is_space(*p_)) {
        space();
        if (p_ == end_) return false;
      }
      if (*p_ == '}') {
        ++p_;
        return true;
      }
    }
  }

  // The comma before a member that is not an object's first (members()), and the spaces after it.
  bool comma(bool after_first) {
    if (!after_first) return true;
    if (!eat(',')) return false;
    space();
    return true;
  }

  bool finding(FindingIn& f) {
    const Limits& l = limits();
    std::uint32_t seen = 0;
    std::size_t at = 0;
    bool ok = members([&](bool after_first) {
      // Findings usually list their fields in the same order, compactly: the previous finding's
      // next field is tried first as `,"key":"`, then with spaces allowed, before a key is
      // scanned and looked up.
      if (at < order_.size() && opens(kFieldOpenings[order_[at]], after_first)) {
        const FindingField want = order_[at++];
        if ((seen >> want) & 1u) return false;
        seen |= 1u << want;
        f.given = static_cast<std::uint16_t>(f.given | (1u << want));
        if (want != kEvidence) return string_body(f.text[want], l.text[want]);
        space();
        if (null()) {
          f.given = static_cast<std::uint16_t>(f.given & ~(1u << kEvidence));
          return true;
        }
        return evidence(f);
      }
      if (!comma(after_first)) return false;
      FindingField field = at < order_.size() && expect(kFieldViews[order_[at]]) ? order_[at] : kNoField;
      if (field == kNoField) {
        std::string_view k;
        if (!key(k)) return false;
        field = finding_field(k);
      }
      if (field == kNoField || (seen >> field) & 1u) return false;
      seen |= 1u << field;
      if (at < order_.size()) order_[at] = field;
      else order_.push_back(field);
      ++at;
      if (null()) return true;
      if (field == kEvidence ? !evidence(f) : !string(f.text[field], l.text[field])) return false;
      f.given = static_cast<std::uint16_t>(f.given | (1u << field));
      return true;
    });
    order_.resize(at);
    return ok;
  }

  bool evidence(FindingIn& f) {
    f.evidence_begin = static_cast<std::uint32_t>(out_.evidence.size());
    return entries('[', ']', [&] {
      if (f.evidence_count == limits().evidence) return false;
      out_.evidence.emplace_back();
      ++f.evidence_count;
      return item(out_.evidence.back());
    });
  }

  bool item(EvidenceIn& e) {
    const Limits& l = limits();
    unsigned seen = 0;
    return members([&](bool after_first) {
      static constexpr std::string_view kItem[] = {"name", "mediaType", "bytes"};
      // The usual order, compactly, first (kItemOpenings).
      // Members read so far in that order: seen is 0, 1 or 3, and the next one's index k is
      // 0, 1 or 2.
      if ((seen & (seen + 1)) == 0 && seen < 7 &&
          opens(kItemOpenings[(seen + 1) >> 1], after_first)) {
        const unsigned k = (seen + 1) >> 1;
        seen = seen * 2 + 1;
        if (k == 0) return (e.has_name = string_body(e.name, l.item_name));
        if (k == 1) return (e.has_media_type = string_body(e.media_type, l.item_media_type));
        space();
        if (null()) return true;
        return (e.has_bytes = integer(l.bytes_min, l.bytes_max, e.bytes));
      }
      if (!comma(after_first)) return false;
      int i = -1;
      for (int k = 0; k < 3 && i < 0; ++k)
        if (!((seen >> k) & 1u) && expect(kItem[k])) i = k;
      if (i < 0) {
        std::string_view k;
        if (!key(k)) return false;
        i = same_text(k, "name") ? 0 : same_text(k, "mediaType") ? 1 : same_text(k, "bytes") ? 2 : -1;
      }
      if (i < 0 || (seen >> i) & 1u) return false;
      seen |= 1u << i;
      if (null()) return true;
      if (i == 0) return (e.has_name = string(e.name, l.item_name));
      if (i == 1) return (e.has_media_type = string(e.media_type, l.item_media_type));
      return (e.has_bytes = integer(l.bytes_min, l.bytes_max, e.bytes));
    });
  }

  bool holidays() {
    out_.has_holidays = true;
    return entries('[', ']', [&] {
      if (out_.holidays.size() == limits().holidays) return false;
      std::string_view s;
      if (!string(s, SIZE_MAX)) return false;
      auto d = Date::parse(s);
      if (!d) return false;
      out_.holidays.push_back(*d);
      return true;
    });
  }

  // After an entry: ',' (then the next entry) or the closing bracket (closed_).
  bool next(char close) {
    closed_ = false;
    if (p_ != end_ && *p_ == ',') {  // a compact request's usual case first
      ++p_;
      space();
      return true;
    }
    space();
    if (p_ == end_) return false;
    if (*p_ == ',') {
      ++p_;
      space();
      return true;
    }
    if (*p_ != close) return false;
    ++p_;
    closed_ = true;
    return true;
  }

  // The bytes `open` if they come next (a compact member's comma, key, colon and value opening,
  // kFieldOpen), without the comma for an object's first member.
  bool opens(const Openings& openings, bool after_first) {
    const Opening& o = after_first ? openings.later : openings.first;
#if defined(__SSE2__)
    if (end_ - p_ >= 32) {
      const __m128i* text = reinterpret_cast<const __m128i*>(p_);
      const __m128i* want = reinterpret_cast<const __m128i*>(o.bytes);
      auto same16 = [](const __m128i* a, const __m128i* b) {
        return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(a), _mm_loadu_si128(b))));
      };
      std::uint32_t same = same16(text, want);
      if (o.size > 16) same |= same16(text + 1, want + 1) << 16;
      if ((same & o.mask) != o.mask) return false;
      p_ += o.size;
      return true;
    }
#endif
    if (static_cast<std::size_t>(end_ - p_) < o.size || !same_bytes(p_, o.bytes, o.size)) return false;
    p_ += o.size;
    return true;
  }

  // The key `name` (without escapes) and the colon after it, if that is what comes next.
  bool expect(std::string_view name) {
    const std::size_t n = name.size();
    if (static_cast<std::size_t>(end_ - p_) < n + 3 || p_[0] != '"' || p_[1] != name[0] ||
        p_[n + 1] != '"' || !same_bytes(p_ + 1, name.data(), n))
      return false;
    const char* after = p_ + n + 2;
    while (after < end_ && is_space(*after)) ++after;
    if (after == end_ || *after != ':') return false;
    p_ = after + 1;
    space();
    return true;
  }

  // A key without escapes, and the colon after it.
  bool key(std::string_view& k) {
    if (p_ == end_ || *p_ != '"') return false;
    const char* start = ++p_;
    p_ = skip_plain_bytes(p_, end_);
    if (p_ == end_ || *p_ != '"') return false;  // escapes, control or non-ASCII bytes
    k = std::string_view(start, static_cast<std::size_t>(p_ - start));
    ++p_;
    space();
    if (!eat(':')) return false;
    space();
    return true;
  }

  bool null() {
    if (p_ < end_ && *p_ == 'n' && end_ - p_ >= 4 && std::memcmp(p_, "null", 4) == 0) {
      p_ += 4;
      return true;
    }
    return false;
  }

  // A whole number of at most 13 digits between min and max; any other number (a sign, a
  // fraction, an exponent) goes the generic way. Every evidence item has one (its bytes): up to
  // 7 digits are read as one 8-byte word, in about 25 instructions where the loop took about 100
  // (through p_, kept in memory: 17 a digit).
  bool integer(std::int64_t min, std::int64_t max, std::int64_t& out) {
    const char* const start = p_;
    const char* q = start;
    std::int64_t v = 0;
    if (!short_integer(q, v)) {
      const char* const stop = start + std::min<std::ptrdiff_t>(end_ - start, 14);
      for (unsigned d; q < stop && (d = static_cast<unsigned char>(*q) - '0') <= 9; ++q) v = v * 10 + d;
    }
    p_ = q;
    std::size_t digits = static_cast<std::size_t>(q - start);
    if (digits == 0 || digits > 13 || (digits > 1 && *start == '0')) return false;
    if (q < end_ && (*q == '.' || *q == 'e' || *q == 'E' || (*q >= '0' && *q <= '9'))) return false;
    if (v < min || v > max) return false;
    out = v;
    return true;
  }

  // 1 to 7 digits followed by another byte, all in the 8 bytes at q (little-endian machines):
  // q moved past the digits and v their value; false leaves both for the loop.
  bool short_integer(const char*& q, std::int64_t& v) const {
    if (!kLittleEndian || end_ - q < 8) return false;
    constexpr std::uint64_t kOnes = 0x0101010101010101ull;
    std::uint64_t w;
    std::memcpy(&w, q, 8);
    // A byte is a digit if its high nibble is 3 both as it is and with 6 added (0x30-0x39);
    // a carry out of a byte only follows a byte that is not a digit.
    const std::uint64_t other = ((w & (kOnes * 0xF0)) ^ (kOnes * 0x30)) |
                                (((w + kOnes * 0x06) & (kOnes * 0xF0)) ^ (kOnes * 0x30));
    if (other == 0) return false;  // 8 digits or more
    const unsigned n = static_cast<unsigned>(__builtin_ctzll(other)) >> 3;
    if (n == 0) return false;
    // The digits' values moved to the top bytes (leading zeros below them), then summed in
    // pairs, fours and eights (the usual SWAR step, first digit in the lowest byte).
    std::uint64_t d = (w - kOnes * '0') << (8 * (8 - n));
    d = d * 10 + (d >> 8);
    d = (((d & 0x000000FF000000FFull) * (100 + (1000000ull << 32))) +
         (((d >> 16) & 0x000000FF000000FFull) * (1 + (10000ull << 32)))) >> 32;
    q += n;
    v = static_cast<std::int64_t>(d);
    return true;
  }

  // A string value: a view into the text when it has no escape, else unescaped into
  // out_.unescaped (never longer than its escaped form, so earlier views stay valid).
  bool string(std::string_view& v, std::size_t max) {
    if (p_ == end_ || *p_ != '"') return false;
    ++p_;
    return string_body(v, max);
  }

  // A string after its opening quote. Inline only the common case, a text of plain bytes (no
  // escape, no UTF-8 sequence); string_rest() takes the others from where the scan stopped.
  bool string_body(std::string_view& v, std::size_t max) {
    const char* start = p_;
    p_ = skip_plain_bytes(p_, end_);
    if (p_ != end_ && *p_ == '"') {
      v = std::string_view(start, static_cast<std::size_t>(p_ - start));
      ++p_;
      return v.size() <= max;
    }
    return string_rest(start, v, max);
  }

  CERTCALC_NOINLINE_READ bool string_rest(const char* start, std::string_view& v, std::size_t max) {
    const char* run = start;
    bool escaped = false;
    std::size_t from = 0;
    for (;;) {
      p_ = skip_plain_bytes(p_, end_);
      if (p_ == end_) return false;
      unsigned char c = static_cast<unsigned char>(*p_);
      if (c >= 0x80) {
        std::size_t n = utf8_sequence_length(p_, end_);
        if (n == 0) return false;
        p_ += n;
        continue;
      }
      if (c == '"') {
        if (escaped) {
          out_.unescaped.append(run, static_cast<std::size_t>(p_ - run));
          v = std::string_view(out_.unescaped.data() + from, out_.unescaped.size() - from);
        } else {
          v = std::string_view(start, static_cast<std::size_t>(p_ - start));
        }
        ++p_;
        return v.size() <= max;
      }
      if (c < 0x20) return false;
      if (!escaped) {
        escaped = true;
        if (out_.unescaped.capacity() < size_) out_.unescaped.reserve(size_);
        from = out_.unescaped.size();
      }
      out_.unescaped.append(run, static_cast<std::size_t>(p_ - run));
      ++p_;
      if (p_ == end_) return false;
      char e = *p_++;
      switch (e) {
        case '"': out_.unescaped += '"'; break;
        case '\\': out_.unescaped += '\\'; break;
        case '/': out_.unescaped += '/'; break;
        case 'b': out_.unescaped += '\b'; break;
        case 'f': out_.unescaped += '\f'; break;
        case 'n': out_.unescaped += '\n'; break;
        case 'r': out_.unescaped += '\r'; break;
        case 't': out_.unescaped += '\t'; break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp) || (cp >= 0xDC00 && cp <= 0xDFFF)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low = 0;
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
            p_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(cp, out_.unescaped);
          break;
        }
        default: return false;
      }
      run = p_;
    }
  }

  bool hex4(std::uint32_t& out) {
    if (end_ - p_ < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      char c = p_[i];
      int h = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (h < 0) return false;
      out = (out << 4) | static_cast<std::uint32_t>(h);
    }
    p_ += 4;
    return true;
  }

  bool eat(char c) {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }

  void space() {
    while (p_ < end_ && is_space(*p_)) ++p_;
  }

  const char* p_;
  const char* end_;
  std::size_t size_;
  ValidateIn& out_;
  bool closed_ = false;
  std::vector<FindingField> order_;  // the fields of the last finding, in the order read
};

std::string_view text_or_empty(const Value* v, bool& given) {
  given = v && v->is_string();
  return given ? std::string_view(v->as_string()) : std::string_view();
}

}  // namespace

FindingField finding_field(std::string_view name) {
  // By length first: the reader asks this of every key of every finding.
  auto is = [&](FindingField f) { return same_text(name, kFieldViews[f]) ? f : kNoField; };
  switch (name.size()) {
    case 2: return is(kId);
    case 5: return name[0] == 'g' ? is(kGrade) : is(kState);
    case 6: return is(kClause);
    case 8: return is(kEvidence);
    case 9: return name[0] == 's' ? is(kStatement) : is(kRootCause);
    case 10: return is(kCorrection);
    case 11: return is(kResponsible);
    case 16: return is(kCorrectiveAction);
    case 17: return name[0] == 't' ? is(kTemporaryMeasures) : is(kPlannedCompletion);
    default: return kNoField;
  }
}

const char* finding_field_name(unsigned field) {
  return field < kFindingFields ? kFieldNames[field] : "";
}

namespace {
std::atomic<bool> g_text_reader{true};
}  // namespace

bool validate_text_reader() { return g_text_reader.load(std::memory_order_relaxed); }
void set_validate_text_reader(bool on) { g_text_reader.store(on, std::memory_order_relaxed); }

bool read_validate_text(std::string_view text, ValidateIn& out) {
  return TextReader(text, out).run();
}

void read_validate_checked(const Value& checked, ValidateIn& out) {
  out.checked = &checked;
  if (const Value* a = checked.find("audit"); a && a->is_object()) {
    out.has_audit = true;
    bool g = false;
    out.audit_first = text_or_empty(a->find("firstDay"), g);
    out.audit_given |= g ? 1 : 0;
    out.audit_last = text_or_empty(a->find("lastDay"), g);
    out.audit_given |= g ? 2 : 0;
    out.audit_type = text_or_empty(a->find("type"), g);
    out.audit_given |= g ? 4 : 0;
  }
  if (const Value* t = checked.find("today"); t && t->is_date()) {
    out.has_today = true;
    out.today = t->as_date();
  }
  if (const Value* s = checked.find("stage"); s && s->is_string()) out.stage = s->as_string();
  if (const Value* m = checked.find("evidenceMaxBytes"); m && m->is_number())
    out.evidence_max_bytes = m->as_number().num();
  if (const Value* h = checked.find("holidays"); h && h->is_list()) {
    out.has_holidays = true;
    for (const Value& d : h->as_list()) out.holidays.push_back(d.as_date());
  }
  const Value* list = checked.find("findings");
  if (!list) return;
  out.findings.reserve(list->as_list().size());
  for (const Value& f : list->as_list()) {
    FindingIn in;
    in.checked = &f;
    for (unsigned i = 0; i < kTextFields; ++i) {
      bool g = false;
      in.text[i] = text_or_empty(f.find(kFieldNames[i]), g);
      if (g) in.given = static_cast<std::uint16_t>(in.given | (1u << i));
    }
    if (const Value* ev = f.find("evidence"); ev && ev->is_list()) {
      in.given = static_cast<std::uint16_t>(in.given | (1u << kEvidence));
      in.evidence_begin = static_cast<std::uint32_t>(out.evidence.size());
      in.evidence_count = static_cast<std::uint32_t>(ev->as_list().size());
      for (const Value& item : ev->as_list()) {
        EvidenceIn e;
        e.name = text_or_empty(item.find("name"), e.has_name);
        e.media_type = text_or_empty(item.find("mediaType"), e.has_media_type);
        if (const Value* b = item.find("bytes"); b && b->is_number()) {
          e.has_bytes = true;
          e.bytes = b->as_number().num();
        }
        out.evidence.push_back(e);
      }
    }
    out.findings.push_back(in);
  }
}

}  // namespace certcalc
