// Size of everything a page loads for one certcalc widget: the bundle (widgets + Lit + the
// WASM glue) and the .wasm (core + every built-in pack), raw, gzip -9 and brotli q11.
// Usage: node web/build.mjs && node bench/web-size.mjs [--json]
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'web', 'dist');
const files = ['certcalc-widgets.js', 'certcalc-core.wasm'];
for (const f of files)
  if (!existsSync(join(dist, f))) {
    console.error(`bench/web-size.mjs: ${join(dist, f)} is missing: run node web/build.mjs first`);
    process.exit(1);
  }

const GOAL = 80 * 1024;
const ZEN_WASM_GZ = 463694; // @gorules/zen-engine-wasm 0.23.1, wasm alone (docs/wasm.md)

const rows = files.map((f) => {
  const bytes = readFileSync(join(dist, f));
  return {
    file: f,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ files: rows, total, goalGzip: GOAL }, null, 2));
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log('| file | raw | gzip -9 | brotli q11 |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
  console.log(`| **total** | ${kb(total.raw)} | **${kb(total.gzip)}** | ${kb(total.brotli)} |`);
  console.log();
  console.log(`goal: <= ${kb(GOAL)} gzip in total: ${total.gzip <= GOAL ? 'met' : `missed by ${kb(total.gzip - GOAL)}`}`);
  console.log(`@gorules/zen-engine-wasm's wasm alone: ${kb(ZEN_WASM_GZ)} gzip (${(ZEN_WASM_GZ / total.gzip).toFixed(1)}x this page's total)`);
}
