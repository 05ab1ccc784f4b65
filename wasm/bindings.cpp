// The WebAssembly door: a plain C ABI (works under a strict Content-Security-Policy) over the
// core. Strings cross the boundary once per call as UTF-8 bytes with explicit lengths.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
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
int g_latin1 = -2;     // its Latin-1 length once converted (-1: not Latin-1, -2: not tried)
std::string g_needs;   // the last answer's rule assets to add first (not_loaded), one a line

const char* keep(certcalc::Answer a) {
  g_result = std::move(a.json);
  g_status = static_cast<int>(a.status);
  g_latin1 = -2;
  g_needs.clear();
  for (const auto& n : a.needs) g_needs += (g_needs.empty() ? "" : "\n") + n;
  return g_result.c_str();
}

// Turns the last answer's characters into Latin-1 bytes (one byte each) in place and gives their
// count, or -1 (the answer as it was) when one lies outside U+0000-U+007F and U+00A0-U+00FF.
// Node makes a string from Latin-1 bytes with one copy, but takes 1.6 ns a byte to decode UTF-8
// holding a single "§" (bench/README.md, 2026-12-05, later). In place and in one pass: a Latin-1
// text is never longer than its UTF-8; a second buffer cost an allocation and a zero fill.
int latin1_in_place(std::string& text) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  unsigned char* const begin = reinterpret_cast<unsigned char*>(&text[0]);
  unsigned char* const end = begin + text.size();
  unsigned char* p = begin;
  // Up to the first non-ASCII byte nothing moves.
  while (end - p >= 8) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    if (x & kHigh) break;
    p += 8;
  }
  while (p < end && *p < 0x80) ++p;
  unsigned char* w = p;  // written behind where it is read: w <= p throughout
  while (p < end) {
    if (end - p >= 8) {
      std::uint64_t x;
      std::memcpy(&x, p, 8);
      if ((x & kHigh) == 0) {
        std::memcpy(w, &x, 8);
        p += 8;
        w += 8;
        continue;
      }
    }
    if (*p < 0x80) {
      *w++ = *p++;
      continue;
    }
    // Two bytes C2 A0-BF or C3 80-BF: U+00A0-U+00FF. Anything else is not Latin-1 text: what
    // was written goes back to UTF-8, from the end (each such byte two again, as it was).
    if (end - p < 2 || (p[1] & 0xC0) != 0x80 || !(p[0] == 0xC3 || (p[0] == 0xC2 && p[1] >= 0xA0))) {
      while (w != p) {
        const unsigned char b = *--w;
        if (b < 0x80) {
          *--p = b;
        } else {
          *--p = static_cast<unsigned char>(0x80 | (b & 0x3F));
          *--p = static_cast<unsigned char>(0xC0 | (b >> 6));
        }
      }
      return -1;
    }
    *w++ = static_cast<unsigned char>(((p[0] & 0x1F) << 6) | (p[1] & 0x3F));
    p += 2;
  }
  text.resize(static_cast<std::size_t>(w - begin));
  return static_cast<int>(text.size());
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
/// The last answer as Latin-1 bytes at certcalc_latin1(), their count; -1 when it is not Latin-1.
/// Once it has answered a count, the answer's UTF-8 bytes are gone (turned into those).
EMSCRIPTEN_KEEPALIVE int certcalc_result_latin1() {
  if (g_latin1 == -2) g_latin1 = latin1_in_place(g_result);
  return g_latin1;
}
EMSCRIPTEN_KEEPALIVE const char* certcalc_latin1() { return g_result.data(); }
EMSCRIPTEN_KEEPALIVE int certcalc_status() { return g_status; }
EMSCRIPTEN_KEEPALIVE const char* certcalc_version() { return certcalc::Engine::version(); }

}  // extern "C"
