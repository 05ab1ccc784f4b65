// Cold start in headless Chromium on 127.0.0.1: navigation start -> the first computed value in
// the page, with an empty HTTP cache (a fresh browser context) for every run, under the strict
// CSP of web/serve.mjs. Pages (bench/browser.mjs):
//   reference    the plain-JS baseline (bench/reference/: the same FSSC figure, hard-coded)
//   one-widget   <certcalc-duration-quote scheme="fssc22000-5.1" locale="en"> as a portal embeds it
// The last row is a span (module ready -> first value: the first calls and the render).
// Runs go in turns (every page of every build, then again), so that the machine's load falls on
// all alike; the median of each milestone is reported.
// Usage: node web/build.mjs && node bench/cold-start.mjs [--runs N] [--json]
//          [--dist LABEL=DIR ...]   builds to compare (default: this=web/dist), e.g. a web/dist of main
//          [--preload]              the widget page gets <link rel="preload"> for the .wasm and its
//                                   pack and catalog; a label ending in +preload does it for one build
import { gotoFirstValue, launch, makeSite, median, removeSite, serve, defaultDist } from './browser.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(opt('--runs', '11'));
const dists = args.flatMap((a, i) => (args[i - 1] === '--dist' ? [a] : [])).map((s) => {
  const eq = s.indexOf('=');
  return eq > 0 ? { label: s.slice(0, eq), dir: s.slice(eq + 1) } : { label: s, dir: s };
});
if (!dists.length) dists.push({ label: 'this', dir: defaultDist });
const preload = args.includes('--preload');

const sites = [];
for (const d of dists) {
  const dir = makeSite(d.dir, { preload: preload || d.label.endsWith('+preload') });
  sites.push({ ...d, site: dir, server: await serve(dir) });
}
const pages = [{ name: 'reference', path: 'reference.html' }, { name: 'one-widget', path: 'one-widget.html' }];

// What each milestone is, in the order they happen. Marks come from web/src/core.js (User
// Timing); resource times from the Resource Timing entries.
const MILESTONES = [
  ['domContentLoaded', 'DOMContentLoaded'],
  ['scriptsLoaded', 'last script downloaded'],
  ['loadStart', 'first widget connected (bundle evaluated)'],
  ['wasmLoaded', '.wasm downloaded'],
  ['moduleReady', 'module compiled and instantiated'],
  ['assetsLoaded', 'pack and catalog downloaded'],
  ['assetsReady', 'pack and catalog in the engine'],
  ['firstValue', 'first computed value in the page'],
  // A span, not a time after navigation: the first call and the render, with what the module
  // and the page did before them taken out (far less noisy on a shared machine).
  ['readyToFirst', 'span: module ready -> first value'],
];

const browser = await launch();
const samples = new Map();
try {
  for (let i = 0; i < runs + 1; i++) {
    for (const s of sites) {
      for (const p of pages) {
        if (p.name === 'reference' && s !== sites[0]) continue; // one baseline is enough
        const context = await browser.newContext(); // a fresh profile: empty HTTP cache
        const page = await context.newPage();
        await gotoFirstValue(page, `${s.server.url}${p.path}`);
        const m = await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const res = performance.getEntriesByType('resource');
          const at = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
          const last = (f) => {
            const xs = res.filter((r) => f(r.name)).map((r) => r.responseEnd);
            return xs.length ? Math.max(...xs) : null;
          };
          return {
            domContentLoaded: nav.domContentLoadedEventEnd,
            scriptsLoaded: last((n) => n.endsWith('.js')),
            loadStart: at('certcalc:load-start'),
            wasmLoaded: last((n) => n.endsWith('.wasm')),
            moduleReady: at('certcalc:ready'),
            assetsLoaded: last((n) => /\/assets\//.test(n)),
            assetsReady: at('certcalc:assets-ready'),
            firstValue: window.__first,
            readyToFirst: at('certcalc:ready') === null ? null : window.__first - at('certcalc:ready'),
          };
        });
        await context.close();
        if (i === 0) continue; // the first round warms the browser process itself, not the page
        const key = `${s.label}|${p.name}`;
        if (!samples.has(key)) samples.set(key, []);
        samples.get(key).push(m);
      }
    }
  }
} finally {
  await browser.close();
  for (const s of sites) {
    await s.server.stop();
    removeSite(s.site);
  }
}

const result = { runs, chromium: browser.version(), pages: {} };
for (const [key, list] of samples) {
  const row = {};
  for (const [k] of MILESTONES) {
    const xs = list.map((m) => m[k]).filter((x) => typeof x === 'number');
    if (xs.length) row[k] = { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
  }
  result.pages[key] = row;
}
if (args.includes('--json')) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const keys = [...samples.keys()];
  console.log(`cold start, ${runs} runs each in turns, Chromium ${result.chromium}; ms after navigation start, median (min-max)\n`);
  console.log(`| milestone | ${keys.join(' | ')} |`);
  console.log(`|---|${keys.map(() => '---:').join('|')}|`);
  for (const [k, label] of MILESTONES) {
    const cells = keys.map((key) => {
      const s = result.pages[key][k];
      return s ? `${s.median.toFixed(0)} (${s.min.toFixed(0)}-${s.max.toFixed(0)})` : '';
    });
    if (cells.some(Boolean)) console.log(`| ${label} | ${cells.join(' | ')} |`);
  }
  const ref = result.pages[`${sites[0].label}|reference`]?.firstValue?.median;
  if (ref) {
    console.log();
    for (const s of sites) {
      const v = result.pages[`${s.label}|one-widget`]?.firstValue?.median;
      if (v) console.log(`${s.label}: first value ${v.toFixed(0)} ms = ${(v / ref).toFixed(2)}x the plain-JS reference (${ref.toFixed(0)} ms); goals <= 1.5x and < 250 ms`);
    }
  }
}
