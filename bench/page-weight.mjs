// What a page loads, counted in the browser: every response of the page (HTML, scripts, .wasm,
// packs, catalogs, styles), each body compressed with gzip -9 as a host would serve it, summed.
// Pages, each in a fresh browser context (empty cache), under web/serve.mjs's strict CSP:
//   one-widget  <certcalc-duration-quote scheme="fssc22000-5.1" locale="en">, until its first value
//   demo        the demo page (web/index.html: all four widgets), before any user action: until
//               every widget shows its first state and the network has been quiet for 500 ms
// Usage: node web/build.mjs && node bench/page-weight.mjs [--dist LABEL=DIR ...] [--json]
import { gzipSync } from 'node:zlib';
import { defaultDist, launch, makeSite, removeSite, serve } from './browser.mjs';

const args = process.argv.slice(2);
const dists = args.flatMap((a, i) => (args[i - 1] === '--dist' ? [a] : [])).map((s) => {
  const eq = s.indexOf('=');
  return eq > 0 ? { label: s.slice(0, eq), dir: s.slice(eq + 1) } : { label: s, dir: s };
});
if (!dists.length) dists.push({ label: 'this', dir: defaultDist });
const GOALS = { 'one-widget': 80 * 1024, demo: 160 * 1024 };

async function weigh(browser, url, ready) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = [];
  let last = Date.now();
  page.on('response', async (r) => {
    last = Date.now();
    const body = await r.body().catch(() => null);
    if (body) bodies.push({ url: r.url(), raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  });
  await page.goto(url);
  await ready(page);
  while (Date.now() - last < 500) await page.waitForTimeout(100);
  await context.close();
  return bodies;
}

const browser = await launch();
const out = {};
try {
  for (const d of dists) {
    const dir = makeSite(d.dir);
    const server = await serve(dir);
    try {
      out[d.label] = {
        'one-widget': await weigh(browser, `${server.url}one-widget.html`,
          (p) => p.waitForFunction(() => window.__first !== null, null, { timeout: 30000 })),
        demo: await weigh(browser, server.url, (p) => p.waitForFunction(() => {
          const els = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('certcalc-') && 'cc' in e);
          return els.length > 0 && els.every((e) => e._status === 'ready' || e._status === 'error') &&
            els.every((e) => e.shadowRoot && !e.shadowRoot.querySelector('[part=status]'));
        }, null, { timeout: 30000 })),
      };
    } finally {
      await server.stop();
      removeSite(dir);
    }
  }
} finally {
  await browser.close();
}

if (args.includes('--json')) {
  console.log(JSON.stringify(out, null, 2));
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  for (const [label, pages] of Object.entries(out)) {
    for (const [name, files] of Object.entries(pages)) {
      const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), { raw: 0, gzip: 0 });
      console.log(`\n${label}, ${name}: ${files.length} responses, ${kb(total.raw)} raw, ${kb(total.gzip)} gzip -9 (goal <= ${kb(GOALS[name])}: ${total.gzip <= GOALS[name] ? 'met' : `missed by ${kb(total.gzip - GOALS[name])}`})`);
      console.log('| file | raw | gzip -9 |\n|---|---:|---:|');
      for (const f of files.sort((a, b) => b.gzip - a.gzip)) console.log(`| ${new URL(f.url).pathname} | ${kb(f.raw)} | ${kb(f.gzip)} |`);
    }
  }
}
