// Rule files given at run time (Engine::add_rules, the browser build's way of loading packs and
// catalogs on demand): what is refused until it is there, and the same bytes as the engine with
// the files compiled in once it is (docs/api.md, "Rule assets").
#include <filesystem>
#include <set>

#include "certcalc/engine.h"
#include "rule_files.h"
#include "test_support.h"

using namespace certcalc;
using certcalc::testing::json;
using certcalc::testing::load_json;
using certcalc::testing::slurp;

namespace {

const std::filesystem::path kRules = std::filesystem::path(CERTCALC_SOURCE_DIR) / "rules";
const char* const kFssc = R"({"scheme": "fssc22000-5.1", "auditType": "initial", "category": "CI", "fte": 120,
  "haccpStudies": 2, "certifiedManagementSystem": true})";

// {id: {locale: text}} without the texts of `locale`.
Value without_locale(const Value& messages, const std::string& locale) {
  Members out;
  for (const auto& kv : messages.as_object()) {
    if (!kv.second.is_object()) {
      out.push_back(kv);
      continue;
    }
    Members texts;
    for (const auto& t : kv.second.as_object())
      if (t.first != locale) texts.push_back(t);
    out.emplace_back(kv.first, Value::object(std::move(texts)));
  }
  return Value::object(std::move(out));
}

// {id: text} of one locale.
Value only_locale(const Value& messages, const std::string& locale) {
  Members out;
  for (const auto& kv : messages.as_object())
    if (const Value* t = kv.second.find(locale)) out.emplace_back(kv.first, *t);
  return Value::object(std::move(out));
}

Value with(const Value& doc, const std::string& key, Value v) {
  Members m = doc.as_object();
  for (auto& kv : m)
    if (kv.first == key) kv.second = std::move(v);
  return Value::object(std::move(m));
}

std::string asset(const std::string& files, const std::string& texts = "[]") {
  return R"({"certcalcRules": 1, "files": )" + files + R"(, "texts": )" + texts + "}";
}

std::string file(const std::string& path, const Value& doc, const std::string& left_out = "[]") {
  return R"({"path": ")" + path + R"(", "textsLeftOut": )" + left_out + R"(, "doc": )" + write_json(doc) + "}";
}

Value error_of(const Answer& a) { return *json(a.json).find("error"); }

}  // namespace

TEST_CASE("an engine given its rule files at run time answers as the one that embeds them") {
  Engine embedded;
  Engine e(Engine::Builtins::None);
  // What index/packs.json says of the FSSC pack: its `schemes` entry without the origin.
  Value listed;
  Value all = json(embedded.call("schemes", "").json);
  for (const Value& s : all.find("schemes")->as_list())
    if (s.find("id")->as_string() == "fssc22000-5.1") {
      Members m;
      for (const auto& kv : s.as_object())
        if (kv.first != "origin") m.push_back(kv);
      listed = Value::object(std::move(m));
    }
  std::string shared_names;
  for (const auto& entry : std::filesystem::directory_iterator(kRules / "shared"))
    shared_names += std::string(shared_names.empty() ? "" : ",") + "\"" + entry.path().stem().string() + "\"";
  Answer index = e.add_rules(asset("[" + file("index/packs.json", Value::list({listed})) + "," +
                                   file("index/assets.json", json(R"({"locales": ["en", "nl"], "shared": [)" + shared_names + R"(], "schema": true})")) + "]"));
  REQUIRE(index.status == Answer::Status::Ok);

  SECTION("every request first needs the English catalog, then the pack") {
    Answer a = e.call("schemes", "");
    CHECK(error_of(a).find("code")->as_string() == "not_loaded");
    CHECK(a.needs == std::vector<std::string>{"messages/en.json"});
    REQUIRE(e.add_rules(asset("[" + file("messages/en.json", load_json(kRules / "messages" / "en.json")) + "]")).status == Answer::Status::Ok);
    Answer listing = e.call("schemes", "");
    REQUIRE(listing.status == Answer::Status::Ok);
    CHECK(json(listing.json).find("schemes")->as_list().size() == 1);
    Answer d = e.call("duration", kFssc);
    CHECK(error_of(d).find("code")->as_string() == "not_loaded");
    CHECK(error_of(d).find("path")->as_string() == "/scheme");
    CHECK(d.needs == std::vector<std::string>{"packs/fssc22000-5.1.json"});
  }

  SECTION("the pack without Dutch texts answers in English, and in Dutch once they are added") {
    Value pack = load_json(kRules / "packs" / "fssc22000-5.1.json");
    std::string files = file("messages/en.json", load_json(kRules / "messages" / "en.json")) + "," +
                        file("packs/fssc22000-5.1.json", with(pack, "messages", without_locale(*pack.find("messages"), "nl")), R"(["nl"])");
    // The shared files the pack uses, directly or through another shared file.
    std::vector<std::string> uses;
    add_shared_refs(pack, uses);
    for (std::size_t i = 0; i < uses.size(); ++i) add_shared_refs(load_json(kRules / "shared" / (uses[i] + ".json")), uses);
    for (const auto& name : uses) files += "," + file("shared/" + name + ".json", load_json(kRules / "shared" / (name + ".json")));
    REQUIRE(e.add_rules(asset("[" + files + "]")).status == Answer::Status::Ok);
    CHECK(e.call("duration", kFssc).json == embedded.call("duration", kFssc).json);
    CHECK(e.call("describe", R"({"scheme": "fssc22000-5.1"})").json == embedded.call("describe", R"({"scheme": "fssc22000-5.1"})").json);

    CallOptions nl;
    nl.locale = "nl";
    Answer a = e.call("duration", kFssc, nl);
    CHECK(a.needs == std::vector<std::string>{"messages/nl.json"});
    REQUIRE(e.add_rules(asset("[" + file("messages/nl.json", load_json(kRules / "messages" / "nl.json")) + "]")).status == Answer::Status::Ok);
    a = e.call("duration", kFssc, nl);
    CHECK(error_of(a).find("path")->as_string() == "/locale");
    CHECK(a.needs == std::vector<std::string>{"packs/fssc22000-5.1.nl.json"});
    // English answers need nothing more.
    CHECK(e.call("duration", kFssc).status == Answer::Status::Ok);
    std::string texts = R"([{"path": "packs/fssc22000-5.1.json", "locale": "nl", "messages": )" +
                        write_json(only_locale(*pack.find("messages"), "nl")) + "}]";
    REQUIRE(e.add_rules(asset("[]", texts)).status == Answer::Status::Ok);
    CHECK(e.call("duration", kFssc, nl).json == embedded.call("duration", kFssc, nl).json);
    CHECK(e.call("describe", R"({"scheme": "fssc22000-5.1", "locale": "nl"})").json ==
          embedded.call("describe", R"({"scheme": "fssc22000-5.1", "locale": "nl"})").json);
    // The same texts twice change nothing.
    CHECK(e.add_rules(asset("[]", texts)).status == Answer::Status::Ok);
    CHECK(e.call("duration", kFssc, nl).json == embedded.call("duration", kFssc, nl).json);
  }

  SECTION("a user pack needs the schema and the shared files it names, with all their texts") {
    REQUIRE(e.add_rules(asset("[" + file("messages/en.json", load_json(kRules / "messages" / "en.json")) + "]")).status == Answer::Status::Ok);
    // tests/cli/user-pack.json with shared data of the built-in packs in its `data`.
    std::string pack = write_json(with(load_json(std::filesystem::path(CERTCALC_SOURCE_DIR) / "tests" / "cli" / "user-pack.json"),
                                       "id", Value::string("user-1")));
    pack = pack.substr(0, pack.size() - 1) + R"(,"data":{"phrases":{"$shared":"blame-phrases"}}})";
    Answer a = e.load_pack(pack, "user.json");
    CHECK(error_of(a).find("code")->as_string() == "not_loaded");
    CHECK(a.needs == std::vector<std::string>{"shared/blame-phrases.json", "schema.json"});
    REQUIRE(e.add_rules(asset("[" + file("shared/blame-phrases.json", load_json(kRules / "shared" / "blame-phrases.json")) + "," +
                              file("schema/pack.schema.json", load_json(kRules / "schema" / "pack.schema.json")) + "]")).status == Answer::Status::Ok);
    Answer loaded = e.load_pack(pack, "user.json");
    CHECK(loaded.status == Answer::Status::Ok);
    CHECK(loaded.json == embedded.load_pack(pack, "user.json").json);
    CHECK(e.call("grade", R"({"scheme": "user-1", "a": 2, "b": 3})").json == R"({"total":5})");
    // A built-in pack file added later does not replace a user pack of the same id.
    REQUIRE(e.add_rules(asset("[" + file("packs/user-1.json", json(R"({"id": "user-1"})")) + "]")).status == Answer::Status::Ok);
    CHECK(e.call("grade", R"({"scheme": "user-1", "a": 2, "b": 3})").json == R"({"total":5})");
  }

  SECTION("anything else is refused with the pointer of the defect") {
    CHECK(error_of(e.add_rules("{")).find("code")->as_string() == "invalid_asset");
    CHECK(error_of(e.add_rules(R"({"files": []})")).find("path")->as_string() == "/certcalcRules");
    Answer bad = e.add_rules(asset(R"([{"path": "packs/x.json", "doc": {"id": "y"}}])"));
    CHECK(error_of(bad).find("path")->as_string() == "/files/0");
    CHECK(error_of(e.add_rules(asset("[]", R"([{"path": "packs/nope.json", "locale": "nl", "messages": {}}])"))).find("path")->as_string() == "/texts/0");
  }
}

TEST_CASE("an engine started with nothing checks a user pack only once the schema and English are added") {
  // No index announced them: the pack is refused (not taken unchecked, answering in bare ids).
  Engine e(Engine::Builtins::None);
  const std::string pack = slurp(std::filesystem::path(CERTCALC_SOURCE_DIR) / "tests" / "cli" / "user-pack.json");
  Answer a = e.load_pack(pack, "user.json");
  CHECK(error_of(a).find("code")->as_string() == "not_loaded");
  CHECK(a.needs == std::vector<std::string>{"schema.json", "messages/en.json"});
  REQUIRE(e.add_rules(asset("[" + file("messages/en.json", load_json(kRules / "messages" / "en.json")) + "," +
                            file("schema/pack.schema.json", load_json(kRules / "schema" / "pack.schema.json")) + "]"))
              .status == Answer::Status::Ok);
  CHECK(e.load_pack(pack, "user.json").status == Answer::Status::Ok);
  // The schema is applied: a member of the wrong type is refused with its pointer.
  std::string bad = pack;
  bad.replace(bad.find("\"verified\": true"), 16, "\"verified\": \"yes\"");
  Answer refused = e.load_pack(bad, "bad.json");
  CHECK(error_of(refused).find("code")->as_string() == "invalid_pack");
  CHECK(error_of(refused).find("path")->as_string() == "/verified");
}

TEST_CASE("an engine started with nothing answers not_loaded, never bare message ids, until English is added") {
  Engine e(Engine::Builtins::None);
  Answer a = e.call("grade", R"({"scheme": "brcgs-food-9"})");
  CHECK(error_of(a).find("code")->as_string() == "not_loaded");
  CHECK(a.needs == std::vector<std::string>{"messages/en.json"});
  REQUIRE(e.add_rules(asset("[" + file("messages/en.json", load_json(kRules / "messages" / "en.json")) + "]")).status == Answer::Status::Ok);
  // No index announced the pack: an unknown scheme, said in words.
  Value error = error_of(e.call("grade", R"({"scheme": "brcgs-food-9"})"));
  CHECK(error.find("code")->as_string() == "unknown_scheme");
  CHECK(error.find("message")->as_string() != "unknown_scheme");
}
