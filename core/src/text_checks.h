// The text checks of `validate`: normalising, counting, copying, comparing. Each takes views and
// writes into buffers the caller keeps, so that checking a finding allocates nothing.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace certcalc {

/// A buffer that normalize_into() fills: it only grows, and never zero-fills what it gets.
class TextBuffer {
 public:
  char* reserve(std::size_t n) {
    if (n > capacity_) {
      capacity_ = n + n / 2 + 64;
      data_.reset(new char[capacity_]);
    }
    return data_.get();
  }

 private:
  std::unique_ptr<char[]> data_;
  std::size_t capacity_ = 0;
};

/// Lower case, words separated by single spaces, punctuation dropped: "Human  error!" ->
/// "human error". The result lives in `buffer` until its next use.
std::string_view normalize_into(std::string_view s, TextBuffer& buffer);
std::string normalize(std::string_view s);

// blank() for a text that does not start with a visible ASCII character.
bool blank_from(std::string_view s);

/// Empty, or nothing that shows: white space (a no-break or ideographic space as well), control
/// characters and invisible ones (a zero-width space, a byte order mark, a soft hyphen).
inline bool blank(std::string_view s) {
  // Most texts start with a visible ASCII character: answered here, without the call (blank is
  // asked of every text field and item of every finding, 25 times a finding).
  if (!s.empty()) {
    const unsigned char c = static_cast<unsigned char>(s[0]);
    if (c > 0x20 && c < 0x7F) return false;
  }
  return blank_from(s);
}

/// Length in code points once leading and trailing blanks are dropped.

/// Words of a normalized text.
std::int64_t word_count(std::string_view normalized);

/// Whether `needle` occurs in `hay`, in time linear in both (Knuth-Morris-Pratt); `border` is
/// scratch space.
bool contains_text(std::string_view hay, std::string_view needle, std::vector<std::size_t>& border);

enum class Copy { None, Same, Near };

/// Two normalized texts: the same, one a near copy of the other (contained in it, at least 20
/// characters and 80% of its length), or neither.
Copy copy_of(std::string_view na, std::string_view nb, std::vector<std::size_t>& border);

/// A media type without parameters, blanks or case: "Application/PDF; q=1" -> "application/pdf"
/// (a view of `s` itself when it is already so, else of `out`).
std::string_view media_type_of(std::string_view s, std::string& out);

/// char_count() of the text between two blanks-trimmed ends, for ASCII texts its length.
std::int64_t char_count(std::string_view s);

}  // namespace certcalc
