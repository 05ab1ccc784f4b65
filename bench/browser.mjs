// Shared by the browser benchmarks (cold-start.mjs, page-weight.mjs): a site folder holding a
// build of web/dist plus the bench pages, served by web/serve.mjs (strict CSP) on 127.0.0.1,
// and Debian's Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const defaultDist = join(root, 'web', 'dist');

/** The request every bench page computes: examples/fssc-initial.json without its scheme. */
export const FSSC_VALUES = { auditType: 'initial', category: 'CI', fte: 120, haccpStudies: 2, certifiedManagementSystem: true };

/**
 * The script a portal loads for one duration quote: the element's own entry when the build has
 * one, else the bundle of every element (builds before per-element entries).
 */
export function durationEntry(dist) {
  return existsSync(join(dist, 'certcalc-duration-quote.js')) ? 'certcalc-duration-quote.js' : 'certcalc-widgets.js';
}

/**
 * A copy of `dist` with the bench pages:
 *   one-widget.html  <certcalc-duration-quote scheme="fssc22000-5.1" locale="en"> as a portal embeds it
 *   reference.html   the same figure from a hard-coded formula in plain JS (bench/reference/)
 * Each page records `window.__first` (performance.now() when the first value is in the DOM)
 * from bench/reference/probe.js, a classic script that runs before any module.
 */
export function makeSite(dist = defaultDist, { preload = false } = {}) {
  if (!existsSync(join(dist, 'certcalc-widgets.js'))) throw new Error(`${dist} has no certcalc-widgets.js: run node web/build.mjs first`);
  const site = mkdtempSync(join(tmpdir(), 'certcalc-bench-'));
  cpSync(dist, site, { recursive: true });
  cpSync(join(root, 'bench', 'reference'), site, { recursive: true });
  writeFileSync(join(site, 'one-widget.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>one widget</title><link rel="icon" href="data:,">
<script src="probe.js"></script>
${preload ? `<link rel="preload" href="${existsSync(join(dist, 'certcalc-calc.wasm')) ? 'certcalc-calc.wasm' : 'certcalc-core.wasm'}" as="fetch" type="application/wasm" crossorigin>\n${
    existsSync(join(dist, 'assets')) ? '<link rel="preload" href="assets/packs/fssc22000-5.1.json" as="fetch" crossorigin>\n<link rel="preload" href="assets/messages/en.json" as="fetch" crossorigin>\n' : ''}` : ''}<script type="module" src="${durationEntry(dist)}"></script></head>
<body><certcalc-duration-quote scheme="fssc22000-5.1" locale="en"></certcalc-duration-quote>
<script src="probe-values.js"></script></body></html>
`);
  writeFileSync(join(site, 'probe-values.js'),
    `document.querySelector('certcalc-duration-quote').values = ${JSON.stringify(FSSC_VALUES)};\n`);
  return site;
}

/** Serves `dir` with web/serve.mjs on a free port; resolves {url, stop()}. */
export async function serve(dir) {
  const proc = spawn(process.execPath, [join(root, 'web', 'serve.mjs'), '--port', '0', '--root', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (c) => {
      out += c;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    proc.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
  return {
    url,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
    },
  };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CERTCALC_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export function removeSite(dir) {
  rmSync(dir, { recursive: true, force: true });
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Opens `url` in `page` and resolves once its first value is in (bench/reference/probe.js says so
 * on the console). Playwright's waitForFunction would poll from a script it injects into the page,
 * on the page's main thread, while the page starts.
 */
export async function gotoFirstValue(page, url, timeout = 30000) {
  let timer;
  const seen = new Promise((resolve, reject) => {
    page.on('console', (m) => {
      if (m.text() === 'certcalc-bench: first value') resolve();
    });
    timer = setTimeout(() => reject(new Error(`no first value on ${url} within ${timeout} ms`)), timeout);
  });
  try {
    await page.goto(url);
    await seen;
  } finally {
    clearTimeout(timer);
  }
}

