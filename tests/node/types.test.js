// The TypeScript types of the JS API (wasm/certcalc.d.ts, certcalc-rules.d.ts generated from the
// packs by cmake/rule_types.mjs) hold what the engine really takes and answers: every answered
// request of the shared vectors, and its answer, typed with the pack's request and answer types
// and checked by tsc (strict; object literals: no member the type does not name).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, cpSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseCall, distDir, loadCertcalc, loadVectors } from './harness.js';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const pascal = (id) => id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const cap = (s) => s[0].toUpperCase() + s.slice(1);
const TYPED = ['duration', 'grade', 'schedule', 'deadlines', 'rotation'];

test('every answered vector request and its answer have the types the .d.ts files give them', async () => {
  const cc = await loadCertcalc();
  const lines = ["import type * as C from './certcalc.js';", "import { createCertcalc } from './certcalc.js';"];
  let n = 0;
  const seen = new Set();
  for (const { doc } of loadVectors()) {
    if (doc.loadPacks) continue; // user packs: their fields are their own (UserRequest)
    for (const c of doc.cases) {
      const { op, text, options } = caseCall(doc, c);
      if (c.requestText !== undefined) continue;
      const answer = JSON.parse(cc.callJson(op, text, options).json);
      if (answer.error) continue;
      const request = c.request ?? {};
      let reqType;
      let ansType;
      if (TYPED.includes(op)) {
        reqType = `C.${pascal(request.scheme)}${cap(op)}Request`;
        ansType = `C.${pascal(request.scheme)}${cap(op)}Answer`;
      } else if (op === 'validate') [reqType, ansType] = ['C.ValidateRequest', 'C.ValidateAnswer'];
      else if (op === 'describe') [reqType, ansType] = ['C.DescribeRequest', 'C.DescribeAnswer'];
      else if (op === 'schemes') [reqType, ansType] = ['{ locale?: C.Locale | null }', 'C.SchemesAnswer'];
      else continue;
      const key = `${reqType}${text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push(`const r${n}: ${reqType} = ${JSON.stringify(request)};`, `const a${n}: ${ansType} = ${JSON.stringify(answer)};`, `void r${n}; void a${n};`);
      n++;
    }
  }
  // The methods: a built-in pack's request gives that pack's answer type.
  lines.push(`export async function use(): Promise<number> {
  const cc = await createCertcalc();
  const a = cc.grade({ scheme: 'fssc22000-6', major: 1 });
  if ('error' in a) return 0;
  const months: number | null = a.auditFrequencyMonths;
  const days = months ?? 0;
  const v = cc.validate({ scheme: 'fssc22000-6', audit: { lastDay: '2026-03-10' }, findings: [{ id: 'NC-1', grade: 'minor' }] });
  return 'error' in v ? days : v.ready.length + days;
}`);
  assert.ok(n > 300, `only ${n} answered vector requests`);
  const dir = mkdtempSync(join(tmpdir(), 'certcalc-types-'));
  try {
    for (const f of readdirSync(distDir)) if (f.endsWith('.d.ts')) cpSync(join(distDir, f), join(dir, f));
    writeFileSync(join(dir, 'check.ts'), lines.join('\n'));
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', '--skipLibCheck', 'false', join(dir, 'check.ts')], { encoding: 'utf8', cwd: dir });
    if (process.env.CERTCALC_TYPES_LOG) writeFileSync(process.env.CERTCALC_TYPES_LOG, `${r.stdout}${r.stderr}\n${lines.join('\n')}`);
    assert.equal(r.status, 0, `tsc:\n${(r.stdout + r.stderr).split('\n').slice(0, 30).join('\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a misspelt or mistyped field of a built-in pack is a type error; a user pack takes its own fields', () => {
  // Each line under @ts-expect-error must fail to type-check: tsc reports the directive unused
  // when it does not (the calls fell through to the user-pack overload before).
  const lines = ["import { createCertcalc } from './certcalc.js';", 'export async function use(): Promise<void> {', '  const cc = await createCertcalc();',
    '  // @ts-expect-error a misspelt field',
    "  cc.duration({ scheme: 'fssc22000-6', auditType: 'initial', category: 'CI', onSiteDay: 3 });",
    '  // @ts-expect-error a misspelt field',
    "  cc.grade({ scheme: 'brcgs-food-9', mnor: 4 });",
    '  // @ts-expect-error text where a number goes',
    "  cc.grade({ scheme: 'brcgs-food-9', minor: '4' });",
    '  // @ts-expect-error not one of the allowed values',
    "  cc.duration({ scheme: 'fssc22000-6', auditType: 'initiall', category: 'CI', onSiteDays: 3 });",
    '  // @ts-expect-error audits, not audit',
    "  cc.rotation({ scheme: 'fssc22000-5.1', audit: [] });",
    "  const g = cc.grade({ scheme: 'brcgs-food-9', minor: 4 });",
    // Answers say what their members are: a grade's letter, a quote's days.
    "  if (!('error' in g)) { const letter: string | null = g.grade; const certified: boolean = g.certified; void letter; void certified; }",
    "  const q = cc.duration({ scheme: 'fssc22000-6', auditType: 'initial', category: 'CI', onSiteDays: 3 });",
    "  if (!('error' in q)) { const days: number | undefined = q.totalDays; void days; }",
    "  cc.grade({ scheme: 'my-own-pack', anything: 1, locale: 'nl' });",
    "  const id: string = 'my-own-pack';",
    '  cc.duration({ scheme: id, days: 2 });',
    '}'];
  const dir = mkdtempSync(join(tmpdir(), 'certcalc-types-'));
  try {
    for (const f of readdirSync(distDir)) if (f.endsWith('.d.ts')) cpSync(join(distDir, f), join(dir, f));
    writeFileSync(join(dir, 'check.ts'), lines.join('\n'));
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', join(dir, 'check.ts')], { encoding: 'utf8', cwd: dir });
    assert.equal(r.status, 0, `tsc:\n${(r.stdout + r.stderr).split('\n').slice(0, 30).join('\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
