// Shared by the libFuzzer harnesses: the engine they call and the checks every answer must pass.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <string>
#include <string_view>
#include <vector>

#include "certcalc/engine.h"
#include "json_io.h"

namespace certcalc_fuzz {

inline void die(const char* what, const std::string& detail) {
  std::fprintf(stderr, "certcalc fuzz: %s\n%s\n", what, detail.substr(0, 4000).c_str());
  std::abort();
}

inline bool read_file(const std::string& path, std::string& out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return true;
}

/// Loads every *.json pack of CERTCALC_FUZZ_PACK_DIR (the test packs the vectors load).
inline void load_test_packs(certcalc::Engine& e) {
  DIR* dir = opendir(CERTCALC_FUZZ_PACK_DIR);
  if (!dir) return;
  std::vector<std::string> names;
  while (dirent* d = readdir(dir)) {
    std::string n = d->d_name;
    if (n.size() > 5 && n.compare(n.size() - 5, 5, ".json") == 0) names.push_back(n);
  }
  closedir(dir);
  for (const auto& n : names) {
    std::string text;
    if (!read_file(std::string(CERTCALC_FUZZ_PACK_DIR) + "/" + n, text)) continue;
    certcalc::Answer a = e.load_pack(text, n);
    if (a.status != certcalc::Answer::Status::Ok) die("a test pack does not load", n + ": " + a.json);
  }
}

/// Every answer, whatever the input: one JSON document; an error envelope exactly when the
/// status says so; never an internal failure (that is a defect of certcalc or of a pack).
/// `fuzzed_pack`: the answer comes from a pack that is not built in (one the fuzzer wrote, or a
/// test pack), whose defects may show as internal errors and whose results may look like
/// anything, envelopes included.
inline void check_answer(const certcalc::Answer& a, std::string_view input,
                         bool fuzzed_pack = false) {
  certcalc::ParseLimits limits;
  limits.max_depth = 1000;
  limits.max_bytes = static_cast<std::size_t>(1) << 31;
  certcalc::ParseResult r = certcalc::parse_json(a.json, limits);
  std::string context = "input: " + std::string(input.substr(0, 2000)) + "\nanswer: " + a.json;
  if (r.failure) die("the answer is not one JSON document", context);
  if (a.status == certcalc::Answer::Status::InternalError && !fuzzed_pack)
    die("internal error", context);
  const certcalc::Value* error = r.value.find("error");
  const bool envelope = error && error->is_object() && r.value.as_object().size() == 1;
  const bool failed = a.status != certcalc::Answer::Status::Ok;
  if (fuzzed_pack ? failed && !envelope : failed != envelope)
    die("status and envelope disagree", context);
  if (envelope) {
    for (const char* key : {"code", "message", "path"}) {
      const certcalc::Value* v = error->find(key);
      if (!v || !v->is_string()) die("an envelope without its code, message and path", context);
    }
    const std::string& path = error->find("path")->as_string();
    if (!path.empty() && path[0] != '/') die("an error path that is not a JSON Pointer", context);
    if (a.summary.empty()) die("a request error without its human line", context);
  }
}

}  // namespace certcalc_fuzz
