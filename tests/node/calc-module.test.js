// The calculator module (certcalc-calc.wasm: the widgets' first module, no validate and no user
// packs) must answer every other call with the full module's bytes, and refuse the rest with a
// structured error, never a trap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseCall, distDir, loadCertcalc, loadVectors } from './harness.js';

const LOCALES = ['en', 'nl', 'it', 'de', 'fr'];

async function loadCalc() {
  const { default: moduleFactory } = await import(join(distDir, 'certcalc-calc.js'));
  return loadCertcalc({ wasmBinary: readFileSync(join(distDir, 'certcalc-calc.wasm')), moduleFactory });
}

test('the calculator module is smaller than the full one', () => {
  const calc = readFileSync(join(distDir, 'certcalc-calc.wasm')).length;
  const full = readFileSync(join(distDir, 'certcalc-core.wasm')).length;
  assert.ok(calc < full * 0.75, `certcalc-calc.wasm ${calc} B against certcalc-core.wasm ${full} B`);
});

test('every vector of an operation it has: the same bytes and status as the full module', async () => {
  const [calc, full] = await Promise.all([loadCalc(), loadCertcalc()]);
  let compared = 0;
  for (const { file, doc } of loadVectors()) {
    if ((doc.loadPacks || []).length) continue; // user packs: the full module's
    for (const c of doc.cases) {
      const { op, text, options } = caseCall(doc, c);
      if (op === 'validate') continue;
      const a = calc.callJson(op, text, options);
      const b = full.callJson(op, text, options);
      assert.equal(a.json, b.json, `${file}: ${c.name}`);
      assert.equal(a.status, b.status, `${file}: ${c.name}`);
      compared++;
    }
  }
  // Every vector file of duration, grade, schedule, deadlines, rotation, describe and schemes.
  assert.ok(compared >= 300, `only ${compared} cases compared`);
});

test('schemes and describe of every built-in pack, in every locale: the same bytes', async () => {
  const [calc, full] = await Promise.all([loadCalc(), loadCertcalc()]);
  const ids = full.schemes({}).schemes.map((s) => s.id);
  assert.ok(ids.length >= 4);
  for (const locale of LOCALES) {
    assert.equal(calc.callJson('schemes', JSON.stringify({ locale })).json, full.callJson('schemes', JSON.stringify({ locale })).json);
    for (const scheme of ids) {
      const text = JSON.stringify({ scheme, locale });
      assert.equal(calc.callJson('describe', text).json, full.callJson('describe', text).json, `${scheme} ${locale}`);
    }
  }
});

test('validate and user packs: not_supported, naming the full module, in the request locale', async () => {
  const calc = await loadCalc();
  const findings = [{ id: 'NC1', grade: 'minor', correction: 'x', evidence: [{ name: 'a.pdf' }] }];
  for (const locale of LOCALES) {
    const r = calc.callJson('validate', JSON.stringify({ scheme: 'brcgs-food-9', locale, findings }));
    const e = JSON.parse(r.json).error;
    assert.equal(r.status, 2); // a request error (status 1 is an internal one)
    assert.equal(e.code, 'not_supported');
    assert.match(e.message, /validate.*certcalc-core\.wasm/);
  }
  const nl = JSON.parse(calc.callJson('validate', JSON.stringify({ scheme: 'brcgs-food-9', locale: 'nl', findings })).json).error;
  assert.match(nl.message, /^deze build van certcalc \(certcalc-calc\.wasm\) rekent alleen/);
  // A JS API user who passed the calculator's factory learns what to change, not only the widgets' way.
  const en = JSON.parse(calc.callJson('validate', JSON.stringify({ scheme: 'brcgs-food-9', findings })).json).error;
  assert.match(en.message, /without the calculator's moduleFactory/);
  const loaded = calc.loadPack({ id: 'user-pack', version: '1' }, 'user.json');
  assert.equal(loaded.error.code, 'not_supported');
  assert.match(loaded.error.message, /loadPack/);
  // The module goes on answering after what it refused.
  const d = calc.duration({ scheme: 'fssc22000-5.1', employees: 50, haccpStudies: 1, auditType: 'initial' });
  assert.ok(!d.error || d.error.code !== 'internal_error', JSON.stringify(d));
});

test('the hostile catalog: the full module\'s bytes for every operation it has, never a trap', async () => {
  const { TODAY, generatedCases, staticCases } = await import('../hostile/catalog.mjs');
  const [calc, full] = await Promise.all([loadCalc(), loadCertcalc()]);
  const schemes = full.schemes().schemes.map((s) => s.id);
  const cases = [...staticCases(), ...generatedCases(schemes, (scheme) => full.describe({ scheme }))];
  assert.ok(cases.length > 100);
  let same = 0;
  for (const c of cases) {
    const a = calc.callJson(c.op, c.text, { today: TODAY });
    assert.ok(a.status === 0 || a.status === 2, `${c.name}: status ${a.status} ${a.json.slice(0, 200)}`);
    JSON.parse(a.json);
    if (c.op === 'validate') continue;
    const b = full.callJson(c.op, c.text, { today: TODAY });
    assert.equal(a.json, b.json, c.name);
    same++;
  }
  assert.ok(same > 100, `only ${same} cases compared`);
});
