// Submission validation of 10, 100 and 500 findings: certcalc (WASM, the test pack of
// tests/vectors/core/validate-form.json) against AJV 8 in standalone mode (code generated ahead
// of time, no `new Function` at run time: CSP-safe) with a JSON Schema holding the structural
// checks a JSON Schema can state. certcalc checks more: see bench/README.md.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { root, validateFormDoc, validateRequest } from './inputs.mjs';
import { fmtUs, loadCertcalc, table } from './lib.mjs';

const shared = (id) => JSON.parse(readFileSync(join(root, 'rules', 'shared', `${id}.json`), 'utf8')).data;
const nonBlank = { type: 'string', pattern: '\\S' };

/** The form of the test pack, as far as JSON Schema can say it (stage absent: "full"). */
export function validateSchema() {
  const text = (max) => ({ type: 'string', maxLength: max });
  const extensions = shared('evidence-extensions');
  return {
    $id: 'certcalc-bench-validate',
    type: 'object',
    required: ['scheme', 'findings'],
    additionalProperties: false,
    properties: {
      scheme: { type: 'string' },
      locale: { enum: ['en', 'nl', 'it', 'de', 'fr'] },
      audit: { type: 'object', additionalProperties: false, properties: { lastDay: text(100), type: text(100) } },
      today: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      stage: { enum: ['cm', 'oe'] },
      evidenceMaxBytes: { type: 'integer', minimum: 1, maximum: 1e12 },
      findings: {
        type: 'array',
        maxItems: 20000,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'grade', 'correction', 'evidence'],
          properties: {
            id: { ...text(200), ...nonBlank },
            clause: { ...text(1000), pattern: '(^|[\\s(§])\\d+(\\.\\d+)*[\\s.)]*$' },
            grade: { enum: ['minor', 'major', 'critical'] },
            statement: text(1000000),
            correction: { ...text(1000000), ...nonBlank },
            rootCause: { ...text(2000), minLength: 20 },
            correctiveAction: text(1000000),
            temporaryMeasures: text(1000000),
            plannedCompletion: { ...text(100), pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
            responsible: { ...text(10000), not: { pattern: '^[Aa][Uu][Dd][Ii][Tt][Oo][Rr]$' } },
            state: text(100),
            evidence: {
              type: 'array',
              minItems: 1,
              maxItems: 1000,
              items: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  name: { ...text(1000), ...nonBlank, pattern: `\\.(${extensions.join('|')})$` },
                  mediaType: { enum: shared('evidence-media-types') },
                  bytes: { type: 'integer', minimum: 0, maximum: 1000000 },
                },
              },
            },
          },
          allOf: [{ if: { properties: { grade: { enum: ['major', 'critical'] } } }, then: { required: ['rootCause'] } }],
        },
      },
    },
  };
}

/** AJV's standalone module for the schema, written to bench/results/ and loaded. */
function ajvStandalone() {
  const ajv = new Ajv({ code: { source: true }, allErrors: true, strict: false });
  const code = standaloneCode(ajv, ajv.compile(validateSchema()));
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  // CommonJS: the generated code requires AJV's small run-time helpers (ucs2length).
  const file = join(dir, 'ajv-validate.gen.cjs');
  writeFileSync(file, code);
  assert.doesNotMatch(code, /new Function|eval\(/, 'the standalone code must not compile code at run time');
  return createRequire(import.meta.url)(file);
}

/**
 * Microseconds per call of each function, timed in turns: a warm-up, then `rounds` rounds in
 * which every function runs for `ms`; the median round of each, and ratio(a, b), the median of
 * the rounds' a/b.
 */
async function inTurns(fns, { ms, rounds }) {
  const names = Object.keys(fns);
  const perRound = Object.fromEntries(names.map((k) => [k, []]));
  const runFor = (fn, budget) => {
    const start = performance.now();
    let n = 0;
    let now = start;
    while (now - start < budget) {
      for (let k = 0; k < 4; k++) fn();
      n += 4;
      now = performance.now();
    }
    return ((now - start) * 1000) / n;
  };
  for (const k of names) runFor(fns[k], 400);
  for (let r = 0; r < rounds; r++) for (const k of names) perRound[k].push(runFor(fns[k], ms));
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const out = Object.fromEntries(names.map((k) => [k, median(perRound[k])]));
  out.ratio = (a, b) => median(perRound[a].map((x, i) => x / perRound[b][i]));
  return out;
}

export async function validateBench() {
  const cc = await loadCertcalc();
  for (const p of validateFormDoc().loadPacks) assert.ok(cc.loadPack(p, 'bench').loaded);
  const ajvValidate = ajvStandalone();
  const rows = [];
  const ratios = {};
  for (const n of [10, 100, 500]) {
    const req = validateRequest(n);
    const text = JSON.stringify(req);
    const answer = JSON.parse(cc.callJson('validate', text).json);
    assert.equal(answer.findings.length, n);
    ajvValidate(req);
    const ajvIssues = ajvValidate.errors?.length ?? 0;
    const certcalcIssues = answer.findings.reduce((k, f) => k + f.issues.length, 0);
    // The four in turns, round after round, so that the machine's load (shared, noisy) falls on
    // all of them alike; the ratio is the median of each round's own ratio.
    const t = await inTurns({
      certcalcText: () => cc.callJson('validate', text),
      certcalcObject: () => cc.validate(req),
      ajvObject: () => ajvValidate(req),
      ajvText: () => ajvValidate(JSON.parse(text)),
    }, { ms: n >= 500 ? 600 : 300, rounds: 9 });
    ratios[`${n} findings: certcalc (text) / AJV (text, JSON.parse included)`] = t.ratio('certcalcText', 'ajvText');
    ratios[`${n} findings: certcalc (text) / AJV (parsed object)`] = t.ratio('certcalcText', 'ajvObject');
    rows.push([n, `${(text.length / 1024).toFixed(0)} KB`, fmtUs(t.certcalcText), fmtUs(t.certcalcObject),
      fmtUs(t.ajvText), fmtUs(t.ajvObject), `${t.ratio('certcalcText', 'ajvText').toFixed(2)}×`,
      `${certcalcIssues} / ${ajvIssues}`]);
  }
  return {
    ratios,
    text: table(['findings', 'request', 'certcalc callJson (text in/out)', 'certcalc validate() (objects)',
      'AJV standalone + JSON.parse', 'AJV standalone (object)', 'certcalc / AJV (text)', 'issues: certcalc / AJV errors'], rows),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await validateBench();
  console.log(r.text);
  console.log(r.ratios);
}
