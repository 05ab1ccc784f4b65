// libFuzzer harness for Engine::load_pack. The input is a pack; when it holds a NUL byte, the
// bytes after it are a request to that pack: one byte choosing the operation, then the request
// as it is. A pack that loads is also described and listed, so its compiled form is exercised.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "fuzz_common.h"

namespace {

const char* const kOps[] = {"schemes", "describe", "duration", "grade", "schedule", "deadlines",
                            "validate", "rotation"};

std::unique_ptr<certcalc::Engine>& engine() {
  static std::unique_ptr<certcalc::Engine> e;
  return e;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  engine() = std::make_unique<certcalc::Engine>();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static int loads = 0;
  // Loaded packs stay until replaced; a fresh engine now and then keeps memory bounded.
  if (++loads % 512 == 0) engine() = std::make_unique<certcalc::Engine>();
  certcalc::Engine& e = *engine();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view pack = input, request;
  const char* op = nullptr;
  std::size_t nul = input.find('\0');
  if (nul != std::string_view::npos) {
    pack = input.substr(0, nul);
    std::string_view rest = input.substr(nul + 1);
    if (!rest.empty()) {
      op = kOps[static_cast<std::uint8_t>(rest[0]) % 7];
      request = rest.substr(1);
    }
  }
  certcalc::Answer loaded = e.load_pack(pack, "fuzz.json");
  certcalc_fuzz::check_answer(loaded, pack);
  if (loaded.status != certcalc::Answer::Status::Ok) return 0;
  certcalc::ParseResult r = certcalc::parse_json(loaded.json);
  const certcalc::Value* id = r.value.find("loaded") ? r.value.find("loaded")->find("id") : nullptr;
  if (!id || !id->is_string()) certcalc_fuzz::die("a loaded pack without an id", loaded.json);
  std::string scheme_member;
  certcalc::write_json_string(id->as_string(), scheme_member);
  const std::string describe = "{\"scheme\":" + scheme_member + "}";
  certcalc_fuzz::check_answer(e.call("describe", describe), describe);
  certcalc_fuzz::check_answer(e.call("schemes", "{}"), "schemes");
  if (op) {
    certcalc::CallOptions options;
    options.today = "2026-01-15";
    certcalc_fuzz::check_answer(e.call(op, request, options), request, true);
  }
  return 0;
}
