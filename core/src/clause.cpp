#include "clause.h"

#include <algorithm>
#include <cstring>

namespace certcalc {
namespace {

// Bytes of the white space at s[i] (ASCII blanks, the no-break space U+00A0), or 0.
std::size_t space_at(std::string_view s, std::size_t i) {
  char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
  if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') return 2;
  return 0;
}

bool is_clause_number(std::string_view s) {
  if (s.empty()) return false;
  bool digit_before = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digit_before = true;
    } else if (c == '.' && digit_before) {
      digit_before = false;
    } else {
      return false;
    }
  }
  return digit_before;
}

// Punctuation that may close a word before the number ("Abs.", "BRCGS,", "Clause:", "§ 4 -").
bool trailing_punct(std::string_view s, std::size_t& cut) {
  if (s.empty()) return false;
  char c = s.back();
  if (c == ',' || c == ':' || c == ';' || c == '.' || c == '-' || c == ')' || c == ']') {
    cut = 1;
    return true;
  }
  // en and em dashes
  if (s.size() >= 3 && s.compare(s.size() - 3, 3, "\xE2\x80\x93") == 0) return cut = 3, true;
  if (s.size() >= 3 && s.compare(s.size() - 3, 3, "\xE2\x80\x94") == 0) return cut = 3, true;
  return false;
}

void fold_in_place(char* s, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') {
      s[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < n) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) s[i + 1] = static_cast<char>(d + 0x20);  // À..Þ
      ++i;
    }
  }
}

std::string_view strip_open(std::string_view s) {
  while (!s.empty() && (s.front() == '(' || s.front() == '[')) s.remove_prefix(1);
  return s;
}

}  // namespace

std::string fold_case(std::string_view s) {
  std::string out(s);
  fold_in_place(&out[0], out.size());
  return out;
}

bool ClauseReader::load(const Value& data, std::string& pointer, std::string& detail) {
  if (!data.is_object()) {
    detail = "clauseReferences is an object";
    return false;
  }
  for (const char* key : {"words", "standards", "marks"}) {
    std::vector<std::string>& into =
        key[0] == 'w' ? words_ : key[0] == 's' ? standards_ : marks_;
    const Value* list = data.find(key);
    if (!list) continue;
    if (!list->is_list()) {
      pointer = std::string("/") + key;
      detail = std::string(key) + " is a list of strings";
      return false;
    }
    for (std::size_t i = 0; i < list->as_list().size(); ++i) {
      const Value& w = list->as_list()[i];
      bool one_token = w.is_string() && !w.as_string().empty();
      for (std::size_t k = 0; one_token && k < w.as_string().size(); ++k)
        one_token = space_at(w.as_string(), k) == 0;
      if (!one_token) {
        pointer = std::string("/") + key + "/" + std::to_string(i);
        detail = "each entry is one word without spaces";
        return false;
      }
      into.push_back(fold_case(w.as_string()));
    }
  }
  std::sort(words_.begin(), words_.end());
  std::sort(standards_.begin(), standards_.end());
  std::sort(marks_.begin(), marks_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return true;
}

ClauseReader::Kind ClauseReader::kind_of(std::string_view w) const {
  if (std::binary_search(standards_.begin(), standards_.end(), w)) return Kind::Standard;
  if (std::binary_search(words_.begin(), words_.end(), w)) return Kind::Word;
  if (std::find(marks_.begin(), marks_.end(), w) != marks_.end()) return Kind::Word;
  return Kind::None;
}

namespace {

// fold_case() into a buffer of the caller's: no allocation for the short words of a reference
// (a longer word is no clause word anyway and folds into `spill`).
std::string_view fold_into(std::string_view s, char* buf, std::size_t cap, std::string& spill) {
  char* out = buf;
  if (s.size() > cap) {
    spill.assign(s.data(), s.size());
    out = &spill[0];
  } else {
    std::memcpy(buf, s.data(), s.size());
  }
  fold_in_place(out, s.size());
  return std::string_view(out, s.size());
}

}  // namespace

std::optional<std::string> ClauseReader::read(std::string_view t) const {
  // Trailing dots, blanks and closing brackets: "4.11.1.", "(4.11.1)", "4.11.1 ."
  while (!t.empty()) {
    char c = t.back();
    if (c == '.' || c == ')' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      t.remove_suffix(1);
    } else if (t.size() >= 2 && c == '\xA0' && t[t.size() - 2] == '\xC2') {
      t.remove_suffix(2);
    } else {
      break;
    }
  }
  // The last word holds the number, perhaps behind a mark written against it ("§4.11.1").
  std::size_t last_start = t.size();
  while (last_start > 0) {
    if (t[last_start - 1] == ' ' || t[last_start - 1] == '\t' || t[last_start - 1] == '\n' ||
        t[last_start - 1] == '\r' || (last_start >= 2 && t[last_start - 1] == '\xA0' && t[last_start - 2] == '\xC2'))
      break;
    --last_start;
  }
  if (last_start == t.size()) return std::nullopt;
  char buf[64];
  std::string spill;
  std::string_view last = fold_into(strip_open(t.substr(last_start)), buf, sizeof buf, spill);
  std::size_t pos = 0;
  for (bool moved = true; moved;) {
    moved = false;
    for (const std::string& m : marks_) {
      if (last.size() > pos + m.size() && last.compare(pos, m.size(), m) == 0) {
        pos += m.size();
        moved = true;
        break;
      }
    }
  }
  std::string_view number = last.substr(pos);
  if (!is_clause_number(number)) return std::nullopt;
  std::string result(number);

  bool after_standard = false;
  for (std::size_t i = 0; i < last_start;) {
    if (std::size_t n = space_at(t, i)) {
      i += n;
      continue;
    }
    std::size_t start = i;
    while (i < last_start && space_at(t, i) == 0) ++i;
    std::string_view w = strip_open(t.substr(start, i - start));
    for (std::size_t cut = 0; trailing_punct(w, cut);) w.remove_suffix(cut);
    if (w.empty()) continue;  // a lone dash or colon between words
    char wbuf[64];
    std::string wspill;
    std::string_view folded = fold_into(w, wbuf, sizeof wbuf, wspill);
    Kind kind = kind_of(folded);
    if (kind == Kind::Standard) {
      after_standard = true;
    } else if (kind == Kind::Word) {
      after_standard = false;
    } else if (!(after_standard && std::any_of(folded.begin(), folded.end(),
                                               [](char c) { return c >= '0' && c <= '9'; }))) {
      return std::nullopt;  // a word the pack does not know: not read as a clause reference
    }
  }
  return result;
}

}  // namespace certcalc
