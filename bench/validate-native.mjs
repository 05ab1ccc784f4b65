// Native validate throughput: findings per second on one core, from request text to answer text,
// and the instructions per finding. The requests are bench/inputs.mjs's (the test pack of
// tests/vectors/core/validate-form.json, its defects mixed in), through two doors:
// - the library: bench/native/validate.cpp calls Engine::call in a loop on one thread, the
//   request's text in memory, as a back end that links certcalc::core would;
// - `certcalc batch --jobs 1`: the same request as batch lines, answers to a file; the time of a
//   one-line batch (start-up, loading the pack) is taken off.
// usage: node bench/validate-native.mjs [--findings 500] [--lines 200] [--runs 5]
// Needs the release build (cmake --preset release && cmake --build --preset release; the
// library's bench program is built here on first use); valgrind for the instruction count
// (skipped without it).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, validateFormDoc, validateRequest } from './inputs.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const FINDINGS = opt('findings', 500);
const LINES = opt('lines', 200);
const RUNS = opt('runs', 5);
const cli = process.env.CERTCALC_CLI || join(root, 'build', 'release', 'cli', 'certcalc');
if (!existsSync(cli)) {
  console.error(`bench: ${cli} is missing; cmake --preset release && cmake --build --preset release`);
  process.exit(2);
}
const lib = join(root, 'build', 'release', 'bench', 'native', 'certcalc-bench-validate');
const built = spawnSync('cmake', ['--build', '--preset', 'release', '--target', 'certcalc-bench-validate'], { cwd: root });
if (built.status !== 0 || !existsSync(lib)) {
  console.error(`bench: could not build ${lib}:\n${built.stdout}${built.stderr}`);
  process.exit(2);
}

const tmp = mkdtempSync(join(tmpdir(), 'certcalc-bench-validate-'));
const rules = join(tmp, 'rules');
mkdirSync(rules);
validateFormDoc().loadPacks.forEach((p, i) => writeFileSync(join(rules, `pack-${i}.json`), JSON.stringify(p)));
const text = JSON.stringify(validateRequest(FINDINGS));
const line = `${JSON.stringify({ op: 'validate', request: JSON.parse(text) })}\n`;
const one = join(tmp, 'one.ndjson');
const many = join(tmp, 'many.ndjson');
writeFileSync(one, line);
writeFileSync(many, line.repeat(LINES));
const request = join(tmp, 'request.json');
writeFileSync(request, text);

// The answers go to a file, as a back end would keep them: read through a pipe by this script,
// 95 MB of answers cost more than computing them.
const answers = join(tmp, 'answers.ndjson');
function run(file) {
  const fd = openSync(answers, 'w');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cli, ['batch', file, '--jobs', '1', '--rules', rules, '--today', '2026-03-20'], { stdio: ['ignore', fd, 'pipe'] });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  closeSync(fd);
  if (r.status !== 0) throw new Error(`certcalc batch exited ${r.status}: ${r.stderr}`);
  return { s, out: readFileSync(answers) };
}

// Every answer line must be the one answer a single call gives.
const single = spawnSync(cli, ['validate', request, '--rules', rules, '--today', '2026-03-20']);
const answer = JSON.parse(single.stdout);
if (answer.findings?.length !== FINDINGS) throw new Error(`validate did not answer: ${single.stdout.slice(0, 300)}`);
const lines = run(many).out.toString().trim().split('\n');
if (lines.length !== LINES) throw new Error(`${lines.length} answer lines for ${LINES}`);
const sameAsSingle = lines.every((l) => JSON.stringify(JSON.parse(l).answer) === JSON.stringify(answer));
if (!sameAsSingle) throw new Error('a batch answer differs from the single call');

// The library door: LINES - 1 timed calls after one that is checked.
const packs = readdirSync(rules).map((f) => join(rules, f));
const libAnswer = join(tmp, 'lib-answer.json');
function runLib(calls) {
  const r = spawnSync(lib, [request, ...packs, '--today', '2026-03-20', '--calls', String(calls)],
    { env: { ...process.env, CERTCALC_BENCH_ANSWER: libAnswer } });
  if (r.status !== 0) throw new Error(`${lib} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout).seconds;
}
runLib(1);
if (readFileSync(libAnswer, 'utf8') !== single.stdout.toString().trimEnd())
  throw new Error('the library answer differs from the CLI answer');

// In turns, so that the machine's load falls on every door alike; medians.
const diffs = [];
const libSeconds = [];
for (let r = 0; r < RUNS; r++) {
  libSeconds.push(runLib(LINES - 1));
  diffs.push(run(many).s - run(one).s);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const findings = (LINES - 1) * FINDINGS;
const issues = answer.findings.reduce((k, f) => k + f.issues.length, 0);
const report = (door, seconds) => console.log(`  ${door}: ${seconds.toFixed(3)} s, ` +
  `${Math.round(findings / seconds).toLocaleString('en')} findings/s per core (${(1e6 * seconds / findings).toFixed(2)} µs per finding)`);

console.log(`validate, ${FINDINGS} findings per request (${(text.length / 1024).toFixed(0)} KB, ${issues} issues), ` +
  `${LINES - 1} requests on one thread`);
report('library (Engine::call)', median(libSeconds));
report('certcalc batch --jobs 1', median(diffs));

// Instructions in Engine::call: the first call of a fresh engine (it makes the shapes the pack then
// keeps), and a later call (the difference between 4 and 1 timed calls, over 3).
const valgrind = spawnSync('valgrind', ['--version']);
if (valgrind.status === 0) {
  const count = (calls) => {
    const out = join(tmp, `callgrind-${calls}.out`);
    const cg = spawnSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, '--toggle-collect=*Engine::call*',
      lib, request, ...packs, '--today', '2026-03-20', '--calls', String(calls)], { maxBuffer: 1 << 30 });
    const m = cg.status === 0 && (/summary:\s*(\d+)/.exec(readFileSync(out, 'utf8')) || /totals:\s*(\d+)/.exec(readFileSync(out, 'utf8')));
    return m ? Number(m[1]) : NaN;
  };
  const two = count(1);
  const five = count(4);
  const later = (five - two) / 3;
  if (Number.isFinite(later)) {
    const first = two - later;
    const each = (ir) => `${Math.round(ir).toLocaleString('en')} instructions (${Math.round(ir / FINDINGS).toLocaleString('en')} per finding)`;
    console.log(`  Engine::call, first call of a fresh engine: ${each(first)}; a later call: ${each(later)}`);
  } else {
    console.log('  callgrind did not run; no instruction count');
  }
}
rmSync(tmp, { recursive: true, force: true });
