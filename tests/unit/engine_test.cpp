// certcalc::Engine as a C++ value: moved into a container or an optional and reassigned, it keeps
// its packs (the built-in ones and a user's) and answers as before (engine.h).
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "certcalc/engine.h"
#include "test_support.h"

using namespace certcalc;
using certcalc::testing::slurp;

namespace {

const char* const kGrade =
    R"({"scheme": "brcgs-food-9", "announced": true, "critical": 0, "major": 0, "minor": 5})";

std::string grade_of(const Engine& e) {
  CallOptions options;
  options.today = "2026-01-15";
  Answer a = e.call("grade", kGrade, options);
  REQUIRE(a.status == Answer::Status::Ok);
  return a.json;
}

}  // namespace

TEST_CASE("an engine moves with its packs") {
  static_assert(std::is_nothrow_move_constructible_v<Engine>);
  static_assert(std::is_nothrow_move_assignable_v<Engine>);
  static_assert(!std::is_copy_constructible_v<Engine>);

  Engine first;
  const std::string expected = grade_of(first);
  const std::string pack = slurp(std::filesystem::path(CERTCALC_SOURCE_DIR) / "tests" / "cli" / "user-pack.json");
  Answer loaded = first.load_pack(pack, "user.json");
  REQUIRE(loaded.status == Answer::Status::Ok);
  const std::string schemes = first.call("schemes", "").json;

  // Move construction: the built-in pack first used above and the user's pack come along.
  Engine second(std::move(first));
  CHECK(grade_of(second) == expected);
  CHECK(second.call("schemes", "").json == schemes);

  // In a vector (which moves its elements as it grows) and an optional that is reassigned.
  std::vector<Engine> engines;
  engines.push_back(std::move(second));
  engines.emplace_back(Engine::Builtins::None);
  engines.emplace_back();
  CHECK(grade_of(engines.front()) == expected);
  CHECK(grade_of(engines.back()) == expected);

  std::optional<Engine> held;
  held.emplace(Engine::Builtins::None);
  held = std::move(engines.front());
  CHECK(held->call("schemes", "").json == schemes);

  // Move assignment into an engine that had packs of its own: it answers with the new ones.
  Engine fresh;
  fresh = std::move(*held);
  CHECK(grade_of(fresh) == expected);
  CHECK(fresh.call("schemes", "").json == schemes);
}
