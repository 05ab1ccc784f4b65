// The hostile-input catalog (tests/hostile) through the WASM module: one JSON document, a clean
// result or error envelope (status 0 or 2), never a trap. With CERTCALC_CLI set, each answer is
// also compared byte for byte with the native CLI's (the same bytes sent to both doors): a
// process per written case, one `certcalc batch` for the cases generated from describe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCertcalc } from './harness.js';
import { TODAY, batchAnswers, batchInput, checkAnswer, generatedCases, ordered, staticCases, testPacks } from '../hostile/catalog.mjs';
import { hostilePacks } from '../hostile/packs.mjs';
import { checkPackAnswer } from '../hostile/pack-expect.mjs';

const cli = process.env.CERTCALC_CLI;
const cc = await loadCertcalc();
// The test packs, as files for the CLI's --rules and loaded under the same names (their origin).
const rules = mkdtempSync(join(tmpdir(), 'certcalc-hostile-node-'));
testPacks().forEach((p, i) => {
  const file = join(rules, `${i}-${p.id}.json`);
  writeFileSync(file, JSON.stringify(p));
  assert.ok(cc.loadPack(p, file).loaded, `test pack ${p.id} did not load`);
});
const schemes = cc.schemes().schemes.map((s) => s.id);
const cases = ordered([...staticCases(), ...generatedCases(schemes, (scheme) => cc.describe({ scheme }))]);

test('the catalog has cases, generated ones included', () => {
  assert.ok(cases.length > 100, `only ${cases.length} cases`);
  assert.ok(cases.some((c) => c.generated), 'no wrong-type cases were generated from describe');
});

test('every hostile case gets one clean answer from the WASM module', async (t) => {
  const answers = new Map();
  const viaBatch = [];
  for (const c of cases) {
    // The JS door sends JS strings, always valid UTF-8: invalid bytes arrive as U+FFFD, so
    // those cases expect only a clean answer here (the CLI run checks the bytes themselves).
    const expectation = c.bytes.equals(Buffer.from(c.text, 'utf8')) ? c : { ...c, any: true, sameAs: undefined };
    const { status, json } = cc.callJson(c.op, c.text, { today: TODAY });
    answers.set(c.name, json);
    const problem = checkAnswer(expectation, status, json, answers);
    if (problem) await t.test(c.name, () => assert.fail(problem));
    // One answer everywhere: the static cases one CLI process each, the generated ones (valid
    // JSON text) through one `certcalc batch` below, whose answers are the single calls'.
    if (cli && c.generated) viaBatch.push({ c, status, json });
    else if (cli) {
      const r = spawnSync(cli, [c.op, '--today', TODAY, '--rules', rules], {
        input: Buffer.from(c.text, 'utf8'), maxBuffer: 512 * 1024 * 1024,
      });
      if (r.stdout.toString('utf8') !== `${json}\n` || r.status !== status) {
        await t.test(`${c.name} (CLI)`, () => assert.fail(
          `the CLI and the WASM module answer differently:\n  wasm ${status} ${json.slice(0, 300)}\n  cli  ${r.status} ${r.stdout.toString('utf8').slice(0, 300)}`));
      }
    }
  }
  if (viaBatch.length) {
    const r = spawnSync(cli, ['batch', '--today', TODAY, '--rules', rules], {
      input: batchInput(viaBatch.map((v) => v.c)), maxBuffer: 512 * 1024 * 1024,
    });
    const got = batchAnswers(r.stdout.toString('utf8'), viaBatch.length);
    assert.ok(got, `certcalc batch did not answer one line a case: ${r.stderr}`);
    for (const [i, { c, status, json }] of viaBatch.entries()) {
      const a = got[i];
      if (a.problem || a.json !== json || a.status !== status) {
        await t.test(`${c.name} (CLI)`, () => assert.fail(
          `the CLI and the WASM module answer differently:\n  wasm ${status} ${json.slice(0, 300)}\n  cli  ${a.problem ?? `${a.status} ${a.json.slice(0, 300)}`}`));
      }
    }
  }
  assert.equal(cc.schemes().schemes.length, schemes.length, 'the module still answers after the catalog');
});

test('every hostile pack is refused by loadPack at its pointer, or answers its requests cleanly', async (t) => {
  for (const c of hostilePacks()) {
    const loaded = cc.loadPack(c.text, `${c.id}.json`);
    let problem = null;
    if (c.refused !== undefined) {
      if (loaded.error?.code !== 'invalid_pack') problem = `not refused: ${JSON.stringify(loaded).slice(0, 300)}`;
      else if (c.refused !== '*' && loaded.error.path !== c.refused)
        problem = `refused at ${loaded.error.path}, expected ${c.refused}: ${loaded.error.message}`;
    } else if (!loaded.loaded) {
      problem = `not loaded: ${JSON.stringify(loaded).slice(0, 300)}`;
    } else {
      for (const [i, r] of c.requests.entries()) {
        const { status, json } = cc.callJson(r.op, JSON.stringify(r.request), { today: TODAY });
        problem = problem || (checkPackAnswer(r, status, json) && `request ${i}: ${checkPackAnswer(r, status, json)}`);
      }
    }
    if (problem) await t.test(c.name, () => assert.fail(problem));
  }
});

test.after(() => rmSync(rules, { recursive: true, force: true }));
