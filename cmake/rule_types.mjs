// Writes the TypeScript types of the rule packs (certcalc-rules.d.ts): each pack's request of each
// operation from its field specs (rules/packs/*.json, shared data resolved), each answer from the
// members its program sets, and the index of requests and answers by pack.
//
// Answers are typed by following the programs as the engine runs them (core/src/evaluate.cpp):
// every expression's type is worked out from the request's fields, the pack's tables, the
// programs it calls and the members it merges; `if` statements and `when` conditions that the
// request's enum fields decide are followed for each of their values (a GMP+ scope, an audit type),
// so that a member set to null first and to a number on every path is a number. Members with one
// meaning in every pack (docs/rule-language.md, "Checked at load") are typed by that meaning: notes,
// warnings and what `say` writes are Messages, breakdown terms BreakdownTerms, a deadlines
// answer's `deadlines` and `auditDeadlines` carry the `label` and `party` the engine adds. JsonValue is left
// only where an expression cannot tell (a request list of any items).
// usage: node rule_types.mjs RULES_DIR OUT.d.ts   (rule_assets.mjs and web/build.mjs write
// certcalc-rules.d.ts with it)
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join as joinPath } from 'node:path';

const OPS = ['duration', 'grade', 'schedule', 'deadlines', 'rotation'];

function load(rulesDir) {
  const shared = (name) => JSON.parse(readFileSync(joinPath(rulesDir, 'shared', `${name}.json`), 'utf8')).data;
  // {"$shared": name, ...more} resolved as the core does: the shared object, members over it.
  const resolve = (v) => {
    if (Array.isArray(v)) return v.map(resolve);
    if (!v || typeof v !== 'object') return v;
    let base = {};
    if (typeof v.$shared === 'string') {
      const data = resolve(shared(v.$shared));
      if (Object.keys(v).length === 1) return data;
      base = { ...data };
    }
    for (const [k, x] of Object.entries(v)) if (k !== '$shared') base[k] = resolve(x);
    return base;
  };
  return readdirSync(joinPath(rulesDir, 'packs')).filter((f) => f.endsWith('.json')).sort()
    .map((f) => resolve(JSON.parse(readFileSync(joinPath(rulesDir, 'packs', f), 'utf8'))));
}

/** The message ids of the core's English catalog (a deadline kind's label comes from there). */
function catalogIds(rulesDir) {
  const p = joinPath(rulesDir, 'messages', 'en.json');
  if (!existsSync(p)) return new Set();
  const doc = JSON.parse(readFileSync(p, 'utf8'));
  return new Set(Object.keys(doc.messages || {}));
}

const pascal = (id) => id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const quote = (s) => JSON.stringify(s);
const key = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k));

/** The TS type of a field spec (inputs.h: integer, number, boolean, string, enum, date, list, object). */
function fieldType(spec) {
  switch (spec.type) {
    case 'integer': case 'number': return 'number';
    case 'boolean': return 'boolean';
    case 'enum': return (spec.values || []).map(quote).join(' | ') || 'string';
    case 'date': return 'IsoDate';
    case 'list': return `Array<${spec.items ? fieldType(spec.items) : 'JsonValue'}>`;
    case 'object': return objectType(spec.fields || {});
    default: return 'string';
  }
}
function objectType(fields) {
  const lines = Object.entries(fields).map(([name, spec]) =>
    `${key(name)}${spec.required && spec.default === undefined ? '' : '?'}: ${fieldType(spec)}${spec.required ? '' : ' | null'};`);
  return `{ ${lines.join(' ')} }`;
}

// --- types of values ----------------------------------------------------------------------------
// A type is a union: `any` (JsonValue: anything), primitive kinds (number, string, IsoDate,
// null), literals (a text, number or boolean known exactly: an enum field's value, a string in
// the pack), lists (`arr`: the type of their items; never: always empty) and objects (`obj`:
// member -> {t, opt}; opt: the member may be absent). Two objects in a union are one object whose
// members are optional where one of them lacks them. A number may have a range ([lo, hi]: a
// field's min and max, a count), so that a table's rows can be seen to cover every value.
const NEVER = Object.freeze({ prim: new Set(), lits: new Map(), arr: null, obj: null });
const ANY = Object.freeze({ any: true, prim: new Set(), lits: new Map(), arr: null, obj: null });
const T = (parts = {}) => ({ any: false, prim: new Set(parts.prim || []), lits: new Map(parts.lits || []), arr: parts.arr || null, obj: parts.obj || null, range: parts.range, int: parts.int });
const prim = (...p) => T({ prim: p });
const NULL = prim('null');
const NUMBER = prim('number');
const numberIn = (lo = -Infinity, hi = Infinity, int = false) => T({ prim: ['number'], range: [lo, hi], int });
const COUNT = numberIn(0, Infinity, true);
const STRING = prim('string');
const DATE = prim('IsoDate');
const BOOL = () => T({ lits: [['true', true], ['false', false]] });
// A text of the pack with a citation ({source-id}) is rewritten when the pack loads: not a literal.
const lit = (v) => (v === null ? NULL : typeof v === 'string' && v.includes('{') ? STRING : T({ lits: [[JSON.stringify(v), v]] }));
const arrOf = (item) => T({ arr: item });
const objOf = (members) => T({ obj: new Map(members) });
const isNever = (t) => !t.any && !t.prim.size && !t.lits.size && !t.arr && !t.obj;

function join(...ts) {
  const out = T();
  for (const t of ts) {
    if (!t) continue;
    if (t.any) return ANY;
    if (t.prim.has('number')) {
      const r = t.range;
      out.range = !out.prim.has('number') ? r : out.range && r ? [Math.min(out.range[0], r[0]), Math.max(out.range[1], r[1])] : undefined;
      out.int = !out.prim.has('number') ? t.int : out.int && t.int;
    }
    for (const p of t.prim) out.prim.add(p);
    for (const [k, v] of t.lits) out.lits.set(k, v);
    if (t.arr) out.arr = out.arr ? join(out.arr, t.arr) : t.arr;
    if (t.obj) {
      if (!out.obj) {
        out.obj = t.obj;
      } else {
        const m = new Map();
        for (const [k, a] of out.obj) {
          const b = t.obj.get(k);
          m.set(k, b ? { t: join(a.t, b.t), opt: a.opt || b.opt } : { t: a.t, opt: true });
        }
        for (const [k, b] of t.obj) if (!out.obj.has(k)) m.set(k, { t: b.t, opt: true });
        out.obj = m;
      }
    }
  }
  return out;
}
const hasNull = (t) => t.any || t.prim.has('null');
const onlyNull = (t) => !t.any && t.prim.size === 1 && t.prim.has('null') && !t.lits.size && !t.arr && !t.obj;
function withoutNull(t) {
  if (t.any || !t.prim.has('null')) return t;
  const out = join(t);
  out.prim.delete('null');
  return out;
}
function withNull(t) {
  return join(t, NULL);
}
/** The items of a list of this type (nothing when it is no list). */
const itemsOf = (t) => (t.any ? ANY : t.arr || NEVER);
/** The type of member `k` read from a value of type t (`var a.k`, `get`): null where it is absent. */
function memberOf(t, k) {
  if (t.any) return ANY;
  const parts = [];
  if (t.obj) {
    const m = t.obj.get(k);
    if (m) parts.push(m.t);
    if (!m || m.opt) parts.push(NULL);
  }
  if (t.prim.size || t.lits.size || t.arr) parts.push(NULL);
  return join(...parts);
}
/** A boolean type's truth: true, false, or undefined when the program's inputs do not decide it. */
function truth(t) {
  if (t.any || t.prim.size > 1 || (t.prim.size === 1 && !t.prim.has('null')) || t.arr || t.obj) return undefined;
  const values = [...t.lits.values()].map((v) => v === true);
  if (t.prim.has('null')) values.push(false);
  if (!values.length) return undefined;
  if (values.every((v) => v)) return true;
  if (values.every((v) => !v)) return false;
  return undefined;
}
const fromTruth = (v) => (v === undefined ? BOOL() : lit(v));
/** A single known value, or undefined. */
function single(t) {
  if (onlyNull(t)) return { v: null };
  if (t.any || t.prim.size || t.arr || t.obj || t.lits.size !== 1) return undefined;
  return { v: [...t.lits.values()][0] };
}

/** A JSON value's type, each text, number and boolean as the literal it is. */
function jsonT(v) {
  if (v === null) return NULL;
  if (Array.isArray(v)) return arrOf(join(NEVER, ...v.map(jsonT)));
  if (typeof v === 'object') return objOf(Object.entries(v).map(([k, x]) => [k, { t: jsonT(x), opt: false }]));
  return lit(v);
}

/** The numbers a type may hold, [lo, hi], or null when it holds none. */
function numRange(t) {
  if (t.any) return [-Infinity, Infinity];
  let [lo, hi] = t.prim.has('number') ? t.range || [-Infinity, Infinity] : [Infinity, -Infinity];
  for (const v of t.lits.values()) if (typeof v === 'number') [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return lo <= hi ? [lo, hi] : null;
}

// --- tables: which rows can be the first to match -----------------------------------------------
// A decision row's condition on a column (and a band's bounds) is a value, a range {from, to} or
// {in: [...]} (core/src/compile.cpp). The values a fact may have are cut into cells that every
// condition holds for wholly or not at all: the literals it may be, or the intervals between the
// bounds the rows name within its range (and null). Each combination of cells is matched like the
// engine does, first row first: the rows some combination reaches, and whether one reaches none.
const CELLS_LIMIT = 50000;
function cellsOf(t, conds) {
  if (t.any || t.arr || t.obj) return null;
  const cells = hasNull(t) ? [{ v: null }] : [];
  const others = [...t.prim].filter((p) => p !== 'null');
  if (!others.length) return [...cells, ...[...t.lits.values()].map((v) => ({ v }))];
  if (others.length > 1 || others[0] !== 'number' || [...t.lits.values()].some((v) => typeof v !== 'number')) return null;
  const [lo, hi] = t.range || [-Infinity, Infinity];
  const bounds = new Set([...t.lits.values()]);
  for (const c of conds) {
    if (typeof c === 'number') bounds.add(c);
    else if (c && typeof c === 'object' && !Array.isArray(c)) {
      for (const k of ['from', 'to']) if (typeof c[k] === 'number') bounds.add(c[k]);
      for (const v of Array.isArray(c.in) ? c.in : []) if (typeof v === 'number') bounds.add(v);
    }
  }
  for (const b of [lo, hi]) if (Number.isFinite(b)) bounds.add(b);
  const sorted = [...bounds].sort((a, b) => a - b);
  const within = (v) => (v >= lo && v <= hi) || t.lits.has(JSON.stringify(v));
  const edges = [-Infinity, ...sorted, Infinity];
  for (let i = 0; i + 1 < edges.length; i++) {
    const [a, b] = [edges[i], edges[i + 1]];
    // the open interval (a, b), where the range reaches into it (and holds a whole number, when
    // only whole numbers can be there)
    if (a < hi && b > lo) {
      if (!t.int) cells.push({ v: a === -Infinity ? (b === Infinity ? 0 : b - 1) : b === Infinity ? a + 1 : (a + b) / 2 });
      else {
        const n = a === -Infinity ? Math.ceil(b) - 1 : Math.floor(a) + 1;
        if (n < b && n > a) cells.push({ v: n });
      }
    }
    if (i + 2 < edges.length && within(b)) cells.push({ v: b });
  }
  return cells;
}
function holds(cond, v) {
  if (cond && typeof cond === 'object' && !Array.isArray(cond)) {
    if ('from' in cond || 'to' in cond) return typeof v === 'number' && (cond.from === undefined || v >= cond.from) && (cond.to === undefined || v <= cond.to);
    if (Array.isArray(cond.in)) return cond.in.some((x) => x === v);
  }
  return cond === v;
}
/** rows: [{when: {column: condition}}]; facts: column -> type. {reached: row indexes, none}. */
function firstMatches(rows, factOf) {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r.when || {})))];
  const dims = cols.map((c) => cellsOf(factOf(c), rows.map((r) => r.when?.[c]).filter((x) => x !== undefined)));
  const size = dims.reduce((n, d) => n * (d ? d.length : 1), 1);
  if (size > CELLS_LIMIT) return { reached: rows.map((_, i) => i), none: true };
  const reached = new Set();
  let none = false;
  const pick = new Array(cols.length).fill(0);
  for (let n = 0; n < size; n++) {
    let matched = false;
    for (let r = 0; r < rows.length && !matched; r++) {
      let sure = true;
      let can = true;
      cols.forEach((c, i) => {
        if (!can || !(c in (rows[r].when || {}))) return;
        if (!dims[i]) sure = false;
        else if (!holds(rows[r].when[c], dims[i][pick[i]].v)) can = false;
      });
      if (!can) continue;
      reached.add(r);
      matched = sure;
    }
    none = none || !matched;
    for (let i = 0; i < cols.length; i++) {
      if (!dims[i]) continue;
      if (++pick[i] < dims[i].length) break;
      pick[i] = 0;
    }
  }
  return { reached: [...reached].sort((a, b) => a - b), none };
}

/** A field spec's type as the program sees it (a field left out is null). */
function fieldT(spec) {
  switch (spec.type) {
    case 'integer': case 'number': return numberIn(spec.min ?? -Infinity, spec.max ?? Infinity, spec.type === 'integer');
    case 'boolean': return BOOL();
    case 'enum': return spec.values?.length ? join(...spec.values.map(lit)) : STRING;
    case 'date': return DATE;
    case 'list': return arrOf(spec.items ? fieldT(spec.items) : ANY);
    case 'object': return objOf(Object.entries(spec.fields || {}).map(([k, s]) => [k, { t: inputT(s), opt: !(s.required || s.default !== undefined) }]));
    default: return STRING;
  }
}
const inputT = (spec) => (spec.required || spec.default !== undefined ? fieldT(spec) : withNull(fieldT(spec)));

/** A type as an exact text (memo keys, fixed points). */
function canon(t) {
  if (t.any) return '*';
  const o = t.obj ? `{${[...t.obj].map(([k, m]) => `${JSON.stringify(k)}${m.opt ? '?' : ''}:${canon(m.t)}`).sort().join(',')}}` : '';
  const r = t.prim.has('number') ? `${t.range ? `${t.range[0]}..${t.range[1]}` : ''}${t.int ? 'i' : ''}` : '';
  return `${[...t.prim].sort().join('|')}${r}|${[...t.lits.keys()].sort().join('|')}|${t.arr ? `[${canon(t.arr)}]` : ''}|${o}`;
}

// --- printing -----------------------------------------------------------------------------------
const MESSAGE_KEYS = new Set(['code', 'message', 'rule', 'cites']);
const TERM_KEYS = new Set(['term', 'label', 'days', 'source', 'cites']);
const sub = (t, ...allowed) => !t.any && !t.arr && !t.obj && [...t.prim].every((p) => allowed.includes(p)) &&
  [...t.lits.values()].every((v) => allowed.includes(typeof v));
/** An object that is a Message (code, message, rule, cites) or a BreakdownTerm, printed by its name. */
function named(obj) {
  const keys = [...obj.keys()];
  const m = (k) => obj.get(k);
  if (keys.every((k) => MESSAGE_KEYS.has(k)) && m('code') && !m('code').opt && sub(m('code').t, 'string') &&
      m('message') && !m('message').opt && sub(m('message').t, 'string') && (!m('rule') || sub(m('rule').t, 'string')))
    return 'Message';
  if (keys.every((k) => TERM_KEYS.has(k)) && m('term') && !m('term').opt && sub(m('term').t, 'string') &&
      m('days') && !m('days').opt && sub(m('days').t, 'number') && m('source') && !m('source').opt &&
      sub(m('source').t, 'string') && (!m('label') || sub(m('label').t, 'string')))
    return 'BreakdownTerm';
  return null;
}
// A text known to be one of a few values (an enum field's, a kind or code the pack writes) is
// written as their union; more of them, or prose, read as string.
const MAX_LITERALS = 12;
const TOKEN = /^[A-Za-z0-9_.+:-]{1,40}$/;
function print(t) {
  if (t.any) return 'JsonValue';
  const parts = [];
  const strings = [...t.lits.values()].filter((v) => typeof v === 'string');
  const hasString = t.prim.has('string') || strings.length > MAX_LITERALS || !strings.every((v) => TOKEN.test(v));
  if (hasString) parts.push('string');
  else if (t.prim.has('IsoDate')) parts.push('IsoDate');
  if (t.prim.has('number') || [...t.lits.values()].some((v) => typeof v === 'number')) parts.push('number');
  if ([...t.lits.values()].some((v) => typeof v === 'boolean')) parts.push('boolean');
  if (!hasString) for (const s of strings.sort()) parts.push(quote(s));
  if (t.obj) parts.push(printObject(t.obj));
  if (t.arr) {
    const item = print(t.arr);
    parts.push(/^[\w.]+$/.test(item) ? `${item}[]` : `Array<${item}>`);
  }
  if (t.prim.has('null')) parts.push('null');
  return parts.length ? parts.join(' | ') : 'never';
}
function printObject(obj) {
  const name = named(obj);
  if (name) return name;
  const lines = [...obj].map(([k, m]) => `${key(k)}${m.opt ? '?' : ''}: ${print(m.t)}`);
  // The engine names the files a `rule` (or a term's `source`) cites beside it (cites), for tools.
  const cites = ['rule', 'source'].some((k) => obj.get(k) && (obj.get(k).t.any || obj.get(k).t.prim.has('string') ||
    [...obj.get(k).t.lits.values()].some((v) => typeof v === 'string')));
  if (cites && !obj.has('cites')) lines.push('cites?: string[]');
  return `{ ${lines.join('; ')} }`;
}

// --- following the programs ---------------------------------------------------------------------
const DATE_OPS = new Set(['addDays', 'addWeeks', 'addMonths', 'addYears', 'addWorkingDays']);
const NUMBER_OPS = new Set(['-', '*', '/', 'ceilTo', 'floorTo']);
const args = (a) => (Array.isArray(a) ? a : [a]);

class Follower {
  constructor(pack) {
    this.pack = pack;
    this.tables = pack.tables || {};
    this.programs = pack.programs || {};
    this.memo = new Map();
    this.calling = new Set();
    this.open = false;
  }

  /** A variable's type: a `let` (innermost first), else an input of the program. */
  lookup(scope, name) {
    if (name === '$today') return withNull(DATE);
    if (name === '$locale') return STRING;
    for (let s = scope; s; s = s.parent) if (s.vars.has(name)) return s.vars.get(name);
    return undefined;
  }

  /** Whether `name` is an input of the program here (not a `let`): a call passes it on. */
  isInput(scope, name) {
    for (let s = scope; s; s = s.parent) if (s.vars.has(name)) return !s.parent || Boolean(s.inputs?.has(name));
    return false;
  }

  /**
   * The scope in which `cond` is known true (positive) or false: variables narrowed as the core's
   * checker narrows them (typecheck.cpp): isNull, == and != with a literal, in a literal list, a
   * variable itself, not, and, or.
   */
  narrowed(scope, cond, positive) {
    const edits = new Map();
    this.collect(cond, positive, scope, edits);
    if (!edits.size) return scope;
    const child = { parent: scope, vars: new Map(), inputs: new Set() };
    for (const [name, t] of edits) {
      if (this.isInput(scope, name)) child.inputs.add(name);
      child.vars.set(name, t);
    }
    return child;
  }

  collect(e, positive, scope, edits) {
    if (!e || typeof e !== 'object' || Array.isArray(e)) return;
    const [op] = Object.keys(e);
    const A = args(e[op]);
    const pathOf = (x) => (x && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 1 &&
      typeof x.var === 'string' && !x.var.startsWith('$') ? x.var.split('.') : null);
    const literalOf = (x) => (x === null || ['string', 'number', 'boolean'].includes(typeof x) ? { v: x } : null);
    const listOf = (x) => (Array.isArray(x) && x.every((v) => literalOf(v)) ? x
      : x && typeof x === 'object' && Array.isArray(x.quote) && x.quote.every((v) => literalOf(v)) ? x.quote : null);
    const edit = (path, f) => {
      if (!path) return;
      const [head, ...rest] = path;
      const cur = edits.get(head) ?? this.lookup(scope, head);
      if (cur === undefined || cur.any) return;
      if (!rest.length) {
        edits.set(head, f(cur));
        return;
      }
      // A member known not to be null: the objects it is read from are there too.
      let m = cur;
      for (const k of rest) m = memberOf(m, k);
      const nt = f(m);
      if (hasNull(nt)) return;
      const put = (t, keys) => {
        const o = withoutNull(t);
        if (!o.obj || !o.obj.has(keys[0])) return null;
        const inner = keys.length === 1 ? nt : put(o.obj.get(keys[0]).t, keys.slice(1));
        if (!inner) return null;
        const out = join(o);
        out.obj = new Map(o.obj).set(keys[0], { t: inner, opt: false });
        return out;
      };
      const t = put(cur, rest);
      if (t) edits.set(head, t);
    };
    const keep = (t, pred) => {
      const out = join(t);
      for (const [k, v] of out.lits) if (!pred(v)) out.lits.delete(k);
      return out;
    };
    const only = (t, values) => {
      const may = values.filter((v) => (v === null ? hasNull(t) : t.lits.has(JSON.stringify(v)) ||
        (typeof v === 'number' && t.prim.has('number')) || (typeof v === 'string' && (t.prim.has('string') || t.prim.has('IsoDate')))));
      return may.length ? join(...may.map(lit)) : t;
    };
    const without = (t, values) => {
      let out = keep(t, (v) => !values.includes(v));
      if (values.includes(null)) out = withoutNull(out);
      return out;
    };
    if (op === 'not') this.collect(A[0], !positive, scope, edits);
    else if ((op === 'and' && positive) || (op === 'or' && !positive)) for (const x of A) this.collect(x, positive, scope, edits);
    else if (op === 'and' || op === 'or') {
      // and is false (or true) through the one part the inputs do not decide, if there is one.
      const open = A.filter((x) => truth(this.expr(x, scope)) !== (op === 'and'));
      if (open.length === 1) this.collect(open[0], positive, scope, edits);
    } else if (op === 'isNull') {
      const p = pathOf(A[0]);
      if (p) edit(p, (t) => (positive ? (p.length === 1 ? NULL : t) : withoutNull(t)));
    } else if (op === '==' || op === '!=') {
      const p = pathOf(A[0]) || pathOf(A[1]);
      const l = literalOf(pathOf(A[0]) ? A[1] : A[0]);
      if (p && l) edit(p, (t) => ((op === '==') === positive ? only(t, [l.v]) : without(t, [l.v])));
    } else if (op === 'in') {
      const p = pathOf(A[0]);
      const list = listOf(A[1]);
      if (p && list) edit(p, (t) => (positive ? only(t, list) : without(t, list)));
    } else if (op === 'var') {
      const p = pathOf(e);
      if (p) edit(p, (t) => (positive ? lit(true) : keep(t, (v) => v !== true)));
    }
  }

  expr(e, scope) {
    if (e === null || typeof e !== 'object') return lit(e ?? null);
    if (Array.isArray(e)) return arrOf(join(NEVER, ...e.map((x) => this.expr(x, scope))));
    const [op] = Object.keys(e);
    const a = e[op];
    const A = args(a);
    const ex = (x) => this.expr(x, scope);
    const inner = (vars) => ({ parent: scope, vars: new Map(vars) });
    if (op === 'var') {
      const [path, ...dflt] = Array.isArray(a) ? a : [a];
      const [head, ...rest] = String(path).split('.');
      let t = this.lookup(scope, head);
      if (t === undefined) return dflt.length ? ex(dflt[0]) : ANY;
      for (const k of rest) t = memberOf(t, k);
      return dflt.length && hasNull(t) ? join(withoutNull(t), ex(dflt[0])) : t;
    }
    if (op === 'quote') return jsonT(a);
    if (op === 'literal') return jsonT(a);
    if (op === 'object') return objOf(Object.entries(a).map(([k, v]) => [k, { t: ex(v), opt: false }]));
    if (op === 'list') return arrOf(join(NEVER, ...A.map(ex)));
    if (op === '+') {
      const ts = A.map((x) => withoutNull(ex(x)));
      const rs = ts.map(numRange);
      const int = ts.every((t) => (!t.prim.has('number') || t.int) && [...t.lits.values()].every((v) => typeof v !== 'number' || Number.isInteger(v)));
      return rs.every(Boolean) ? numberIn(rs.reduce((n, r) => n + r[0], 0), rs.reduce((n, r) => n + r[1], 0), int) : NUMBER;
    }
    if (op === 'length') {
      ex(A[0]);
      return COUNT;
    }
    if (NUMBER_OPS.has(op)) {
      A.forEach(ex);
      return NUMBER;
    }
    if (op === 'daysBetween') return A.map(ex).some(hasNull) ? withNull(NUMBER) : NUMBER;
    if (op === 'range') {
      const [x, y] = A.map((v) => numRange(withoutNull(ex(v))));
      return arrOf(x && y ? numberIn(x[0], y[1], true) : numberIn(-Infinity, Infinity, true));
    }
    if (['min', 'max'].includes(op)) {
      // Nulls are skipped (list items too): null only when every value may be missing.
      const parts = A.map(ex).map((t) => (t.arr || t.any ? join(withoutNull(t), itemsOf(t), NULL) : t));
      const values = parts.map((t) => { const x = join(withoutNull(t)); x.arr = null; return x; });
      return parts.every(hasNull) ? withNull(join(NEVER, ...values)) : join(NEVER, ...values);
    }
    if (op === '==' || op === '!=') {
      const [x, y] = A.map(ex);
      let eq;
      const sx = single(x);
      const sy = single(y);
      if (sx && sy) eq = sx.v === sy.v;
      else if (!x.any && !y.any && !x.prim.size && !y.prim.size && !x.arr && !y.arr && !x.obj && !y.obj &&
        [...x.lits.keys()].every((k) => !y.lits.has(k))) eq = false;
      else if ((onlyNull(x) && !hasNull(y)) || (onlyNull(y) && !hasNull(x))) eq = false;
      return fromTruth(eq === undefined ? undefined : op === '==' ? eq : !eq);
    }
    if (['<', '<=', '>', '>=', 'some', 'all', 'startsWith', 'blank'].includes(op)) {
      if (op === 'some' || op === 'all') this.overList(A, scope);
      return BOOL();
    }
    if (op === 'not') return fromTruth(((v) => (v === undefined ? undefined : !v))(truth(ex(A[0]))));
    if (op === 'and' || op === 'or') {
      const vs = A.map((x) => truth(ex(x)));
      const stop = op === 'or';
      if (vs.includes(stop)) return lit(stop);
      return fromTruth(vs.every((v) => v === !stop) ? !stop : undefined);
    }
    if (op === 'isNull') {
      const t = ex(A[0]);
      return fromTruth(onlyNull(t) ? true : hasNull(t) ? undefined : false);
    }
    if (op === 'in') {
      const x = ex(A[0]);
      const listExpr = A[1];
      const known = Array.isArray(listExpr) && listExpr.every((v) => v === null || typeof v !== 'object') ? listExpr
        : listExpr && typeof listExpr === 'object' && 'quote' in listExpr && Array.isArray(listExpr.quote) ? listExpr.quote : null;
      const s = single(x);
      if (known && s) return lit(known.includes(s.v));
      const items = itemsOf(ex(listExpr));
      if (!x.any && !items.any && !x.prim.size && !items.prim.size && !x.arr && !x.obj && !items.arr && !items.obj &&
        [...x.lits.keys()].every((k) => !items.lits.has(k))) return lit(false);
      return BOOL();
    }
    if (op === 'if') {
      const out = [];
      let rest = scope;
      for (let i = 0; i + 1 < A.length; i += 2) {
        const c = truth(this.expr(A[i], rest));
        if (c === false) continue;
        out.push(this.expr(A[i + 1], this.narrowed(rest, A[i], true)));
        if (c === true) return join(NEVER, ...out);
        rest = this.narrowed(rest, A[i], false);
      }
      out.push(this.expr(A[A.length - 1], rest));
      return join(NEVER, ...out);
    }
    if (op === 'coalesce') {
      const out = [];
      for (const x of A) {
        const t = ex(x);
        out.push(withoutNull(t));
        if (!hasNull(t)) return join(NEVER, ...out);
      }
      return withNull(join(NEVER, ...out));
    }
    if (op === 'date') {
      const t = ex(A[0]);
      return sub(t, 'IsoDate') ? DATE : withNull(DATE);
    }
    if (DATE_OPS.has(op)) {
      const [d, n] = A.map(ex);
      return hasNull(d) || hasNull(n) || !sub(withoutNull(d), 'IsoDate') ? withNull(DATE) : DATE;
    }
    if (op === 'startOfYear' || op === 'endOfYear') return hasNull(ex(A[0])) ? withNull(DATE) : DATE;
    if (op === 'concat') {
      // Texts known to be one of a few (a column name and a suffix) stay known.
      let texts = [''];
      for (const x of A) {
        const t = ex(x);
        const known = !t.any && !t.arr && !t.obj && [...t.prim].every((p) => p === 'null') &&
          [...t.lits.values()].every((v) => typeof v === 'string' || typeof v === 'boolean' || Number.isInteger(v));
        const parts = known ? [...[...t.lits.values()].map(String), ...(hasNull(t) ? [''] : [])] : null;
        texts = parts && texts && texts.length * parts.length <= 16 ? texts.flatMap((a) => parts.map((b) => a + b)) : null;
      }
      return texts && texts.length ? join(...texts.map(lit)) : STRING;
    }
    if (op === 'message') {
      A.forEach(ex);
      return STRING;
    }
    if (op === 'lower') {
      const t = ex(A[0]);
      return join(NEVER, ...[t.prim.has('string') || t.lits.size ? STRING : NEVER, (() => {
        const x = join(t);
        x.prim.delete('string');
        for (const [k, v] of x.lits) if (typeof v === 'string') x.lits.delete(k);
        return x;
      })()]);
    }
    if (op === 'clauseNumber') return withNull(STRING);
    if (op === 'get') {
      const [o, k] = A.map(ex);
      const s = single(k);
      if (o.any) return ANY;
      const parts = [];
      const names = !k.any && !k.prim.size && !k.arr && !k.obj && k.lits.size && [...k.lits.values()].every((v) => typeof v === 'string')
        ? [...k.lits.values()] : null;
      if (s && typeof s.v === 'string') parts.push(memberOf(o, s.v));
      else if (names && o.obj) parts.push(...names.map((n) => memberOf(o, n)));
      else if (o.obj) parts.push(...[...o.obj.values()].map((m) => m.t), NULL);
      if (o.arr) parts.push(o.arr, NULL);
      if (hasNull(o) || o.prim.size || o.lits.size) parts.push(NULL);
      return join(NEVER, ...parts);
    }
    if (op === 'firstRepeat') {
      this.overList(A, scope);
      return withNull(COUNT);
    }
    if (['map', 'filter', 'find', 'count', 'sum', 'sortBy', 'distinct', 'flatten'].includes(op)) {
      const list = ex(A[0]);
      const items = itemsOf(list);
      const fn = A[1] !== undefined ? this.expr(A[1], inner([['it', items], ['index', NUMBER]])) : items;
      if (op === 'map') return arrOf(fn);
      // The items a filter keeps are those its condition holds for (narrowed like a `when`).
      if (op === 'filter') {
        const kept = this.lookup(this.narrowed(inner([['it', items], ['index', NUMBER]]), A[1], true), 'it');
        return arrOf(kept ?? items);
      }
      if (op === 'sortBy' || op === 'distinct') return arrOf(items);
      if (op === 'find') return withNull(items);
      if (op === 'flatten') {
        const rest = join(items);
        rest.arr = null;
        return arrOf(join(NEVER, itemsOf(items), withoutNull(rest)));
      }
      return op === 'count' ? COUNT : NUMBER;
    }
    if (op === 'iterate') {
      let item = ex(A[0]);
      ex(A[1]);
      for (let i = 0; i < 4; i++) {
        const next = join(item, this.expr(A[2], inner([['it', item], ['index', NUMBER]])));
        if (canon(next) === canon(item)) break;
        item = next;
      }
      return arrOf(item);
    }
    if (op === 'lookup') return this.lookupT(A[0], A.slice(1).map(ex));
    if (op === 'decide') return this.decideT(A[0], ex(A[1]));
    if (op === 'call') return this.callT(A[0], A[1], scope);
    return ANY;
  }

  overList(A, scope) {
    const items = itemsOf(this.expr(A[0], scope));
    if (A[1] !== undefined) this.expr(A[1], { parent: scope, vars: new Map([['it', items], ['index', NUMBER]]) });
  }

  /** A map's entry for the keys (each known value looked up), or a band's value; null for none. */
  lookupT(name, keys) {
    const t = this.tables[name];
    if (!t) return ANY;
    if (t.kind === 'bands') {
      const bands = t.bands || [];
      const key = keys[0] || ANY;
      const { reached, none } = firstMatches(bands.map((b) => ({ when: { key: { from: b.from, to: b.to } } })), () => key);
      return join(NEVER, ...reached.map((i) => jsonT(bands[i].value ?? null)), none ? NULL : NEVER);
    }
    if (t.kind !== 'map') return ANY;
    let level = [t.entries || {}];
    let missing = false;
    for (const k of keys) {
      const text = (v) => (typeof v === 'number' ? String(v) : typeof v === 'boolean' ? String(v) : v);
      const next = [];
      const known = !k.any && !k.prim.size && !k.arr && !k.obj;
      for (const o of level) {
        if (!o || typeof o !== 'object' || Array.isArray(o)) {
          missing = true;
          continue;
        }
        if (known) {
          for (const v of k.lits.values()) {
            if (Object.hasOwn(o, text(v))) next.push(o[text(v)]);
            else missing = true;
          }
        } else {
          next.push(...Object.values(o));
          missing = true;
        }
      }
      level = next;
    }
    return join(NEVER, ...level.map(jsonT), missing ? NULL : NEVER);
  }

  /** A decision table's first matching row, `then` and `rule` (evaluate.cpp, decide); null for none. */
  decideT(name, facts) {
    const rows = this.tables[name]?.rows;
    if (!Array.isArray(rows)) return ANY;
    const { reached, none } = firstMatches(rows, (c) => memberOf(facts, c));
    const out = reached.map((i) => {
      const t = jsonT({ ...(rows[i].then || {}) });
      if (!('rule' in (rows[i].then || {}))) t.obj.set('rule', { t: STRING, opt: false });
      return t;
    });
    return join(NEVER, ...out, none ? NULL : NEVER);
  }

  /** A program's output: the caller's inputs with some replaced (evaluate.cpp, call). */
  callT(name, overridesExpr, scope) {
    const program = this.programs[name];
    if (!Array.isArray(program)) return ANY;
    const chain = [];
    for (let x = scope; x; x = x.parent) chain.unshift(x);
    const inputs = new Map(chain[0].vars);
    for (const x of chain) for (const n of x.inputs || []) inputs.set(n, x.vars.get(n));
    if (overridesExpr !== undefined) {
      const o = this.expr(overridesExpr, scope);
      if (o.any || !o.obj) return ANY;
      for (const [k, m] of o.obj) inputs.set(k, m.opt ? join(inputs.get(k) || NULL, m.t) : m.t);
    }
    const memoKey = `${name}\n${[...inputs].map(([k, t]) => `${k}:${canon(t)}`).join('\n')}`;
    if (this.memo.has(memoKey)) return this.memo.get(memoKey);
    if (this.calling.has(name)) return ANY;
    this.calling.add(name);
    try {
      const state = this.run(program, programScope(inputs), newState());
      const t = state ? objOf([...state.out].map(([k, m]) => [k, { t: m.t, opt: !m.always }])) : NEVER;
      this.memo.set(memoKey, t);
      return t;
    } finally {
      this.calling.delete(name);
    }
  }

  /** Runs statements: the output state after them, or null when every path fails. */
  run(stmts, scope, state) {
    let block = scope;
    for (const s of stmts || []) {
      if (!state) return null;
      const c = 'when' in s ? truth(this.expr(s.when, block)) : true;
      if (c === false) continue;
      // What runs under `when` knows its condition true; after a `fail` under it, it is false.
      const here = 'when' in s ? this.narrowed(block, s.when, true) : block;
      if ('fail' in s) {
        if (c === true) return null;
        const next = this.narrowed(block, s.when, false);
        if (next !== block) block = { parent: next, vars: new Map() };
        continue;
      }
      if ('let' in s) {
        const t = this.expr(s.value, here);
        // A value of no type is one no run computes (a call that always fails): nor does the rest.
        if (isNever(t)) {
          if (c === true) return null;
          continue;
        }
        const before = this.lookup(block, s.let);
        block.vars.set(s.let, c === true || before === undefined ? t : join(before, t));
        continue;
      }
      const after = this.stmt(s, here, cloneState(state));
      state = c === true ? after : joinStates(state, after);
    }
    return state;
  }

  stmt(s, scope, state) {
    const out = state.out;
    const set = (name, t) => out.set(name, { t, always: true });
    const push = (name, item) => {
      const cur = out.get(name);
      let items = item;
      if (cur) {
        const rest = join(cur.t);
        rest.arr = null;
        items = join(item, itemsOf(cur.t), rest);
      }
      out.set(name, { t: arrOf(items), always: true });
    };
    const message = () => objOf([['code', { t: STRING, opt: false }], ['message', { t: STRING, opt: false }], ['rule', { t: STRING, opt: false }]]);
    // A merge of null fails (missing_value): only an object is merged.
    const value = 'set' in s || 'push' in s ? this.expr(s.value, scope) : 'merge' in s ? withoutNull(this.expr(s.merge, scope)) : null;
    if (value && isNever(value)) return null;
    if ('set' in s) set(s.set, value);
    else if ('push' in s) push(s.push, value);
    else if ('term' in s) {
      for (const v of Object.values(s.params || {})) this.expr(v, scope);
      const members = [['term', { t: STRING, opt: false }]];
      if (s.label) members.push(['label', { t: STRING, opt: false }]);
      members.push(['days', { t: this.expr(s.days, scope), opt: false }], ['source', { t: STRING, opt: false }]);
      push('breakdown', objOf(members));
    } else if ('note' in s || 'warn' in s || 'say' in s) {
      for (const v of Object.values(s.params || {})) this.expr(v, scope);
      push('note' in s ? 'notes' : 'warn' in s ? 'warnings' : s.into || 'notes', message());
    } else if ('merge' in s) {
      const t = value;
      if (t.any || !t.obj) this.open = true;
      else for (const [k, m] of t.obj) out.set(k, m.opt && out.has(k) ? { t: join(out.get(k).t, m.t), always: out.get(k).always } : { t: m.t, always: !m.opt });
    } else if ('fail' in s) return null;
    else if ('each' in s) {
      const items = itemsOf(this.expr(s.in, scope));
      let cur = state;
      for (let i = 0; i < 4; i++) {
        const body = this.run(s.do, { parent: scope, vars: new Map([[s.each, items], [`${s.each}Index`, NUMBER]]) }, cloneState(cur));
        const next = joinStates(cur, body);
        if (sameState(next, cur)) break;
        cur = next;
      }
      return cur;
    } else if ('if' in s) {
      const c = truth(this.expr(s.if, scope));
      const branch = (stmts, yes) => this.run(stmts, { parent: this.narrowed(scope, s.if, yes), vars: new Map() }, cloneState(state));
      if (c === true) return branch(s.then, true);
      if (c === false) return branch(s.else, false);
      return joinStates(branch(s.then, true), branch(s.else, false));
    }
    return state;
  }
}

// A program's scope: its `let`s over its inputs (the root, which a call starts from).
const programScope = (inputs) => ({ parent: { parent: null, vars: new Map(inputs) }, vars: new Map() });
const newState = () => ({ out: new Map() });
const cloneState = (s) => (s ? { out: new Map(s.out) } : s);
function joinStates(a, b) {
  if (!a) return b;
  if (!b) return a;
  const out = new Map();
  for (const [k, m] of a.out) {
    const n = b.out.get(k);
    out.set(k, n ? { t: join(m.t, n.t), always: m.always && n.always } : { t: m.t, always: false });
  }
  for (const [k, n] of b.out) if (!a.out.has(k)) out.set(k, { t: n.t, always: false });
  return { out };
}
function sameState(a, b) {
  if (!a || !b) return a === b;
  if (a.out.size !== b.out.size) return false;
  for (const [k, m] of a.out) {
    const n = b.out.get(k);
    if (!n || n.always !== m.always || canon(n.t) !== canon(m.t)) return false;
  }
  return true;
}

// Each program is followed once for every combination of the values of the request's enum fields
// (and null, for one that may be left out), at most this many: conditions on them are then known.
const MAX_WORLDS = 4096;
function worlds(fields) {
  let out = [new Map(Object.entries(fields).map(([k, s]) => [k, inputT(s)]))];
  const enums = Object.entries(fields).filter(([, s]) => s.type === 'enum' && s.values?.length)
    .sort((x, y) => x[1].values.length - y[1].values.length);
  for (const [name, spec] of enums) {
    const values = [...spec.values.map(lit), ...(spec.required || spec.default !== undefined ? [] : [NULL])];
    if (out.length * values.length > MAX_WORLDS) break;
    out = out.flatMap((w) => values.map((v) => new Map(w).set(name, v)));
  }
  return out;
}

/** The members an operation's program sets in its answer: name -> {t, always}; open: merges not followed. */
function answerMembers(opName, op, pack, catalog) {
  const f = new Follower(pack);
  let members = null;
  for (const inputs of worlds(op.fields || {})) {
    const state = f.run(op.program, programScope(inputs), newState());
    members = joinStates(members, state);
  }
  const out = members ? members.out : new Map();
  // Every answer may carry notices on the unverified tables it used (engine.cpp,
  // with_unverified_notices): Messages in `warnings`, which is then a list.
  const message = objOf([['code', { t: STRING, opt: false }], ['message', { t: STRING, opt: false }], ['rule', { t: STRING, opt: false }]]);
  const w = out.get('warnings');
  if (w) {
    const rest = withoutNull(w.t);
    out.set('warnings', { t: join(rest, arrOf(message)), always: w.always });
  } else out.set('warnings', { t: arrOf(message), always: false });
  // A deadlines answer names each deadline's kind for people (engine.cpp, with_deadline_labels):
  // `label`, wherever the catalogs have deadline_<kind>, and whose it is (`party`, from the form's
  // overdueKinds: the client's when the form names none).
  if (opName === 'deadlines') {
    const clients = pack.form?.overdueKinds?.length ? new Set(pack.form.overdueKinds) : null;
    for (const name of ['deadlines', 'auditDeadlines']) {
      const m = out.get(name);
      if (!m || !m.t.arr?.obj) continue;
      const item = join(m.t.arr);
      const kind = item.obj.get('kind');
      if (!kind) continue;
      const kinds = [...kind.t.lits.values()].filter((k) => typeof k === 'string');
      const anyText = kind.t.any || kind.t.prim.has('string');
      const surely = !kind.opt && !hasNull(kind.t);
      const parties = anyText ? ['client', 'body'].filter((p) => p === 'client' || clients)
        : [...new Set(kinds.map((k) => (!clients || clients.has(k) ? 'client' : 'body')))];
      const obj = new Map(item.obj);
      if (parties.length) obj.set('party', { t: join(...parties.map(lit)), opt: !surely });
      const labelled = kinds.filter((k) => Object.hasOwn(pack.messages || {}, `deadline_${k}`) || catalog.has(`deadline_${k}`));
      if (!item.obj.has('label') && (anyText || labelled.length)) {
        const always = !anyText && surely && labelled.length === kinds.length;
        obj.set('label', { t: STRING, opt: !always });
      }
      item.obj = obj;
      const t = join(m.t);
      t.arr = item;
      out.set(name, { t, always: m.always });
    }
  }
  return { members: out, open: f.open };
}

export function declarations(rulesDir) {
  const packs = load(rulesDir);
  const catalog = catalogIds(rulesDir);
  const out = [];
  const byOp = Object.fromEntries([...OPS, 'validate'].map((o) => [o, []]));
  for (const pack of packs) {
    const P = pascal(pack.id);
    for (const [name, op] of Object.entries(pack.operations || {})) {
      if (!OPS.includes(name)) continue;
      const fields = op.fields || {};
      const N = name[0].toUpperCase() + name.slice(1);
      out.push(`/** ${pack.title}: the \`${name}\` request (the pack's field specs). */`);
      const request = Object.entries(fields).map(([f, spec]) =>
        `  ${key(f)}${spec.required && spec.default === undefined ? '' : '?'}: ${fieldType(spec)}${spec.required ? '' : ' | null'};`);
      out.push(`export interface ${P}${N}Request {\n  scheme: ${quote(pack.id)};\n  locale?: Locale | null;\n${request.join('\n')}\n}`);
      const { members, open } = answerMembers(name, op, pack, catalog);
      // A merged object the generator cannot follow may replace any member: then only the names
      // are known (the index type admits the Messages of warnings too).
      const lines = [...members].map(([m, t]) => `  ${key(m)}${t.always ? '' : '?'}: ${open ? 'JsonValue' : print(t.t)};`);
      if (open) lines.push('  /** members an object of the program is merged with */\n  [member: string]: JsonValue | Message[] | undefined;');
      if (!open && members.has('rule') && !members.has('cites')) lines.push('  cites?: string[];');
      out.push(`/** ${pack.title}: the \`${name}\` answer (the members its program sets). */`);
      out.push(`export interface ${P}${N}Answer {\n${lines.join('\n')}\n}`);
      byOp[name].push(pack.id);
    }
    if (pack.form) byOp.validate.push(pack.id);
  }
  const ids = packs.map((p) => quote(p.id));
  const lines = [];
  lines.push(`/** The built-in packs. */\nexport type BuiltInScheme = ${ids.join(' | ')};`);
  for (const o of OPS) {
    const N = o[0].toUpperCase() + o.slice(1);
    lines.push(`/** Requests and answers of \`${o}\` by pack. */\nexport interface ${N}ByScheme {\n${byOp[o].map((id) => `  ${quote(id)}: { request: ${pascal(id)}${N}Request; answer: ${pascal(id)}${N}Answer };`).join('\n')}\n}`);
  }
  lines.push(`/** Packs that answer \`validate\`. */\nexport type ValidateScheme = ${byOp.validate.map(quote).join(' | ') || 'never'};`);
  return `${out.join('\n')}\n\n${lines.join('\n\n')}\n`;
}

/**
 * The whole of certcalc-rules.d.ts: the types of certcalc-rules.js (written by rule_assets.mjs)
 * and the declarations above. web/build.mjs writes the package's copy with it.
 */
export function rulesDeclarationFile(rulesDir) {
  return `// Generated by cmake/rule_types.mjs from rules/. Do not edit.
import type { BreakdownTerm, IsoDate, JsonValue, Locale, Message, SchemeEntry } from './certcalc.js';

/** index/packs.json: what \`schemes\` lists before a pack is loaded. */
export declare const index: SchemeEntry[];
/** The rule assets next to the module, by pack and locale. */
export declare const assets: { locales: Locale[]; shared: string[]; schema: boolean; packs: Record<string, Locale[]> };

${declarations(rulesDir)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [rulesDir, output] = process.argv.slice(2);
  writeFileSync(output, declarations(rulesDir));
}
