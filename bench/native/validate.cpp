// Native validate through the library door: one Engine, the request's text in memory, Engine::call
// in a loop on one thread, as a back end that links certcalc::core would call it. No process, no
// batch line, no file: bench/validate-native.mjs times `certcalc batch` beside this.
// usage: certcalc-bench-validate REQUEST.json PACK.json... [--today D] [--calls N]
// Prints one JSON line: {"calls", "seconds", "bytes"}. The first call's answer is written to the
// file CERTCALC_BENCH_ANSWER names, if set: the bench compares it with the CLI's.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <certcalc/engine.h>

namespace {

bool read_file(const char* path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<const char*> files;
  certcalc::CallOptions options;
  long calls = 200;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--today" && i + 1 < argc) {
      options.today = argv[++i];
    } else if (a == "--calls" && i + 1 < argc) {
      calls = std::strtol(argv[++i], nullptr, 10);
    } else {
      files.push_back(argv[i]);
    }
  }
  if (files.empty() || calls < 1) {
    std::fprintf(stderr, "usage: certcalc-bench-validate REQUEST.json PACK.json... [--today D] [--calls N]\n");
    return 2;
  }
  certcalc::Engine engine;
  std::string request;
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::string text;
    if (!read_file(files[i], text)) {
      std::fprintf(stderr, "cannot read %s\n", files[i]);
      return 2;
    }
    if (i == 0) {
      request = std::move(text);
      continue;
    }
    certcalc::Answer loaded = engine.load_pack(text, files[i]);
    if (loaded.status != certcalc::Answer::Status::Ok) {
      std::fprintf(stderr, "%s: %s\n", files[i], loaded.summary.c_str());
      return 2;
    }
  }
  // The first call makes what the pack keeps for later calls (its validate plan, issue shapes):
  // it is the answer checked, and is not timed.
  certcalc::Answer first = engine.call("validate", request, options);
  if (first.status != certcalc::Answer::Status::Ok) {
    std::fprintf(stderr, "validate: %s\n", first.summary.c_str());
    return 1;
  }
  if (const char* path = std::getenv("CERTCALC_BENCH_ANSWER")) {
    std::ofstream(path, std::ios::binary) << first.json;
  }
  std::size_t bytes = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (long i = 0; i < calls; ++i) bytes += engine.call("validate", request, options).json.size();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("{\"calls\":%ld,\"seconds\":%.6f,\"bytes\":%zu}\n", calls, seconds, bytes);
  return bytes == first.json.size() * static_cast<std::size_t>(calls) ? 0 : 1;
}
