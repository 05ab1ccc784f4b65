// Two (or more) certcalc builds in one process, rounds interleaved (A, B, A, B, ...) so that the
// machine's load falls on all alike: the fastest and the median round of each workload, and B / A.
//   node bench/ab.mjs /path/to/baseline/dist [/path/to/candidate/dist (default build/wasm/dist) ...]
// With more than two builds, each one after A gets its own columns (C, D, ... against A).
import { inputs } from './allegato1.mjs';
import { certcalcPack } from './encodings.mjs';
import { validateFormDoc, validateRequest } from './inputs.mjs';
import { distDir, fmtUs, loadCertcalc, table } from './lib.mjs';

const dirs = [process.argv[2], ...(process.argv.length > 3 ? process.argv.slice(3) : [distDir])];
if (!dirs[0]) {
  console.error('usage: node bench/ab.mjs BASELINE_DIST [CANDIDATE_DIST]');
  process.exit(2);
}
const load = async (dir) => {
  const cc = await loadCertcalc(dir);
  cc.loadPack(certcalcPack(), 'bench');
  for (const p of validateFormDoc().loadPacks) cc.loadPack(p, 'bench');
  return cc;
};
const engines = [];
for (const d of dirs) engines.push(await load(d));
const grades = inputs().map((c) => JSON.stringify({ scheme: 'bench-brcgs-grade', ...c }));
const gmp = JSON.stringify({ scheme: 'gmpplus-cr3.0', auditType: 'initial', scope: 'laboratory-testing', accreditation: 'full', analyses: 12 });
const brcgs = inputs().map((c) => JSON.stringify({ scheme: 'brcgs-food-9', ...c }));
const fssc = JSON.stringify({ scheme: 'fssc22000-5.1', auditType: 'initial', category: 'CI', fte: 120, haccpStudies: 2,
  certifiedManagementSystem: true });
const workloads = {
  'grade (Allegato 1 pack)': (cc, i) => cc.callJson('grade', grades[i % grades.length]),
  'grade (built-in brcgs-food-9)': (cc, i) => cc.callJson('grade', brcgs[i % brcgs.length]),
  'duration (built-in fssc22000-5.1)': (cc) => cc.callJson('duration', fssc),
  'duration (built-in gmpplus-cr3.0, laboratory testing)': (cc) => cc.callJson('duration', gmp),
  ...Object.fromEntries([10, 100, 500].map((n) => {
    const text = JSON.stringify(validateRequest(n));
    return [`validate ${n} findings`, (cc) => cc.callJson('validate', text)];
  })),
};
const round = (fn, cc, ms) => {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    fn(cc, n++);
    now = performance.now();
  }
  return ((now - start) * 1000) / n;
};
const rows = [];
const names = dirs.map((_, k) => String.fromCharCode(65 + k));
// Builds compared must answer alike: an answer that differs (a pack one build cannot load) is
// said beside the figures, which then compare different work.
const differs = Object.fromEntries(Object.entries(workloads).map(([name, fn]) => {
  const texts = engines.map((cc) => JSON.stringify(JSON.parse(fn(cc, 0).json)));
  return [name, names.filter((_, k) => texts[k] !== texts[0])];
}));
for (const [name, fn] of Object.entries(workloads)) {
  const times = engines.map(() => []);
  for (const cc of engines) round(fn, cc, 600);  // warm-up: every build reaches its top tier
  for (let r = 0; r < 9; r++) for (let k = 0; k < engines.length; k++) times[k].push(round(fn, engines[k], 250));
  const sorted = times.map((t) => t.sort((x, y) => x - y));
  const [a] = sorted;
  const row = [name, fmtUs(a[0]), fmtUs(a[4])];
  for (const b of sorted.slice(1)) row.push(fmtUs(b[0]), (b[0] / a[0]).toFixed(2), fmtUs(b[4]), (b[4] / a[4]).toFixed(2));
  if (differs[name].length) row[0] += ` (answers differ: ${differs[name].join(', ')})`;
  rows.push(row);
}
console.log(dirs.map((d, k) => `${names[k]} = ${d}`).join('\n') + '\n');
console.log(table(['workload', 'A fastest', 'A median',
  ...names.slice(1).flatMap((n) => [`${n} fastest`, `${n} / A`, `${n} median`, `${n} / A`])], rows));
