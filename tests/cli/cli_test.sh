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
# An installed certcalc has no docs/ beside it: the help says where they are.
check "--help says the docs are in the source" 0 '^docs \(in the certcalc source, not installed\): docs/contract.md' -- "$cc" --help
check "--version beside an unknown option: the option is refused" 2 '"message":"unknown option --bogus' -- "$cc" --version --bogus
check "an empty operation name says none was given" 2 '"message":"no operation was given; use one of: schemes' -- "$cc" '' </dev/null
check "an unreadable request file says why" 2 '"message":"cannot read request file [^"]*none.json: No such file or directory"' -- "$cc" grade "$tmp/none.json"
check "a directory as the request file says why" 2 '"message":"cannot read request file [^"]*: Is a directory"' -- "$cc" grade "$tmp"
check "a closed standard input says why, as batch does" 2 '"message":"cannot read standard input: Bad file descriptor"' -- bash -c "'$cc' grade <&-"
check "a directory as standard input says why" 2 '"message":"cannot read standard input: Is a directory"' -- bash -c "'$cc' grade <'$tmp'"
check "a batch file that is missing says why" 2 '"message":"cannot read batch file [^"]*none.ndjson: No such file or directory"' -- "$cc" batch "$tmp/none.ndjson"
check "a batch file that is a directory says why" 2 '"message":"cannot read batch file [^"]*: Is a directory"' -- "$cc" batch "$tmp"
check "stderr carries one human line" 2 '' -- bash -c "echo '{' | '$cc' grade 2>&1 >/dev/null | grep -q '^certcalc: malformed_json'; [ \$? -eq 0 ] && exit 2"

# Every flag is checked like the request field it stands for: the same envelope, exit 2, and
# for --today and --locale the field's own message with the flag's name.
field_msg=$(echo '{"scheme":"fssc22000-5.1","today":"banana","findings":[]}' | "$cc" validate 2>/dev/null | sed -E 's/.*"message":"([^"]*)".*/\1/')
check "--today banana says what the today field says" 2 "^\\{\"error\":\\{\"code\":\"invalid_option\",\"message\":\"--${field_msg}\",\"path\":\"\"\\}\\}$" -- "$cc" schemes --today banana
check "--today 2026-13-01 is refused" 2 '"code":"invalid_option","message":"--today must be a real calendar date written YYYY-MM-DD; 2026-13-01 is not one"' -- "$cc" grade --today 2026-13-01 </dev/null
check "--today 2026-02-29 is refused (not a leap year)" 2 '2026-02-29 is not one' -- "$cc" deadlines --today=2026-02-29 </dev/null
check "a bad --today is refused before stdin is read" 2 '"code":"invalid_option"' -- bash -c "sleep 5 | '$cc' grade --today x"
check "--today=DATE is --today DATE" 0 '"daysLeft":6' -- bash -c "echo '{\"scheme\":\"fssc22000-5.1\",\"audit\":{\"lastDay\":\"2026-03-10\",\"type\":\"surveillance\"},\"findings\":[{\"id\":\"A\",\"grade\":\"minor\"}]}' | '$cc' validate --today=2026-04-01"
check "--locale is checked like the locale field" 2 '"message":"--locale must be one of: en, nl, it, de, fr","path":""' -- "$cc" schemes --locale xx
check "--locale=nl answers in Dutch" 2 'geen geldige JSON' -- bash -c "echo '[' | '$cc' grade --locale=nl"
check "--today without a value" 2 '"message":"--today needs a date written YYYY-MM-DD"' -- "$cc" schemes --today
check "--today followed by another option has no value" 2 '"message":"--today needs a date written YYYY-MM-DD"' -- "$cc" schemes --today --pretty
check "--locale without a value" 2 '"message":"--locale needs a locale' -- "$cc" schemes --locale=
check "--rules without a value" 2 '"message":"--rules needs a directory or a pack file"' -- "$cc" schemes --rules
check "--locale given twice" 2 '"message":"--locale is given twice; give it once"' -- "$cc" schemes --locale it --locale nl
check "--today given twice" 2 '"message":"--today is given twice; give it once"' -- "$cc" schemes --today 2026-01-01 --today=2026-01-02
check "--pretty given twice" 2 '"message":"--pretty is given twice; give it once"' -- "$cc" schemes --pretty --pretty
check "--pretty takes no value" 2 '"message":"--pretty takes no value"' -- "$cc" schemes --pretty=yes
check "an unknown option names the options" 2 '"message":"unknown option --todya; the options are --rules, --locale, --today, --pretty, --jobs, --help and --version"' -- "$cc" schemes --todya=2026-01-01
long_option="--$(printf 'z%.0s' {1..3000})"
check "an unknown option of 3,000 bytes is echoed cut to 40 and marked" 2 '"message":"unknown option --z{38}…; the options are' -- "$cc" schemes "$long_option"
check "a single-dash option is unknown too" 2 '"message":"unknown option -x' -- "$cc" schemes -x
check "two request files are refused" 2 '"code":"invalid_option","message":"give one operation and at most one request file \(certcalc --help\)"' -- "$cc" grade a.json b.json
check "a flag error's stderr line names its code" 2 '' -- bash -c "'$cc' schemes --frob 2>&1 >/dev/null | grep -q '^certcalc: invalid_option: unknown option --frob'; [ \$? -eq 0 ] && exit 2"
# An empty value given as its own argument is as missing as --today= (an unset variable in a
# script gives one); it never falls back to the machine's date or the request's locale.
check "--today '' is refused, not the machine's date" 2 '"message":"--today needs a date written YYYY-MM-DD"' -- "$cc" validate "$tmp/none.json" --today ''
check "--locale '' is refused" 2 '"message":"--locale needs a locale' -- "$cc" schemes --locale '' </dev/null
check "--rules '' is refused" 2 '"message":"--rules needs a directory or a pack file"' -- "$cc" schemes --rules '' </dev/null

# An unknown operation is refused before the request is read: a pipe that stays open does not
# keep it waiting (timeout would exit 124).
check "an unknown op does not wait for stdin" 2 '^\{"error":\{"code":"unknown_op","message":"bogusop is not an operation; use one of: schemes, describe, duration, grade, schedule, deadlines, validate, rotation","path":""\}\}$' -- bash -c "sleep 5 | timeout 3 '$cc' bogusop"

# A request is read up to one byte past the core's 64 MiB limit, no further: an endless input
# is refused as too_large, not held in memory. The writer of a longer input is left with a
# broken pipe (exit 9 below: the whole input was read).
check "an input over 64 MiB is read no further than the limit (stdin)" 2 '^\{"error":\{"code":"too_large",' -- bash -c "head -c $((200 << 20)) /dev/zero | '$cc' grade; s=(\${PIPESTATUS[@]}); [ \${s[0]} -ne 0 ] && exit \${s[1]}; exit 9"
mkfifo "$tmp/fifo"
check "an input over 64 MiB is read no further than the limit (FILE)" 2 '^\{"error":\{"code":"too_large",' -- bash -c "head -c $((200 << 20)) /dev/zero >'$tmp/fifo' & '$cc' grade '$tmp/fifo'; rc=\$?; wait \$!; [ \$? -ne 0 ] && exit \$rc; exit 9"

# An answer that cannot be written is a failure (exit 1, one line on stderr), whatever it was.
check "an answer written to a full disk: exit 1" 1 '^certcalc: the answer could not be written: No space left on device$' -- bash -c "'$cc' schemes </dev/null 2>&1 >/dev/full"
check "an error envelope written to a full disk: exit 1" 1 'certcalc: the answer could not be written: ' -- bash -c "'$cc' grade --today x 2>&1 >/dev/full"
check "batch answers written to a full disk: exit 1" 1 '^certcalc: the answers could not be written after 0 lines: No space left on device$' -- bash -c "echo '{\"op\":\"schemes\"}' | '$cc' batch 2>&1 >/dev/full"
# With SIGPIPE ignored a reader that goes away is a write error too: the batch stops at once,
# having written fewer lines than it was given (a pipe holds 64 KiB, not 50,000 answers).
grade_line='{"op":"grade","request":{"scheme":"brcgs-food-9","announced":true,"critical":0,"major":0,"minor":5}}'
yes "$grade_line" | head -n 50000 >"$tmp/big.ndjson"
check "a single call whose reader is gone says so: exit 1, not a silent SIGPIPE" 1 '^certcalc: the answer could not be written: Broken pipe$' -- bash -c "'$cc' describe '$here/../../examples/describe/fssc22000-5.1.json' 2>'$tmp/epipe1' | (exec 0<&-; sleep 0.3); rc=\${PIPESTATUS[0]}; cat '$tmp/epipe1'; exit \$rc"
check "batch whose reader is gone says so: exit 1, not a silent SIGPIPE" 1 'could not be written after [0-9]+ lines?: Broken pipe$' -- bash -c "'$cc' batch '$tmp/big.ndjson' --today 2026-01-15 2>'$tmp/epipe2' | head -c 100 >/dev/null; rc=\${PIPESTATUS[0]}; cat '$tmp/epipe2'; exit \$rc"
check "batch stops when its reader is gone (SIGPIPE ignored): exit 1" 1 '^certcalc: the answers could not be written after ([0-9]{1,4}|[0-4][0-9]{4}) lines?: Broken pipe$' -- bash -c "trap '' PIPE; '$cc' batch '$tmp/big.ndjson' --today 2026-01-15 2>'$tmp/epipe' | head -n 1 >/dev/null; rc=\${PIPESTATUS[0]}; cat '$tmp/epipe'; exit \$rc"

# The messages name what they are about.
check "a date order error names both dates in words, not by their field names" 2 '"message":"the last audit day must not be before the first audit day","path":"/lastAuditDay"' -- bash -c "echo '{\"scheme\":\"brcgs-food-9\",\"auditType\":\"initial\",\"grade\":\"A\",\"firstAuditDay\":\"2026-11-30\",\"lastAuditDay\":\"2026-11-27\"}' | '$cc' schedule"
check "the same in German" 2 '"message":"der letzte Audittag darf nicht vor dem ersten Audittag liegen"' -- bash -c "echo '{\"scheme\":\"brcgs-packaging-6\",\"auditType\":\"initial\",\"grade\":\"A\",\"firstAuditDay\":\"2026-11-30\",\"lastAuditDay\":\"2026-11-27\"}' | '$cc' schedule --locale de"
check "schemes says it takes no fields" 2 '"message":"x is not a field of this request: it takes no fields","path":"/x"' -- bash -c "echo '{\"x\":1}' | '$cc' schemes"

mkdir -p "$tmp/rules"
cp "$here/user-pack.json" "$tmp/rules/"
check "--rules loads a user pack" 0 '"id":"user-demo-1".*"origin":"[^"]*user-pack.json"' -- "$cc" schemes --rules "$tmp/rules" </dev/null
check "a user pack answers" 0 '"total":3' -- bash -c "echo '{\"scheme\":\"user-demo-1\",\"a\":1,\"b\":2}' | '$cc' grade --rules '$tmp/rules'"
sed 's/"verified": true/"verified": "yes"/' "$here/user-pack.json" >"$tmp/rules/user-pack.json"
check "a pack with a schema defect is refused with the pointer" 2 '"code":"invalid_pack".*"path":"/verified"' -- "$cc" schemes --rules "$tmp/rules" </dev/null
echo '{}' >"$tmp/empty-pack.json"
check "a pack without a required member names it" 2 '"code":"invalid_pack","message":"rule pack [^"]*empty-pack.json is not valid: \$schema is required","path":"/\$schema"' -- "$cc" schemes --rules "$tmp/empty-pack.json" </dev/null
printf '{"a":%s%s}' "$(printf '[%.0s' {1..70})" "$(printf ']%.0s' {1..70})" >"$tmp/deep-pack.json"
check "a pack nested too deep says the pack, not the request" 2 '"message":"rule pack [^"]*deep-pack.json is not valid JSON: the pack nests more than 64 levels deep","path":"/a/0/' -- "$cc" schemes --rules "$tmp/deep-pack.json" </dev/null
mkdir -p "$tmp/twice"
cp "$here/user-pack.json" "$tmp/twice/a.json"
cp "$here/user-pack.json" "$tmp/twice/b.json"
check "two files of one pack id are refused, naming both" 2 '"code":"invalid_pack","message":"rule pack user-demo-1 is in two --rules files, [^"]*twice/a.json and [^"]*twice/b.json: give each pack file an id of its own","path":"/id"' -- "$cc" schemes --rules "$tmp/twice" </dev/null
check "one pack file given twice is loaded once" 0 '"id":"user-demo-1"' -- "$cc" schemes --rules "$tmp/twice/a.json" --rules "$tmp/twice/../twice/a.json" </dev/null
mkdir -p "$tmp/good" && cp "$here/user-pack.json" "$tmp/good/"
check "a pack directory given twice is loaded once" 0 '"id":"user-demo-1"' -- "$cc" schemes --rules "$tmp/good" --rules "$tmp/good/" </dev/null
echo 'not json' >"$tmp/notjson.json"
check "a pack that is not JSON: the reader's words, not the request's" 2 '"message":"rule pack [^"]*notjson.json is not valid JSON: expected null at line 1, column 2 \(byte 2\); found .o.","path":""' -- "$cc" schemes --rules "$tmp/notjson.json" </dev/null
: >"$tmp/emptyfile.json"
check "an empty pack file says so" 2 '"message":"rule pack [^"]*emptyfile.json is not valid JSON: the pack is empty: it holds no text"' -- "$cc" schemes --rules "$tmp/emptyfile.json" </dev/null
mkdir -p "$tmp/named"
sed 's/"verified": true/"verified": "yes"/' "$here/user-pack.json" >"$tmp/named/third.json"
check "a refused pack names its file" 2 '"message":"rule pack user-demo-1 is not valid: [^"]* \(in [^"]*named/third.json\)","path":"/verified"' -- "$cc" schemes --rules "$tmp/named" </dev/null
# A person counts audits from 1; the pointer counts from 0 (docs/api.md, rotation).
check "rotation's messages count audits from 1, its pointer from 0" 2 '"message":"audit 2 repeats audit 1: the same date \(2020-03-01\) and type \(initial\); send each audit once","path":"/audits/1"' -- bash -c "echo '{\"scheme\":\"fssc22000-5.1\",\"audits\":[{\"date\":\"2020-03-01\",\"type\":\"initial\",\"auditors\":[\"A\"]},{\"date\":\"2020-03-01\",\"type\":\"initial\",\"auditors\":[\"B\"]}]}' | '$cc' rotation"
# A blank finding id is refused as validate refuses it; the message counts findings from 1 (docs/api.md, deadlines).
check "deadlines' messages count findings from 1, its pointer from 0" 2 '"message":"Nonconformity 2 has no id: give each nonconformity an id, which names its deadlines.","path":"/findings/1/id"' -- bash -c "echo '{\"scheme\":\"fssc22000-5.1\",\"lastAuditDay\":\"2026-03-10\",\"findings\":[{\"id\":\"a\",\"grade\":\"minor\"},{\"id\":\" \",\"grade\":\"major\"}]}' | '$cc' deadlines"
mkdir -p "$tmp/nopacks" "$tmp/pipedir"
touch "$tmp/nopacks/readme.txt"
check "a folder with no pack is refused, not silently empty" 2 '"code":"invalid_option","message":"no rule pack \(\*\.json\) in [^"]*nopacks"' -- "$cc" schemes --rules "$tmp/nopacks" </dev/null
mkfifo "$tmp/pipedir/p.json"
check "a pipe named *.json in a pack folder is refused, not waited on" 2 '"message":"cannot read [^"]*pipedir/p.json: not a regular file"' -- timeout 10 "$cc" schemes --rules "$tmp/pipedir" </dev/null
check "a pack given as a pipe is read (--rules <(...))" 0 '"id":"user-demo-1"' -- bash -c "'$cc' schemes --rules <(cat '$here/user-pack.json') </dev/null"
check "a user pack may still replace a built-in pack" 0 '"id":"fssc22000-5.1".*"origin":"[^"]*fssc.json"' -- bash -c "sed 's/\"id\": \"user-demo-1\"/\"id\": \"fssc22000-5.1\"/' '$here/user-pack.json' >'$tmp/fssc.json' && '$cc' schemes --rules '$tmp/fssc.json' </dev/null"

echo "cli: $pass passed, $fail failed"
[[ "$fail" == 0 ]]
