#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz preset: clang, ASan + UBSan) and fuzzes each of them.
#   scripts/fuzz.sh                 short run: FUZZ_SECONDS (default 25) per harness
#   scripts/fuzz.sh --long          long run: FUZZ_RUNS (default 10,000,000) executions per harness
#                                   (FUZZ_JOBS harnesses at once, default: one per processor)
#   scripts/fuzz.sh [--long] NAME.. only these harnesses (schemes describe duration grade schedule
#                                   deadlines validate rotation pack json)
# The corpus grows in build/fuzz/corpus/<harness>/ across runs; a crash leaves its input in
# build/fuzz/crashes/ and fails the run (turn it into a vector and a fix: tests/fuzz/README.md).
# FUZZ_WORK=DIR keeps corpus, crashes and logs there instead (a second run beside the first;
# it also reads build/fuzz/corpus).
set -uo pipefail
cd "$(dirname "$0")/.."
long=0
names=()
for a in "$@"; do
  case "$a" in
    --long) long=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) names+=("$a") ;;
  esac
done
((${#names[@]})) || names=(schemes describe duration grade schedule deadlines validate rotation pack json)

cmake --preset fuzz >/dev/null && cmake --build --preset fuzz || exit 1
bin=build/fuzz/tests/fuzz
work="${FUZZ_WORK:-build/fuzz}"
mkdir -p "$work/crashes"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# One harness per processor at a time (FUZZ_JOBS, default: the machine's): the short run's
# wall time is FUZZ_SECONDS x harnesses / jobs, for the same fuzzing per harness.
jobs="${FUZZ_JOBS:-$(nproc)}"
fuzz_one() {
  local n="$1" corpus="$work/corpus/$1" extra=() budget
  mkdir -p "$corpus"
  [[ "$work" != build/fuzz && -d "build/fuzz/corpus/$n" ]] && extra=("build/fuzz/corpus/$n")
  if ((long)); then
    budget=(-runs="${FUZZ_RUNS:-10000000}")
  else
    budget=(-max_total_time="${FUZZ_SECONDS:-25}")
  fi
  local log="$work/fuzz_$n.log"
  # -timeout: an input that takes this long is reported as a hang (the engine bounds its work).
  "$bin/fuzz_$n" "${budget[@]}" -timeout=30 -rss_limit_mb=4096 -max_len=65536 \
    -dict="$bin/certcalc.dict" -artifact_prefix="$work/crashes/${n}-" -print_final_stats=1 \
    "$corpus" "$bin/seeds/$n" "${extra[@]}" >"$log" 2>&1
  local rc=$?
  local runs
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
  {
    echo "fuzz_$n: ${budget[*]}, ${runs:-?} executions, corpus $(ls "$corpus" | wc -l) inputs, exit $rc"
    ((rc != 0)) && grep -E 'ERROR|SUMMARY|certcalc fuzz|Test unit written' "$log" | head -20
  } >"$work/fuzz_$n.summary"
  return $rc
}
for n in "${names[@]}"; do
  [[ -x "$bin/fuzz_$n" ]] || { echo "fuzz: no harness named $n ($bin/fuzz_$n)"; exit 2; }
done
declare -A pid_of=()
failed=()
for n in "${names[@]}"; do
  while (($(jobs -rp | wc -l) >= jobs)); do wait -n; done
  fuzz_one "$n" &
  pid_of[$n]=$!
done
for n in "${names[@]}"; do
  wait "${pid_of[$n]}" || failed+=("$n")
  cat "$work/fuzz_$n.summary"
done
if ((${#failed[@]})); then
  echo "fuzz: ${#failed[@]} harness(es) found a problem: ${failed[*]} (inputs in $work/crashes/)"
  exit 1
fi
echo "fuzz: ${#names[@]} harness(es), nothing found"
