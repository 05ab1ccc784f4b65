#!/usr/bin/env bash
# examples/embed-cpp built against the *installed* package, as a user of the library builds it:
# `cmake --install` into a temporary prefix, then find_package(certcalc) and pkg-config.
# Ends with "N passed, N failed".
# env: BUILD_DIR (the certcalc build to install), SOURCE_DIR, CXX, EXTRA_FLAGS (sanitizers).
set -u
build="${BUILD_DIR:?}"
src="${SOURCE_DIR:?}"
cxx="${CXX:-c++}"
flags="${EXTRA_FLAGS:-}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [[ -f "$tmp/log" ]] && tail -20 "$tmp/log"; }

# The expected figures, from the sources: FSSC 22000 v5.1 (A CERT regulation §4.3.1 b) 1)):
# T_S 3 days given + T_FSSC 0.5 day (less than 250 FTE, 2 HACCP studies) = 3.5 on-site days;
# BRCGS Food 9 (Certiquality regulation, Allegato 1 row 1): 0 major, 5 minor -> grade AA,
# evidence within 28 days.
check_answers() {
  local name="$1" out="$2"
  if grep -q '^duration {.*"onSiteDays":3.5,' <<<"$out" &&
     grep -q '^grade {"grade":"AA",.*"correctiveActionDays":28,' <<<"$out"; then ok
  else bad "$name: unexpected answers: $out"; fi
}

prefix="$tmp/prefix"
if cmake --install "$build" --prefix "$prefix" >"$tmp/log" 2>&1 &&
   [[ -f "$prefix/include/certcalc/engine.h" && -f "$prefix/lib/libcertcalc.a" &&
      -f "$prefix/lib/cmake/certcalc/certcalcConfig.cmake" &&
      -f "$prefix/lib/cmake/certcalc/certcalcConfigVersion.cmake" &&
      -f "$prefix/lib/pkgconfig/certcalc.pc" && -x "$prefix/bin/certcalc" ]]; then ok
else bad "cmake --install puts headers, library, package config, pkg-config file and the CLI"; fi

# The MIT notice travels with the installed copy (GNUInstallDirs' DOCDIR).
if cmp -s "$src/LICENSE" "$prefix/share/doc/certcalc/LICENSE"; then ok
else bad "cmake --install puts the LICENSE in share/doc/certcalc"; fi

# The header says it needs C++17 before the compiler trips over std::string_view.
if ! "$cxx" -std=c++14 -fsyntax-only -I"$prefix/include" -x c++ - <<<'#include <certcalc/engine.h>' >"$tmp/log" 2>&1 &&
   grep -q 'certcalc/engine.h needs C++17 or later' "$tmp/log"; then ok
else bad "engine.h under -std=c++14 should say it needs C++17"; fi

# find_package(certcalc) -> certcalc::core
if cmake -S "$src/examples/embed-cpp" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
     -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
     >"$tmp/log" 2>&1 && cmake --build "$tmp/cmake-build" >"$tmp/log" 2>&1; then
  ok
  check_answers "find_package build" "$("$tmp/cmake-build/embed-cpp" 2>&1)"
else bad "examples/embed-cpp does not build with find_package(certcalc)"; fi

# The version file: an incompatible version is refused.
mkdir -p "$tmp/v"
printf 'cmake_minimum_required(VERSION 3.21)\nproject(v LANGUAGES CXX)\nfind_package(certcalc 9.0 REQUIRED)\n' >"$tmp/v/CMakeLists.txt"
if ! cmake -S "$tmp/v" -B "$tmp/v/build" -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/log" 2>&1 &&
   grep -q 'compatible with requested version "9.0"' "$tmp/log"; then ok
else bad "find_package(certcalc 9.0) should be refused by the version file"; fi

# COMPONENTS core (the one component) is found; an unknown one is refused naming core.
mkdir -p "$tmp/c"
printf '%s\n' 'cmake_minimum_required(VERSION 3.21)' 'project(c LANGUAGES CXX)' \
  'find_package(certcalc 0.1 REQUIRED COMPONENTS core)' \
  'if(NOT TARGET certcalc::core)' '  message(FATAL_ERROR "no certcalc::core")' 'endif()' >"$tmp/c/CMakeLists.txt"
if cmake -S "$tmp/c" -B "$tmp/c/build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx" >"$tmp/log" 2>&1; then ok
else bad "find_package(certcalc 0.1 REQUIRED COMPONENTS core) should be found"; fi
mkdir -p "$tmp/u"
printf '%s\n' 'cmake_minimum_required(VERSION 3.21)' 'project(u LANGUAGES CXX)' \
  'find_package(certcalc 0.1 REQUIRED COMPONENTS core json)' >"$tmp/u/CMakeLists.txt"
if ! cmake -S "$tmp/u" -B "$tmp/u/build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx" >"$tmp/log" 2>&1 &&
   tr -s ' \n' ' ' <"$tmp/log" | grep -q 'certcalc has no component json; its one component is core'; then ok
else bad "find_package(certcalc COMPONENTS json) should be refused, naming the component core"; fi

# pkg-config --cflags --libs certcalc
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
# shellcheck disable=SC2046,SC2086
if "$cxx" -std=c++17 $flags $(pkg-config --cflags certcalc) "$src/examples/embed-cpp/main.cpp" \
     $(pkg-config --libs certcalc) -o "$tmp/embed-pc" >"$tmp/log" 2>&1; then
  ok
  check_answers "pkg-config build" "$("$tmp/embed-pc" 2>&1)"
else bad "examples/embed-cpp does not build with pkg-config"; fi

echo "embed-cpp against the installed package: $pass passed, $fail failed"
[[ "$fail" == 0 ]]
