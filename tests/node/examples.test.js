// Every example of examples/ through the CLI and the JS API: each answer must equal the stored
// one byte for byte, on two different dates (an example answers the same whenever it is run).
// Stored answers are rewritten by `node examples/regenerate.mjs` (examples/README.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { docPages, examples, findCli, runCli, withExamples, FIXED_TODAY } from '../../examples/regenerate.mjs';
import { loadCertcalc } from './harness.js';

const all = examples();
const cc = await loadCertcalc();
const cli = findCli();
const TODAYS = [FIXED_TODAY, '2031-07-01'];
const regenerate = 'run `node examples/regenerate.mjs` and review `git diff examples/`';

test('there is an example for every operation of every built-in scheme', () => {
  const names = new Set(all.map((e) => e.name));
  assert.ok(names.has('schemes/built-in'), 'examples/schemes/built-in.json');
  const builtIn = cc.schemes().schemes.filter((s) => s.origin === 'built-in');
  assert.ok(builtIn.length >= 4);
  for (const s of builtIn)
    for (const op of ['describe', ...s.capabilities])
      assert.ok(names.has(`${op}/${s.id}`), `examples/${op}/${s.id}.json is missing`);
});

test('the CLI is there to run the examples', () => {
  assert.ok(cli, 'no certcalc CLI: build it (cmake --preset debug && cmake --build --preset debug) or set CERTCALC_CLI');
});

for (const ex of all) {
  test(ex.name, () => {
    const text = readFileSync(ex.request, 'utf8');
    // Realistic requests: nothing left to fill in.
    assert.doesNotMatch(text, /\.\.\.|…|TODO|lorem/i, 'an example holds placeholder text');
    JSON.parse(text);
    const stored = readFileSync(ex.answer, 'utf8');
    assert.ok(!JSON.parse(stored).error, 'an example is answered, not refused');
    for (const today of TODAYS) {
      const js = cc.callJson(ex.op, text, { today, pretty: true });
      assert.equal(js.status, 0, js.json);
      assert.equal(`${js.json}\n`, stored, `the JS API's answer (today ${today}) differs from ${ex.answer}: ${regenerate}`);
      if (cli) {
        const r = runCli(cli, ex, today);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stdout, stored, `the CLI's answer (today ${today}) differs from ${ex.answer}: ${regenerate}`);
      }
    }
  });
}

test('the docs show the examples as they are (request and answer)', () => {
  const shown = [];
  for (const page of docPages()) {
    const text = readFileSync(page, 'utf8');
    assert.equal(withExamples(text, shown), text, `${page} shows an example that changed: ${regenerate}`);
  }
  assert.ok(shown.includes('examples/validate/fssc22000-5.1.answer.json'), 'docs/validate.md shows the validate answer');
  for (const file of shown) assert.ok(all.some((e) => file === `examples/${e.name}.json` || file === `examples/${e.name}.answer.json`), `${file} is not an example`);
});
