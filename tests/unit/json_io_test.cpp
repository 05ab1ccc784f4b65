#include <catch2/catch.hpp>

#include "json_io.h"
#include "messages.h"
#include "plain_bytes.h"
#include "test_support.h"

using namespace certcalc;

namespace {

// The message a reader's failure gets in a locale's catalog.
std::string message(const std::string& text, const std::string& locale = "en") {
  static Catalogs catalogs;
  static bool loaded = false;
  for (const auto& l : supported_locales())
    if (!loaded)
      catalogs.add_catalog(testing::load_json(std::filesystem::path(CERTCALC_SOURCE_DIR) / "rules" /
                                              "messages" / (l + ".json")));
  loaded = true;
  ParseResult r = parse_json(text);
  REQUIRE(r.failure);
  return catalogs.render(locale, *r.failure);
}

}  // namespace

TEST_CASE("a syntax error says what was expected, where (line, column, byte) and what was found") {
  CHECK(message(R"({"scheme": "fssc22000-5.1", "fte": 1,})") ==
        "the request is not valid JSON: expected a member name in double quotes after ',' (an "
        "object cannot end with a comma) at line 1, column 38 (byte 38); found '}'");
  CHECK(message("{\"a\": [1,\n  2,\n]}") ==
        "the request is not valid JSON: expected a value after ',' (a list cannot end with a "
        "comma) at line 3, column 1 (byte 16); found ']'");
  CHECK(message(R"({"a" 1})") ==
        "the request is not valid JSON: expected ':' after the member name at line 1, column 6 "
        "(byte 6); found '1'");
  CHECK(message(R"({"a": 1 "b": 2})") ==
        "the request is not valid JSON: expected ',' or '}' after the member's value at line 1, "
        "column 9 (byte 9); found '\"'");
  CHECK(message("[1 2]") ==
        "the request is not valid JSON: expected ',' or ']' after the list item at line 1, "
        "column 4 (byte 4); found '2'");
  CHECK(message(R"({"a": })") ==
        "the request is not valid JSON: expected the member's value after ':' at line 1, column "
        "7 (byte 7); found '}'");
  CHECK(message("[}") ==
        "the request is not valid JSON: expected a list item or ']' at line 1, column 2 (byte "
        "2); found '}'");
  CHECK(message("{,}") ==
        "the request is not valid JSON: expected a member name in double quotes or '}' at line "
        "1, column 2 (byte 2); found ','");
  CHECK(message(R"({"a": tru})") ==
        "the request is not valid JSON: expected true at line 1, column 10 (byte 10); found '}'");
  CHECK(message(R"({"a": 1.})") ==
        "the request is not valid JSON: expected a digit of the number at line 1, column 9 "
        "(byte 9); found '}'");
  CHECK(message("{\"a\": \"\xc3\xa9t\xc3\xa9") ==
        "the request is not valid JSON: expected the closing '\"' of the text at line 1, column "
        "11 (byte 13); found the end of the text");
  CHECK(message("{\"a\": \"x\ny\"}") ==
        "the request is not valid JSON: expected a control character inside text to be escaped "
        "(\\n, \\t or \\u00XX) at line 1, column 9 (byte 9); found U+000A");
  CHECK(message("[\"\xff\"]") ==
        "the request is not valid JSON: expected text encoded as UTF-8 at line 1, column 3 "
        "(byte 3); found 0xFF");
  CHECK(message("{} {}") ==
        "the request is not valid JSON: expected nothing more after the JSON value (one document "
        "only) at line 1, column 4 (byte 4); found '{'");
  CHECK(message("hello") ==
        "the request is not valid JSON: expected a value (an object, a list, text in double "
        "quotes, a number, true, false or null) at line 1, column 1 (byte 1); found 'h'");
  CHECK(message(R"(["\u12G4"])") ==
        "the request is not valid JSON: expected four hexadecimal digits after \\u at line 1, "
        "column 7 (byte 7); found 'G'");
  // The same place in every locale, each sentence in its own words.
  CHECK(message("[1,]", "it") ==
        "la richiesta non è un JSON valido: era atteso un valore dopo ',' (un elenco non può "
        "finire con una virgola) alla riga 1, colonna 4 (byte 4); trovato: ']'");
  CHECK(message("[1,", "de") ==
        "die Anfrage ist kein gültiges JSON: nach ',' wurde ein Wert erwartet (eine Liste darf "
        "nicht mit einem Komma enden) in Zeile 1, Spalte 4 (Byte 4); gefunden: das Ende des Textes");
}

TEST_CASE("malformed documents fail with a stable code and where it happened") {
  auto r = parse_json("{");
  REQUIRE(r.failure);
  CHECK(r.failure->code == "malformed_json");
  r = parse_json("{\"a\": [1, 2,]}");
  REQUIRE(r.failure);
  CHECK(r.failure->code == "malformed_json");
  CHECK(r.failure->path == "/a/2");
  r = parse_json("");
  REQUIRE(r.failure);
  CHECK(r.failure->message_id == "empty_request");
  r = parse_json("   \n");
  REQUIRE(r.failure);
  CHECK(r.failure->message_id == "empty_request");
  for (const char* bad : {"NaN", "{\"x\": Infinity}", "{\"x\": -Infinity}", "{\"x\": 01}",
                          "{\"x\": 1} trailing", "'x'", "{x: 1}", "[1] [2]"}) {
    INFO(bad);
    CHECK(parse_json(bad).failure);
  }
}

TEST_CASE("duplicate keys are refused, never silently dropped") {
  auto r = parse_json(R"({"a": {"b": 1, "b": 2}})");
  REQUIRE(r.failure);
  CHECK(r.failure->code == "duplicate_key");
  CHECK(r.failure->path == "/a/b");
  // Large objects use a set; the answer is the same.
  std::string big = "{";
  for (int i = 0; i < 100; ++i) big += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  big += "\"k50\":1}";
  r = parse_json(big);
  REQUIRE(r.failure);
  CHECK(r.failure->path == "/k50");
}

TEST_CASE("nesting is capped, even 100,000 levels deep") {
  std::string deep(100000, '[');
  auto r = parse_json(deep);
  REQUIRE(r.failure);
  CHECK(r.failure->code == "too_deep");
  std::string ok(64, '[');
  ok += std::string(64, ']');
  CHECK_FALSE(parse_json(ok).failure);
  std::string one_more(65, '[');
  one_more += std::string(65, ']');
  CHECK(parse_json(one_more).failure);
}

TEST_CASE("invalid UTF-8 is refused; numbers stay exact or are marked unrepresentable") {
  CHECK(parse_json("{\"a\": \"\xff\xfe\"}").failure);
  CHECK(parse_json("{\"a\": \"\xc0\xaf\"}").failure);  // overlong '/'
  auto r = parse_json(R"({"a": 0.1, "b": 1e400})");
  REQUIRE(r.failure);
  CHECK(r.failure->code == "invalid_field");
  CHECK(r.failure->message_id == "number_too_large");
  CHECK(r.failure->path == "/b");
  r = parse_json(R"({"a": 0.1, "c": 123456789012345678901234, "d": -7})");
  REQUIRE_FALSE(r.failure);
  CHECK(r.value.find("a")->as_number() == *Exact::ratio(1, 10));
  CHECK(r.value.find("c")->is_unrepresentable_number());
  CHECK(r.value.find("d")->as_number() == Exact(-7));
}

TEST_CASE("writing is deterministic and always valid JSON") {
  auto r = parse_json(R"({"x": [1, 2.50, {"y": null}], "s": "a\"b\\c\n\u0001é"})");
  REQUIRE_FALSE(r.failure);
  CHECK(write_json(r.value) == R"({"x":[1,2.5,{"y":null}],"s":"a\"b\\c\n\u0001é"})");
  CHECK(write_json(Value::number(*Exact::ratio(1, 3))) == "0.333333");
  CHECK(write_json(Value::date(*Date::parse("2026-02-28"))) == "\"2026-02-28\"");
  std::string out;
  write_json_string("ok\xff", out);
  CHECK(out == "\"ok\xEF\xBF\xBD\"");
  CHECK(write_json(Value::object({{"a", Value::list({})}}), 2) == "{\n  \"a\": []\n}");
}

TEST_CASE("a run of plain string bytes ends at the first quote, backslash, control or non-ASCII byte, wherever it stands") {
  // Every stop byte at every place of runs longer than the 16- and 8-byte steps, against the
  // byte-by-byte definition.
  const unsigned char stops[] = {'"', '\\', 0x00, 0x1F, 0x80, 0xC3, 0xFF};
  for (std::size_t len = 0; len <= 40; ++len) {
    for (std::size_t at = 0; at <= len; ++at) {
      for (unsigned char stop : stops) {
        std::string s(len, 'a');
        if (len) {  // the plain bytes at the edges: space, '~', DEL
          s[len / 2] = ' ';
          s[len - 1] = '~';
          s[len / 3] = '\x7F';
        }
        if (at < len) s[at] = static_cast<char>(stop);
        const char* end = certcalc::skip_plain_bytes(s.data(), s.data() + s.size());
        std::size_t want = 0;
        while (want < s.size()) {
          unsigned char c = static_cast<unsigned char>(s[want]);
          if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
          ++want;
        }
        INFO("length " << len << ", stop " << int(stop) << " at " << at);
        CHECK(static_cast<std::size_t>(end - s.data()) == want);
      }
    }
  }
  // 0x20 and 0x7E are plain: a run of them is read to its end.
  std::string edge(33, ' ');
  edge[7] = '~';
  CHECK(certcalc::skip_plain_bytes(edge.data(), edge.data() + edge.size()) == edge.data() + edge.size());
}
