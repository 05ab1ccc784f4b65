// The hostile-input catalog through the native CLI (a ctest test): every case must exit 0 or 2
// with exactly one JSON document on stdout (the expected one) and, on exit 2, one line on stderr.
// usage: node tests/hostile/run-cli.mjs path/to/certcalc     Ends with "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TODAY, checkAnswer, generatedCases, ordered, staticCases, testPacks } from './catalog.mjs';

const cli = process.argv[2];
if (!cli) {
  console.error('usage: node run-cli.mjs CERTCALC');
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
function runAsync(op, input) {
  return new Promise((resolve) => {
    const child = spawn(cli, [op, '--today', TODAY, '--rules', rules]);
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
const rest = cases.filter((x) => !refs.has(x.name));
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
  else if (r.status !== 0 && (!r.stderr.endsWith('\n') || r.stderr.indexOf('\n') !== r.stderr.length - 1))
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
console.log(`hostile catalog through the CLI: ${cases.length} cases (${cases.filter((c) => c.generated).length} generated from describe)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
