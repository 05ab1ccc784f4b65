// Shared by the browser tests: builds a site folder (web/dist + test pages), serves it with
// web/serve.mjs on 127.0.0.1 (random port), and drives Debian's Chromium with playwright-core.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = join(root, 'web', 'dist');
export const fixtures = join(root, 'tests', 'browser', 'fixtures');
export const resultsDir = join(root, 'test-results');
export const testPack = readFileSync(join(fixtures, 'test-pack.json'), 'utf8');
export const CHROMIUM = process.env.CERTCALC_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** A copy of web/dist plus the test pages, served by web/serve.mjs. */
export async function startSite() {
  if (!existsSync(join(dist, 'certcalc-widgets.js'))) throw new Error('web/dist is missing: run node web/build.mjs first');
  const site = mkdtempSync(join(tmpdir(), 'certcalc-site-'));
  cpSync(dist, site, { recursive: true });
  cpSync(join(fixtures, 'pages'), join(site, 'test'), { recursive: true });
  cpSync(join(fixtures, 'test-pack.json'), join(site, 'test', 'test-pack.json'));
  // A second copy of the package (scripts, .wasm, rule assets), as a second embed on the same
  // page would load it.
  mkdirSync(join(site, 'copy'), { recursive: true });
  for (const f of readdirSync(dist))
    if (f.endsWith('.js') || f.endsWith('.wasm') || f === 'assets') cpSync(join(dist, f), join(site, 'copy', f), { recursive: true });
  const proc = spawn(process.execPath, [join(root, 'web', 'serve.mjs'), '--port', '0', '--root', site], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve.mjs did not start: ${out}`)), 10000);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}: ${out}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    dir: site,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
      rmSync(site, { recursive: true, force: true });
    },
  };
}

/**
 * What most test files start with: the site, a fresh browser (`browserOptions`) and one page;
 * with `blank`, the page is the blank test page with every widget registered; with `demo`, the
 * demo page once its widgets answer. Stop them with closeSession.
 */
export async function openSession({ browserOptions, blank = false, demo = false } = {}) {
  const site = await startSite();
  const browser = await startBrowser(browserOptions);
  const page = await browser.page();
  if (blank) {
    await page.goto(`${site.url}test/blank.html`);
    await page.addScriptTag({ type: 'module', url: '/certcalc-widgets.js' });
  } else if (demo) {
    // The demo page with its widgets answering.
    await page.goto(site.url);
    await widgetsReady(page);
  }
  return { site, browser, page };
}

/** Stops what openSession started (either may be missing when the before hook failed). */
export async function closeSession({ site, browser }) {
  await browser?.close();
  await site?.stop();
}

/**
 * A fresh Chromium profile. Records every request, console error, page error and CSP violation
 * of every page it opens.
 */
export async function startBrowser(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'certcalc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Amsterdam',
    acceptDownloads: true,
    ...options,
  });
  const record = { requests: [], consoleErrors: [], pageErrors: [] };
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  context.on('request', (r) => record.requests.push(r.url()));
  const watch = (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') record.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => record.pageErrors.push(String(e)));
  };
  context.on('page', watch);
  for (const p of context.pages()) watch(p);
  return {
    context,
    record,
    async page() {
      const existing = context.pages().find((p) => p.url() === 'about:blank');
      return existing || context.newPage();
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations || []);
}

/** Waits until every certcalc widget on the page has the module loaded. */
export async function widgetsReady(page) {
  await page.waitForFunction(() => {
    const els = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('certcalc-') && 'cc' in e);
    return els.length > 0 && els.every((e) => e._status === 'ready' || e._status === 'error');
  });
  // 'ready' means the module is there; the pack and the locale's messages may still be on the
  // way (fetched when first needed). updateComplete waits until the widget shows them.
  await page.evaluate(() =>
    Promise.all([...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('certcalc-') && 'cc' in e).map((e) => e.updateComplete)),
  );
}

/**
 * The demo page with the submission checker's draft emptied, the test pack loaded, `scheme` chosen
 * and its today set to 2026-03-20; answers the checker's locator.
 */
export async function freshChecker(page, site, scheme) {
  await page.goto(site.url);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await widgetsReady(page);
  await loadTestPack(page);
  const checker = page.locator('certcalc-submission-checker');
  await checker.getByLabel('Scheme').selectOption(scheme);
  await checker.evaluate((el) => {
    el.today = '2026-03-20';
  });
  return checker;
}

/** Fills the checker's open editor with a finding every built-in check accepts. */
export async function fillGoodFinding(checker, { id, grade = 'major' } = {}) {
  const ed = checker.locator('[part=editor]');
  if (id !== undefined) await ed.getByLabel('ID', { exact: true }).fill(id);
  await ed.getByLabel('Clause').fill('ISO 22000:2018 8.5.1');
  await ed.getByLabel('Grade').selectOption(grade);
  await ed.getByLabel('Non-conformity (as written by the auditor)').fill('Temperature records of the cold store were incomplete.');
  await ed.getByLabel('Correction', { exact: true }).fill('Records completed for the missing days.');
  await ed.getByLabel('Root cause').fill('The night shift had no instruction to record temperatures.');
  await ed.getByLabel('Corrective action').fill('Instruction added to the night shift checklist; training given.');
  await ed.getByLabel('Planned completion', { exact: true }).fill('2026-04-01');
  await ed.getByLabel('Responsible', { exact: true }).fill('QA manager');
}

/** Loads the fictional test pack into the page's shared instance. */
export async function loadTestPack(page) {
  const answer = await page.evaluate(async (pack) => {
    const m = await import('/certcalc-widgets.js');
    return m.loadPack(pack, 'test-pack.json');
  }, testPack);
  if (!answer.loaded) throw new Error(`test pack did not load: ${JSON.stringify(answer)}`);
}

export function screenshotPath(name) {
  mkdirSync(resultsDir, { recursive: true });
  return join(resultsDir, `${name}.png`);
}

export function writeResult(name, text) {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, name), text);
}

/**
 * A fresh element of `tag` with these properties (today 2026-03-20 unless given), in place of any
 * before it, once it shows its answer.
 */
export async function mountFresh(page, tag, props) {
  await page.evaluate(({ tag, props }) => {
    document.querySelectorAll(tag).forEach((e) => e.remove());
    const el = document.createElement(tag);
    Object.assign(el, { today: '2026-03-20', ...props });
    document.body.append(el);
  }, { tag, props });
  await widgetsReady(page);
  await page.evaluate((tag) => document.querySelector(tag).updateComplete, tag);
  return page.locator(tag);
}

/** How often a text is in an element's shadow root, on screen (not in what only a printout shows). */
export function timesShown(locator, text) {
  return locator.evaluate((el, t) => {
    const copy = document.createElement('div');
    for (const n of el.shadowRoot.childNodes) copy.append(n.cloneNode(true));
    copy.querySelectorAll('.print-only').forEach((n) => n.remove());
    return copy.textContent.split(t).length - 1;
  }, text);
}
