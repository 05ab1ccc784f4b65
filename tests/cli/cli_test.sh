#!/usr/bin/env bash
# The CLI as a user runs it: answers, envelopes, exit codes, --rules. Ends with "N passed, N failed".
set -u
cc="${CERTCALC:?set CERTCALC to the certcalc binary}"
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# check NAME EXPECTED_EXIT GREP_PATTERN -- command...
check() {
  local name="$1" want="$2" pattern="$3"
  shift 4
  local out rc
  out="$("$@" 2>"$tmp/stderr")"
  rc=$?
  if [[ "$rc" == "$want" ]] && grep -qE -- "$pattern" <<<"$out"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: exit $rc (wanted $want); output: $out; stderr: $(cat "$tmp/stderr")"
  fi
}

check "schemes lists the five packs" 0 '"id":"brcgs-food-9".*"id":"brcgs-packaging-6".*"id":"fssc22000-5.1".*"id":"fssc22000-6".*"id":"gmpplus-cr3.0"' -- "$cc" schemes </dev/null
check "schemes from a file" 0 '"schemes":\[' -- "$cc" schemes "$here/schemes-request.json"
check "malformed request exits 2 with an envelope" 2 '^\{"error":\{"code":"malformed_json"' -- bash -c "echo '{' | '$cc' duration"
check "unknown op exits 2" 2 '"code":"unknown_op"' -- "$cc" nosuchop </dev/null
check "unknown option exits 2" 2 '"code":"invalid_option"' -- "$cc" schemes --frobnicate
check "bad --locale exits 2" 2 '"code":"invalid_option"' -- "$cc" schemes --locale xx
check "missing request file exits 2" 2 '"code":"unreadable_request"' -- "$cc" grade "$tmp/none.json"
check "--pretty indents" 0 '^  "schemes": \[' -- "$cc" schemes --pretty </dev/null
check "--locale translates errors" 2 'geen geldige JSON' -- bash -c "echo '[' | '$cc' grade --locale nl"
check "--version" 0 '^certcalc [0-9]+\.[0-9]+\.[0-9]+$' -- "$cc" --version
check "--help" 0 'usage: certcalc' -- "$cc" --help
check "stderr carries one human line" 2 '' -- bash -c "echo '{' | '$cc' grade 2>&1 >/dev/null | grep -q '^certcalc: malformed_json'; [ \$? -eq 0 ] && exit 2"

mkdir -p "$tmp/rules"
cp "$here/user-pack.json" "$tmp/rules/"
check "--rules loads a user pack" 0 '"id":"user-demo-1".*"origin":"[^"]*user-pack.json"' -- "$cc" schemes --rules "$tmp/rules" </dev/null
check "a user pack answers" 0 '"total":3' -- bash -c "echo '{\"scheme\":\"user-demo-1\",\"a\":1,\"b\":2}' | '$cc' grade --rules '$tmp/rules'"
sed 's/"verified": true/"verified": "yes"/' "$here/user-pack.json" >"$tmp/rules/user-pack.json"
check "a pack with a schema defect is refused with the pointer" 2 '"code":"invalid_pack".*"path":"/verified"' -- "$cc" schemes --rules "$tmp/rules" </dev/null

echo "cli: $pass passed, $fail failed"
[[ "$fail" == 0 ]]
