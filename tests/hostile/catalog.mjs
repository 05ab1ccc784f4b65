// The hostile-input catalog as runnable cases: cases.json expanded, plus wrong-type cases
// generated from each pack's `describe` answer (every field of every operation).
// Used by run-cli.mjs (the CLI, a ctest test) and tests/node/hostile.test.js (the WASM module).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TODAY = '2026-01-15';

function repeat(spec) {
  return typeof spec === 'string' ? spec : spec.repeat.repeat(spec.times);
}

/** One catalog entry as bytes (what the CLI reads) and text (what the JS door can send). */
function expand(c) {
  const bufs = c.parts
    ? c.parts.map((p) => ('hex' in p ? Buffer.from(p.hex, 'hex') : Buffer.from('t' in p ? p.t : repeat(p), 'utf8')))
    : [Buffer.from(c.text, 'utf8')];
  const bytes = Buffer.concat(bufs);
  return { ...c, op: repeat(c.op), bytes, text: bytes.toString('utf8') };
}

export function staticCases() {
  const doc = JSON.parse(readFileSync(join(root, 'tests', 'hostile', 'cases.json'), 'utf8'));
  return doc.cases.map(expand);
}

/** The packs the vector files load (the validate test pack): both doors load them first. */
export function testPacks() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) out.push(...(JSON.parse(readFileSync(p, 'utf8')).loadPacks || []));
    }
  };
  walk(join(root, 'tests', 'vectors'));
  return out;
}

// A value every check of the field accepts.
function validValue(f) {
  switch (f.type) {
    case 'integer':
    case 'number': {
      let v = f.min ?? (f.max !== undefined && f.max < 1 ? f.max : 1);
      if (f.step && v % f.step !== 0) v = Math.ceil(v / f.step) * f.step;
      return v;
    }
    case 'boolean': return false;
    case 'enum': return f.values[0];
    case 'date': return TODAY;
    case 'string': return 'x';
    case 'list': return [];
    case 'object': return requiredOf(f.fields || []);
    default: return null;
  }
}

function requiredOf(fields) {
  const o = {};
  for (const f of fields) if (f.required && f.default === undefined) o[f.name] = validValue(f);
  return o;
}

// Values of the wrong type or outside the field's range, each an invalid_field at the field.
function wrongValues(f) {
  const common = [[], {}];
  switch (f.type) {
    case 'integer':
    case 'number': {
      const out = [['string', '1'], ['boolean', true], ['list', []], ['object', {}],
        ['1e400', { raw: '1e400' }], ['20-digits', { raw: '99999999999999999999' }]];
      if (f.type === 'integer') out.push(['fraction', 1.5]);
      if (f.min !== undefined) out.push(['below-min', f.min - 1]);
      if (f.max !== undefined) out.push(['above-max', f.max + 1]);
      if (f.step) out.push(['off-step', (f.min ?? 0) + f.step / 3]);
      return out;
    }
    case 'boolean': return [['string', 'true'], ['number', 1], ['list', []], ['object', {}]];
    case 'enum': return [['unknown-value', 'not-a-value'], ['upper-case', String(f.values[0]).toUpperCase() + 'X'],
      ['empty', ''], ['number', 1], ['boolean', true], ['list', common[0]]];
    case 'date': return [['2026-02-30', '2026-02-30'], ['0000-00-00', '0000-00-00'], ['number', 20260115],
      ['unpadded', '2026-1-15'], ['boolean', true], ['object', {}]];
    case 'string': {
      const out = [['number', 1], ['boolean', false], ['list', []], ['object', {}]];
      if (f.maxLength !== undefined && f.maxLength <= 100000) out.push(['too-long', 'x'.repeat(f.maxLength + 1)]);
      return out;
    }
    case 'list': return [['object', {}], ['string', 'x'], ['number', 1], ['null-item', [null], '/0']];
    case 'object': return [['list', []], ['string', 'x'], ['number', 1], ['boolean', true]];
    default: return [];
  }
}

// JSON text with {raw} placeholders written as they are (numbers JSON.stringify cannot write).
function toText(v) {
  return JSON.stringify(v, (k, x) => (x && typeof x === 'object' && 'raw' in x ? `@@RAW:${x.raw}@@` : x))
    .replace(/"@@RAW:([^@]*)@@"/g, '$1');
}

function setAt(obj, path, value) {
  let cur = obj;
  for (let i = 0; i < path.length - 1; i++) cur = cur[path[i]];
  cur[path[path.length - 1]] = value;
}

/**
 * Wrong-type cases for every field of every operation of every loaded pack.
 * `describe(scheme)` returns the pack's describe answer (an object).
 */
export function generatedCases(schemeIds, describe) {
  const out = [];
  for (const scheme of schemeIds) {
    const d = describe(scheme);
    for (const [op, { fields }] of Object.entries(d.operations || {})) {
      const base = { scheme, ...requiredOf(fields) };
      // Every field, nested ones through one list item or object: [path in the request, spec].
      const visit = (specs, path, holder) => {
        for (const f of specs) {
          const p = [...path, f.name];
          for (const [label, value, suffix = ''] of wrongValues(f)) {
            const req = structuredClone(holder);
            setAt(req, p, value);
            const text = toText(req);
            out.push({
              name: `wrong-type ${scheme} ${op} /${p.join('/')} ${label}`, op, text,
              bytes: Buffer.from(text, 'utf8'), status: 2, code: 'invalid_field',
              path: `/${p.join('/')}${suffix}`, generated: true,
            });
          }
          if (f.type === 'list' && f.items?.type === 'object') {
            const item = requiredOf(f.items.fields || []);
            const h = structuredClone(holder);
            setAt(h, p, [item]);
            visit(f.items.fields || [], [...p, 0], h);
          } else if (f.type === 'object') {
            const h = structuredClone(holder);
            setAt(h, p, requiredOf(f.fields || []));
            visit(f.fields || [], p, h);
          }
        }
      };
      visit(fields, [], base);
    }
  }
  return out;
}

/** What every answer must be, whatever the door: the first violation, or null. */
export function checkAnswer(c, status, json, answersByName = null) {
  let parsed;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    return `not one JSON document (${e.message}): ${json.slice(0, 300)}`;
  }
  if (status !== 0 && status !== 2) return `status ${status} (internal failure or crash): ${json.slice(0, 300)}`;
  const envelope = parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'error' in parsed;
  if ((status === 2) !== envelope) return `status ${status} does not match the answer: ${json.slice(0, 300)}`;
  if (envelope) {
    const e = parsed.error;
    if (typeof e.code !== 'string' || typeof e.message !== 'string' || typeof e.path !== 'string')
      return `an envelope without code, message and path: ${json.slice(0, 300)}`;
  }
  if (c.any) return null;
  if (c.sameAs) {
    const other = answersByName?.get(c.sameAs);
    if (other === undefined) return `the answer of ${c.sameAs} is missing`;
    return other === json ? null : `differs from ${c.sameAs}:\n  ${json.slice(0, 300)}\n  ${other.slice(0, 300)}`;
  }
  if (c.status !== undefined && status !== c.status) return `status ${status}, expected ${c.status}: ${json.slice(0, 400)}`;
  if (c.code !== undefined && parsed.error?.code !== c.code)
    return `code ${parsed.error?.code}, expected ${c.code}: ${json.slice(0, 400)}`;
  if (c.path !== undefined && parsed.error?.path !== c.path)
    return `path ${JSON.stringify(parsed.error?.path)}, expected ${JSON.stringify(c.path)}: ${json.slice(0, 400)}`;
  if (c.maxMessage !== undefined && parsed.error.message.length > c.maxMessage)
    return `a message of ${parsed.error.message.length} characters, at most ${c.maxMessage} expected: ${json.slice(0, 300)}`;
  if (c.messageHas !== undefined && !parsed.error.message.includes(c.messageHas))
    return `the message does not hold ${JSON.stringify(c.messageHas)}: ${json.slice(0, 400)}`;
  return null;
}

/** Cases referred to by sameAs run first, so that their answers are known. */
export function ordered(cases) {
  const refs = new Set(cases.filter((c) => c.sameAs).map((c) => c.sameAs));
  return [...cases.filter((c) => refs.has(c.name)), ...cases.filter((c) => !refs.has(c.name))];
}

/** The cases as `certcalc batch` input: one requestText line each, the case's index as its id. */
export function batchInput(cases) {
  return `${cases.map((c, i) => JSON.stringify({ op: c.op, id: i, requestText: c.text })).join('\n')}\n`;
}

/**
 * `certcalc batch`'s answer lines for batchInput(cases): per case {status, json} (the single
 * call's answer, as written) or {problem}; null when the batch did not answer one line a case.
 */
export function batchAnswers(stdout, count) {
  const out = stdout.split('\n');
  if (out.length !== count + 1 || out[count] !== '') return null;
  return out.slice(0, count).map((line, i) => {
    // {"id":i,"line":n,"status":s,"answer":...}: the answer is the last member, as written.
    const m = /^\{"id":(\d+),"line":\d+,"status":(\d+),"answer":(.*)\}$/s.exec(line);
    return m && Number(m[1]) === i ? { status: Number(m[2]), json: m[3] } : { problem: `answer line ${i + 1}: ${line.slice(0, 200)}` };
  });
}
