// The hostile-input catalog through the native CLI (a ctest test): every case must exit 0 or 2
// with exactly one JSON document on stdout (the expected one) and, on exit 2, one line on stderr.
// usage: node tests/hostile/run-cli.mjs path/to/certcalc [--generated-through-batch]
// Ends with "N passed, N failed".
// --generated-through-batch (the sanitizer build): the cases generated from describe (valid JSON
// of the wrong type or range) go through one `certcalc batch` as requestText lines, whose answers
// are the single calls' byte for byte (docs/api.md, tests/cli/batch.mjs); the written cases
// (bad bytes, huge or deep input) still run one process each. A sanitizer process takes about
// 0.1 s to start, so this takes minutes off the run and checks the same code under ASan; the
// debug build runs every case as its own process, stderr line included.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TODAY, batchAnswers, batchInput, checkAnswer, generatedCases, ordered, staticCases, testPacks } from './catalog.mjs';

const cli = process.argv[2];
const throughBatch = process.argv.includes('--generated-through-batch');
if (!cli || process.argv.slice(3).some((a) => a !== '--generated-through-batch')) {
  console.error('usage: node run-cli.mjs CERTCALC [--generated-through-batch]');
  process.exit(2);
}
const rules = mkdtempSync(join(tmpdir(), 'certcalc-hostile-'));
testPacks().forEach((p, i) => writeFileSync(join(rules, `${i}-${p.id}.json`), JSON.stringify(p)));

// A generous guard so that a hang fails the test instead of blocking CI; not a speed check.
const HANG_MS = 300000;
function run(op, input) {
  const r = spawnSync(cli, [op, '--today', TODAY, '--rules', rules], {
    input, maxBuffer: 512 * 1024 * 1024, timeout: HANG_MS,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout?.toString('utf8') ?? '', stderr: r.stderr?.toString('utf8') ?? '', error: r.error };
}

const schemes = JSON.parse(run('schemes', '').stdout).schemes.map((s) => s.id);
const describe = (scheme) => JSON.parse(run('describe', JSON.stringify({ scheme })).stdout);
const cases = ordered([...staticCases(), ...generatedCases(schemes, describe)]);

// The same as run(), without blocking: the cases are spread over the machine's cores.
function runAsync(op, input, args = [op, '--today', TODAY, '--rules', rules]) {
  return new Promise((resolve) => {
    const child = spawn(cli, args);
    const out = [];
    const err = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_MS);
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', (error) => resolve({ error, stdout: '', stderr: '' }));
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => {});  // the CLI may answer before reading everything
    child.stdin.end(input);
  });
}

let passed = 0;
let failed = 0;
const answers = new Map();
// Cases that others refer to (sameAs) first, then the rest, a few at a time.
const refs = new Set(cases.filter((c) => c.sameAs).map((c) => c.sameAs));
const results = new Map();
for (const c of cases.filter((x) => refs.has(x.name))) results.set(c, await runAsync(c.op, c.bytes));
const batched = throughBatch ? cases.filter((x) => x.generated && !refs.has(x.name)) : [];
if (batched.length) {
  const r = await runAsync('batch', batchInput(batched), ['batch', '--today', TODAY, '--rules', rules]);
  const got = r.error || r.signal ? null : batchAnswers(r.stdout, batched.length);
  if (!got) {
    console.log(`FAIL certcalc batch over the ${batched.length} generated cases: ${r.error?.message ?? r.signal ?? 'not one answer line a case'} ${r.stderr.slice(0, 300)}`);
    process.exit(1);
  }
  batched.forEach((c, i) => {
    const a = got[i];
    results.set(c, a.problem ? { error: { message: a.problem } } : { status: a.status, stdout: `${a.json}\n`, stderr: '', batched: true });
  });
}
const rest = cases.filter((x) => !refs.has(x.name) && !batched.includes(x));
let next = 0;
const worker = async () => {
  while (next < rest.length) {
    const c = rest[next++];
    results.set(c, await runAsync(c.op, c.bytes));
  }
};
await Promise.all(Array.from({ length: Math.max(1, Math.min(4, availableParallelism())) }, worker));
for (const c of cases) {
  const r = results.get(c);
  let problem = null;
  if (r.error || r.signal) problem = `did not finish: ${r.error?.message ?? r.signal}`;
  else if (!r.stdout.endsWith('\n') || r.stdout.indexOf('\n') !== r.stdout.length - 1)
    problem = `stdout is not one line: ${JSON.stringify(r.stdout.slice(0, 200))}`;
  else if (r.status !== 0 && !r.batched && (!r.stderr.endsWith('\n') || r.stderr.indexOf('\n') !== r.stderr.length - 1))
    problem = `stderr is not one human line: ${JSON.stringify(r.stderr.slice(0, 300))}`;
  const json = r.stdout.slice(0, -1);
  answers.set(c.name, json);
  problem = problem || checkAnswer(c, r.status, json, answers);
  if (problem) {
    failed++;
    console.log(`FAIL ${c.name}: ${problem}`);
  } else {
    passed++;
  }
}
rmSync(rules, { recursive: true, force: true });
console.log(`hostile catalog through the CLI: ${cases.length} cases (${cases.filter((c) => c.generated).length} generated from describe${batched.length ? `, ${batched.length} of them through one certcalc batch` : ''})`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
