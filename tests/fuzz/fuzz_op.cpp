// libFuzzer harness for one operation (CERTCALC_FUZZ_OP). The first input byte chooses how the
// rest is sent: bits 0-2 a loaded scheme whose {"scheme": id, ...} prefix is added (7 or an
// index past the last scheme: the bytes go as they are), bits 3-5 the door's locale, bit 6 no
// current date, bit 7 pretty output. tests/fuzz/make_seeds.mjs writes seeds in this format.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "fuzz_common.h"
#include "validate_input.h"

namespace {

struct State {
  certcalc::Engine engine;
  std::vector<std::string> schemes;
  std::vector<std::string> builtin;
};

std::vector<std::string> scheme_ids(const certcalc::Engine& e) {
  certcalc::Answer a = e.call("schemes", "{}");
  certcalc::ParseResult r = certcalc::parse_json(a.json);
  if (r.failure) certcalc_fuzz::die("schemes does not answer", a.json);
  std::vector<std::string> ids;
  for (const auto& s : r.value.find("schemes")->as_list()) ids.push_back(s.find("id")->as_string());
  return ids;
}

State& state() {
  static State* s = [] {
    auto* st = new State;
    st->builtin = scheme_ids(st->engine);
    certcalc_fuzz::load_test_packs(st->engine);
    st->schemes = scheme_ids(st->engine);
    return st;
  }();
  return *s;
}

// Test packs may have defects of their own on purpose (tests/vectors/core/regressions.json):
// an internal error is a finding only when the request named a built-in pack.
bool test_pack_request(const State& st, const std::string& request) {
  certcalc::ParseResult r = certcalc::parse_json(request);
  const certcalc::Value* scheme = r.failure ? nullptr : r.value.find("scheme");
  return scheme && scheme->is_string() &&
         std::find(st.builtin.begin(), st.builtin.end(), scheme->as_string()) == st.builtin.end();
}

const char* const kLocales[] = {"", "en", "nl", "it", "de", "fr", "", "xx"};

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  state();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  State& st = state();
  const std::uint8_t mode = data[0];
  std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string request;
  const std::size_t scheme = mode & 7u;
  if (scheme < 7 && scheme < st.schemes.size()) {
    request = "{\"scheme\":\"" + st.schemes[scheme] + "\"";
    if (body.empty() || body[0] != '}') request += ',';
    request.append(body.data(), body.size());
  } else {
    request.assign(body.data(), body.size());
  }
  certcalc::CallOptions options;
  options.locale = kLocales[(mode >> 3) & 7u];
  options.today = (mode & 0x40) ? "" : "2026-01-15";
  options.indent = (mode & 0x80) ? 2 : -1;
  certcalc::Answer a = st.engine.call(CERTCALC_FUZZ_OP, request, options);
  certcalc_fuzz::check_answer(
      a, request,
      a.status == certcalc::Answer::Status::InternalError && test_pack_request(st, request));
  // validate is read straight from its text when it can be: the generic reader and field checks
  // must give the same bytes (validate_input.h).
  if (std::string_view(CERTCALC_FUZZ_OP) == "validate") {
    certcalc::set_validate_text_reader(false);
    certcalc::Answer generic = st.engine.call(CERTCALC_FUZZ_OP, request, options);
    certcalc::set_validate_text_reader(true);
    if (generic.json != a.json || generic.status != a.status)
      certcalc_fuzz::die("validate answers differently from its text and through the field checks",
                         "input: " + request.substr(0, 2000) + "\ntext: " + a.json.substr(0, 4000) +
                             "\nchecked: " + generic.json.substr(0, 4000));
  }
  return 0;
}
