// The WebAssembly door: a plain C ABI (works under a strict Content-Security-Policy) over the
// core. Strings cross the boundary once per call as UTF-8 bytes with explicit lengths.
#include <emscripten/emscripten.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "certcalc/engine.h"

namespace {

certcalc::Engine& engine() {
  static certcalc::Engine e;
  return e;
}

std::string g_result;  // the last answer; valid until the next call
int g_status = 0;
std::string g_needs;   // the last answer's rule assets to add first (not_loaded), one a line

const char* keep(certcalc::Answer a) {
  g_result = std::move(a.json);
  g_status = static_cast<int>(a.status);
  g_needs.clear();
  for (const auto& n : a.needs) g_needs += (g_needs.empty() ? "" : "\n") + n;
  return g_result.c_str();
}

}  // namespace

extern "C" {

/// Answers one operation; returns the answer's UTF-8 bytes (see certcalc_result_length).
EMSCRIPTEN_KEEPALIVE const char* certcalc_call(const char* op, int op_len, const char* request,
                                               int request_len, const char* today,
                                               const char* locale, int indent) {
  certcalc::CallOptions options;
  options.today = today ? today : "";
  options.locale = locale ? locale : "";
  options.indent = indent;
  return keep(engine().call(std::string_view(op, static_cast<std::size_t>(op_len)),
                            std::string_view(request, static_cast<std::size_t>(request_len)),
                            options));
}

/// Loads a user rule pack; the answer is {"loaded": {...}} or an error envelope.
EMSCRIPTEN_KEEPALIVE const char* certcalc_load_pack(const char* pack, int pack_len,
                                                    const char* origin) {
  return keep(engine().load_pack(std::string_view(pack, static_cast<std::size_t>(pack_len)),
                                 origin ? origin : "loadPack"));
}

/// Adds a rule asset (docs/api.md, "Rule assets"): the module embeds no pack or catalog.
EMSCRIPTEN_KEEPALIVE const char* certcalc_add_rules(const char* asset, int asset_len) {
  return keep(engine().add_rules(std::string_view(asset, static_cast<std::size_t>(asset_len))));
}

EMSCRIPTEN_KEEPALIVE const char* certcalc_needs() { return g_needs.c_str(); }
EMSCRIPTEN_KEEPALIVE int certcalc_result_length() { return static_cast<int>(g_result.size()); }
EMSCRIPTEN_KEEPALIVE int certcalc_status() { return g_status; }
EMSCRIPTEN_KEEPALIVE const char* certcalc_version() { return certcalc::Engine::version(); }

}  // extern "C"
