// libFuzzer harness for the JSON reader (core/src/json_parse.cpp): whatever the bytes, it must
// agree with the reference it replaced (tests/unit/reference_reader.h: nlohmann's strict parser
// and the old builder) on acceptance, on the value, and on the error code and pointer. The one
// known difference: the reference ends a document at a NUL byte, certcalc refuses the byte.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.h"
#include "reference_reader.h"

namespace {

bool same(const certcalc::Value& a, const certcalc::Value& b) {
  if (a.kind() != b.kind()) return false;
  if (a.is_unrepresentable_number() || b.is_unrepresentable_number())
    return a.is_unrepresentable_number() && b.is_unrepresentable_number() && a.as_string() == b.as_string();
  if (a.is_list()) {
    if (a.as_list().size() != b.as_list().size()) return false;
    for (std::size_t i = 0; i < a.as_list().size(); ++i)
      if (!same(a.as_list()[i], b.as_list()[i])) return false;
    return true;
  }
  if (a.is_object()) {
    const certcalc::Members& x = a.as_object();
    const certcalc::Members& y = b.as_object();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (x[i].first != y[i].first || !same(x[i].second, y[i].second)) return false;
    return true;
  }
  return a.equals(b);
}

std::string outcome(const certcalc::ParseResult& r) {
  return r.failure ? r.failure->code + " at '" + r.failure->path + "'" : std::string("ok");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  certcalc::ParseResult mine = certcalc::parse_json(text);
  certcalc::ParseResult ref = certcalc::testing::reference_parse(text);
  if (outcome(mine) != outcome(ref)) {
    bool nul_case = text.find('\0') != std::string_view::npos && !ref.failure && mine.failure &&
                    mine.failure->code == "malformed_json";
    if (!nul_case)
      certcalc_fuzz::die(("reader and reference disagree: " + outcome(mine) + " vs " + outcome(ref)).c_str(),
                         std::string(text));
  } else if (!mine.failure && !same(mine.value, ref.value)) {
    certcalc_fuzz::die("reader and reference read different values", std::string(text));
  }
  // What the reader accepted, written and read again, is the same value.
  if (!mine.failure) {
    certcalc::ParseResult again = certcalc::parse_json(certcalc::write_json(mine.value));
    if (again.failure) certcalc_fuzz::die("a written value does not read back", std::string(text));
  }
  return 0;
}
