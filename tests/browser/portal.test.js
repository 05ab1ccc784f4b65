// The npm package as a portal gets it: `npm pack` of this repository (web/dist as built), the
// tarball installed into a copy of examples/portal/, the page built from the installed package
// and run in Chromium under the strict CSP; the same package imported from Node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, startBrowser, cspViolations, screenshotPath } from './helpers.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work;
let portal;
let server;
let url;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'certcalc-portal-'));
  // web/dist is what the browser tests run against; --ignore-scripts: no rebuild under them.
  const pack = spawnSync(npm, ['pack', '--ignore-scripts', '--pack-destination', work, '--loglevel=error'], { cwd: root, encoding: 'utf8' });
  assert.equal(pack.status, 0, pack.stderr);
  const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')));
  portal = join(work, 'portal');
  cpSync(join(root, 'examples', 'portal'), portal, { recursive: true, filter: (s) => !/node_modules|public[\\/]certcalc/.test(s) });
  const install = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', tarball],
    { cwd: portal, encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);
  const build = spawnSync(process.execPath, ['build.mjs'], { cwd: portal, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  server = spawn(process.execPath, [join(root, 'web', 'serve.mjs'), '--port', '0', '--root', join(portal, 'public')], { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (c) => {
      out += c;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
});

after(async () => {
  if (server) {
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the package and not the demo page', () => {
  const pkg = join(portal, 'node_modules', 'certcalc');
  for (const f of ['LICENSE', 'README.md', 'package.json', 'web/dist/certcalc.js', 'web/dist/certcalc-node.js', 'web/dist/certcalc.d.ts',
    'web/dist/certcalc-widgets.d.ts', 'web/dist/certcalc-duration-quote.js', 'web/dist/custom-elements.json',
    'web/dist/certcalc-core.wasm', 'web/dist/certcalc-calc.wasm', 'web/dist/assets/packs/fssc22000-6.json'])
    assert.ok(existsSync(join(pkg, f)), f);
  const meta = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  assert.equal(meta.license, 'MIT');
  assert.equal(meta.private, undefined);
  assert.ok(existsSync(join(pkg, meta.customElements)), `customElements: ${meta.customElements}`);
  const manifest = JSON.parse(readFileSync(join(pkg, meta.customElements), 'utf8'));
  assert.deepEqual(manifest.modules.map((m) => m.declarations[0].tagName).sort(),
    ['certcalc-duration-quote', 'certcalc-grade-dates', 'certcalc-locale-switcher', 'certcalc-submission-checker']);
  for (const f of ['web/dist/index.html', 'web/dist/demo.js', 'web/dist/demo-texts.js', 'rules', 'core', 'node_modules'])
    assert.ok(!existsSync(join(pkg, f)), `${f} is not in the package`);
});

test('the portal page runs the installed package under the strict CSP', async () => {
  const b = await startBrowser();
  try {
    const page = await b.page();
    await page.goto(url);
    await page.waitForFunction(() => document.getElementById('total').textContent !== '…', null, { timeout: 20000 });
    assert.equal(await page.locator('#total').textContent(), '4.25 auditor days');
    assert.equal(await page.locator('certcalc-duration-quote [data-key=totalDays] dd').first().textContent(), '4.25 days');
    await page.screenshot({ path: screenshotPath('portal'), fullPage: true });
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(b.record.consoleErrors, []);
    assert.deepEqual(b.record.pageErrors, []);
    const origin = new URL(url).origin;
    assert.deepEqual(b.record.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:')), []);
    // The calculator module only, and for one scheme and one locale only their assets.
    assert.deepEqual(b.record.requests.filter((u) => u.endsWith('.wasm')).map((u) => new URL(u).pathname), ['/certcalc/certcalc-calc.wasm']);
    const assets = b.record.requests.filter((u) => u.includes('/assets/')).map((u) => new URL(u).pathname);
    assert.deepEqual([...new Set(assets)].sort(), ['/certcalc/assets/messages/en.json', '/certcalc/assets/packs/fssc22000-6.json']);
  } finally {
    await b.close();
  }
});

test('Node imports the same package: the JS API answers, the exports resolve', () => {
  const script = `
    import { createCertcalc } from 'certcalc';
    const cc = await createCertcalc();
    const a = cc.duration({ scheme: 'fssc22000-6', auditType: 'initial', onSiteDays: 3 });
    const paths = ['certcalc/widgets', 'certcalc/widgets/grade-dates', 'certcalc/certcalc-core.wasm', 'certcalc/certcalc-calc.wasm',
      'certcalc/assets/messages/nl.json', 'certcalc/custom-elements.json'].map((s) => import.meta.resolve(s));
    console.log(JSON.stringify({ total: a.totalDays, schemes: cc.schemes().schemes.length, paths }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: portal, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.total, 4.25);
  assert.ok(out.schemes >= 5);
  for (const p of out.paths) assert.match(p, /node_modules\/certcalc\/web\/dist\//);
});

test('the package types: the elements in HTMLElementTagNameMap, the events, the API by scheme (tsc)', () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  writeFileSync(join(portal, 'check.ts'), `
import 'certcalc/widgets/duration-quote';
import { setAssetsUrl, type CertcalcGradeDates } from 'certcalc/widgets';
import { createCertcalc, type Fssc220006DurationRequest } from 'certcalc';
setAssetsUrl('/static/certcalc/assets/');
const quote = document.querySelector('certcalc-duration-quote');
if (quote) {
  quote.scheme = 'fssc22000-6';
  quote.values = { auditType: 'initial', onSiteDays: 3 };
  quote.addEventListener('certcalc-result', (e) => console.log(e.detail.op, e.detail.answer));
}
const dates: CertcalcGradeDates = document.createElement('certcalc-grade-dates');
dates.mode = 'list';
const request: Fssc220006DurationRequest = { scheme: 'fssc22000-6', auditType: 'initial', onSiteDays: 3 };
export const total = createCertcalc().then((cc) => {
  const a = cc.duration(request);
  return 'error' in a ? null : a.totalDays;
});
// @ts-expect-error: not an element of certcalc's
document.querySelector('certcalc-duration-quote')!.wide = 'yes';
`);
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom',
    '--module', 'nodenext', '--moduleResolution', 'nodenext', 'check.ts'], { cwd: portal, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
