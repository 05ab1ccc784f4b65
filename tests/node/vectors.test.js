// Every vector through the WASM module; with CERTCALC_CLI set, each answer must also be
// byte-identical to the native CLI's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { loadCertcalc, loadVectors, caseCall, matchExpected } from './harness.js';

const cli = process.env.CERTCALC_CLI;
const vectors = loadVectors();

test('vector files load', () => {
  assert.ok(vectors.length > 0, 'no vector files found: a runner that loads nothing fails');
  for (const { file, doc } of vectors) assert.ok(doc.cases?.length > 0, `${file} has no cases`);
});

for (const { file, doc } of vectors) {
  test(file, async (t) => {
    const cc = await loadCertcalc();
    for (const pack of doc.loadPacks || []) assert.ok(cc.loadPack(pack, file).loaded, `${file}: pack did not load`);
    for (const c of doc.cases) {
      await t.test(c.name, () => {
        assert.ok(c.rule, 'every vector cites its clause');
        const { op, text, options } = caseCall(doc, c);
        const { status, json } = cc.callJson(op, text, options);
        const answer = JSON.parse(json);
        if (c.error !== undefined) {
          assert.ok(answer.error, `expected error ${c.error}, got ${json}`);
          assert.equal(answer.error.code, c.error);
          if (c.errorPath !== undefined) assert.equal(answer.error.path, c.errorPath);
          assert.notEqual(status, 0);
        } else {
          const mismatch = matchExpected(c.expect, answer);
          assert.equal(mismatch, null, `${mismatch}\nanswer: ${json}`);
          assert.equal(status, 0);
        }
        if (cli) {
          const args = [op, '--today', options.today];
          if (options.locale) args.push('--locale', options.locale);
          for (const pack of doc.loadPacks || []) void pack;  // CLI packs: see cli_test.sh
          if (!(doc.loadPacks || []).length) {
            const r = spawnSync(cli, args, { input: text, encoding: 'utf8' });
            assert.equal(r.stdout, `${json}\n`, 'the CLI and the WASM module answer differently');
            assert.equal(r.status, status);
          }
        }
      });
    }
  });
}
