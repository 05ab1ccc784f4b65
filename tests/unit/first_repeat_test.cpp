// firstRepeat (docs/rule-language.md): the index of the first item whose key an earlier item's
// key equals. It must agree with `==` and `distinct` on every value, or a pack rewritten with it
// would answer otherwise than the search it replaced.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "certcalc/engine.h"
#include "json_io.h"

using namespace certcalc;

namespace {

std::string pack_with(const std::string& id, const std::string& fields, const std::string& program) {
  return R"({"$schema": "x", "id": ")" + id + R"(", "scheme": "t", "title": "t", "version": "1",
    "publisher": "t", "effectiveDate": null, "language": "en", "verified": true,
    "sources": [{"id": "t", "short": "t", "title": "t", "verified": true}],
    "operations": {"grade": {"fields": {)" + fields + R"(}, "program": [)" + program + "]}}}";
}

// The answer's members as JSON texts.
std::string member(const Answer& a, const char* name) {
  auto r = parse_json(a.json);
  REQUIRE_FALSE(r.failure);
  const Value* v = r.value.find(name);
  REQUIRE(v);
  return write_json(*v);
}

Value parsed(const std::string& json) {
  auto r = parse_json(json);
  REQUIRE_FALSE(r.failure);
  return r.value;
}

}  // namespace

TEST_CASE("firstRepeat answers the index of the first repeated key, or null") {
  Engine e;
  const std::string items = R"("items": {"type": "list", "items": {"type": "object", "fields": {
      "id": {"type": "string"}, "n": {"type": "number"}}}})";
  auto first = [](const std::string& list, const std::string& key) {
    return R"({"firstRepeat": [)" + list + ", " + key + "]}";
  };
  const std::string program =
      R"({"set": "byId", "value": )" + first(R"({"var": "items"})", R"({"var": "it.id"})") + "}," +
      R"({"set": "byN", "value": )" + first(R"({"var": "items"})", R"({"var": "it.n"})") + "}," +
      R"({"set": "empty", "value": )" + first(R"({"quote": []})", R"({"var": "it"})") + "}," +
      R"({"set": "texts", "value": )" + first(R"(["b", "a", "c", "a", "b"])", R"({"var": "it"})") + "}," +
      R"({"set": "atEnd", "value": )" + first(R"(["a", "b", "c", "a"])", R"({"var": "it"})") + "}," +
      R"({"set": "distinctTexts", "value": )" +
      first(R"(["A", "a", "\u00e9", "e\u0301", "", " "])", R"({"var": "it"})") + "}," +
      R"({"set": "numbers", "value": )" + first(R"([1, "1", 2, 1.0])", R"({"var": "it"})") + "}," +
      R"({"set": "exact", "value": )" + first(R"([0.3, {"+": [0.1, 0.2]}])", R"({"var": "it"})") + "}," +
      R"({"set": "dates", "value": )" +
      first(R"([{"date": "2024-02-29"}, {"date": "2024-03-01"}, {"addDays": [{"date": "2024-02-28"}, 1]}])",
            R"({"var": "it"})") + "}," +
      R"({"set": "objects", "value": )" +
      first(R"([{"quote": {"a": 1, "b": [1, 2]}}, {"quote": {"b": [2, 1], "a": 1}}, {"quote": {"b": [1, 2], "a": 1}}])",
            R"({"var": "it"})") + "}," +
      R"({"set": "byIndex", "value": )" +
      first(R"(["x", "y", "z"])", R"({"-": [{"var": "index"}, {"var": "index"}]})") + "}";
  REQUIRE(e.load_pack(pack_with("first-repeat", items, program), "t").status == Answer::Status::Ok);

  // The request's list: ids with a null (an absent id) twice, numbers all different.
  Answer a = e.call("grade", R"({"scheme": "first-repeat", "items": [
    {"id": "x", "n": 1}, {"n": 2}, {"id": "y", "n": 3}, {"n": 1.5}, {"id": "x", "n": 4}]})");
  REQUIRE(a.status == Answer::Status::Ok);
  INFO(a.json);
  // Null keys equal each other, as null == null: the second absent id is the first repeat (3),
  // before the second "x" (4).
  CHECK(member(a, "byId") == "3");
  CHECK(member(a, "byN") == "null");
  CHECK(member(a, "empty") == "null");
  // The first item that repeats any earlier one: "a" at 3, before "b" repeats at 4.
  CHECK(member(a, "texts") == "3");
  CHECK(member(a, "atEnd") == "3");
  // Texts byte for byte: case and Unicode normalization are not folded.
  CHECK(member(a, "distinctTexts") == "null");
  // Numbers by value (1.0 is 1), never equal to a text.
  CHECK(member(a, "numbers") == "3");
  CHECK(member(a, "exact") == "1");
  CHECK(member(a, "dates") == "2");
  // Objects whatever their member order; lists in order.
  CHECK(member(a, "objects") == "2");
  CHECK(member(a, "byIndex") == "1");

  // An absent list answers as an empty one (null); so do one item and items that all differ.
  CHECK(member(e.call("grade", R"({"scheme": "first-repeat"})"), "byId") == "null");
  CHECK(member(e.call("grade", R"({"scheme": "first-repeat", "items": [{"id": "x"}]})"), "byId") == "null");
  CHECK(member(e.call("grade", R"({"scheme": "first-repeat", "items": [{"id": "a"}, {"id": "b"}]})"), "byId") ==
        "null");
}

TEST_CASE("firstRepeat agrees with the search among earlier items that packs wrote with ==") {
  Engine e;
  // The packs' former formulation beside it: each item, pushed when some earlier item is ==.
  const std::string search = R"(
    {"set": "fast", "value": {"firstRepeat": [{"var": "items"}, {"var": "it"}]}},
    {"set": "distinctAll", "value": {"==": [{"length": {"distinct": {"var": "items"}}}, {"length": {"var": "items"}}]}},
    {"each": "f", "in": {"var": "items"}, "do": [
      {"push": "repeats", "value": {"var": "fIndex"},
       "when": {"some": [{"var": "items"}, {"and": [{"<": [{"var": "index"}, {"var": "fIndex"}]},
                                                     {"==": [{"var": "it"}, {"var": "f"}]}]}]}}]})";
  const std::string fields = R"("items": {"type": "list", "items": {"type": "string"}})";
  REQUIRE(e.load_pack(pack_with("first-repeat-texts", fields, search), "t").status == Answer::Status::Ok);

  // Texts from a few that differ only in case, normalization, white space or an invisible
  // character (written as JSON: \" and \\ are a quote and a backslash).
  const std::vector<std::string> texts = {"NC-1", "nc-1", "NC-1 ", "\u00e9", "e\u0301", "",
                                          " ",    "NC\u200b-1", "x",  "\\\"", "\\\\"};
  std::mt19937 random(20260115);
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t n = random() % 9;
    std::string list;
    for (std::size_t i = 0; i < n; ++i) {
      const std::string& t = texts[random() % texts.size()];
      list += (i ? ", \"" : "\"") + t + "\"";
    }
    Answer a = e.call("grade", R"({"scheme": "first-repeat-texts", "items": [)" + list + "]}");
    REQUIRE(a.status == Answer::Status::Ok);
    INFO(a.json);
    Value v = parsed(a.json);
    const Value* repeats = v.find("repeats");
    const std::string slow = repeats && !repeats->as_list().empty() ? write_json(repeats->as_list()[0]) : "null";
    CHECK(member(a, "fast") == slow);
    CHECK(member(a, "distinctAll") == (slow == "null" ? "true" : "false"));
  }
}

TEST_CASE("Value::hash agrees with Value::equals") {
  // Every pair of these that equals hashes alike; the firstRepeat answers above rest on it.
  const std::vector<std::string> json = {
      "null", "true", "false", "0", "1", "1.0", "1.50", "1.5", "-0", "\"1\"", "\"\"", "\"a\"", "\"A\"",
      "\"\\u00e9\"", "\"e\\u0301\"", "[]", "[1,2]", "[2,1]", "[1.0,2]", "{}", "{\"a\":1,\"b\":2}",
      "{\"b\":2,\"a\":1}", "{\"b\":2.0,\"a\":1}", "{\"a\":2,\"b\":1}", "{\"a\":[{\"x\":null}]}",
      "{\"a\":[{\"x\":null}],\"b\":{}}", "[{\"b\":2,\"a\":1}]", "[{\"a\":1,\"b\":2}]"};
  std::vector<Value> values;
  for (const std::string& j : json) values.push_back(parsed(j));
  values.push_back(Value::date(*Date::parse("2024-02-29")));
  values.push_back(Value::date(*Date::from_ymd(2024, 2, 29)));
  values.push_back(Value::date(*Date::parse("2024-03-01")));
  values.push_back(Value::string("2024-02-29"));
  // Numbers too large for an Exact compare by their text.
  values.push_back(Value::unrepresentable_number("1e400"));
  values.push_back(Value::unrepresentable_number("1e400"));
  values.push_back(Value::unrepresentable_number("2e400"));
  int equal_pairs = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    for (std::size_t j = 0; j < values.size(); ++j) {
      if (!values[i].equals(values[j])) continue;
      INFO(i << " " << j);
      CHECK(values[i].hash() == values[j].hash());
      equal_pairs += i != j;
    }
  }
  // 1 = 1.0, 1.5 = 1.50, 0 = -0, [1,2] = [1.0,2], three objects, the lists of two of them, the
  // dates, 1e400: each pair both ways.
  CHECK(equal_pairs == 20);
}

TEST_CASE("firstRepeat is checked when the pack loads") {
  Engine e;
  auto refused = [&](const std::string& id, const std::string& fields, const std::string& program,
                     const std::string& path, const std::string& says) {
    Answer a = e.load_pack(pack_with(id, fields, program), "t");
    INFO(a.json);
    CHECK(a.status == Answer::Status::RequestError);
    CHECK(a.json.find("\"code\":\"invalid_pack\"") != std::string::npos);
    CHECK(a.json.find("\"path\":\"" + path + "\"") != std::string::npos);
    CHECK(a.json.find(says) != std::string::npos);
  };
  const std::string at = "/operations/grade/program/0/value";
  refused("fr-text", "", R"({"set": "x", "value": {"firstRepeat": ["abc", {"var": "it"}]}})",
          at + "/firstRepeat/0", "a list is needed here");
  refused("fr-number", R"("n": {"type": "integer", "required": true})",
          R"({"set": "x", "value": {"firstRepeat": [{"var": "n"}, {"var": "it"}]}})", at + "/firstRepeat/0",
          "a list is needed here");
  // A misspelt member: every item after the first would repeat the first.
  refused("fr-null-key",
          R"("items": {"type": "list", "required": true,
                       "items": {"type": "object", "fields": {"id": {"type": "string"}}}})",
          R"({"set": "x", "value": {"firstRepeat": [{"var": "items"}, {"var": "it.idd"}]}})", at + "/firstRepeat/1",
          "firstRepeat compares the items' keys, but this is always null");
  refused("fr-one-argument", "", R"({"set": "x", "value": {"firstRepeat": [[1, 2]]}})", at + "/firstRepeat",
          "wrong number of arguments");
  // An index or null: usable as a number where null is allowed, not as a text.
  refused("fr-compared-with-text", "",
          R"({"set": "x", "value": {"<": [{"firstRepeat": [[1, 1], {"var": "it"}]}, "a"]}})", at,
          "this may compare a number with a string");
  const std::string index = R"({"get": [[5, 6, 5], {"firstRepeat": [[5, 6, 5], {"var": "it"}]}]})";
  CHECK(e.load_pack(pack_with("fr-index", "", R"({"set": "x", "value": )" + index + "}"), "t").status ==
        Answer::Status::Ok);
}

TEST_CASE("distinct keeps first occurrences in order, one pass whatever the list's length") {
  Engine e;
  // 30,000 numbers (0..19,999, then 5,000..14,999 again): comparing each with
  // the items kept before it would take some 200 million steps, ten times the step limit.
  const std::string program = R"(
    {"let": "all", "value": {"flatten": [[{"range": [0, 9999]}, {"range": [10000, 19999]}, {"range": [5000, 14999]}]]}},
    {"set": "count", "value": {"length": {"distinct": {"var": "all"}}}},
    {"set": "head", "value": {"get": [{"distinct": {"var": "all"}}, 10000]}},
    {"set": "mixed", "value": {"distinct": [[2, "2", 2.0, {"date": "2024-02-29"}, "2024-02-29",
                                             {"addDays": [{"date": "2024-02-28"}, 1]}, [1], [1.0], null, null]]}})";
  REQUIRE(e.load_pack(pack_with("distinct-long", "", program), "t").status == Answer::Status::Ok);
  Answer a = e.call("grade", R"({"scheme": "distinct-long"})");
  INFO(a.json);
  REQUIRE(a.status == Answer::Status::Ok);
  CHECK(member(a, "count") == "20000");
  CHECK(member(a, "head") == "10000");
  CHECK(member(a, "mixed") == R"([2,"2","2024-02-29","2024-02-29",[1],null])");
}
