// Native validate throughput: findings per second on one core, from request text to answer text,
// and the instructions per finding. The requests are bench/inputs.mjs's (the test pack of
// tests/vectors/core/validate-form.json, its defects mixed in), sent as `certcalc batch --jobs 1`
// lines; the time of a one-line batch (start-up, loading the pack) is taken off.
// usage: node bench/validate-native.mjs [--findings 500] [--lines 200] [--runs 5]
// Needs the release CLI (cmake --preset release && cmake --build --preset release); valgrind for
// the instruction count (skipped without it).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// In turns, so that the machine's load falls on both alike; the median of the differences.
const diffs = [];
for (let r = 0; r < RUNS; r++) diffs.push(run(many).s - run(one).s);
diffs.sort((a, b) => a - b);
const seconds = diffs[diffs.length >> 1];
const findings = (LINES - 1) * FINDINGS;
const perSecond = findings / seconds;
const issues = answer.findings.reduce((k, f) => k + f.issues.length, 0);

console.log(`validate, ${FINDINGS} findings per request (${(text.length / 1024).toFixed(0)} KB, ${issues} issues), ` +
  `${LINES - 1} requests on one thread: ${seconds.toFixed(3)} s`);
console.log(`  ${Math.round(perSecond).toLocaleString('en')} findings/s per core (${(1e6 / perSecond).toFixed(2)} µs per finding)`);

const valgrind = spawnSync('valgrind', ['--version']);
if (valgrind.status === 0) {
  const out = join(tmp, 'callgrind.out');
  const cg = spawnSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, '--toggle-collect=*Engine::call*',
    cli, 'validate', request, '--rules', rules, '--today', '2026-03-20'], { maxBuffer: 1 << 30 });
  const m = /summary:\s*(\d+)/.exec(readFileSync(out, 'utf8')) || /totals:\s*(\d+)/.exec(readFileSync(out, 'utf8'));
  if (cg.status === 0 && m) {
    const ir = Number(m[1]);
    console.log(`  ${ir.toLocaleString('en')} instructions in Engine::call for one request: ` +
      `${Math.round(ir / FINDINGS).toLocaleString('en')} per finding`);
  } else {
    console.log('  callgrind did not run; no instruction count');
  }
}
rmSync(tmp, { recursive: true, force: true });
