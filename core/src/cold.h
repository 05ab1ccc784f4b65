// Code no request runs twice with the same pack (compiling a pack, describing it, adding rule
// files) or that only runs once: optimised for size whatever its file's level, since a page pays
// for every byte of the .wasm (bench/README.md, "Size and speed").
#pragma once

#if defined(__clang__)
#define CERTCALC_COLD __attribute__((noinline, cold, minsize))
#elif defined(__GNUC__)
#define CERTCALC_COLD __attribute__((noinline, cold))
#else
#define CERTCALC_COLD
#endif
