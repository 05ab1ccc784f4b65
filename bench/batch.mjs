// `certcalc batch` against one process per request (the way a back end calls the CLI without
// it), both timed from outside by farm-bench, in turns; peak memory as the input grows; and the
// batch's answers compared byte for byte with single calls on a sample of the same lines.
// usage: node bench/batch.mjs [--lines 100000] [--runs 3] [--sample 200] [--memory 10000,100000,1000000]
// Needs the release CLI (cmake --preset release && cmake --build --preset release) and farm-bench.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { batchLines } from './batch-input.mjs';
import { root } from './inputs.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const LINES = Number(opt('lines', 100000));
const RUNS = Number(opt('runs', 3));
const SAMPLE = Number(opt('sample', 200));
const MEMORY = String(opt('memory', '10000,100000,1000000')).split(',').filter(Boolean).map(Number);
const TODAY = '2026-01-15';
const cli = process.env.CERTCALC_CLI || join(root, 'build', 'release', 'cli', 'certcalc');
if (!existsSync(cli)) {
  console.error(`bench: ${cli} is missing; cmake --preset release && cmake --build --preset release`);
  process.exit(2);
}
const tmp = mkdtempSync(join(tmpdir(), 'certcalc-bench-batch-'));

function writeInput(n, file) {
  const parts = [];
  for (const line of batchLines(n)) parts.push(Buffer.isBuffer(line) ? line : Buffer.from(line), Buffer.from('\n'));
  writeFileSync(file, Buffer.concat(parts));
}

/** farm-bench's medians: {A: {cpu, wall, peak}, B: {...}}. */
function farm(runs, a, b = null, timeout = 3000) {
  const fbArgs = ['-n', String(runs), '--timeout', String(timeout)];
  if (b) fbArgs.push('--vs', b);
  const out = execFileSync('farm-bench', [...fbArgs, '--', ...a], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const med = (who, what) => {
    const m = new RegExp(`^${who} ${what}\\s+(\\S+)\\s+(\\S+)`, 'm').exec(out);
    return m ? Number(m[2]) : NaN;
  };
  const pick = (who) => ({ cpu: med(who, 'cpu s'), wall: med(who, 'wall s'), peak: med(who, 'peak MiB') });
  return { A: pick('A'), B: b ? pick('B') : null, header: out.split('\n')[0], text: out };
}

// --- The mixed input, and a sample of its lines as single calls ------------------------------
const input = join(tmp, `mixed-${LINES}.ndjson`);
writeInput(LINES, input);
const lines = readFileSync(input).toString('latin1').split('\n').slice(0, -1);
const step = Math.max(1, Math.floor(lines.length / SAMPLE));
const sample = [];
for (let i = 0; i < lines.length && sample.length < SAMPLE; i += step) {
  // The single call a line stands for: its op and request; a line that has none is sent as
  // it is to `grade` (a process that starts and refuses it, as the batch does).
  let op = 'grade';
  let request = Buffer.from(lines[i], 'latin1');
  try {
    const w = JSON.parse(request.toString('utf8'));
    if (w && typeof w.op === 'string' && typeof w.requestText === 'string') {
      op = w.op;
      request = Buffer.from(w.requestText, 'utf8');
    } else if (w && typeof w.op === 'string') {
      op = w.op;
      const m = /,"request":(.*)\}$/s.exec(request.toString('latin1'));
      request = m ? Buffer.from(m[1], 'latin1') : Buffer.from('');
    }
  } catch { /* malformed: sent as it is */ }
  if (!/^[a-z]+$/.test(op)) op = 'grade';
  const file = join(tmp, `single-${sample.length}.json`);
  writeFileSync(file, request);
  sample.push({ index: i, op, file });
}
const script = join(tmp, 'singles.sh');
writeFileSync(script, sample.map((s) => `"${cli}" ${s.op} "${s.file}" --today ${TODAY} >/dev/null\n`).join(''));

// --- Answers: the batch's line against the single call -------------------------------------
const batchOut = spawnSync(cli, ['batch', input, '--today', TODAY], { maxBuffer: 1 << 30 }).stdout.toString('utf8').split('\n');
let same = 0;
for (const s of sample) {
  const single = spawnSync(cli, [s.op, s.file, '--today', TODAY]);
  const m = /^\{"id":.*?,"line":\d+,"status":(\d),"answer":(.*)\}$/s.exec(batchOut[s.index]);
  const wrapped = (() => { try { return typeof JSON.parse(lines[s.index]).op === 'string'; } catch { return false; } })();
  // Lines that are not batch lines have no single call of their own: only their status is held.
  if (m && Number(m[1]) === single.status && (!wrapped || m[2] === single.stdout.toString('utf8').slice(0, -1))) same++;
}

// --- Throughput: batch (all cores) against one process per request, in turns ----------------
const cores = availableParallelism();
const tp = farm(RUNS, ['sh', '-c', `exec "${cli}" batch "${input}" --today ${TODAY} >/dev/null`], `sh ${script}`);
const batchPerCpu = LINES / tp.A.cpu;
const singlePerCpu = sample.length / tp.B.cpu;
const batchPerCoreWall = LINES / tp.A.wall / cores;
const singlePerWall = sample.length / tp.B.wall;

// --- Memory as the input grows ----------------------------------------------------------------
const peaks = [];
for (const n of MEMORY) {
  const file = n === LINES ? input : join(tmp, `mixed-${n}.ndjson`);
  if (n !== LINES) writeInput(n, file);
  const r = farm(1, ['sh', '-c', `exec "${cli}" batch "${file}" --today ${TODAY} >/dev/null`]);
  peaks.push([n, r.A.peak, r.A.wall]);
  if (n !== LINES) rmSync(file);
}

const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(tp.header);
console.log(`\ncertcalc batch over ${fmt(LINES)} mixed lines (bench/batch-input.mjs: every op, ~5% malformed), ${cores} cores, default --jobs;`);
console.log(`one process per request: ${sample.length} lines of the same input, one \`certcalc <op>\` each, run by sh one after another.`);
console.log(`farm-bench medians of ${RUNS} runs in turns.\n`);
console.log('| | wall | cpu | requests / cpu-second | requests / s per core (wall) |');
console.log('| --- | ---: | ---: | ---: | ---: |');
console.log(`| certcalc batch, ${fmt(LINES)} lines | ${tp.A.wall.toFixed(2)} s | ${tp.A.cpu.toFixed(2)} s | ${fmt(batchPerCpu)} | ${fmt(batchPerCoreWall)} |`);
console.log(`| one process per request, ${sample.length} | ${tp.B.wall.toFixed(2)} s | ${tp.B.cpu.toFixed(2)} s | ${fmt(singlePerCpu)} | ${fmt(singlePerWall)} |`);
console.log(`| **batch / one process per request** | | | **${fmt(batchPerCpu / singlePerCpu, 1)}×** | **${fmt(batchPerCoreWall / singlePerWall, 1)}×** |`);
console.log(`\nanswers identical to single calls: ${same} of ${sample.length} sampled lines`);
console.log('\n| lines | peak RSS | wall |');
console.log('| ---: | ---: | ---: |');
for (const [n, peak, wall] of peaks) console.log(`| ${fmt(n)} | ${peak.toFixed(1)} MiB | ${wall.toFixed(1)} s |`);
rmSync(tmp, { recursive: true, force: true });
