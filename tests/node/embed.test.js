// cmake/embed_rules.mjs: what a build embeds, including the smaller one-scheme builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './harness.js';

function embed(...options) {
  const out = join(mkdtempSync(join(tmpdir(), 'certcalc-embed-')), 'embedded.cpp');
  const r = spawnSync(process.execPath, [join(root, 'cmake', 'embed_rules.mjs'), join(root, 'rules'), out, ...options]);
  assert.equal(r.status, 0, String(r.stderr));
  const cpp = readFileSync(out, 'utf8');
  const files = [...cpp.matchAll(/\{"([^"]+\.json)", reinterpret_cast/g)].map((m) => m[1]);
  return { cpp, files };
}

test('a default build embeds every rule file and the pack index', () => {
  const { files } = embed();
  for (const f of ['packs/fssc22000-5.1.json', 'packs/gmpplus-cr3.0.json', 'messages/fr.json',
    'schema/pack.schema.json', 'shared/brcgs-messages.json', 'index/packs.json'])
    assert.ok(files.includes(f), f);
});

test('--packs keeps the named packs and only the shared data they reach', () => {
  const { files } = embed('--packs', 'fssc22000-5.1');
  assert.deepEqual(files.filter((f) => f.startsWith('packs/')), ['packs/fssc22000-5.1.json']);
  assert.ok(files.includes('shared/form-quality-checks.json'));
  assert.ok(files.includes('shared/blame-phrases.json'), 'reached through form-quality-checks');
  assert.ok(!files.some((f) => f.startsWith('shared/brcgs-')));
});

test('--locales keeps English and the named languages only', () => {
  const { files, cpp } = embed('--packs', 'gmpplus-cr3.0', '--locales', 'nl');
  assert.deepEqual(files.filter((f) => f.startsWith('messages/')), ['messages/en.json', 'messages/nl.json']);
  // The pack's own texts lose the other languages: "Terms" in German no longer appears.
  const bytes = cpp.match(/kFile\d+\[\] = \{([0-9,]+)\}/g).map((a) => Buffer.from(a.replace(/^[^{]+\{|\}$/g, '').split(',').map(Number)).toString('utf8'));
  const gmp = bytes.find((t) => t.includes('"id":"gmpplus-cr3.0"'));
  assert.ok(gmp.includes('"nl":'));
  assert.ok(!gmp.includes('"de":'));
});

test('--none embeds nothing (the browser build: its rule files are assets)', () => {
  const { files, cpp } = embed('--none');
  assert.deepEqual(files, []);
  assert.match(cpp, /count = 0;\s+return nullptr;/);
});
