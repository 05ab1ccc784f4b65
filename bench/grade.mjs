// Grade decision: the BRCGS Allegato 1 table in certcalc (WASM), json-rules-engine 7,
// @gorules/zen-engine-wasm 0.23.1 (as one expression, and as decision-table cells tested row by
// row the way zen's table node does) and plain JavaScript. Same inputs, same process.
import assert from 'node:assert/strict';
import { Engine as RulesEngine } from 'json-rules-engine';
import { ROWS, inputs, outcome } from './allegato1.mjs';
import { certcalcPack, jsonRulesEngineRules, plainJs, zenCells, zenExpression } from './encodings.mjs';
import { fmtUs, loadCertcalc, loadCertcalcEngine, loadZen, table, timePerCall } from './lib.mjs';

const pick = (a) => ({ grade: a.grade, certified: a.certified, auditFrequencyMonths: a.auditFrequencyMonths,
  revisitRequired: a.revisitRequired, correctiveActionDays: a.correctiveActionDays });

export async function gradeBench() {
  const cc = await loadCertcalc();
  const zen = await loadZen();
  const cases = inputs();
  const texts = cases.map((c) => JSON.stringify({ scheme: 'bench-brcgs-grade', ...c }));

  // certcalc: the built-in BRCGS pack when it answers grade, else the table as a user pack.
  const loaded = cc.loadPack(certcalcPack(), 'bench/encodings.mjs');
  assert.ok(loaded.loaded, `the benchmark pack did not load: ${JSON.stringify(loaded)}`);
  const builtin = cc.schemes().schemes.find((s) => s.id === 'brcgs-food-9' && s.capabilities.includes('grade'));
  // The -Oz engine alone (preset wasm-engine), the build that meets the payload goal, if built.
  const lean = await loadCertcalcEngine();
  if (lean) assert.ok(lean.loadPack(certcalcPack(), 'bench/encodings.mjs').loaded, 'the engine-alone build refused the pack');

  const rules = new RulesEngine(jsonRulesEngineRules(), { allowUndefinedFacts: true });
  const expr = zenExpression();
  const cells = zenCells();
  const columns = ['critical', 'major', 'minor'];

  const engines = {
    'plain JS': (c) => plainJs(c),
    'certcalc WASM (grade(), objects in and out)': (c) => pick(cc.grade({ scheme: 'bench-brcgs-grade', ...c })),
    'zen-engine-wasm, one expression': (c) => {
      const row = zen.evaluateExpression(expr, c);
      return row < 0 ? null : outcome(ROWS[row], c.announced);
    },
    'zen-engine-wasm, table cells row by row': (c) => {
      for (let r = 0; r < cells.length; r++) {
        let hit = true;
        for (let k = 0; k < 3 && hit; k++) hit = zen.evaluateUnaryExpression(cells[r][k], { $: c[columns[k]] });
        if (hit) return outcome(ROWS[r], c.announced);
      }
      return null;
    },
  };
  if (lean) engines['certcalc engine alone (-Oz build, grade())'] = (c) => pick(lean.grade({ scheme: 'bench-brcgs-grade', ...c }));
  const asyncEngines = {
    'json-rules-engine 7': async (c) => {
      const { events } = await rules.run({ critical: c.critical, major: c.major, minor: c.minor });
      return events.length ? outcome(ROWS[events[0].params.row], c.announced) : null;
    },
  };

  // Every engine gives every answer of the table before anything is timed.
  for (const c of cases) {
    const want = plainJs(c);
    for (const [name, fn] of Object.entries(engines)) assert.deepEqual(fn(c), want, `${name} disagrees on ${JSON.stringify(c)}`);
    for (const [name, fn] of Object.entries(asyncEngines)) assert.deepEqual(await fn(c), want, `${name} disagrees on ${JSON.stringify(c)}`);
  }
  if (builtin) {
    for (const c of cases) {
      const a = cc.grade({ scheme: 'brcgs-food-9', ...c });
      assert.equal(a.grade ?? null, plainJs(c).grade, `brcgs-food-9 disagrees with Allegato 1 on ${JSON.stringify(c)}`);
    }
  }

  const results = [];
  const n = cases.length;
  for (const [name, fn] of Object.entries(engines)) results.push([name, await timePerCall((i) => fn(cases[i % n]))]);
  results.push(['certcalc WASM (callJson, JSON text in and out)',
    await timePerCall((i) => cc.callJson('grade', texts[i % n]))]);
  if (builtin) {
    const bt = cases.map((c) => JSON.stringify({ scheme: 'brcgs-food-9', ...c }));
    results.push(['certcalc WASM, built-in brcgs-food-9 pack (callJson)', await timePerCall((i) => cc.callJson('grade', bt[i % n]))]);
  }
  for (const [name, fn] of Object.entries(asyncEngines))
    results.push([name, await timePerCall((i) => fn(cases[i % n]), { isAsync: true })]);

  const us = Object.fromEntries(results);
  const cc1 = us['certcalc WASM (grade(), objects in and out)'];
  const rows = results.map(([name, t]) => [name, fmtUs(t), `${Math.round(1e6 / t).toLocaleString('en')}/s`,
    `${(t / cc1).toFixed(2)}`]);
  return {
    us,
    text: table(['engine (Allegato 1, ' + n + ' inputs cycled)', 'per decision', 'decisions/s', '× certcalc'], rows) +
      (builtin ? '' : '\n\nThe built-in brcgs-food-9 pack does not answer `grade` yet: certcalc runs the table as a user pack (loadPack).'),
    ratios: {
      'json-rules-engine / certcalc': us['json-rules-engine 7'] / cc1,
      'zen one expression / certcalc': us['zen-engine-wasm, one expression'] / cc1,
      'zen table cells / certcalc': us['zen-engine-wasm, table cells row by row'] / cc1,
      'certcalc / plain JS': cc1 / us['plain JS'],
      ...(lean ? {
        'json-rules-engine / certcalc engine alone (-Oz)': us['json-rules-engine 7'] / us['certcalc engine alone (-Oz build, grade())'],
        'zen one expression / certcalc engine alone (-Oz)': us['zen-engine-wasm, one expression'] / us['certcalc engine alone (-Oz build, grade())'],
      } : {}),
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await gradeBench();
  console.log(r.text);
  console.log(r.ratios);
}
