// Writes the TypeScript types of the JS API (certcalc.d.ts) from the rule packs: each pack's
// request of each operation from its field specs (rules/packs/*.json, shared data resolved), each
// answer from the members its program sets (types inferred from the expressions, JsonValue where
// an expression says nothing), and the shapes every door shares (docs/api.md, docs/validate.md).
// usage: node rule_types.mjs RULES_DIR OUT.d.ts   (rule_assets.mjs writes certcalc-rules.d.ts with it)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OPS = ['duration', 'grade', 'schedule', 'deadlines', 'rotation'];

function load(rulesDir) {
  const shared = (name) => JSON.parse(readFileSync(join(rulesDir, 'shared', `${name}.json`), 'utf8')).data;
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
  return readdirSync(join(rulesDir, 'packs')).filter((f) => f.endsWith('.json')).sort()
    .map((f) => resolve(JSON.parse(readFileSync(join(rulesDir, 'packs', f), 'utf8'))));
}

const pascal = (id) => id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const quote = (s) => JSON.stringify(s);
const key = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k));
// The members of a union type, split at its top level only ({ a: X | null } stays whole).
const members = (t) => {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < t.length; i++) {
    if ('{<('.includes(t[i])) depth++;
    else if ('}>)'.includes(t[i])) depth--;
    else if (depth === 0 && t.startsWith(' | ', i)) {
      out.push(t.slice(start, i));
      start = i + 3;
    }
  }
  out.push(t.slice(start));
  return out;
};
const union = (types) => {
  const u = [...new Set(types.flatMap(members))].filter((t) => t !== 'never');
  if (u.includes('JsonValue')) return 'JsonValue';
  return u.length ? u.sort().join(' | ') : 'never';
};

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

/** What an expression of the rule language (docs/rule-language.md) evaluates to, as far as it says. */
function exprType(e, env) {
  if (e === null) return 'null';
  if (typeof e === 'number') return 'number';
  if (typeof e === 'string') return 'string';
  if (typeof e === 'boolean') return 'boolean';
  if (Array.isArray(e)) return e.length ? `Array<${union(e.map((x) => exprType(x, env)))}>` : 'JsonValue[]';
  const [op] = Object.keys(e);
  const a = e[op];
  if (['min', 'max'].includes(op)) return union((Array.isArray(a) ? a : [a]).map((x) => exprType(x, env)));
  if (['+', '-', '*', '/', 'ceilTo', 'floorTo', 'sum', 'count', 'length', 'daysBetween'].includes(op)) return 'number';
  if (['==', '!=', '<', '<=', '>', '>=', 'and', 'or', 'not', 'in', 'isNull', 'some', 'all', 'startsWith'].includes(op)) return 'boolean';
  // A date computed from a date that is not there (null) is null.
  if (['date', 'addDays', 'addWeeks', 'addMonths', 'addYears', 'addWorkingDays'].includes(op)) return 'IsoDate | null';
  if (['concat', 'lower', 'message'].includes(op)) return 'string';
  if (op === 'literal') return exprType(a, env);
  if (op === 'var') {
    const path = String(Array.isArray(a) ? a[0] : a).split('.');
    if (path.length === 1) return env.vars.get(path[0]) ?? 'JsonValue';
    return memberType(env.objs?.get(path[0]), path.slice(1));
  }
  if (op === 'get' && Array.isArray(a) && typeof a[1] === 'string' && a[0]?.var && typeof a[0].var === 'string' && !a[0].var.includes('.'))
    return memberType(env.objs?.get(a[0].var), [a[1]]);
  if (op === 'quote') return jsonType(a);
  if (op === 'lookup' && Array.isArray(a)) return tableType(env.tables?.[a[0]]);
  if (op === 'decide' || op === 'call') {
    const shape = objectShape(e, env);
    return shape ? `${shapeType(shape)}${op === 'decide' ? ' | null' : ''}` : 'JsonValue';
  }
  if (['startOfYear', 'endOfYear'].includes(op)) return 'IsoDate | null';
  if (op === 'clauseNumber') return 'string | null';
  if (op === 'range') return 'number[]';
  if (['filter', 'sortBy', 'distinct'].includes(op)) return exprType(Array.isArray(a) ? a[0] : a, env);
  if (op === 'if') return union(a.filter((_, i) => i % 2 === 1 || i === a.length - 1).map((x) => exprType(x, env)));
  if (op === 'coalesce') return union(a.map((x) => exprType(x, env)));
  if (op === 'object') {
    // The engine names the files a `rule` cites beside it (cites), for tools.
    const cites = 'rule' in a ? '; cites?: string[]' : '';
    return `{ ${Object.entries(a).map(([k, v]) => `${key(k)}: ${exprType(v, env)}`).join('; ')}${cites} }`;
  }
  if (op === 'list') return a?.length ? `Array<${union(a.map((x) => exprType(x, env)))}>` : 'JsonValue[]';
  return 'JsonValue';
}

/** A JSON literal's type. */
function jsonType(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length ? `Array<${union(v.map(jsonType))}>` : 'JsonValue[]';
  if (typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${key(k)}: ${jsonType(x)}`).join('; ')} }`;
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? typeof v : 'JsonValue';
}

/** What a lookup in a map or band table gives: one of its values, or null (no entry). */
function tableType(t) {
  if (!t) return 'JsonValue';
  if (t.kind === 'bands') return union([...(t.bands || []).map((b) => jsonType(b.value ?? null)), 'null']);
  if (t.kind !== 'map') return 'JsonValue';
  let level = [t.entries || {}];
  for (let k = 1; k < (t.keys || 1); k++) level = level.flatMap((o) => (o && typeof o === 'object' ? Object.values(o) : []));
  return union([...level.flatMap((o) => (o && typeof o === 'object' ? Object.values(o) : [])).map(jsonType), 'null']);
}

// An object's members as far as the generator can follow them: Map name -> {type, always}.
const shapeType = (shape) => `{ ${[...shape].map(([k, m]) => `${key(k)}${m.always ? '' : '?'}: ${m.type}`)
  .concat(shape.has('rule') && !shape.has('cites') ? ['cites?: string[]'] : []).join('; ')} }`;
function memberType(shape, path) {
  const m = shape?.get(path[0]);
  // A decision table may have no row for the facts: then every member read from it is null.
  return m && path.length === 1 ? (m.always && !shape.nullable ? m.type : union([m.type, 'null'])) : 'JsonValue';
}

/** The members of an object expression (object, a decision table's row, a program's output), or null. */
function objectShape(e, env) {
  if (!e || typeof e !== 'object' || Array.isArray(e)) return null;
  const [op] = Object.keys(e);
  const a = e[op];
  if (op === 'object') return new Map(Object.entries(a).map(([k, v]) => [k, { type: exprType(v, env), always: true }]));
  if (op === 'var' && typeof a === 'string' && !a.includes('.')) return env.objs?.get(a) ?? null;
  if (op === 'decide' && Array.isArray(a)) {
    const rows = env.tables?.[a[0]]?.rows;
    if (!Array.isArray(rows) || !rows.length) return null;
    const shape = new Map();
    for (const row of rows) {
      const then = { ...(row.then || {}) };
      if (!('rule' in then)) then.rule = '';
      for (const [k, v] of Object.entries(then)) {
        const m = shape.get(k);
        shape.set(k, { type: m ? union([m.type, jsonType(v)]) : jsonType(v), always: true });
      }
    }
    for (const row of rows) for (const [k, m] of shape) if (!(k in (row.then || {})) && k !== 'rule') m.always = false;
    shape.nullable = true;
    return shape;
  }
  if (op === 'call') {
    const name = Array.isArray(a) ? a[0] : a;
    const program = env.programs?.[name];
    if (!Array.isArray(program) || env.calling.has(name)) return null;
    env.calling.add(name);
    try {
      const { members, open } = walkProgram(program, { ...env, vars: new Map(env.vars), objs: new Map(env.objs) });
      return open ? null : members;
    } finally {
      env.calling.delete(name);
    }
  }
  return null;
}

/** The members an operation's program sets in its answer, with their types. */
function answerMembers(op, fields, pack) {
  const env = {
    vars: new Map(Object.entries(fields).map(([k, s]) => [k, `${fieldType(s)}${s.required || s.default !== undefined ? '' : ' | null'}`])),
    objs: new Map(),
    tables: pack.tables || {},
    programs: pack.programs || {},
    calling: new Set(),
  };
  return walkProgram(op.program, env);
}

function walkProgram(program, env) {
  const members = new Map();
  let open = false;
  const add = (name, type, always) => {
    const m = members.get(name);
    members.set(name, { type: m ? union([m.type, type]) : type, always: m ? m.always || always : always });
  };
  const walk = (stmts, always) => {
    for (const s of stmts || []) {
      const cond = always && !('when' in s);
      if ('let' in s) {
        env.vars.set(s.let, union([env.vars.get(s.let) || 'never', exprType(s.value, env)].filter((t) => t !== 'never')));
        const shape = objectShape(s.value, env);
        if (shape && !env.objs.has(s.let)) env.objs.set(s.let, shape);
        else env.objs.delete(s.let);  // bound twice, or to what the generator cannot follow
      } else if ('set' in s) add(s.set, exprType(s.value, env), cond);
      else if ('push' in s) add(s.push, `Array<${exprType(s.value, env)}>`, false);
      else if ('term' in s) add('breakdown', 'BreakdownTerm[]', false);
      else if ('say' in s) add(s.into || 'notes', 'Message[]', false);
      else if ('merge' in s) {
        // A program's output or a table row merged in: its members, else any member at all.
        const shape = objectShape(s.merge, env);
        if (shape) for (const [k, m] of shape) add(k, m.type, cond && m.always && !shape.nullable);
        else open = true;
      }
      else if ('each' in s) walk(s.do, false);
      else if ('if' in s) {
        walk(s.then, false);
        walk(s.else, false);
      }
    }
  };
  walk(program, true);
  return { members, open };
}

export function declarations(rulesDir) {
  const packs = load(rulesDir);
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
      const { members, open } = answerMembers(op, fields, pack);
      // A merged object may replace any member: then only the names are known (the index type
      // also admits the warnings every answer may carry, which are Messages).
      const lines = [...members].map(([m, t]) => `  ${key(m)}${t.always ? '' : '?'}: ${open ? 'JsonValue' : t.type};`);
      if (open) lines.push('  /** members an object of the program is merged with */\n  [member: string]: JsonValue | Message[] | undefined;');
      // Every answer may carry notices on the tables it used and the files its rules cite.
      // (an interface is no JsonValue: with the index signature, only the name is known here too)
      if (!members.has('warnings')) lines.push(`  warnings?: ${open ? 'JsonValue' : 'Message[]'};`);
      if (members.has('rule')) lines.push('  cites?: string[];');
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const [rulesDir, output] = process.argv.slice(2);
  writeFileSync(output, declarations(rulesDir));
}
