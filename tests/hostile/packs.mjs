// Hostile rule packs: what a portal's own pack (or a typo in one) may hold. Each is refused when
// it is loaded, with the JSON Pointer of the defect (`refused`; '*' where the exact place is the
// reader's to say), or, if it loads, answers every one of its `requests` cleanly: the expected
// status and code, never an internal error (docs/rule-language.md, "Checked at load").
// Used by run-packs.mjs (the CLI, ctest hostile_packs), tests/node/hostile.test.js (the WASM
// module) and tests/fuzz/make_seeds.mjs (seeds of fuzz_pack).

const RULE = '{hostile-catalog} §1';
const RULE_TEXT = 'the hostile pack catalog §1';  // RULE as answers write it
const BASE = {
  $schema: '../../rules/schema/pack.schema.json', scheme: 'hostile', title: 'a hostile pack', version: '1',
  publisher: 'certcalc tests', effectiveDate: null, language: 'en', verified: true,
  sources: [{ id: 'hostile-catalog', short: 'the hostile pack catalog', title: 'the hostile pack catalog',
    file: 'tests/hostile/packs.mjs', verified: true }],
};
const TEXTS = { en: 'a text', nl: 'een tekst', it: 'un testo', de: 'ein Text', fr: 'un texte' };

/** A pack with one operation (`grade` unless named) running `program` over `fields`. */
function withOp(program, fields = {}, extra = {}, opName = 'grade') {
  return { operations: { [opName]: { fields, program } }, ...extra };
}
const set = (value, more = {}) => ({ set: 'x', value, ...more });
const int = (more = {}) => ({ type: 'integer', required: true, ...more });
const date = { type: 'date', required: true };
const table = (kind, more) => ({ kind, rule: RULE, ...more });
const row = (when, then) => ({ when, then, rule: RULE });
const P = '/operations/grade/program/0';  // the first statement of the operation

// A form for validate (docs/validate.md): one check, one state.
function form(checks, extra = {}, initial = { cm: 'open', oe: 'open', full: 'open' }, more = {}) {
  return {
    messages: { m: TEXTS },
    form: { rule: RULE, grades: ['minor', 'major'], checks, workflow: { states: ['open'], initial, transitions: [] }, ...more },
    ...extra,
  };
}
const closureDeadline = { push: 'deadlines', value: { object: { kind: 'closure', dueDate: '2026-02-01', rule: RULE } } };
const check = (more) => ({ check: 'required', field: 'rootCause', code: 'c', message: 'm', rule: RULE, ...more });

function chain(n) {
  const programs = {};
  for (let i = 0; i < n; i++) programs[`p${i}`] = [set(i + 1 < n ? { call: [`p${i + 1}`] } : 1)];
  return programs;
}

// Programs that call the next one with three kinds of input each: 3^12 combinations.
function fanOut(levels) {
  const programs = {};
  for (let i = 0; i < levels; i++) {
    const next = `f${i + 1}`;
    programs[`f${i}`] = i + 1 < levels
      ? [1, 'a', true].map((v, k) => ({ set: `x${k}`, value: { call: [next, { object: { v: { var: 'v' }, [`w${i}`]: v } }] } }))
      : [set(1)];
  }
  return programs;
}

// A decision table of n rows, each giving a text of its own: the texts a decide may give are a
// set that grows row by row (united one row at a time, loading 50,000 rows took minutes).
function manyRows(n) {
  const rows = [];
  for (let i = 0; i < n; i++) rows.push(row({ minor: { from: i, to: i } }, { grade: `g${i}` }));
  return rows;
}

function largeTable(n) {
  const entries = {};
  for (let i = 0; i < n; i++) entries[`k${i}`] = i / 4;
  return entries;
}

export const CASES = [
  // --- wrong types in every kind of table -------------------------------------------------
  { name: 'map-text-where-a-number-is-needed', why: 'issue 14: loaded, then internal_error at call time',
    pack: withOp([set({ '+': [{ lookup: ['days', { var: 'k' }] }, 1] })], { k: { type: 'enum', values: ['a', 'b'], required: true } },
      { tables: { days: table('map', { entries: { a: 1, b: 'two' } }) } }),
    refused: '/tables/days/entries/b' },
  { name: 'map-two-keys-text-leaf',
    pack: withOp([set({ '*': [{ lookup: ['t', 'A', { var: 'k' }] }, 2] })], { k: { type: 'enum', values: ['initial', 'interim'], required: true } },
      { tables: { t: table('map', { keys: 2, entries: { A: { initial: 1, interim: 'half' } } }) } }),
    refused: '/tables/t/entries/A/interim' },
  { name: 'map-two-keys-flat-entry', why: 'an entry above the last key that is no object of entries',
    pack: withOp([set({ lookup: ['t', 'A', 'initial'] })], {}, { tables: { t: table('map', { keys: 2, entries: { A: { initial: 1 }, B: 2 } }) } }),
    refused: '/tables/t/entries/B' },
  { name: 'bands-text-in-date-arithmetic',
    pack: withOp([set({ addDays: [{ var: 'day' }, { lookup: ['t', { var: 'n' }] }] })], { n: int({ min: 0 }), day: date },
      { tables: { t: table('bands', { bands: [{ from: 0, to: 10, value: 7 }, { from: 11, value: 'fourteen' }] }) } }),
    refused: '/tables/t/bands/1/value' },
  { name: 'bands-fraction-in-date-arithmetic',
    pack: withOp([set({ addDays: [{ var: 'day' }, { lookup: ['t', { var: 'n' }] }] })], { n: int({ min: 0 }), day: date },
      { tables: { t: table('bands', { bands: [{ from: 0, to: 10, value: 7 }, { from: 11, value: 0.5 }] }) } }),
    refused: '/tables/t/bands/1/value' },
  { name: 'bands-key-a-text',
    pack: withOp([set({ lookup: ['t', { var: 's' }] })], { s: { type: 'string', required: true } },
      { tables: { t: table('bands', { bands: [{ from: 0, value: 1 }] }) } }),
    refused: `${P}/value/lookup/1` },
  { name: 'decision-then-text-where-a-number-is-needed',
    pack: withOp([{ let: 'row', value: { decide: ['t', { object: { minor: { var: 'minor' } } }] } },
      { set: 'due', value: { addDays: [{ var: 'day' }, { var: 'row.days' }] } }], { minor: int({ min: 0 }), day: date },
    { tables: { t: table('decision', { rows: [row({ minor: { from: 0, to: 5 } }, { days: 28 }), row({ minor: { from: 6 } }, { days: '28' })] }) } }),
    refused: '/tables/t/rows/1/then/days' },
  { name: 'decision-condition-text-for-a-number',
    pack: withOp([set({ decide: ['t', { object: { minor: { var: 'minor' } } }] })], { minor: int() },
      { tables: { t: table('decision', { rows: [row({ minor: 0 }, { grade: 'AA' }), row({ minor: '1' }, { grade: 'A' })] }) } }),
    refused: '/tables/t/rows/1/when/minor' },
  { name: 'decision-range-over-a-text',
    pack: withOp([set({ decide: ['t', { object: { kind: { var: 'kind' } } }] })], { kind: { type: 'string', required: true } },
      { tables: { t: table('decision', { rows: [row({ kind: { from: 1, to: 2 } }, { grade: 'AA' })] }) } }),
    refused: '/tables/t/rows/0/when/kind' },
  { name: 'decision-column-the-facts-lack',
    pack: withOp([set({ decide: ['t', { object: { minor: { var: 'minor' } } }] })], { minor: int() },
      { tables: { t: table('decision', { rows: [row({ minor: 0, major: 0 }, { grade: 'AA' })] }) } }),
    refused: '/tables/t/rows/0/when/major' },
  { name: 'table-number-out-of-range', raw: { '"@@1e400@@"': '1e400' },
    pack: withOp([set({ lookup: ['t', 'a'] })], {}, { tables: { t: table('map', { entries: { a: '@@1e400@@' } }) } }),
    refused: '/tables/t/entries/a' },
  { name: 'lookup-on-a-decision-table',
    pack: withOp([set({ lookup: ['t', 1] })], {}, { tables: { t: table('decision', { rows: [row({}, { a: 1 })] }) } }),
    refused: `${P}/value/lookup` },
  { name: 'decide-on-a-map-table',
    pack: withOp([set({ decide: ['t', { object: {} }] })], {}, { tables: { t: table('map', { entries: { a: 1 } }) } }),
    refused: `${P}/value/decide` },
  { name: 'map-two-keys-looked-up-with-one',
    pack: withOp([set({ lookup: ['t', 'A'] })], {}, { tables: { t: table('map', { keys: 2, entries: { A: { b: 1 } } }) } }),
    refused: `${P}/value/lookup` },
  { name: 'bands-looked-up-with-two-keys',
    pack: withOp([set({ lookup: ['t', 1, 2] })], {}, { tables: { t: table('bands', { bands: [{ value: 1 }] }) } }),
    refused: `${P}/value/lookup` },
  { name: 'unverified-table-without-notice',
    pack: withOp([], {}, { tables: { t: table('map', { verified: false, entries: {} }) } }),
    refused: '/tables/t/notice' },
  { name: 'pointer-escaping-in-a-table-name',
    pack: withOp([set({ '-': [{ lookup: ['a/b~c', 'x'] }] })], {}, { tables: { 'a/b~c': table('map', { entries: { x: 'y' } }) } }),
    refused: '/tables/a~1b~0c/entries/x' },
  { name: 'a-large-table-loads-and-answers', why: '20,000 entries',
    pack: withOp([set({ lookup: ['t', { var: 'k' }] })], { k: { type: 'string', required: true } }, { tables: { t: table('map', { entries: largeTable(20000) }) } }),
    requests: [{ op: 'grade', request: { k: 'k19998' }, status: 0, expect: { x: 4999.5 } },
      { op: 'grade', request: { k: 'nope' }, status: 0, expect: { x: null } }] },

  { name: 'a-decision-table-of-50000-texts-loads-and-answers', why: '50,000 rows, each with a text of its own',
    pack: withOp([set({ get: [{ decide: ['t', { object: { minor: { var: 'minor' } } }] }, 'grade'] })], { minor: int({ min: 0 }) },
      { tables: { t: table('decision', { rows: manyRows(50000) }) } }),
    requests: [{ op: 'grade', request: { minor: 49999 }, status: 0, expect: { x: 'g49999' } },
      { op: 'grade', request: { minor: 50000 }, status: 0, expect: { x: null } }] },

  { name: 'an-effective-date-that-is-no-day', pack: { effectiveDate: '2026-02-30', ...withOp([set(1)]) }, refused: '/effectiveDate' },
  { name: 'superseded-before-it-takes-effect', pack: { effectiveDate: '2024-04-01', status: 'superseded', supersededBy: 'hostile-next', supersededDate: '2024-03-31', ...withOp([set(1)]) },
    refused: '/supersededDate' },
  { name: 'superseded-by-itself', pack: { status: 'superseded', supersededBy: 'hostile-superseded-by-itself', supersededDate: '2024-03-31', ...withOp([set(1)]) },
    refused: '/supersededBy' },

  // --- programs and references -------------------------------------------------------------
  { name: 'program-calls-itself',
    pack: withOp([set({ call: ['loop'] })], {}, { programs: { loop: [set({ call: ['loop'] })] } }),
    refused: '/programs/loop/0/value' },
  { name: 'programs-call-each-other',
    pack: withOp([set({ call: ['a'] })], {}, { programs: { a: [set({ call: ['b'] })], b: [set({ call: ['a'] })] } }),
    refused: '/programs/b/0/value' },
  { name: 'recursion-only-validate-reaches', why: 'findingDeadlines is run by name, not by a call',
    pack: { ...form([check()]), programs: { findingDeadlines: [set({ call: ['findingDeadlines'] })] } },
    refused: '/programs/findingDeadlines/0/value' },
  { name: 'calls-nested-17-deep', pack: withOp([set({ call: ['p0'] })], {}, { programs: chain(17) }),
    refused: `${P}/value` },
  { name: 'calls-nested-16-deep-answer', pack: withOp([set({ call: ['p0'] })], {}, { programs: chain(16) }),
    requests: [{ op: 'grade', request: {}, status: 0 }] },
  { name: 'calls-with-ever-new-input-types', why: 'checking would take 3^12 passes', pack: withOp([set({ call: ['f0', { object: { v: 1 } }] })], {}, { programs: fanOut(13) }),
    refused: '*' },
  { name: 'unknown-variable', pack: withOp([set({ '+': [{ var: 'nosuch' }, 1] })]), refused: `${P}/value/+/0` },
  { name: 'fail-with-internal-error', why: 'a pack would make the door exit 1',
    pack: withOp([{ fail: 'internal_error', message: 'm' }], {}, { messages: { m: TEXTS } }), refused: `${P}/fail` },
  { name: 'message-without-a-text', pack: withOp([set({ message: ['nosuch'] })]), refused: `${P}/value/message` },
  { name: 'help-without-a-text', pack: withOp([], { n: int({ help: 'nosuch' }) }), refused: '/operations/grade/fields/n/help' },
  { name: 'message-without-english', pack: withOp([{ note: 'hello', rule: RULE }], {}, { messages: { hello: { nl: 'hallo' } } }),
    refused: '/messages/hello/en' },
  { name: 'a-message-text-in-a-locale-certcalc-does-not-answer-in', why: '"ne" for "nl": Dutch readers got English without a word',
    pack: withOp([{ note: 'hello', rule: RULE }], {}, { messages: { hello: { en: 'hello', ne: 'hallo' } } }),
    refused: '/messages/hello/ne' },
  { name: 'messages-missing-in-one-locale', why: 'German falls back to English',
    pack: withOp([{ note: 'hello', rule: RULE }], {}, { messages: { hello: { en: 'hello', nl: 'hallo', it: 'ciao', fr: 'bonjour' } } }),
    requests: [{ op: 'grade', request: { locale: 'de' }, status: 0, expect: { notes: [{ code: 'hello', message: 'hello', rule: RULE_TEXT }] } },
      { op: 'grade', request: { locale: 'nl' }, status: 0, expect: { notes: [{ code: 'hello', message: 'hallo', rule: RULE_TEXT }] } }] },
  { name: 'let-named-like-a-built-in', pack: withOp([{ let: '$today', value: 1 }]), refused: `${P}/let` },

  // --- field defaults ------------------------------------------------------------------------
  { name: 'default-of-the-wrong-type', pack: withOp([], { n: { type: 'integer', default: '3' } }), refused: '/operations/grade/fields/n/default' },
  { name: 'default-below-min', pack: withOp([], { n: { type: 'integer', min: 1, default: 0 } }), refused: '/operations/grade/fields/n/default' },
  { name: 'default-not-an-allowed-value', pack: withOp([], { n: { type: 'enum', values: ['a', 'b'], default: 'c' } }), refused: '/operations/grade/fields/n/default' },
  { name: 'default-not-a-day', pack: withOp([], { d: { type: 'date', default: '2026-02-30' } }), refused: '/operations/grade/fields/d/default' },
  { name: 'max-below-min', pack: withOp([], { n: { type: 'integer', min: 5, max: 1 } }), refused: '/operations/grade/fields/n/max' },

  // --- expression types ----------------------------------------------------------------------
  { name: 'date-compared-with-a-number', pack: withOp([set({ '<': [{ var: 'day' }, 5] })], { day: date }), refused: `${P}/value` },
  { name: 'today-compared-with-a-number', pack: withOp([set({ '<': [{ var: '$today' }, 5] })]), refused: `${P}/value` },
  { name: 'condition-a-number', pack: withOp([set(1, { when: { var: 'n' } })], { n: int() }), refused: `${P}/when` },
  { name: 'if-condition-a-text', pack: withOp([set({ if: ['yes', 1, 2] })]), refused: `${P}/value/if/0` },
  { name: 'in-a-text', pack: withOp([set({ in: [1, 'abc'] })]), refused: `${P}/value/in/1` },
  { name: 'each-over-a-number', pack: withOp([{ each: 'i', in: 5, do: [] }]), refused: `${P}/in` },
  { name: 'merge-a-number', pack: withOp([{ merge: 5 }]), refused: `${P}/merge` },
  { name: 'get-on-a-text', pack: withOp([set({ get: ['abc', 'x'] })]), refused: `${P}/value/get/0` },
  { name: 'get-a-fraction-of-a-list', pack: withOp([set({ get: [[1, 2], 0.5] })]), refused: `${P}/value/get/1` },
  { name: 'sum-of-texts', pack: withOp([set({ sum: [['a', 'b']] })]), refused: `${P}/value/sum/0` },
  { name: 'predicate-a-number', pack: withOp([set({ filter: [[1, 2], 5] })]), refused: `${P}/value/filter/1` },
  { name: 'min-of-texts-and-numbers', pack: withOp([set({ min: [['a', 1]] })]), refused: `${P}/value` },
  { name: 'call-with-a-number', pack: withOp([set({ call: ['p', 5] })], {}, { programs: { p: [] } }), refused: `${P}/value/call/1` },
  { name: 'add-days-of-a-fraction', pack: withOp([set({ addDays: [{ var: 'day' }, { var: 'n' }] })], { day: date, n: { type: 'number', required: true } }),
    refused: `${P}/value/addDays/1` },
  { name: 'add-days-to-a-text', pack: withOp([set({ addDays: ['2026-01-01', 1] })]), refused: `${P}/value/addDays/0` },
  { name: 'length-of-a-number', pack: withOp([set({ length: 5 })]), refused: `${P}/value/length` },
  { name: 'arithmetic-on-an-object-member', pack: withOp([set({ '+': [{ var: 'o.a' }, 1] })], { o: { type: 'object', required: true, fields: { a: { type: 'string', required: true } } } }),
    refused: `${P}/value/+/0` },
  { name: 'arithmetic-on-null-only', pack: withOp([set({ '+': [null, 1] })]), refused: `${P}/value/+/0` },
  { name: 'a-called-programs-output-misused',
    pack: withOp([set({ '+': [{ get: [{ call: ['p'] }, 'label'] }, 1] })], {}, { programs: { p: [{ set: 'label', value: 'x' }] } }),
    refused: `${P}/value/+/0` },

  // --- huge ranges and what only a request decides -----------------------------------------
  { name: 'range-of-a-million', pack: withOp([set({ count: [{ range: [0, 1000000] }] })]), refused: `${P}/value/count/0` },
  { name: 'range-of-fractions', pack: withOp([set({ range: [0, 1.5] })]), refused: `${P}/value/range/1` },
  { name: 'ranges-inside-ranges', why: '10,000 ranges of 10,000 numbers: stopped at a million range numbers, the request is out_of_range',
    pack: withOp([set({ sum: [{ map: [{ range: [1, 10000] }, { count: [{ range: [1, 10000] }] }] }] })]),
    requests: [{ op: 'grade', request: {}, status: 2, code: 'out_of_range' }] },
  { name: 'steps-run-out-on-a-comparison-operand', why: 'the 20,000,001st step is a variable compared (it answered internal_error)',
    pack: withOp([{ let: 'l', value: { range: [1, 10000] } },
      set({ map: [{ var: 'l' }, { count: [{ var: 'l' }, { '==': [{ var: 'it' }, { var: 'it' }] }] }] })]),
    requests: [{ op: 'grade', request: {}, status: 2, code: 'out_of_range' }] },
  { name: 'a-field-named-scheme', why: 'it would take over every request\'s scheme', pack: withOp([set(1)], { scheme: int() }), refused: '/operations/grade/fields/scheme' },
  { name: 'a-field-named-locale', pack: withOp([set(1)], { locale: int() }), refused: '/operations/grade/fields/locale' },
  { name: 'text-doubled-in-a-loop', why: 'steps grow by one a turn, the text twofold: out_of_range past a MiB, not memory exhausted',
    pack: withOp([set({ length: [{ get: [{ iterate: ['ab', { var: 'n' }, { concat: [{ var: 'it' }, { var: 'it' }] }] }, { '-': [{ var: 'n' }, 1] }] }] })], { n: int({ max: 1000 }) }),
    requests: [{ op: 'grade', request: { n: 3 }, status: 0, expect: { x: 8 } },
      { op: 'grade', request: { n: 60 }, status: 2, code: 'out_of_range' }] },
  { name: 'list-doubled-in-a-loop', why: 'a list flattened from two of itself: out_of_range past 100,000 items',
    pack: withOp([set({ length: [{ get: [{ iterate: [[1], { var: 'n' }, { flatten: [[{ var: 'it' }, { var: 'it' }]] }] }, { '-': [{ var: 'n' }, 1] }] }] })], { n: int({ max: 1000 }) }),
    requests: [{ op: 'grade', request: { n: 4 }, status: 0, expect: { x: 8 } },
      { op: 'grade', request: { n: 60 }, status: 2, code: 'out_of_range' }] },
  { name: 'range-over-a-request-number',
    pack: withOp([set({ count: [{ range: [0, { var: 'a' }] }] })], { a: int() }),
    requests: [{ op: 'grade', request: { a: 5 }, status: 0, expect: { x: 6 } },
      { op: 'grade', request: { a: 20000 }, status: 2, code: 'out_of_range', path: '/a' },
      { op: 'grade', request: { a: -9000000000000000000 }, status: 0, expect: { x: 0 } }] },
  { name: 'division-by-a-literal-zero', pack: withOp([set({ '/': [1, 0] })]), refused: `${P}/value/~1/1` },
  { name: 'rounding-step-zero', pack: withOp([set({ ceilTo: [1, 0] })]), refused: `${P}/value/ceilTo/1` },
  { name: 'division-by-a-request-number',
    pack: withOp([set({ '/': [10, { var: 'd' }] })], { d: int({ min: 0 }) }),
    requests: [{ op: 'grade', request: { d: 4 }, status: 0, expect: { x: 2.5 } }, { op: 'grade', request: { d: 0 }, status: 2, code: 'out_of_range', path: '/d' }] },
  { name: 'an-optional-field-in-arithmetic', why: 'null only when the request leaves it out: missing_value',
    pack: withOp([set({ '+': [{ var: 'n' }, 1] })], { n: { type: 'integer' } }),
    requests: [{ op: 'grade', request: { n: 2 }, status: 0, expect: { x: 3 } }, { op: 'grade', request: {}, status: 2, code: 'missing_value' }] },
  { name: 'a-let-under-a-when',
    pack: withOp([{ let: 'y', value: 1, when: { '>': [{ var: 'n' }, 0] } }, set({ '+': [{ var: 'y' }, 1] })], { n: int() }),
    requests: [{ op: 'grade', request: { n: 1 }, status: 0, expect: { x: 2 } }, { op: 'grade', request: { n: 0 }, status: 2, code: 'missing_value' }] },
  { name: 'a-table-that-does-not-know', why: 'a null entry is "not known"',
    pack: withOp([set({ '*': [{ lookup: ['t', { var: 'k' }] }, 2] })], { k: { type: 'enum', values: ['a', 'b'], required: true } },
      { tables: { t: table('map', { entries: { a: 1.5, b: null } }) } }),
    requests: [{ op: 'grade', request: { k: 'a' }, status: 0, expect: { x: 3 } }, { op: 'grade', request: { k: 'b' }, status: 2, code: 'missing_value' }] },
  { name: 'a-fail-path-that-is-no-pointer', why: 'found by fuzz_pack: it loaded, then answered an envelope whose path was "+n"',
    pack: withOp([{ fail: 'missing_value', message: 'm', path: '+n', when: { isNull: { var: 'n' } } }, set(1)],
      { n: { type: 'integer', min: 0 } }, { messages: { m: TEXTS } }),
    refused: `${P}/path` },
  { name: 'a-number-compared-with-a-text', why: 'always false: values of two kinds are never equal',
    pack: withOp([set({ '==': [{ var: 'n' }, '1'] })], { n: int() }), refused: `${P}/value` },
  { name: 'first-repeat-over-a-text', pack: withOp([set({ firstRepeat: ['abc', { var: 'it' }] })]), refused: `${P}/value/firstRepeat/0` },
  { name: 'first-repeat-of-a-misspelt-member', why: 'a key always null: every item after the first would repeat the first',
    pack: withOp([set({ firstRepeat: [{ var: 'items' }, { var: 'it.idd' }] })],
      { items: { type: 'list', required: true, items: { type: 'object', fields: { id: { type: 'string', required: true } } } } }),
    refused: `${P}/value/firstRepeat/1` },
  { name: 'first-repeat-compared-with-a-text', why: 'an index or null, never a text',
    pack: withOp([set({ '==': [{ firstRepeat: [[1, 2, 1], { var: 'it' }] }, '2'] })]), refused: `${P}/value` },
  { name: 'first-repeat-of-10000-keys', why: 'one pass: distinct of these 10,000 keys would take 50 million comparisons, past the step limit',
    pack: withOp([set({ firstRepeat: [{ range: [1, 10000] }, { var: 'it' }] }), { set: 'y', value: { firstRepeat: [{ range: [1, 10000] }, { '-': [{ var: 'it' }, { var: 'index' }] }] } }]),
    requests: [{ op: 'grade', request: {}, status: 0, expect: { x: null, y: 1 } }] },
  { name: 'a-number-in-a-list-of-texts', pack: withOp([set({ in: [{ var: 'n' }, ['1', '2']] })], { n: int() }), refused: `${P}/value` },
  { name: 'a-message-using-a-parameter-not-given', why: 'people read "{who}" as written',
    pack: withOp([{ say: 'm', into: 'reasons', params: { n: 1 }, rule: RULE }], {}, { messages: { m: { ...TEXTS, de: 'ein {n} von {who}' } } }),
    refused: '/messages/m/de' },
  { name: 'a-plural-without-other', pack: withOp([set(1)], {}, { messages: { m: { ...TEXTS, en: '{n, plural, one {# day}}' } } }), refused: '/messages/m/en' },
  { name: 'a-message-with-an-unclosed-brace', pack: withOp([set(1)], {}, { messages: { m: { ...TEXTS, it: 'un {testo' } } }), refused: '/messages/m/it' },
  { name: 'a-message-parameter-that-is-an-object', why: 'it was written as an empty text',
    pack: withOp([{ say: 'm', into: 'reasons', params: { o: { object: { a: 1 } } }, rule: RULE }], {}, { messages: { m: TEXTS } }),
    refused: `${P}/params/o` },
  { name: 'a-message-with-the-parameters-it-uses', why: 'plural blocks and their branches read the statement\'s parameters',
    pack: withOp([{ say: 'm', into: 'reasons', params: { n: { var: 'n' }, who: 'Ann' }, rule: RULE }], { n: int({ min: 0 }) },
      { messages: { m: { ...TEXTS, en: '{n, plural, one {# day for {who}} other {# days for {who}}}' } } }),
    requests: [{ op: 'grade', request: { n: 1 }, status: 0, expect: { reasons: [{ message: '1 day for Ann' }] } },
      { op: 'grade', request: { n: 3, locale: 'de' }, status: 0, expect: { reasons: [{ message: 'ein Text' }] } }] },
  { name: 'a-fail-path-with-a-bad-escape', why: '~ stands only in ~0 and ~1', pack: withOp([{ fail: 'out_of_range', message: 'm', path: '/a~2b' }],
    {}, { messages: { m: TEXTS } }), refused: `${P}/path` },
  { name: 'a-fail-path-filled-with-a-slash', why: 'a value with / or ~ was written into the path unescaped',
    pack: withOp([{ fail: 'invalid_field', message: 'm', path: '/codes/{code}', params: { code: { var: 'code' } } }],
      { code: { type: 'string', required: true } }, { messages: { m: TEXTS } }),
    requests: [{ op: 'grade', request: { code: 'a/b~c' }, status: 2, code: 'invalid_field', path: '/codes/a~1b~0c' }] },
  { name: 'a-fail-path-with-a-placeholder',
    pack: withOp([{ fail: 'out_of_range', message: 'm', path: '/n/{i}', params: { i: 7 }, when: { '>': [{ var: 'n' }, 3] } }, set({ var: 'n' })],
      { n: { type: 'integer', min: 0, required: true } }, { messages: { m: TEXTS } }),
    requests: [{ op: 'grade', request: { n: 2 }, status: 0, expect: { x: 2 } },
      { op: 'grade', request: { n: 4 }, status: 2, code: 'out_of_range', path: '/n/7' }] },
  { name: 'guards-narrow-what-follows', why: 'isNull, a fail under when, if/else, and, coalesce and enums cover every case',
    pack: withOp([
      { fail: 'missing_value', message: 'm', path: '/n', when: { isNull: { var: 'n' } } },
      { let: 'a', value: { '+': [{ var: 'n' }, 1] } },
      { let: 'b', value: { if: [{ isNull: { var: 'm' } }, 0, { '*': [{ var: 'm' }, 2] }] } },
      { let: 'c', value: { and: [{ not: { isNull: { var: 'm' } } }, { '>': [{ var: 'm' }, 3] }] } },
      { let: 'd', value: { '+': [{ coalesce: [{ var: 'm' }, 0] }, { lookup: ['t', { var: 'k' }] }] } },
      { let: 'e', value: { lookup: ['w', { var: 'n' }] } },
      { set: 'x', value: { '+': [{ var: 'a' }, { var: 'b' }, { var: 'd' }, { var: 'e' }] } },
      { set: 'y', value: { var: 'c' } },
    ], { n: { type: 'integer', min: 0 }, m: { type: 'integer' }, k: { type: 'enum', values: ['a', 'b'], required: true } },
    { messages: { m: TEXTS }, tables: { t: table('map', { entries: { a: 1, b: 2, c: 'not reached' } }),
      w: table('bands', { bands: [{ from: 0, to: 9, value: 0 }, { from: 10, value: 1 }] }) } }),
    requests: [{ op: 'grade', request: { n: 10, m: 5, k: 'b' }, status: 0, expect: { x: 11 + 10 + 7 + 1, y: true } },
      { op: 'grade', request: { k: 'a' }, status: 2, code: 'missing_value' }] },
  { name: 'a-decision-table-that-answers',
    pack: withOp([set({ get: [{ decide: ['t', { object: { minor: { var: 'minor' } } }] }, 'grade'] })], { minor: int({ min: 0 }) },
      { tables: { t: table('decision', { rows: [row({ minor: { from: 0, to: 5 } }, { grade: 'AA' }), row({ minor: { from: 6 } }, { grade: 'A' })] }) } }),
    requests: [{ op: 'grade', request: { minor: 6 }, status: 0, expect: { x: 'A' } }, { op: 'grade', request: { minor: -1 }, status: 2, code: 'invalid_field' }] },
  { name: 'today-guarded', pack: withOp([set({ addDays: [{ var: '$today' }, 1] })]),
    requests: [{ op: 'grade', request: {}, status: 0, expect: { x: '2026-01-16' } }] },
  { name: 'a-deep-expression', why: 'deeper than the reader allows in a pack', text: `{"id":"hostile-deep","x":${'['.repeat(100)}${']'.repeat(100)}}`,
    refused: '*' },

  // --- answer members with one meaning in every pack (docs/rule-language.md, "Checked at load") ---
  { name: 'an-answer-that-sets-error', why: 'it answered an error envelope with exit 0',
    pack: withOp([{ set: 'error', value: { object: { code: 'invalid_field', message: 'forged', path: '/x' } } }]), refused: P },
  { name: 'an-answer-merging-error', pack: withOp([{ merge: { object: { error: 'forged' } } }]), refused: P },
  { name: 'warnings-set-to-a-number', why: 'with an unverified table\'s notice the answer had warnings twice',
    pack: withOp([{ set: 'warnings', value: 5 }]), refused: P },
  { name: 'notes-pushed-a-text', pack: withOp([{ push: 'notes', value: 'careful' }]), refused: P },
  { name: 'a-term-of-a-text', pack: withOp([{ term: 'T_D', days: 'many', rule: RULE }], {}, {}, 'duration'),
    refused: '/operations/duration/program/0/days' },
  { name: 'a-duration-total-of-a-text', pack: withOp([{ set: 'totalDays', value: 'many' }], {}, {}, 'duration'),
    refused: '/operations/duration/program/0' },
  { name: 'a-cycle-audit-with-a-text-figure',
    pack: withOp([{ push: 'audits', value: { object: { auditType: 'initial', onSiteDays: 'two' } } }], {}, {}, 'duration'),
    refused: '/operations/duration/program/0' },
  { name: 'warnings-maybe-unset-with-an-unverified-table', why: 'a null warnings and the table\'s notice were written as two warnings members',
    pack: withOp([{ set: 'warnings', value: { lookup: ['t', { var: 'k' }] } }],
      { k: { type: 'string', required: true } },
      { messages: { unchecked: TEXTS }, tables: { t: table('map', { verified: false, notice: 'unchecked', entries: { a: [], none: null } }) } }),
    requests: [{ op: 'grade', request: { k: 'none' }, status: 0, expect: { warnings: [{ code: 'unchecked', message: 'a text' }] } },
      { op: 'grade', request: { k: 'a' }, status: 0, expect: { warnings: [{ code: 'unchecked' }] } }] },
  { name: 'finding-deadlines-with-days-left', why: 'validate wrote daysLeft twice',
    pack: { ...form([check()]), programs: { findingDeadlines: [{ push: 'deadlines', value: { object: { kind: 'closure', dueDate: '2026-02-01', daysLeft: 3, rule: RULE } } }] } },
    refused: '/programs/findingDeadlines/0' },
  { name: 'finding-deadlines-with-their-own-party', why: 'validate writes party from overdueKinds; a second one would contradict it',
    pack: { ...form([check()]), programs: { findingDeadlines: [{ push: 'deadlines', value: { object: { kind: 'closure', dueDate: '2026-02-01', party: 'body', rule: RULE } } }] } },
    refused: '/programs/findingDeadlines/0' },
  { name: 'audit-deadlines-with-their-own-party', why: 'the deadlines operation writes party from overdueKinds',
    pack: withOp([{ push: 'auditDeadlines', value: { object: { kind: 'decision', dueDate: '2026-02-01', party: 'client', rule: RULE } } }], {}, {}, 'deadlines'),
    refused: '/operations/deadlines/program/0' },
  { name: 'deadlines-of-the-client-and-of-the-body', why: 'a body\'s step past its date was shown as the client\'s, overdue',
    pack: { ...form([check()], {}, undefined, { overdueKinds: ['closure'] }),
      programs: { findingDeadlines: [closureDeadline, { push: 'deadlines', value: { object: { kind: 'suspension', dueDate: '2026-01-20', rule: RULE } } }] },
      operations: { deadlines: { fields: {}, program: [{ set: 'deadlines', value: { get: [{ call: ['findingDeadlines', { object: {} }] }, 'deadlines'] } },
        { push: 'auditDeadlines', value: { object: { kind: 'decision', dueDate: '2026-03-01', rule: RULE } } }] } } },
    requests: [{ op: 'validate', request: { today: '2026-02-10', audit: { lastDay: '2026-01-12' }, findings: [{ id: 'a', grade: 'minor', rootCause: 'r' }] },
      status: 0, expect: { findings: [{ deadlines: [{ kind: 'closure', party: 'client', daysLeft: -9 }, { kind: 'suspension', party: 'body', daysLeft: -21 }],
        issues: [{ code: 'overdue' }] }] } },
    { op: 'deadlines', request: {}, status: 0,
      expect: { deadlines: [{ kind: 'closure', party: 'client' }, { kind: 'suspension', party: 'body' }], auditDeadlines: [{ kind: 'decision', party: 'body' }] } }] },
  { name: 'finding-deadlines-with-their-own-label', why: 'validate wrote label twice, certcalc\'s own last',
    pack: { ...form([check()]), programs: { findingDeadlines: [{ push: 'deadlines', value: { object: { kind: 'closure', dueDate: '2026-02-01', label: 'closing the minor', rule: RULE } } }] } },
    requests: [{ op: 'validate', request: { audit: { lastDay: '2026-01-12' }, findings: [{ id: 'a', grade: 'minor', rootCause: 'r' }] },
      status: 0, expect: { findings: [{ deadlines: [{ kind: 'closure', label: 'closing the minor' }] }] } }] },

  { name: 'form-item-check-of-a-text', why: 'it never fired', pack: form([check({ check: 'itemNamed' })]), refused: '/form/checks/0/field' },
  { name: 'form-date-check-of-the-evidence', why: 'it never fired', pack: form([check({ check: 'isDate', field: 'evidence' })]), refused: '/form/checks/0/field' },
  { name: 'form-differs-from-the-evidence', pack: form([check({ check: 'differsFrom', other: 'evidence' })]), refused: '/form/checks/0/other' },
  { name: 'form-min-length-without-a-value', why: 'it never fired', pack: form([check({ check: 'minLength' })]), refused: '/form/checks/0/value' },
  { name: 'form-required-without-a-field', why: 'it raised its issue on every finding', pack: form([check({ field: undefined })]), refused: '/form/checks/0/field' },
  { name: 'form-media-types-without-values', why: 'every item failed it', pack: form([check({ check: 'itemMediaType', field: 'evidence' })]),
    refused: '/form/checks/0/values' },
  { name: 'form-checks-that-read-the-right-fields', why: 'each kind on a field it reads loads and fires',
    pack: form([check({ check: 'minLength', value: 10, code: 'short' }), check({ check: 'itemNamed', field: 'evidence', code: 'unnamed' }),
      check({ check: 'itemExtension', field: 'evidence', values: ['pdf'], code: 'ext' }), check({ field: 'evidence', code: 'no_evidence' }),
      check({ check: 'itemMediaType', field: 'evidence', values: ['application/pdf'], code: 'media' })]),
    // An item without a media type is not checked by itemMediaType (it said "a.doc:  files are not accepted").
    requests: [{ op: 'validate', request: { findings: [{ id: 'a', grade: 'minor', rootCause: 'short', evidence: [{ name: '' }, { name: 'a.doc' }, { name: 'b.pdf', mediaType: 'application/x-sh' }] }] }, status: 0,
      expect: { findings: [{ issues: [{ field: 'rootCause', code: 'short' }, { field: 'evidence/0/name', code: 'unnamed' }, { field: 'evidence/1/name', code: 'ext' },
        { field: 'evidence/2/mediaType', code: 'media' }] }] } },
    { op: 'validate', request: { findings: [{ id: 'a', grade: 'minor', rootCause: 'long enough' }] }, status: 0,
      expect: { findings: [{ issues: [{ field: 'evidence', code: 'no_evidence' }] }] } }] },
  { name: 'form-check-within-a-deadline-never-given', why: 'the check never fired',
    pack: { ...form([check({ check: 'dateWithinDeadline', field: 'plannedCompletion', deadline: 'closing' })]), programs: { findingDeadlines: [closureDeadline] } },
    refused: '/form/checks/0/deadline' },
  { name: 'form-overdue-kinds-without-finding-deadlines', pack: form([check()], {}, undefined, { overdueKinds: ['closure'] }),
    refused: '/form/overdueKinds/0' },
  { name: 'form-send-by-a-deadline-never-given',
    pack: { ...form([check()], {}, undefined, { sendBy: [{ kind: 'closure', basis: 'client', rule: RULE }, { kind: 'revisit', basis: 'client', rule: RULE }] }),
      programs: { findingDeadlines: [closureDeadline] } },
    refused: '/form/sendBy/1/kind' },
  { name: 'form-send-by-a-deadline-given', why: 'the kinds findingDeadlines gives load',
    pack: { ...form([check({ check: 'dateWithinDeadline', field: 'plannedCompletion', deadline: 'closure', code: 'late' })], {}, undefined,
      { sendBy: [{ kind: 'closure', basis: 'client', rule: RULE }], overdueKinds: ['closure'] }), programs: { findingDeadlines: [closureDeadline] } },
    requests: [{ op: 'validate', request: { audit: { lastDay: '2026-01-12' }, findings: [{ id: 'a', grade: 'minor', rootCause: 'r', plannedCompletion: '2026-03-01' }] },
      status: 0, expect: { findings: [{ issues: [{ field: 'plannedCompletion', code: 'late' }], sendBy: { date: '2026-02-01', kind: 'closure' } }] } }] },

  // --- validate forms ---------------------------------------------------------------------------
  { name: 'form-check-of-a-field-findings-lack', pack: form([check({ field: 'rootcause' })]), refused: '/form/checks/0/field' },
  { name: 'form-check-of-a-grade-the-form-lacks', pack: form([check({ grades: ['critical'] })]), refused: '/form/checks/0/grades' },
  { name: 'form-expression-type-error', pack: form([check({ check: 'expr', fails: { '+': [{ var: 'finding.grade' }, 1] } })]),
    refused: '/form/checks/0/fails/+/0' },
  { name: 'finding-deadlines-type-error',
    pack: { ...form([check()]), programs: { findingDeadlines: [set({ addDays: [{ var: 'lastAuditDay' }, { var: 'finding.grade' }] })] } },
    refused: '/programs/findingDeadlines/0/value/addDays/1' },
  { name: 'form-workflow-without-a-stage-s-initial-state', why: 'its findings had the state "" and an unknown_state issue with no subject',
    pack: form([check()], {}, { cm: 'open', full: 'open' }), refused: '/form/workflow/initial' },
  { name: 'form-workflow-initial-state-it-lacks', pack: form([check()], {}, { cm: 'open', oe: 'shut', full: 'open' }), refused: '/form/workflow/initial/oe' },
  { name: 'form-date-not-before-a-listed-field-findings-lack', pack: form([check({ check: 'dateNotBefore', field: 'plannedCompletion', other: ['audit.firstDay', 'closedOn'] })]),
    refused: '/form/checks/0/other/1' },
  { name: 'form-date-not-before-the-first-audit-day', why: 'audit.firstDay is a date the check may compare with (it was refused)',
    pack: form([check({ check: 'dateNotBefore', field: 'plannedCompletion', other: 'audit.firstDay', code: 'early' })]),
    requests: [{ op: 'validate', request: { audit: { firstDay: '2026-01-10', lastDay: '2026-01-12' }, findings: [{ id: 'a', grade: 'minor', plannedCompletion: '2026-01-05' }] },
      status: 0, expect: { findings: [{ issues: [{ field: 'plannedCompletion', code: 'early' }] }] } }] },
  { name: 'audit-frequency-as-text', why: 'grade and duration answered "auditFrequencyMonths": "twelve", the contract says a number or null',
    pack: withOp([{ set: 'auditFrequencyMonths', value: 'twelve' }]), refused: '/operations/grade/program/0' },
  { name: 'blank-of-a-number', pack: withOp([set({ blank: 5 })]), refused: '/operations/grade/program/0/value/blank' },
  { name: 'source-file-leaving-the-project', why: 'every answer cited ../../../../etc/shadow, a path tools would open',
    pack: { ...withOp([set(1)]), sources: [{ ...BASE.sources[0], file: '../../../../etc/shadow' }] }, refused: '/sources/0/file' },
  { name: 'source-file-absolute', pack: { ...withOp([set(1)]), sources: [{ ...BASE.sources[0], file: '/etc/passwd' }] }, refused: '/sources/0/file' },
  { name: 'source-file-url', pack: { ...withOp([set(1)]), sources: [{ ...BASE.sources[0], file: 'file:///etc/passwd' }] }, refused: '/sources/0/file' },
  { name: 'a-form-that-answers',
    pack: form([check(), check({ check: 'expr', code: 'late', fails: { '>': [{ var: 'finding.plannedCompletion' }, '2026-12-31'] } })]),
    requests: [{ op: 'validate', request: { findings: [{ id: 'a', grade: 'minor', plannedCompletion: '2027-01-05' }] }, status: 0 },
      { op: 'validate', request: { findings: [{ id: 'a', grade: 'minor' }] }, status: 2, code: 'missing_value' }] },
];

/** The catalog as {name, why, text, refused, requests}, each pack with an id of its own. */
export function hostilePacks() {
  return CASES.map((c) => {
    let text = c.text;
    if (text === undefined) {
      text = JSON.stringify({ ...BASE, id: `hostile-${c.name}`, ...c.pack });
      for (const [from, to] of Object.entries(c.raw || {})) text = text.replace(from, to);
    }
    const requests = c.requests?.map((r) => ({ ...r, request: { scheme: `hostile-${c.name}`, ...r.request } }));
    return { ...c, id: `hostile-${c.name}`, text, requests };
  });
}
