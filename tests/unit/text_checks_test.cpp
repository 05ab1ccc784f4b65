// normalize_into() reads sixteen (SSE2) or eight bytes at a time while a text is ASCII words and
// single spaces, else byte by byte (text_checks.cpp). Both ways must give the text its documented form: lower
// case, words (letters, digits, apostrophes; ’ read as ') joined by single spaces.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "text_checks.h"
#include "utf8.h"

using namespace certcalc;

namespace {

// The documented form, code point by code point, for valid UTF-8 of the alphabet below.
std::string reference(const std::vector<std::string>& pieces) {
  std::string out;
  bool pending = false;
  for (const std::string& c : pieces) {
    std::string word;
    if (c.size() == 1 && ((c[0] >= 'a' && c[0] <= 'z') || (c[0] >= '0' && c[0] <= '9') || c[0] == '\''))
      word = c;
    else if (c.size() == 1 && c[0] >= 'A' && c[0] <= 'Z')
      word = std::string(1, static_cast<char>(c[0] + 32));
    else if (c == "\xC3\xA9" || c == "\xC3\x89")  // é, É
      word = "\xC3\xA9";
    else if (c == "\xE2\x80\x99")  // ’
      word = "'";
    if (word.empty()) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += word;
  }
  return out;
}

}  // namespace

TEST_CASE("normalize: words joined by single spaces, lower case, punctuation dropped") {
  CHECK(normalize("Human  error!") == "human error");
  CHECK(normalize("  Operator ERROR at line 7,\tshift B. ") == "operator error at line 7 shift b");
  CHECK(normalize("The operator's mistake") == "the operator's mistake");
  CHECK(normalize("\xC3\x89T\xC3\x89 l\xE2\x80\x99op\xC3\xA9rateur") == "\xC3\xA9t\xC3\xA9 l'op\xC3\xA9rateur");
  CHECK(normalize("abcdefgh ijklmnop QRSTUVWX") == "abcdefgh ijklmnop qrstuvwx");
  CHECK(normalize("abc\x01" "defgh") == "abc defgh");   // a control byte separates
  CHECK(normalize("ab\x10" "cdefghij") == "ab cdefghij");  // 0x10 | 0x20 is '0': still no digit
  CHECK(normalize("abc@[`{defgh") == "abc defgh");   // the bytes next to the letter ranges
  CHECK(normalize("abc  def ghijk") == "abc def ghijk");
  CHECK(normalize("").empty());
  CHECK(normalize(" ,.; ").empty());
}

TEST_CASE("normalize: the same form at every alignment, against the documented form") {
  const std::vector<std::string> alphabet = {
      "a", "b", "z", "A", "M", "Z", "0", "9", "'", " ", " ", " ", " ", "\t", "\n", ",", ".", "!", "-",
      "@", "[", "`", "{", "/", ":", "\x01", "\x10", "\x19", "\x7F", "\xC3\xA9", "\xC3\x89",
      "\xE2\x80\x99", "\xC3\x97"};
  std::mt19937 rng(20261205);
  // Mostly words and single spaces, the fast path's case, with the rest mixed in.
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1), length(0, 60), coin(0, 3);
  TextBuffer buffer;
  for (int round = 0; round < 20000; ++round) {
    std::vector<std::string> pieces;
    const std::size_t n = length(rng);
    for (std::size_t i = 0; i < n; ++i)
      pieces.push_back(coin(rng) ? alphabet[pick(rng) % 10] : alphabet[pick(rng)]);
    std::string text;
    for (const auto& p : pieces) text += p;
    const std::string expected = reference(pieces);
    INFO("text: " << text);
    CHECK(std::string(normalize_into(text, buffer)) == expected);
    // Separators in front move every byte to another place in its eight- or sixteen-byte block.
    for (int shift = 1; shift < 16; ++shift)
      CHECK(std::string(normalize_into(std::string(static_cast<std::size_t>(shift), ',') + text, buffer)) == expected);
  }
}

TEST_CASE("a user's text echoed in a message is cut where a character starts") {
  CHECK(clipped("2026-13-45", 40) == "2026-13-45");
  CHECK(clipped(std::string(40, 'k'), 40) == std::string(40, 'k'));
  CHECK(clipped(std::string(41, 'k'), 40) == std::string(40, 'k') + "\xE2\x80\xA6");
  // "2026-" and then é (two bytes each): byte 40 is the second byte of the 18th é
  std::string e;
  for (int i = 0; i < 30; ++i) e += "\xC3\xA9";
  std::string cut = clipped("2026-" + e, 40);
  CHECK(cut == "2026-" + e.substr(0, 34) + "\xE2\x80\xA6");
  // a four-byte character at the cut is left out whole
  CHECK(clipped("abc\xF0\x9F\x98\x80xyz", 5) == "abc\xE2\x80\xA6");
}

TEST_CASE("blank: a text that shows nothing, however it was pasted") {
  // What `required` counts as not filled in (docs/validate.md).
  for (const char* s : {"", " \t\r\n", "\xC2\xA0\xC2\xA0",            // no-break spaces
                        "\xE2\x80\x8B\xE2\x80\x8B",                    // zero-width spaces
                        "\xEF\xBB\xBF", "\x01\x02\x7F",                 // BOM, control characters
                        "\xE3\x80\x80 \xE2\x80\xAF", "\xC2\xAD",        // ideographic, narrow no-break space; soft hyphen
                        "\xE2\x81\xA0\xE2\x80\x8D\xF3\xA0\x80\x81"}) {  // word joiner, ZWJ, a tag character
    INFO(s);
    CHECK(blank(s));
  }
  for (const char* s : {"a", " \xC2\xA0x", "\xC3\xA9", "\xE2\x80\x8B" "1", "-", "\xF0\x9F\x98\x80", "\xE4\xB8\xAD"}) {
    INFO(s);
    CHECK_FALSE(blank(s));
  }
}
