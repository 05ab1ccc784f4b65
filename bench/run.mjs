// All benchmarks in one Node process, on the same machine, with the same inputs; prints
// markdown tables and the ratios for bench/README.md. Run on demand (never a timed test):
//   node bench/run.mjs            (needs build/wasm/dist: cmake --preset wasm && cmake --build --preset wasm)
import { cpus, loadavg } from 'node:os';
import { gradeBench } from './grade.mjs';
import { machine } from './lib.mjs';
import { payloadBench } from './payload.mjs';
import { validateBench } from './validate.mjs';

const fmt = (ratios) => Object.entries(ratios).map(([k, v]) => `- ${k}: ${v.toFixed(2)}`).join('\n');
console.log(`# certcalc benchmarks, ${new Date().toISOString().slice(0, 10)}`);
console.log(`${machine()}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
const payload = payloadBench();
console.log('## Payload\n');
console.log(payload.text);
console.log(`\n${fmt(payload.ratios)}\n`);
const grade = await gradeBench();
console.log('## Grade decision (BRCGS Allegato 1)\n');
console.log(grade.text);
console.log(`\n${fmt(grade.ratios)}\n`);
const validate = await validateBench();
console.log('## Validate\n');
console.log(validate.text);
console.log(`\n${fmt(validate.ratios)}`);
