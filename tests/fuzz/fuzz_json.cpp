// libFuzzer harness for the JSON reader (core/src/json_parse.cpp): whatever the bytes, it must
// agree with the reference it replaced (tests/unit/reference_reader.h: nlohmann's strict parser
// and the old builder) on acceptance, on the value, and on the error code and pointer. The one
// known difference: the reference ends a document at a NUL byte, certcalc refuses the byte.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.h"
#include "reference_reader.h"

using certcalc::testing::nul_difference;
using certcalc::testing::outcome;
using certcalc::testing::same_value;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  certcalc::ParseResult mine = certcalc::parse_json(text);
  certcalc::ParseResult ref = certcalc::testing::reference_parse(text);
  if (outcome(mine) != outcome(ref)) {
    if (!nul_difference(text, mine, ref))
      certcalc_fuzz::die(("reader and reference disagree: " + outcome(mine) + " vs " + outcome(ref)).c_str(),
                         std::string(text));
  } else if (!mine.failure && !same_value(mine.value, ref.value)) {
    certcalc_fuzz::die("reader and reference read different values", std::string(text));
  }
  // What the reader accepted is written as JSON that reads back.
  if (!mine.failure) {
    certcalc::ParseResult again = certcalc::parse_json(certcalc::write_json(mine.value));
    if (again.failure) certcalc_fuzz::die("a written value does not read back", std::string(text));
  }
  return 0;
}
