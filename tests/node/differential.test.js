// One answer everywhere: a sample of the fuzzing corpus (tests/fuzz/corpus-sample, inputs in
// fuzz_op.cpp's format) sent to the WASM module and, with CERTCALC_CLI set, to the native CLI;
// the answers must be byte-identical (and each one JSON document with status 0 or 2).
// Two settings of the mode byte cannot be sent alike by both doors and are sent as the default
// instead: "no current date" (the CLI substitutes the machine's date) and locale "xx" (the CLI
// refuses it as an option).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCertcalc, root } from './harness.js';
import { testPacks } from '../hostile/catalog.mjs';

const cli = process.env.CERTCALC_CLI;
const sampleDir = join(root, 'tests', 'fuzz', 'corpus-sample');
const LOCALES = ['', 'en', 'nl', 'it', 'de', 'fr', '', ''];
const TODAY = '2026-01-15';

const cc = await loadCertcalc();
const rules = mkdtempSync(join(tmpdir(), 'certcalc-differential-'));
testPacks().forEach((p, i) => {
  const file = join(rules, `${i}-${p.id}.json`);
  writeFileSync(file, JSON.stringify(p));
  assert.ok(cc.loadPack(p, file).loaded);
});
// fuzz_op.cpp's scheme prefix: the loaded schemes, sorted by id.
const schemes = cc.schemes().schemes.map((s) => s.id);

/** fuzz_op.cpp's decoding of one input: the request bytes and the door's options. */
function decode(bytes) {
  const mode = bytes[0];
  let body = bytes.subarray(1);
  const scheme = mode & 7;
  if (scheme < 7 && scheme < schemes.length) {
    const prefix = `{"scheme":"${schemes[scheme]}"${body.length && body[0] === 0x7d ? '' : ','}`;
    body = Buffer.concat([Buffer.from(prefix, 'utf8'), body]);
  }
  // The JS door sends a JS string: invalid UTF-8 becomes U+FFFD; both doors get those bytes.
  const text = Buffer.from(body).toString('utf8');
  return { text, locale: LOCALES[(mode >> 3) & 7], pretty: (mode & 0x80) !== 0 };
}

const ops = existsSync(sampleDir) ? readdirSync(sampleDir).sort() : [];

test('the corpus sample is there', () => {
  assert.ok(ops.length >= 7, `tests/fuzz/corpus-sample has ${ops.length} operations`);
});

for (const op of ops) {
  test(`fuzz corpus sample: ${op}`, async (t) => {
    const files = readdirSync(join(sampleDir, op)).sort();
    assert.ok(files.length > 0);
    for (const f of files) {
      const { text, locale, pretty } = decode(readFileSync(join(sampleDir, op, f)));
      const { status, json } = cc.callJson(op, text, { today: TODAY, locale, pretty });
      let problem = null;
      try {
        JSON.parse(json);
      } catch (e) {
        problem = `not one JSON document: ${e.message}`;
      }
      if (status !== 0 && status !== 2) problem = `status ${status}: ${json.slice(0, 300)}`;
      if (!problem && cli) {
        const args = [op, '--today', TODAY, '--rules', rules];
        if (locale) args.push('--locale', locale);
        if (pretty) args.push('--pretty');
        const r = spawnSync(cli, args, { input: Buffer.from(text, 'utf8'), maxBuffer: 64 * 1024 * 1024 });
        if (r.stdout.toString('utf8') !== `${json}\n` || r.status !== status)
          problem = `the CLI and the WASM module answer differently:\n  wasm ${status} ${json.slice(0, 300)}\n  cli  ${r.status} ${r.stdout.toString('utf8').slice(0, 300)}`;
      }
      if (problem) await t.test(f, () => assert.fail(problem));
    }
  });
}

test.after(() => rmSync(rules, { recursive: true, force: true }));
