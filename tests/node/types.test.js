// The TypeScript types of the npm package (web/build.mjs typeFiles(): web/types/*.d.ts and
// certcalc-rules.d.ts, generated from the packs by cmake/rule_types.mjs) hold what the engine really
// takes and answers: every answered request of the shared vectors and of examples/, and its
// answer, typed with the pack's request and answer types and checked by tsc (strict; object
// literals: no member the type does not name); everyday code over the answers compiles; no answer
// member of a built-in pack is left JsonValue. CERTCALC_TYPES_DIR=DIR checks the .d.ts files of DIR
// instead (a built web/dist, or an older copy).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseCall, loadCertcalc, loadVectors, root } from './harness.js';
import { typeFiles } from '../../web/build.mjs';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const pascal = (id) => id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const cap = (s) => s[0].toUpperCase() + s.slice(1);
const TYPED = ['duration', 'grade', 'schedule', 'deadlines', 'rotation'];
const OPS = ['schemes', 'describe', 'duration', 'grade', 'schedule', 'deadlines', 'validate', 'rotation'];

/** The package's .d.ts files, file name -> text. */
function declarations() {
  const dir = process.env.CERTCALC_TYPES_DIR;
  if (!dir) return typeFiles();
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.d.ts')).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

/** tsc --strict over `lines` beside the package's .d.ts files; {status, output}. */
function typeCheck(lines, extra = []) {
  const dir = mkdtempSync(join(tmpdir(), 'certcalc-types-'));
  try {
    for (const [f, text] of Object.entries(declarations())) writeFileSync(join(dir, f), text);
    writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
    writeFileSync(join(dir, 'check.ts'), lines.join('\n'));
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', ...extra, join(dir, 'check.ts')], { encoding: 'utf8', cwd: dir });
    return { status: r.status, output: `${r.stdout}${r.stderr}`, lines };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const show = (r) => `tsc:\n${r.output.split('\n').slice(0, 30).map((l) => {
  const m = /check\.ts\((\d+),/.exec(l);
  return m ? `${l}\n    ${(r.lines[Number(m[1]) - 1] || '').slice(0, 300)}` : l;
}).join('\n')}`;

function typesOf(op, request) {
  if (TYPED.includes(op)) return [`C.${pascal(request.scheme)}${cap(op)}Request`, `C.${pascal(request.scheme)}${cap(op)}Answer`];
  if (op === 'validate') return ['C.ValidateRequest', 'C.ValidateAnswer'];
  if (op === 'describe') return ['C.DescribeRequest', 'C.DescribeAnswer'];
  if (op === 'schemes') return ['{ locale?: C.Locale | null }', 'C.SchemesAnswer'];
  return null;
}

test('every answered vector and example request and its answer have the types the .d.ts files give them', async () => {
  const cc = await loadCertcalc();
  const lines = ["import type * as C from './certcalc.js';"];
  let n = 0;
  const seen = new Set();
  const add = (op, request, answer) => {
    const types = typesOf(op, request);
    if (!types) return;
    const key = `${types[0]}${JSON.stringify(request)}${JSON.stringify(answer)}`;
    if (seen.has(key)) return;
    seen.add(key);
    lines.push(`const r${n}: ${types[0]} = ${JSON.stringify(request)};`, `const a${n}: ${types[1]} = ${JSON.stringify(answer)};`, `void r${n}; void a${n};`);
    n++;
  };
  for (const { doc } of loadVectors()) {
    if (doc.loadPacks) continue; // user packs: their fields are their own (UserRequest)
    for (const c of doc.cases) {
      const { op, text, options } = caseCall(doc, c);
      if (c.requestText !== undefined) continue;
      const answer = JSON.parse(cc.callJson(op, text, options).json);
      if (!answer.error) add(op, c.request ?? {}, answer);
    }
  }
  // The stored answers of examples/ (the requests a reader copies first).
  let examples = 0;
  for (const op of OPS) {
    for (const f of readdirSync(join(root, 'examples', op)).filter((x) => x.endsWith('.json') && !x.endsWith('.answer.json'))) {
      const request = JSON.parse(readFileSync(join(root, 'examples', op, f), 'utf8'));
      const answer = JSON.parse(readFileSync(join(root, 'examples', op, f.replace(/\.json$/, '.answer.json')), 'utf8'));
      add(op, request, answer);
      examples++;
    }
  }
  assert.ok(n > 300, `only ${n} answered requests`);
  assert.ok(examples >= 36, `only ${examples} examples`);
  const r = typeCheck(lines, ['--skipLibCheck', 'false']);
  if (process.env.CERTCALC_TYPES_LOG) writeFileSync(process.env.CERTCALC_TYPES_LOG, `${r.output}\n${lines.join('\n')}`);
  assert.equal(r.status, 0, show(r));
});

test('a misspelt or mistyped field of a built-in pack is a type error; a user pack takes its own fields', () => {
  // Each line under @ts-expect-error must fail to type-check: tsc reports the directive unused
  // when it does not (the calls fell through to the user-pack overload before).
  const r = typeCheck(["import { createCertcalc } from './certcalc.js';", 'export async function use(): Promise<void> {', '  const cc = await createCertcalc();',
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
    '}']);
  assert.equal(r.status, 0, show(r));
});

test('everyday code over the answers compiles: messages, terms, deadlines, figures are typed by what they are', () => {
  // The members every pack gives one meaning (docs/rule-language.md, "Checked at load") and those
  // the generator follows through merged programs, read as a portal's code reads them.
  const r = typeCheck(["import { createCertcalc } from './certcalc.js';", 'export async function use(): Promise<unknown[]> {',
    '  const cc = await createCertcalc();', '  const out: unknown[] = [];',
    "  const d5 = cc.duration({ scheme: 'fssc22000-5.1', auditType: 'initial', category: 'CI', fte: 120, haccpStudies: 2 });",
    "  if (!('error' in d5)) out.push(d5.breakdown?.map((t) => t.days + 0), d5.warnings.map((w) => w.message), d5.notes.map((w) => w.code));",
    "  const g = cc.duration({ scheme: 'gmpplus-cr3.0', auditType: 'initial', scope: 'laboratory-testing', accreditation: 'none', analyses: 12 });",
    "  if (!('error' in g)) { const n: number = g.totalDays; const s: string[] = g.breakdown.map((t) => t.source); const m: number = g.auditFrequencyMonths; out.push(n, s, m, g.notes.map((x) => x.message)); }",
    "  const f6 = cc.duration({ scheme: 'fssc22000-6', auditType: 'initial', onSiteDays: 3 });",
    "  if (!('error' in f6)) { const n: number | undefined = f6.onSiteDays; const t: 'initial' | 'surveillance' | 'recertification' | 'cycle' = f6.auditType; out.push(n, t); }",
    "  const gr = cc.grade({ scheme: 'brcgs-food-9', major: 1 });",
    "  if (!('error' in gr)) out.push(gr.reasons.map((x) => x.message), gr.notes.map((x) => x.rule));",
    "  const dl = cc.deadlines({ scheme: 'brcgs-food-9', lastAuditDay: '2026-03-05', findings: [{ id: 'a', grade: 'major' }] });",
    "  if (!('error' in dl)) { const due: Array<string | undefined> = dl.deadlines.map((x) => x.dueDate); const labels: string[] = dl.auditDeadlines.map((x) => x.label); out.push(due, labels); }",
    "  const dp = cc.deadlines({ scheme: 'brcgs-packaging-6', lastAuditDay: '2026-03-05', findings: [{ id: 'a', grade: 'minor' }] });",
    "  if (!('error' in dp)) { const labels: string[] = dp.auditDeadlines.map((x) => x.label); out.push(labels); }",
    "  const df = cc.deadlines({ scheme: 'fssc22000-6', lastAuditDay: '2026-03-05', ncTimeframes: 'version-5.1', findings: [{ id: 'a', grade: 'major' }] });",
    "  if (!('error' in df)) { const kinds: string[] = df.deadlines.map((x) => `${x.kind}: ${x.label}`); out.push(kinds); }",
    "  const ro = cc.rotation({ scheme: 'brcgs-food-9', audits: [] });",
    "  if (!('error' in ro)) { const who: string[] = ro.violations.map((v) => v.auditor); out.push(who); }",
    "  const rg = cc.rotation({ scheme: 'gmpplus-cr3.0', scope: 'registered-laboratory', audits: [] });",
    "  if (!('error' in rg)) { const at: number[] = rg.violations.map((v) => v.audit); out.push(at); }",
    "  const s = cc.schedule({ scheme: 'brcgs-food-9', auditType: 'initial', firstAuditDay: '2026-03-02', grade: 'B' });",
    "  if (!('error' in s)) { const m: number = s.auditFrequencyMonths; out.push(m, s.notes.map((x) => x.message)); }",
    '  return out;', '}']);
  assert.equal(r.status, 0, show(r));
});

test('no answer member of a built-in pack is JsonValue or left open to any member', () => {
  const rules = declarations()['certcalc-rules.d.ts'];
  const answers = [...rules.matchAll(/export interface (\w+Answer) \{\n([\s\S]*?)\n\}/g)];
  assert.ok(answers.length >= 20, `${answers.length} answer types`);
  const loose = answers.flatMap(([, name, body]) => body.split('\n')
    .filter((l) => /JsonValue|\[member: string\]/.test(l)).map((l) => `${name}: ${l.trim().slice(0, 120)}`));
  assert.deepEqual(loose, []);
});

test('validate takes a draft: no audit, a finding without id; a member validate does not know is a type error', async () => {
  // What the engine answers (issues, not a request error) and what it refuses (unknown_field).
  const cc = await loadCertcalc();
  const draft = { scheme: 'fssc22000-6', findings: [{ grade: 'minor', evidence: [{ bytes: 5 }] }] };
  const a = cc.validate(draft, { today: '2026-01-15' });
  assert.equal(a.error, undefined, JSON.stringify(a.error));
  assert.ok(a.issues.some((i) => i.field === 'audit/lastDay' && i.code === 'required'), JSON.stringify(a.issues));
  assert.ok(a.findings[0].issues.some((i) => i.field === 'id' && i.code === 'required'));
  const typo = { scheme: 'fssc22000-6', findings: [{ id: 'NC-1', rootcause: 'x' }] };
  assert.equal(cc.validate(typo, { today: '2026-01-15' }).error?.code, 'unknown_field');
  const r = typeCheck(["import { createCertcalc, type ValidateRequest } from './certcalc.js';", 'export async function use(): Promise<number> {',
    '  const cc = await createCertcalc();',
    `  const draft: ValidateRequest = ${JSON.stringify(draft)};`,
    '  const v = cc.validate(draft);',
    "  const stage: ValidateRequest = { scheme: 'brcgs-food-9', stage: 'cm', audit: { lastDay: '2026-03-10' }, evidenceMaxBytes: 1000, holidays: ['2026-12-25'], findings: [] };",
    '  void stage;',
    '  // @ts-expect-error validate refuses a member it does not know (unknown_field)',
    `  cc.validate(${JSON.stringify(typo)});`,
    "  return 'error' in v ? 0 : v.findings[0].issues.length;",
    '}']);
  assert.equal(r.status, 0, show(r));
});

test('the calculator build has a typed way in: certcalc-calc.js default export is createCertcalc\'s moduleFactory', () => {
  const r = typeCheck(["import { createCertcalc, compileCertcalc } from './certcalc.js';", "import calcFactory from './certcalc-calc.js';",
    "import { index, assets } from './certcalc-rules.js';",
    'export async function use(url: URL): Promise<number> {',
    '  const cc = await createCertcalc({ wasmModule: compileCertcalc(url), moduleFactory: calcFactory });',
    "  const a = cc.grade({ scheme: 'brcgs-food-9', major: 1 });",
    "  return ('error' in a ? 0 : 1) + index.length + assets.locales.length;",
    '}']);
  assert.equal(r.status, 0, show(r));
});

test('the widgets\' URL setters take what core.js takes: a URL, its text, or null for the default; the readers say what they answer', () => {
  // core.js: a setter keeps what it is given, and its reader falls back to the meta tag, then the
  // default, when that is null (tests/browser/page.test.js runs it). @ts-expect-error lines must fail.
  const r = typeCheck(["import { setWasmUrl, setCalcWasmUrl, setAssetsUrl, wasmUrl, calcWasmUrl, assetsUrl } from './certcalc-widgets.js';",
    "setWasmUrl('/certcalc/certcalc-core.wasm');",
    "setWasmUrl(new URL('https://example.test/certcalc-core.wasm'));",
    'setWasmUrl(null);',
    "setCalcWasmUrl('/certcalc/certcalc-calc.wasm');",
    'setCalcWasmUrl(null);',
    "setAssetsUrl(new URL('https://example.test/assets/'));",
    'setAssetsUrl(null);',
    'const full: string = wasmUrl();',
    'const calc: string | null = calcWasmUrl();',
    'const assets: string = assetsUrl();',
    'void full; void calc; void assets;',
    '// @ts-expect-error the calculator module may be none: null',
    'const calcText: string = calcWasmUrl();',
    'void calcText;',
    '// @ts-expect-error a URL or null, not a number',
    'setCalcWasmUrl(42);',
    '// @ts-expect-error one argument',
    'setWasmUrl();']);
  assert.equal(r.status, 0, show(r));
});

test('a Node project type-checks the Node entry without lib "dom" (lib es2022, types node, skipLibCheck false), and with it', () => {
  // @types/node as far as these types meet it: the global URL (Node has no WebAssembly types,
  // which lib "dom" gives: certcalc.d.ts declares the one it names). The real package is not a
  // dependency of this repository; this stands in for it.
  const nodeTypes = `interface URL { readonly href: string; toString(): string }
declare var URL: { prototype: URL; new (input: string | URL, base?: string | URL): URL };
declare var console: { log(...data: unknown[]): void };
`;
  const check = ["import { createCertcalc, compileCertcalc, type CreateOptions } from './certcalc-node.js';",
    'export async function use(bytes: Uint8Array): Promise<number | undefined> {',
    '  const cc = await createCertcalc();',
    "  const q = cc.duration({ scheme: 'fssc22000-6', auditType: 'initial', onSiteDays: 3 });",
    "  const options: CreateOptions = { wasmBinary: bytes, wasmUrl: new URL('https://example.test/certcalc-core.wasm') };",
    "  const other = await createCertcalc({ ...options, wasmModule: compileCertcalc('https://example.test/certcalc-core.wasm') });",
    "  console.log(other.version());",
    "  return 'error' in q ? undefined : q.totalDays;",
    '}'];
  for (const lib of [['es2022'], ['es2022', 'dom']]) {
    const dir = mkdtempSync(join(tmpdir(), 'certcalc-types-node-'));
    try {
      for (const [f, text] of Object.entries(declarations())) writeFileSync(join(dir, f), text);
      writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
      writeFileSync(join(dir, 'check.ts'), check.join('\n'));
      const withDom = lib.includes('dom');
      if (!withDom) {
        mkdirSync(join(dir, 'node_modules', '@types', 'node'), { recursive: true });
        writeFileSync(join(dir, 'node_modules', '@types', 'node', 'package.json'), '{"name": "@types/node", "version": "0.0.0", "types": "index.d.ts"}\n');
        writeFileSync(join(dir, 'node_modules', '@types', 'node', 'index.d.ts'), nodeTypes);
      }
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: {
        strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib,
        types: withDom ? [] : ['node'], skipLibCheck: false,
      }, files: ['check.ts'] }));
      const r = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8', cwd: dir });
      assert.equal(r.status, 0, `lib ${lib.join(', ')}: ${show({ output: `${r.stdout}${r.stderr}`, lines: check })}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
