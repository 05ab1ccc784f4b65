// Size of what a page with one FSSC 22000 duration quote in English loads, from web/dist without
// a browser: the element's script and the chunks it imports, the .wasm, the pack and the English
// messages; raw, gzip -9 and brotli q11. bench/page-weight.mjs counts the same in Chromium.
// Usage: node web/build.mjs && node bench/web-size.mjs [--scheme ID] [--json]
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'web', 'dist');
const i = process.argv.indexOf('--scheme');
const scheme = i > 0 ? process.argv[i + 1] : 'fssc22000-5.1';
const entry = 'certcalc-duration-quote.js';
if (!existsSync(join(dist, entry))) {
  console.error('bench/web-size.mjs: web/dist is missing: run node web/build.mjs first');
  process.exit(1);
}

// The entry and every chunk it imports statically (what the browser fetches before it runs).
const scripts = [];
const queue = [entry];
while (queue.length) {
  const f = queue.shift();
  if (scripts.includes(f)) continue;
  scripts.push(f);
  const text = readFileSync(join(dist, f), 'utf8');
  for (const m of text.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[^'"();]*?from\s*)?["']\.\/([\w.-]+\.js)["']/g)) queue.push(m[1]);
}
const files = [...scripts, 'certcalc-core.wasm', `assets/packs/${scheme}.json`, 'assets/messages/en.json'];
const GOAL = 80 * 1024;
const rows = files.map((f) => {
  const bytes = readFileSync(join(dist, f));
  return {
    file: f,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
const sum = (xs) => xs.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const groups = {
  'scripts (element, Lit, the glue, English UI)': sum(rows.filter((r) => r.file.endsWith('.js'))),
  'certcalc-core.wasm (the engine, no rule pack)': sum(rows.filter((r) => r.file.endsWith('.wasm'))),
  [`rule assets (${scheme}, English messages)`]: sum(rows.filter((r) => r.file.startsWith('assets/'))),
};
const total = sum(rows);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ files: rows, groups, total, goalGzip: GOAL }, null, 2));
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log('| what | raw | gzip -9 | brotli q11 |');
  console.log('|---|---:|---:|---:|');
  for (const [k, r] of Object.entries(groups)) console.log(`| ${k} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
  console.log(`| **total** | ${kb(total.raw)} | **${kb(total.gzip)}** | ${kb(total.brotli)} |`);
  console.log();
  console.log(`goal: <= ${kb(GOAL)} gzip in total: ${total.gzip <= GOAL ? 'met' : `missed by ${kb(total.gzip - GOAL)}`}`);
}
