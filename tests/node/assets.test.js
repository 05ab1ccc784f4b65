// Rule assets (cmake/rule_assets.mjs, docs/api.md "Rule assets"): the module embeds no pack; the
// JS door fetches each pack and locale when a request first needs it, and answers exactly as the
// door that has everything loaded (and, with CERTCALC_CLI set, as the native CLI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { distDir, loadCertcalc, root } from './harness.js';

const { createCertcalc, assetsFor, rules, CertcalcLoadError } = await import(join(distDir, 'certcalc.js'));
const wasmBinary = readFileSync(join(distDir, 'certcalc-core.wasm'));
const cli = process.env.CERTCALC_CLI;
const FSSC = { scheme: 'fssc22000-5.1', auditType: 'initial', category: 'CI', fte: 120, haccpStudies: 2, certifiedManagementSystem: true };
const LOCALES = ['en', 'nl', 'it', 'de', 'fr'];
const packIds = readdirSync(join(root, 'rules', 'packs')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

/** A page-like instance: nothing preloaded, every asset read from dist/assets and counted. */
async function lazy(options = {}) {
  const fetched = [];
  const cc = await createCertcalc({
    wasmBinary,
    fetchAsset: async (name) => {
      fetched.push(name);
      return readFileSync(join(distDir, 'assets', name), 'utf8');
    },
    ...options,
  });
  return { cc, fetched };
}

const full = await loadCertcalc();

test('every pack in rules/packs/ is an asset, with one asset per locale it has texts in', () => {
  assert.deepEqual(Object.keys(rules.assets.packs).sort(), packIds);
  assert.deepEqual(rules.index.map((e) => e.id), packIds);
  for (const id of packIds) {
    const asset = JSON.parse(readFileSync(join(distDir, 'assets', 'packs', `${id}.json`), 'utf8'));
    assert.equal(asset.certcalcRules, 1);
    assert.equal(asset.files[0].path, `packs/${id}.json`);
    // English texts only; the others wait in their own assets.
    for (const [key, texts] of Object.entries(asset.files[0].doc.messages || {}))
      if (key !== '$shared') assert.deepEqual(Object.keys(texts), ['en'], `${id}: ${key}`);
    for (const l of rules.assets.packs[id])
      assert.ok(JSON.parse(readFileSync(join(distDir, 'assets', 'packs', `${id}.${l}.json`), 'utf8')).texts.length > 0);
  }
});

test('a request names what it needs; ask() loads it, once, and answers as the door with everything loaded', async () => {
  const { cc, fetched } = await lazy();
  assert.deepEqual(fetched, ['messages/en.json']);
  // schemes lists every built-in pack before any is loaded.
  assert.equal(cc.callJson('schemes', '').json, full.callJson('schemes', '').json);
  const sync = cc.callJson('duration', JSON.stringify(FSSC));
  assert.equal(JSON.parse(sync.json).error.code, 'not_loaded');
  assert.deepEqual(sync.needs, ['packs/fssc22000-5.1.json']);
  assert.deepEqual(await cc.ask('duration', FSSC), full.duration(FSSC));
  assert.deepEqual(await cc.ask('duration', FSSC, { locale: 'nl' }), full.duration(FSSC, { locale: 'nl' }));
  assert.deepEqual(fetched, ['messages/en.json', 'packs/fssc22000-5.1.json', 'messages/nl.json', 'packs/fssc22000-5.1.nl.json']);
  // Loaded: the synchronous call answers.
  assert.equal(cc.callJson('duration', JSON.stringify(FSSC), { locale: 'nl' }).json, full.callJson('duration', JSON.stringify(FSSC), { locale: 'nl' }).json);
  await cc.ask('duration', FSSC, { locale: 'nl' });
  assert.equal(fetched.length, 4, 'nothing is fetched twice');
});

test('prepare() loads a scheme and a locale before the first call; preload fetches them with the module', async () => {
  const { cc, fetched } = await lazy({ preload: { schemes: ['gmpplus-cr3.0'], locales: ['de'] } });
  assert.deepEqual(fetched.sort(), ['messages/de.json', 'messages/en.json', 'packs/gmpplus-cr3.0.de.json', 'packs/gmpplus-cr3.0.json']);
  const req = { scheme: 'gmpplus-cr3.0', op: 'duration', locale: 'de' };
  assert.equal(cc.callJson('describe', JSON.stringify(req)).json, full.callJson('describe', JSON.stringify(req)).json);
  await cc.prepare({ scheme: 'brcgs-food-9', locale: 'it' });
  assert.ok(fetched.includes('packs/brcgs-food-9.it.json'));
  const grade = { scheme: 'brcgs-food-9', auditType: 'initial', major: 1, minor: 4, locale: 'it' };
  assert.equal(cc.callJson('grade', JSON.stringify(grade)).json, full.callJson('grade', JSON.stringify(grade)).json);
  assert.deepEqual(assetsFor({ scheme: 'fssc22000-5.1', locale: 'en' }), ['messages/en.json', 'packs/fssc22000-5.1.json']);
  assert.deepEqual(assetsFor({ scheme: 'user-pack', locale: 'xx' }), ['messages/en.json']);
});

test('every pack in every locale: describe through assets loaded on demand is the same text', async () => {
  const { cc } = await lazy();
  for (const id of packIds) {
    for (const locale of LOCALES) {
      const text = JSON.stringify({ scheme: id, locale });
      await cc.ask('describe', text);
      const mine = cc.callJson('describe', text).json;
      assert.equal(mine, full.callJson('describe', text).json, `${id} ${locale}`);
      if (cli) {
        const r = spawnSync(cli, ['describe'], { input: text, encoding: 'utf8', maxBuffer: 64 << 20 });
        assert.equal(r.stdout, `${mine}\n`, `${id} ${locale}: the CLI answers differently`);
      }
    }
  }
});

test('a locale loaded after the pack was compiled: the pack is compiled again with its texts', async () => {
  const { cc } = await lazy();
  const req = { scheme: 'brcgs-food-9', auditType: 'initial', critical: 1, major: 0, minor: 0 };
  assert.deepEqual(await cc.ask('grade', req), full.grade(req));
  for (const locale of ['fr', 'nl', 'en', 'fr']) assert.deepEqual(await cc.ask('grade', { ...req, locale }), full.grade({ ...req, locale }), locale);
  // The other BRCGS pack shares brcgs-messages: its texts in French arrive with its own asset.
  const pkg = { ...req, scheme: 'brcgs-packaging-6', locale: 'fr' };
  assert.equal(JSON.parse(cc.callJson('grade', JSON.stringify(pkg)).json).error.code, 'not_loaded');
  assert.deepEqual(await cc.ask('grade', pkg), full.grade(pkg));
});

test('a user pack that names shared rule data: loadPackAsync loads it and the schema first', async () => {
  const { cc, fetched } = await lazy();
  const doc = JSON.parse(readFileSync(join(root, 'tests', 'vectors', 'core', 'validate-form.json'), 'utf8'));
  for (const p of doc.loadPacks) {
    const sync = cc.loadPack(p, 'validate-form.json');
    assert.equal(sync.error?.code, 'not_loaded');
    assert.ok((await cc.loadPackAsync(p, 'validate-form.json')).loaded);
  }
  assert.ok(fetched.includes('schema.json'));
  assert.ok(fetched.includes('shared/blame-phrases.json'));
  const c = doc.cases[0];
  const text = JSON.stringify(c.request);
  full.loadPack(doc.loadPacks[0], 'validate-form.json');
  assert.equal(cc.callJson('validate', text, { today: '2026-01-15' }).json, full.callJson('validate', text, { today: '2026-01-15' }).json);
});

test('an asset that cannot be fetched: a clear error, and a later request tries again', async () => {
  let offline = true;
  const { cc } = await lazy({
    fetchAsset: async (name) => {
      if (offline && name.startsWith('packs/')) throw new CertcalcLoadError(`rule asset ${name}`, `https://example.test/${name}`, 'HTTP 404');
      return readFileSync(join(distDir, 'assets', name), 'utf8');
    },
  });
  await assert.rejects(cc.ask('duration', FSSC), (e) => e instanceof CertcalcLoadError && /packs\/fssc22000-5\.1\.json.*HTTP 404/.test(e.message));
  offline = false;
  assert.deepEqual(await cc.ask('duration', FSSC), full.duration(FSSC));
});

test('a file that is not a rule asset is refused, naming it', async () => {
  const { cc } = await lazy({ fetchAsset: async (name) => (name === 'messages/en.json' ? readFileSync(join(distDir, 'assets', name), 'utf8') : '<!doctype html><p>Not found</p>') });
  await assert.rejects(cc.prepare({ scheme: 'fssc22000-5.1' }), /rule asset packs\/fssc22000-5\.1\.json.*not a certcalc rule asset/);
});

test('a malformed argument of assetsFor, isPrepared or prepare is refused, naming the member', async () => {
  const { cc, fetched } = await lazy();
  const refused = (message) => (e) => e instanceof TypeError && e.code === 'invalid_option' && e.message === message;
  const cases = [
    [{ schemes: 5 }, "schemes must be 'all' or a list of strings"],
    [{ schemes: ['fssc22000-5.1', 6] }, "schemes must be 'all' or a list of strings"],
    [{ locales: 'nl' }, "locales must be 'all' or a list of strings"],
    [{ shared: {} }, "shared must be 'all' or a list of strings"],
    [{ scheme: ['fssc22000-5.1'] }, 'scheme must be a string'],
    [{ locale: 1 }, 'locale must be a string'],
    [{ schema: 'yes' }, 'schema must be true or false'],
    ['fssc22000-5.1', 'what to prepare must be an object such as {scheme, locale}, or a request'],
  ];
  for (const [what, message] of cases) {
    assert.throws(() => cc.isPrepared(what), refused(message), JSON.stringify(what));
    assert.throws(() => assetsFor(what), refused(message), JSON.stringify(what));
    await assert.rejects(cc.prepare(what), refused(message), JSON.stringify(what));
  }
  assert.deepEqual(fetched, ['messages/en.json'], 'nothing fetched for a malformed argument');
  // A user pack's id is no defect, and a request's other fields are the core's to check.
  assert.equal(cc.isPrepared({ scheme: 'user-pack', locales: ['xx'], schemes: [] }), true);
  assert.equal(cc.isPrepared({ ...FSSC, fte: 'many', locale: null }), false);
  await assert.rejects(createCertcalc({ wasmBinary, preload: { locales: 5 } }), refused("locales must be 'all' or a list of strings"));
});
