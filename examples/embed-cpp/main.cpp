// A back end that embeds certcalc: one Engine, built once, answers requests from any thread.
// Prints each answer on a line of its own; exits 1 if one of them is an error envelope.
#include <cstdio>
#include <string>

#include <certcalc/engine.h>

int main() {
  certcalc::Engine engine;  // the built-in packs; engine.load_pack(json, origin) adds your own
  certcalc::CallOptions options;
  options.today = "2026-01-15";  // the core has no clock: the caller says what day it is

  // Audit days of an FSSC 22000 initial audit whose T_S the certification body gives (3 days).
  const char* duration =
      R"({"scheme": "fssc22000-5.1", "auditType": "initial", "category": "CI", "fte": 60,
          "haccpStudies": 2, "tsDays": 3})";
  // The grade of a BRCGS Food audit with 5 minor non-conformities.
  const char* grade =
      R"({"scheme": "brcgs-food-9", "announced": true, "critical": 0, "major": 0, "minor": 5})";

  int failed = 0;
  for (const auto& [op, request] : {std::pair{"duration", duration}, std::pair{"grade", grade}}) {
    certcalc::Answer answer = engine.call(op, request, options);
    std::printf("%s %s\n", op, answer.json.c_str());
    if (answer.status != certcalc::Answer::Status::Ok) {
      std::fprintf(stderr, "%s: %s\n", op, answer.summary.c_str());
      failed = 1;
    }
  }
  return failed;
}
