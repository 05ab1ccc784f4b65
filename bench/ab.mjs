// Two certcalc builds in one process, rounds interleaved (A, B, A, B, ...) so that the machine's
// load falls on both alike: the fastest and the median round of each workload, and B / A.
//   node bench/ab.mjs /path/to/baseline/dist [/path/to/candidate/dist (default build/wasm/dist)]
import { inputs } from './allegato1.mjs';
import { certcalcPack } from './encodings.mjs';
import { validateFormDoc, validateRequest } from './inputs.mjs';
import { distDir, fmtUs, loadCertcalc, table } from './lib.mjs';

const dirs = [process.argv[2], process.argv[3] || distDir];
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
const engines = [await load(dirs[0]), await load(dirs[1])];
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
for (const [name, fn] of Object.entries(workloads)) {
  const times = [[], []];
  for (const cc of engines) round(fn, cc, 600);  // warm-up: both builds reach their top tier
  for (let r = 0; r < 9; r++) for (let k = 0; k < 2; k++) times[k].push(round(fn, engines[k], 250));
  const [a, b] = times.map((t) => t.sort((x, y) => x - y));
  rows.push([name, fmtUs(a[0]), fmtUs(b[0]), (b[0] / a[0]).toFixed(2), fmtUs(a[4]), fmtUs(b[4]), (b[4] / a[4]).toFixed(2)]);
}
console.log(`A = ${dirs[0]}\nB = ${dirs[1]}\n`);
console.log(table(['workload', 'A fastest', 'B fastest', 'B / A', 'A median', 'B median', 'B / A'], rows));
