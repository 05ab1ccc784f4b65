// Cold start in headless Chromium on 127.0.0.1: navigation start -> the first value a widget
// computed (a certcalc-result event carrying an answer, not an error), with an empty HTTP cache
// for every run. Reports the median of several runs.
// Usage: node web/build.mjs && node bench/cold-start.mjs [--runs N] [--scheme ID] [--preload] [--json]
//   --preload: the page has <link rel="preload" href="certcalc-core.wasm" as="fetch" crossorigin>,
//   so the .wasm downloads in parallel with the bundle.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'web', 'dist');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('--runs', '9'));
const scheme = arg('--scheme', 'fssc22000-5.1');
const preload = process.argv.includes('--preload');
if (!existsSync(join(dist, 'certcalc-widgets.js'))) {
  console.error('bench/cold-start.mjs: web/dist is missing: run node web/build.mjs first');
  process.exit(1);
}

// A page with one widget and its request, as a portal would embed it (no inline script).
const site = mkdtempSync(join(tmpdir(), 'certcalc-bench-'));
cpSync(dist, site, { recursive: true });
writeFileSync(join(site, 'bench.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cold start</title><link rel="icon" href="data:,">
${preload ? '<link rel="preload" href="certcalc-core.wasm" as="fetch" type="application/wasm" crossorigin>' : ''}
<script type="module" src="bench.js"></script></head>
<body><certcalc-duration-quote scheme="${scheme}"></certcalc-duration-quote></body></html>
`);
writeFileSync(join(site, 'bench.js'), `
window.__first = null;
document.addEventListener('certcalc-result', (e) => {
  if (window.__first === null && e.detail && e.detail.answer && !e.detail.answer.error) window.__first = performance.now();
});
await import('./certcalc-widgets.js');
document.querySelector('certcalc-duration-quote').values = ${JSON.stringify({
  auditType: 'initial', category: 'CI', fte: 120, haccpStudies: 2, certifiedManagementSystem: true,
})};
`);

const server = spawn(process.execPath, [join(root, 'web', 'serve.mjs'), '--port', '0', '--root', site], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (c) => {
    out += c;
    const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
    if (m) resolve(m[0]);
  });
  server.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CERTCALC_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const samples = [];
try {
  for (let i = 0; i < runs + 1; i++) {
    const context = await browser.newContext(); // a fresh profile: empty HTTP cache
    const page = await context.newPage();
    await page.goto(`${url}bench.html`);
    await page.waitForFunction(() => window.__first !== null, null, { timeout: 20000 });
    const m = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
      const js = performance.getEntriesByType('resource').find((r) => r.name.endsWith('certcalc-widgets.js'));
      const at = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
      return {
        loadStart: at('certcalc:load-start'),
        wasmFetched: at('certcalc:wasm-fetched'),
        moduleReady: at('certcalc:ready'),
        firstValue: window.__first,
        domContentLoaded: nav.domContentLoadedEventEnd,
        bundleLoaded: js ? js.responseEnd : null,
        wasmLoaded: wasm ? wasm.responseEnd : null,
      };
    });
    await context.close();
    if (i > 0) samples.push(m); // the first run warms the browser process itself, not the page
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(site, { recursive: true, force: true });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stat = (k) => {
  const xs = samples.map((s) => s[k]).filter((x) => typeof x === 'number');
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
};
const result = {
  runs: samples.length, scheme, preload, chromium: browser.version(),
  firstValue: stat('firstValue'), domContentLoaded: stat('domContentLoaded'),
  bundleLoaded: stat('bundleLoaded'), wasmLoaded: stat('wasmLoaded'),
  loadStart: stat('loadStart'), wasmFetched: stat('wasmFetched'), moduleReady: stat('moduleReady'),
};
if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
else {
  const f = (s) => `${s.median.toFixed(0)} ms (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)})`;
  console.log(`cold start, ${result.runs} runs, Chromium ${result.chromium}, <certcalc-duration-quote scheme="${scheme}">${preload ? ', .wasm preloaded' : ''}`);
  console.log(`  bundle loaded        ${f(result.bundleLoaded)}`);
  console.log(`  DOMContentLoaded     ${f(result.domContentLoaded)}`);
  console.log(`  module load starts   ${f(result.loadStart)}`);
  console.log(`  .wasm loaded         ${f(result.wasmLoaded)}`);
  console.log(`  .wasm in memory      ${f(result.wasmFetched)}`);
  console.log(`  module ready         ${f(result.moduleReady)}   (compiled and instantiated)`);
  console.log(`  first computed value ${f(result.firstValue)}   (goal < 200 ms)`);
}
