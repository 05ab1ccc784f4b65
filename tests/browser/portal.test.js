// The npm package as a portal gets it: `npm pack` of this repository (web/dist as built), the
// tarball installed into a copy of examples/portal/, the page built from the installed package
// and run in Chromium under the strict CSP; the same package imported from Node and type-checked
// with tsc; its README's links and its Custom Elements Manifest held to what it ships and renders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
  // Module paths are from the package's root (the schema's reading, and the analyzer's), and
  // every reference names a module the package ships or a package it depends on.
  const deps = new Set(Object.keys(meta.dependencies || {}));
  for (const m of manifest.modules) {
    assert.ok(existsSync(join(pkg, m.path)), `custom-elements.json: module ${m.path} is not a file of the package`);
    for (const e of m.exports) assert.ok(existsSync(join(pkg, e.declaration.module)), `${m.path}: export ${e.name} from ${e.declaration.module}`);
    for (const d of m.declarations) {
      const ref = d.superclass;
      if (ref?.package) assert.ok(deps.has(ref.package) || ref.package === 'global:', `${d.tagName}: superclass from ${ref.package}, which is no dependency`);
      if (ref?.module) assert.ok(existsSync(join(pkg, ref.module)), `${d.tagName}: superclass module ${ref.module}`);
    }
  }
  // What a portal writing its own pack, or trying the requests, needs from the repository.
  for (const f of ['rules/packs/fssc22000-6.json', 'rules/schema/pack.schema.json', 'examples/README.md',
    'examples/duration/fssc22000-6.json', 'examples/duration/fssc22000-6.answer.json', 'bench/README.md', 'tests/vectors/README.md'])
    assert.ok(existsSync(join(pkg, f)), f);
  for (const f of ['web/dist/index.html', 'web/dist/demo.js', 'web/dist/demo-texts.js', 'core', 'wasm', 'tests/node', 'node_modules',
    'examples/regenerate.mjs', 'examples/portal/node_modules', 'examples/portal/public/certcalc'])
    assert.ok(!existsSync(join(pkg, f)), `${f} is not in the package`);
  // The portal's build copies the browser files only: no Node entry, no types.
  const served = readdirSync(join(portal, 'public', 'certcalc'));
  assert.ok(served.includes('certcalc-duration-quote.js') && served.includes('certcalc-calc.wasm') && served.includes('assets'), served.join(' '));
  assert.deepEqual(served.filter((f) => f === 'certcalc-node.js' || f.endsWith('.d.ts') || f.endsWith('.json')), []);
});

test('every type declaration of the package has the module it types, and the docs the README links to are in it', () => {
  const pkg = join(portal, 'node_modules', 'certcalc');
  const dist = join(pkg, 'web', 'dist');
  const orphans = readdirSync(dist).filter((f) => f.endsWith('.d.ts') && !existsSync(join(dist, f.replace(/\.d\.ts$/, '.js'))));
  assert.deepEqual(orphans, [], 'a .d.ts without its .js type-checks an import that fails at run time');
  for (const f of ['docs/api.md', 'docs/web.md', 'docs/validate.md', 'docs/contract.md', 'docs/schemes/fssc22000-6.md'])
    assert.ok(existsSync(join(pkg, f)), f);
  // The README's sections for an npm user: every relative link resolves inside the package.
  const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
  const section = (title) => {
    const start = readme.indexOf(`\n## ${title}\n`);
    assert.ok(start >= 0, title);
    const end = readme.indexOf('\n## ', start + 1);
    return readme.slice(start, end < 0 ? undefined : end);
  };
  const slug = (h) => h.trim().toLowerCase().replace(/[`*_]/g, '').replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-');
  const bad = [];
  let links = 0;
  for (const title of ['Install from npm', 'In JavaScript (browser or Node)', 'In a web page (widgets)']) {
    for (const m of section(title).replace(/```[\s\S]*?```/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(m[1])) continue;
      links++;
      const [path, anchor] = m[1].split('#');
      const file = join(pkg, path);
      if (!existsSync(file)) bad.push(`${title}: ${m[1]}`);
      else if (anchor && !readFileSync(file, 'utf8').split('\n').some((l) => /^#{1,6}\s/.test(l) && slug(l.replace(/^#+\s+/, '')) === anchor))
        bad.push(`${title}: ${m[1]} (no such heading)`);
    }
  }
  assert.ok(links >= 5, `${links} links`);
  assert.deepEqual(bad, []);
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
      'certcalc/assets/messages/nl.json', 'certcalc/custom-elements.json', 'certcalc/calc'].map((s) => import.meta.resolve(s));
    // The calculator build, as docs/api.md shows it: its factory and its .wasm from the package.
    const { readFileSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const { default: calcFactory } = await import('certcalc/calc');
    const calc = await createCertcalc({ moduleFactory: calcFactory,
      wasmBinary: readFileSync(fileURLToPath(import.meta.resolve('certcalc/certcalc-calc.wasm'))) });
    const grade = calc.grade({ scheme: 'brcgs-food-9', major: 1, minor: 4 }).grade;
    const validate = calc.validate({ scheme: 'brcgs-food-9', findings: [] }).error?.code;
    // What certcalc-rules.d.ts types is there.
    const { index, assets } = await import('certcalc/dist/certcalc-rules.js');
    let widgets = '';
    try { await import('certcalc/widgets'); } catch (e) { widgets = e.message; }
    console.log(JSON.stringify({ total: a.totalDays, schemes: cc.schemes().schemes.length, paths, grade, validate,
      index: index.length, locales: assets.locales, widgets }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: portal, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.total, 4.25);
  assert.ok(out.schemes >= 5);
  for (const p of out.paths) assert.match(p, /node_modules\/certcalc\/web\/dist\//);
  assert.equal(out.grade, 'B');
  assert.equal(out.validate, 'not_supported');
  assert.equal(out.index, out.schemes);
  assert.deepEqual(out.locales, ['de', 'en', 'fr', 'it', 'nl']);
  // The widgets are for the browser (README, docs/web.md).
  assert.match(out.widgets, /HTMLElement is not defined/);
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
// The calculator build's factory and the rule index, typed from the package's own subpaths.
import calcFactory from 'certcalc/calc';
import { compileCertcalc } from 'certcalc';
import { index } from 'certcalc/dist/certcalc-rules.js';
export const calc = createCertcalc({ moduleFactory: calcFactory, wasmModule: compileCertcalc('/certcalc/certcalc-calc.wasm') });
export const ids: string[] = index.map((s) => s.id);
`);
  const tscArgs = ['--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom'];
  const r = spawnSync(process.execPath, [tsc, ...tscArgs, '--module', 'nodenext', '--moduleResolution', 'nodenext', 'check.ts'], { cwd: portal, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  // Tools that predate `exports` (moduleResolution node10) find the same types.
  writeFileSync(join(portal, 'node10.ts'), `
import { createCertcalc, type BrcgsFood9GradeAnswer } from 'certcalc';
import { setWasmUrl, type CertcalcDurationQuote } from 'certcalc/widgets';
import type { CertcalcGradeDates } from 'certcalc/widgets/grade-dates';
import calcFactory from 'certcalc/calc';
export const use = (q: CertcalcDurationQuote, g: CertcalcGradeDates, a: BrcgsFood9GradeAnswer): unknown[] =>
  [q.wide, g.mode, a.reasons.map((x) => x.message), setWasmUrl, createCertcalc, calcFactory];
`);
  const n10 = spawnSync(process.execPath, [tsc, ...tscArgs, '--module', 'esnext', '--moduleResolution', 'node10', 'node10.ts'], { cwd: portal, encoding: 'utf8' });
  assert.equal(n10.status, 0, n10.stdout + n10.stderr);
});

test("the README's TypeScript for an npm user compiles against the package", () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const readme = readFileSync(join(portal, 'node_modules', 'certcalc', 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Install from npm\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  // Its code as a TypeScript user copies it (every js or ts block of the section).
  const blocks = [...section.matchAll(/```(?:js|ts)\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length >= 1, 'a code block in "Install from npm"');
  writeFileSync(join(portal, 'readme.ts'), `${blocks.join('\n')}\nexport {};\n`);
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom',
    '--module', 'nodenext', '--moduleResolution', 'nodenext', 'readme.ts'], { cwd: portal, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('custom-elements.json lists every part each element renders and every --certcalc-* property its styles read', async () => {
  // A page of the portal with the four elements; a script that records every part token each
  // shadow root shows, in any state, before the widgets' bundle registers them.
  const pub = join(portal, 'public');
  writeFileSync(join(pub, 'parts.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>certcalc parts</title><script type="module" src="parts.js"></script></head>
<body>
<certcalc-locale-switcher></certcalc-locale-switcher>
<certcalc-duration-quote scheme="fssc22000-5.1" today="2026-01-15"></certcalc-duration-quote>
<certcalc-grade-dates scheme="brcgs-food-9" today="2026-01-15"></certcalc-grade-dates>
<certcalc-submission-checker scheme="fssc22000-5.1" storage-key="parts" today="2026-03-20"></certcalc-submission-checker>
</body></html>
`);
  writeFileSync(join(pub, 'parts.js'), `const seen = (window.__parts = {});
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function attachShadow(init) {
  const shadow = attach.call(this, init);
  const parts = (seen[this.localName] ||= new Set());
  const add = (el) => { for (const t of (el.getAttribute('part') || '').split(/\\s+/)) if (t) parts.add(t); };
  const scan = (node) => { if (node.nodeType === 1) { add(node); node.querySelectorAll('[part]').forEach(add); } };
  new MutationObserver((records) => { for (const r of records) { scan(r.target); r.addedNodes.forEach(scan); } })
    .observe(shadow, { subtree: true, childList: true, attributes: true, attributeFilter: ['part'] });
  return shadow;
};
await import('./certcalc/certcalc-widgets.js');
`);
  const manifest = JSON.parse(readFileSync(join(portal, 'node_modules', 'certcalc', 'web', 'dist', 'custom-elements.json'), 'utf8'));
  const b = await startBrowser();
  try {
    const page = await b.page();
    await page.goto(new URL('parts.html', url).href);
    await page.waitForFunction(() => customElements.get('certcalc-submission-checker'));
    const set = (tag, props) => page.evaluate(([t, p]) => Object.assign(document.querySelector(t), p), [tag, props]);
    const settle = (tag, ms = 400) => page.evaluate(async ([t, w]) => {
      const el = document.querySelector(t);
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, w));
      await el.updateComplete;
    }, [tag, ms]);
    const click = (tag, selector, text) => page.evaluate(([t, s, x]) => {
      [...document.querySelector(t).shadowRoot.querySelectorAll(s)].find((e) => !x || new RegExp(x, 'i').test(e.textContent))?.click();
    }, [tag, selector, text]);
    const dq = 'certcalc-duration-quote';
    const gd = 'certcalc-grade-dates';
    const sc = 'certcalc-submission-checker';
    // The quote: an answer with warnings (an unverified pack), a dated cycle, its print view, an error.
    const fssc = { category: 'CI', haccpStudies: 2, certifiedManagementSystem: true };
    await set(dq, { values: { ...fssc, auditType: 'initial', fte: 120 } });
    await settle(dq);
    // An exemption beside the standard figures (A CERT FSSC 22000 regulation v5.1 §4.3.3 a)).
    await set(dq, { values: { category: 'AI', haccpStudies: 1, certifiedManagementSystem: true, simpleProcesses: true, auditType: 'initial', fte: 3 } });
    await settle(dq);
    await set(dq, { values: { ...fssc, auditType: 'cycle', fte: 60, firstAuditDay: '2024-02-27', lastAuditDay: '2024-02-29', decisionDate: '2024-03-20' } });
    await settle(dq);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await settle(dq);
    await set(dq, { values: { ...fssc, auditType: 'initial', fte: -5 } });
    await settle(dq);
    // Grade and dates: counts with dates, a list whose clause cannot be read (a warning), an error.
    await set(gd, { values: { major: 1, minor: 4, auditType: 'initial', firstAuditDay: '2026-03-02', lastAuditDay: '2026-03-03' } });
    await settle(gd);
    await set(gd, { mode: 'list', findings: [{ id: 'NC-1', clause: 'Hygiene 4.11.1', grade: 'major' }] });
    await settle(gd);
    await set(gd, { mode: 'counts', values: { minor: -1 } });
    await settle(gd);
    // GMP+ inland waterway transport: what a finding requires without a date.
    await set(gd, { scheme: 'gmpplus-cr3.0', values: { scope: 'inland-waterway-transport', nonConforms: 1, lastAuditDay: '2026-03-03' } });
    await settle(gd, 1000);
    // A superseded version: its state beside the picker's label.
    await set(gd, { scheme: 'fssc22000-5.1' });
    await settle(gd, 1000);
    // The checker: a draft with issues, its editor, the clear-all dialog, a pack without validate.
    await set(sc, { document: { scheme: 'fssc22000-5.1', audit: { firstDay: '2026-03-09', lastDay: '2026-03-10' }, findings: [{ id: 'NC-1',
      clause: '7.1.2', grade: 'minor', statement: 'No soap.', correction: 'Soap refilled.', rootCause: 'Human error.', correctiveAction: '',
      plannedCompletion: '2026-03-31', responsible: 'QA' }] } });
    await page.waitForFunction((t) => document.querySelector(t).validation?.findings, sc, { timeout: 20000 });
    await settle(sc);
    await click(sc, 'table[part~=table] button');
    await settle(sc);
    await click(sc, '[part~=toolbar] button', 'clear');
    await settle(sc);
    await click(sc, 'dialog button');
    await page.evaluate(async () => {
      const { loadPack } = await import('./certcalc/certcalc-widgets.js');
      const asset = await (await fetch('./certcalc/assets/packs/gmpplus-cr3.0.json')).json();
      const pack = structuredClone(asset.files.find((f) => f.path === 'packs/gmpplus-cr3.0.json').doc);
      delete pack.form;
      pack.id = 'parts-no-validate';
      await loadPack(pack);
      document.querySelector('certcalc-submission-checker').scheme = 'parts-no-validate';
    });
    await settle(sc, 1000);
    // A rule asset that cannot be fetched: each calculator says so and offers to try again.
    await page.route('**/assets/packs/brcgs-packaging-6.json', (route) => route.abort());
    for (const t of [dq, gd, sc]) await set(t, { scheme: 'brcgs-packaging-6' });
    await page.waitForFunction((ts) => ts.every((t) => document.querySelector(t).shadowRoot.querySelector('[part~=retry]')), [dq, gd, sc], { timeout: 10000 });
    const rendered = await page.evaluate(() => Object.fromEntries(Object.entries(window.__parts).map(([k, v]) => [k, [...v].sort()])));
    const read = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('body > *')].map((el) => {
      const css = [...el.shadowRoot.adoptedStyleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n');
      return [el.localName, [...new Set(css.match(/--certcalc-[a-z-]+/g))].sort()];
    })));
    const declared = Object.fromEntries(manifest.modules.map((m) => m.declarations[0]).map((d) => [d.tagName, d]));
    assert.deepEqual(Object.keys(rendered).sort(), Object.keys(declared).sort());
    for (const [tag, d] of Object.entries(declared)) {
      assert.deepEqual(d.cssParts.map((p) => p.name).sort(), rendered[tag], `${tag}: the parts it renders`);
      assert.deepEqual(d.cssProperties.map((p) => p.name).sort(), read[tag], `${tag}: the --certcalc-* properties its styles read`);
      for (const p of [...d.cssParts, ...d.cssProperties]) assert.ok(p.description, `${tag} ${p.name}: a description`);
      // Properties and events say what they hold.
      for (const m of d.members) assert.ok(m.type?.text && m.type.text !== 'null', `${tag}.${m.name}: ${JSON.stringify(m.type)}`);
      for (const e of d.events) assert.match(e.type?.text ?? '', /^CustomEvent<Certcalc(Change|Result)Detail>$/, `${tag} ${e.name}`);
    }
    assert.equal(declared[dq].members.find((m) => m.name === 'result').readonly, true);
    assert.ok(declared[dq].attributes.some((a) => a.name === 'printing'));
  } finally {
    await b.close();
  }
});
