// Forms generated from the `describe` operation: one input per field of a pack's operation, with
// the pack's help text and clause. Raw values are what the inputs hold (strings for numbers, so
// that half-typed input is kept); buildRequest() turns them into the request the core checks.
import { html, nothing, svg } from 'lit';
import { formatNumber, plainNumber, readDate, readNumber } from './format.js';
import { fieldLabel, formatDate, parseIsoDate, valueLabel, t } from './i18n.js';
import { packLang } from './base.js';

/**
 * @typedef {object} FieldSpec  one entry of describe's `operations[op].fields`
 * @property {string} name
 * @property {'integer'|'number'|'boolean'|'string'|'enum'|'date'|'list'|'object'} type
 * @property {boolean} [required]
 * @property {unknown} [default]
 * @property {number} [min]
 * @property {number} [max]
 * @property {number} [step]
 * @property {string[]} [values]
 * @property {number} [maxLength]
 * @property {FieldSpec} [items]
 * @property {FieldSpec[]} [fields]
 * @property {string} [help]
 * @property {string} [rule]
 */

/**
 * An optional boolean without a default has three states (not set, yes, no) and is a select;
 * any other boolean is a checkbox.
 */
export function isTriState(spec) {
  return spec.type === 'boolean' && !spec.required && (spec.default === undefined || spec.default === null);
}

/** The raw (input) form of a typed value. @param {FieldSpec} spec @param {unknown} value */
export function toRaw(spec, value, locale = 'en') {
  if (value === undefined || value === null) return emptyRaw(spec);
  switch (spec.type) {
    case 'integer':
    case 'number':
      // As the locale writes it: "2.5" would be refused in German, where it is "2,5".
      return typeof value === 'number' ? plainNumber(locale, value) : String(value);
    case 'boolean':
      if (isTriState(spec)) return value === true ? true : value === false ? false : '';
      return value === true;
    case 'list':
      if (!Array.isArray(value)) return emptyRaw(spec);
      if (spec.items?.type === 'object') return value.map((v) => toRaw(spec.items, v, locale));
      if (spec.items?.type === 'enum') return value.map(String);
      return value.map(String).join(', ');
    case 'object': {
      const out = {};
      for (const f of spec.fields || []) out[f.name] = toRaw(f, /** @type {any} */ (value)?.[f.name], locale);
      return out;
    }
    default:
      return String(value);
  }
}

/** What an input holds before anyone types: the field's default, else empty. */
export function defaultRaw(spec, locale = 'en') {
  return spec.default !== undefined && spec.default !== null ? toRaw(spec, spec.default, locale) : emptyRaw(spec);
}

function emptyRaw(spec) {
  if (spec.type === 'boolean') return isTriState(spec) ? '' : false;
  if (spec.type === 'object') {
    const out = {};
    for (const f of spec.fields || []) out[f.name] = defaultRaw(f);
    return out;
  }
  if (spec.type === 'list') return spec.items?.type === 'object' || spec.items?.type === 'enum' ? [] : '';
  // A required choice with one value has no choice to make (BRCGS quotes a cycle only).
  if (spec.type === 'enum' && spec.required && spec.values?.length === 1) return spec.values[0];
  return '';
}

/** @param {FieldSpec[]} fields @param {Record<string, unknown>} [values] typed values */
export function rawsFrom(fields, values = {}, locale = 'en') {
  const out = {};
  for (const f of fields) out[f.name] = f.name in values ? toRaw(f, values[f.name], locale) : defaultRaw(f, locale);
  return out;
}

/**
 * The form's numbers and dates, read as `from` writes them, written as `to` does: on a switch of
 * language "2,5" typed in German stays 2.5 in English, and "15-03-2025" typed in Dutch is
 * 2025-03-15 (English reads no day-month-year). Text that is neither there stays as typed.
 */
export function relocaleRaws(fields, raws, from, to) {
  if (from === to) return raws;
  const out = { ...raws };
  for (const f of fields) {
    if (typeof out[f.name] !== 'string') continue;
    if (f.type === 'date') {
      const iso = readDate(from, out[f.name]);
      if (iso && readDate(to, out[f.name]) !== iso) out[f.name] = iso;
      continue;
    }
    if (f.type !== 'number' && f.type !== 'integer') continue;
    const r = readNumber(from, out[f.name]);
    if (r && !r.unreadable) out[f.name] = plainNumber(to, r.value);
  }
  return out;
}

const OMIT = Symbol('omit');

/**
 * A number typed as the locale does not write one ("1.5" in German): not read either way; or a
 * date that is neither YYYY-MM-DD nor, where the locale writes dates so, day-month-year.
 */
class Unreadable {
  constructor(text, kind = 'number') {
    this.text = text;
    this.kind = kind;
  }
}

/**
 * The number a text input holds, read by the widget locale's rules (format.js, readNumber): "1.000"
 * is 1000 in German and 1 in English; "2,5" is 2.5 in Dutch. Text that is not a number at all is
 * sent as typed (the core names the field and says what it needs); a number written as the
 * locale does not write numbers is an Unreadable, which the widget refuses in words.
 */
function numberOrText(raw, locale) {
  const s = String(raw).trim();
  if (s === '') return OMIT;
  const r = readNumber(locale || 'en', s);
  if (r?.unreadable) return new Unreadable(s);
  if (r) return r.value;
  const n = Number(s);
  return Number.isFinite(n) ? n : s;
}

/** The request value of one field, or OMIT. @param {FieldSpec} spec @param {string} [locale] */
function fromRaw(spec, raw, locale) {
  const optionalEmpty = !spec.required && (spec.default === undefined || spec.default === null);
  switch (spec.type) {
    case 'integer':
    case 'number':
      return numberOrText(raw, locale);
    case 'boolean':
      if (isTriState(spec)) return raw === true || raw === false ? raw : OMIT;
      return raw === true;
    case 'enum':
      return raw === '' || raw === undefined || raw === null ? OMIT : String(raw);
    case 'date': {
      // The core's words for an unreadable date would say it does not exist ("15 maart 2025 is
      // no real date"): such text is refused by the widget instead, saying how to write one.
      const s = String(raw ?? '').trim();
      return s === '' ? OMIT : readDate(locale || 'en', s) ?? new Unreadable(s, 'date');
    }
    case 'string':
      return (raw ?? '') === '' && optionalEmpty ? OMIT : String(raw ?? '');
    case 'list': {
      let list;
      if (spec.items?.type === 'object') list = (raw || []).map((r) => buildRequest(spec.items.fields || [], r, locale));
      else if (spec.items?.type === 'enum') list = [...(raw || [])];
      else {
        const parts = String(raw ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
        list = parts.map((p) => {
          const v = spec.items ? fromRaw(spec.items, p, locale) : p;
          return v === OMIT || v instanceof Unreadable ? p : v;
        });
      }
      return list.length === 0 && optionalEmpty ? OMIT : list;
    }
    case 'object':
      return buildRequest(spec.fields || [], raw || {}, locale);
    default:
      return raw === '' ? OMIT : raw;
  }
}

/**
 * The request members for these fields from their raw values (empty optional fields left out),
 * numbers read as written in `locale` (the widget's). A number the locale does not write so
 * ("1.5" in German) is sent as typed, and its JSON Pointer and text are added to `unreadable`
 * when given: the widget then refuses it in words instead of asking the core.
 * @param {FieldSpec[]} fields @param {Record<string, unknown>} raws @param {string} [locale]
 * @param {{path: string, name: string, text: string}[]} [unreadable] @param {string} [at] the pointer of these fields' object
 */
export function buildRequest(fields, raws, locale, unreadable, at = '') {
  const out = {};
  for (const f of fields) {
    let v;
    if (f.type === 'list' && f.items?.type === 'object')
      v = (raws?.[f.name] || []).map((r, i) => buildRequest(f.items.fields || [], r, locale, unreadable, `${at}/${f.name}/${i}`));
    else if (f.type === 'object') v = buildRequest(f.fields || [], raws?.[f.name] || {}, locale, unreadable, `${at}/${f.name}`);
    else v = fromRaw(f, raws?.[f.name], locale);
    if (Array.isArray(v) && v.length === 0 && f.type === 'list' && !f.required && (f.default === undefined || f.default === null)) continue;
    if (v instanceof Unreadable) {
      unreadable?.push({ path: `${at}/${f.name}`, name: f.name, text: v.text, kind: v.kind });
      v = v.text;
    }
    if (v !== OMIT) out[f.name] = v;
  }
  return out;
}

/**
 * The widget's own refusal of the first number or date written as its locale does not write
 * them, as the core's error envelope would be (its message names the field; `labelledPath` puts
 * the label in its place), or null.
 * @param {{path: string, name: string, text: string, kind?: string}[]} unreadable @param {string} locale
 */
export function unreadableError(unreadable, locale) {
  const u = unreadable?.[0];
  if (!u) return null;
  const key = u.kind === 'date' ? 'dateNotAsWritten' : 'numberNotAsWritten';
  return { error: { code: 'invalid_field', message: `${u.name} ${t(locale, key, { text: u.text })}`, path: u.path } };
}

/**
 * Leaves out of a request the fields its current choices do not use, and answers it: a pack may
 * refuse a field that belongs to another choice (GMP+ refuses the laboratory's "accreditation"
 * for the inland waterway scope: "not used for scope ..."). The pack's describe answer does not
 * say which fields a choice uses, so the core's refusal is checked: a field is left out when
 * the core refuses it (invalid_field or not_supported at its own path) with any value it may
 * hold, given the request's required fields (or, should that not be enough for an answer, its
 * other values too), and accepts the value it holds once one of those required choices is
 * another. A wrong value (out of range, not a number) is refused whatever the choices, and
 * stays: the core's message says what is wrong.
 * @param {FieldSpec[]} fields @param {Record<string, unknown>} request
 * @param {(request: Record<string, unknown>) => any} ask @param {Map<string, boolean>} [cache]
 * @returns {{request: Record<string, unknown>, answer: any, unused: Set<string>}}
 */
export function withoutUnused(fields, request, ask, cache = new Map()) {
  const unused = new Set();
  let answer = ask(request);
  for (let k = 0; k < fields.length; k++) {
    const e = answer?.error;
    const name = /^\/([^/]+)$/.exec(e?.path || '')?.[1];
    const spec = name && fields.find((f) => f.name === name);
    if (!spec || spec.required || !(name in request) || !['invalid_field', 'not_supported'].includes(e.code)) break;
    if (!notUsed(fields, request, spec, ask, cache)) break;
    unused.add(name);
    request = { ...request };
    delete request[name];
    answer = ask(request);
  }
  return { request, answer, unused };
}

function notUsed(fields, request, spec, ask, cache) {
  const required = { scheme: request.scheme };
  for (const f of fields) if (f.required && f.name in request) required[f.name] = request[f.name];
  const { [spec.name]: _, ...rest } = request;
  // Given only the required fields first, so that no other value can be what is refused; then,
  // for a pack that asks for more before it looks at the field (a GMP+ schedule needs a date
  // before it refuses another scope's modules), with the request's other values too. There
  // another value may be what the field is refused for, so only a field whose other values are
  // tried too (a choice, a yes/no, a number's bounds) is judged so. A date is never judged
  // unused: it is refused for its order against another date (a last audit day before the
  // first, checked only for some audit types), and that refusal must be shown, not the date
  // dropped.
  if (spec.type === 'date') return false;
  const bases = probes(spec, request[spec.name]).length > 1 ? [required, rest] : [required];
  return bases.some((base) => refusedHere(fields, base, spec, request[spec.name], ask, cache));
}

/** The values tried for a field: its own, then every choice (or its bounds) its type allows. */
function probes(spec, value) {
  const out = [value];
  if (spec.type === 'enum') out.push(...(spec.values || []));
  else if (spec.type === 'boolean') out.push(true, false);
  else if (spec.type === 'integer' || spec.type === 'number') out.push(spec.min ?? 0, spec.max ?? 1);
  else if (spec.type === 'list' && spec.items?.type === 'enum' && spec.items.values?.length) out.push([spec.items.values[0]]);
  return out;
}

/** Whether `spec` holding `value` is refused with `base` and accepted once a required choice of it is another. */
function refusedHere(fields, base, spec, value, ask, cache) {
  const key = JSON.stringify([base, spec.name, value]);
  if (cache.has(key)) return cache.get(key);
  const refused = (req) => {
    const e = ask(req)?.error;
    return e?.path === `/${spec.name}` && ['invalid_field', 'not_supported'].includes(e.code);
  };
  let result = probes(spec, value).every((v) => refused({ ...base, [spec.name]: v }));
  if (result) {
    // Accepted once a required choice is another: it belongs to that choice.
    result = fields.some((f) => f.required && f.type === 'enum' && f.name in base &&
      (f.values || []).some((v) => v !== base[f.name] && !refused({ ...base, [f.name]: v, [spec.name]: value })));
  }
  cache.set(key, result);
  return result;
}

/**
 * Whether the core asks for a field its describe answer calls optional: without the field it
 * answers missing_value or missing_field at the field's own path. describe cannot say so, as the
 * need depends on other values: FSSC 22000 v6 asks for `ncTimeframes` only once a nonconformity
 * is counted (no version 6 source states the timeframes). `answer` is the core's answer to
 * `request`, if known (used when the request leaves the field out).
 * @param {string} name @param {Record<string, unknown>} request
 * @param {any} answer @param {(request: Record<string, unknown>) => any} ask
 */
export function askedFor(name, request, answer, ask) {
  let e;
  if (name in request) {
    const { [name]: _, ...without } = request;
    e = ask(without)?.error;
  } else e = (answer ?? ask(request))?.error;
  return Boolean(e && e.path === `/${name}` && (e.code === 'missing_value' || e.code === 'missing_field'));
}

/**
 * The field of the form an answer's error asks to be given (missing_value at a field of its own: a
 * value no source states, such as FSSC 22000 v6 nonconformity timeframes), or null. Such an error
 * is shown once, at that field; the rest of the widget points to it.
 * @param {any} answer @param {FieldSpec[]} fields
 * @param {string[]} [codes] the error codes that ask (missing_field too, for a label: askedFor)
 */
export function askedField(answer, fields, codes = ['missing_value']) {
  const e = answer?.error;
  const name = codes.includes(e?.code) ? /^\/([^/]+)$/.exec(e.path || '')?.[1] : null;
  return name ? fields.find((f) => f.name === name) || null : null;
}

/** Sets the raw value at a path ([name], [name, index, name], ...) immutably. */
export function setAt(root, path, value) {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = Array.isArray(root) ? [...root] : { ...(root || {}) };
  copy[head] = setAt(copy[head], rest, value);
  return copy;
}

/** JSON Pointer of a path. */
export function pointer(path) {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * @typedef {object} FormContext
 * @property {string} locale
 * @property {string} idPrefix  unique within the shadow root
 * @property {string} [op]  the operation (for pack labels)
 * @property {any} [data]  describe's `data` (labels)
 * @property {Map<string, {message: string, severity?: string, rule?: string}[]>} [issues]  by JSON Pointer
 * @property {(path: (string|number)[], raw: unknown) => void} onChange
 * @property {(spec: FieldSpec) => boolean} [skip]
 * @property {(text: string) => void} [noteAction]  says what the user did (an item removed) in the widget's live region
 * @property {Set<string>} [unused]  fields whose value the current choices do not use (left out of the request)
 * @property {Map<string, string>} [needed]  optional fields the core asks for (askedFor), with what their label says instead of "optional"
 */

/** Renders inputs for the fields. @param {FormContext} ctx @param {FieldSpec[]} fields */
export function renderFields(ctx, fields, raws, path = []) {
  return fields.filter((f) => !ctx.skip?.(f)).map((f) => renderField(ctx, f, raws?.[f.name], [...path, f.name]));
}

/**
 * The JSON Pointers at which renderFields shows issues, for these fields and values: each field's
 * own, and those of the fields of an object (or of each item of a list of objects); a list of
 * dates or choices shows its own only (not an item's: `/holidays/1`).
 * @param {FieldSpec[]} fields
 */
export function fieldPointers(fields, raws, path = []) {
  return fields.flatMap((f) => {
    const at = [...path, f.name];
    const own = [pointer(at)];
    if (f.type === 'object') return [...own, ...fieldPointers(f.fields || [], raws?.[f.name] || {}, at)];
    if (f.type === 'list' && f.items?.type === 'object' && Array.isArray(raws?.[f.name]))
      return [...own, ...raws[f.name].flatMap((r, i) => fieldPointers(f.items.fields || [], r, [...at, i]))];
    return own;
  });
}

function idFor(ctx, path) {
  return `${ctx.idPrefix}-${path.join('-')}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * The one way the widgets name a field in a message that names it by its path as the request
 * writes it: the core's own ("fte must be ...", "holidays/0 must be ...",
 * "findings/0/evidence/1/bytes must be ..."), and a pack's that puts its `{field}` first with
 * the field's name ("rootCause is needed before sending", a user pack's). The message then
 * names it as the form does: the label `labelOf` gives for the path's segments, in place of the
 * path; and the limits of the field's spec (its min and max, from 1000 up) are written as the
 * locale writes numbers ("... from 0 to 1,000,000,000", "1.000.000.000" in Dutch). A message
 * that does not begin with the path (the pack's own words, which name a field as they like), or
 * a path `labelOf` has no label for, is left as it is.
 * @param {unknown} message
 * @param {string} path the path as the message writes it, or its JSON Pointer (`/holidays/0`)
 * @param {string} locale
 * @param {(segments: string[]) => {label: string, spec?: FieldSpec | null} | null | undefined} labelOf
 * @param {boolean} [inside] also a path the message names further on (labelledInside): for the
 *   core's error envelopes, whose messages name a field by its path; a pack's issue may use its
 *   field's name as a plain word ("the correction is empty")
 */
export function labelledPath(message, path, locale, labelOf, inside = false) {
  const p = String(path ?? '').replace(/^\//, '');
  if (typeof message !== 'string' || !p) return message;
  if (!message.startsWith(`${p} `)) return inside ? labelledInside(message, p, labelOf) : message;
  const named = labelOf(p.split('/'));
  if (!named?.label) return message;
  let rest = message.slice(p.length);
  // Only the limits the field describes: the rest may hold dates, ids or what was typed. A whole
  // number under 1000 reads the same in every locale; a fraction (0.25) does not.
  for (const n of [named.spec?.min, named.spec?.max]) {
    if (typeof n !== 'number' || !Number.isFinite(n) || (Math.abs(n) < 1000 && Number.isInteger(n))) continue;
    const digits = String(n).replace(/[.\-]/g, '\\$&');
    rest = rest.replace(new RegExp(`(^|[^\\d.,-])${digits}(?!\\d|[.,]\\d)`, 'g'), (_, pre) => pre + formatNumber(locale, n));
  }
  return named.label + rest;
}

// A message that names the path further on ("a date calculated from lastAuditDay falls ...",
// "... it needs onSiteDays, which the request leaves out"): the label in its place where the path
// stands as a word of its own, not inside another word or path. Only a path no sentence would
// hold as a plain word (camelCase, a digit, a "/"): "the list of findings", "whether the audit
// was announced" keep their words.
function labelledInside(message, p, labelOf) {
  if (!/[A-Z0-9/]/.test(p)) return message;
  const at = new RegExp(`(^|[\\s(«“„"'])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[\\s,.;:)»”"'])`);
  if (!at.test(message)) return message;
  const named = labelOf(p.split('/'));
  return named?.label ? message.replace(at, (_, pre) => pre + named.label) : message;
}

/**
 * How a form built from describe names a path (for labelledPath): a field by its label (the
 * pack's, else the widgets', else its name humanized: i18n.js, fieldLabel), an item of a list of
 * them ("holidays/0") as "Holidays (item 1)", each with its spec when `fields` are given.
 * @param {string} locale @param {any} [data] describe's `data` @param {string} [op]
 * @param {FieldSpec[]} [fields] the operation's fields
 */
export function formLabels(locale, data, op, fields) {
  return (segments) => {
    const [name, index] = segments;
    const spec = fields?.find((f) => f.name === name) ?? null;
    const label = fieldLabel(locale, name, data, op);
    if (segments.length === 1) return { label, spec };
    if (segments.length === 2 && /^\d+$/.test(index)) return { label: t(locale, 'listItem', { label, n: Number(index) + 1 }), spec: spec?.items ?? null };
    // A member of a list's item ("findings/0/id"): the item, then the member by its label.
    if (segments.length === 3 && /^\d+$/.test(index) && spec?.items?.fields) {
      const member = spec.items.fields.find((f) => f.name === segments[2]);
      if (member) return { label: `${t(locale, 'listItem', { label, n: Number(index) + 1 })} – ${fieldLabel(locale, member.name, data, op)}`, spec: member };
    }
    return null;
  };
}

/**
 * A core error envelope's message with its field named as the form names it (labelledPath,
 * formLabels): a top-level field, or an item of a top-level list ("holidays/0 must be ..." is
 * "Holidays (item 1) must be ..."), at the start of the message or further on ("a date
 * calculated from lastAuditDay ..." is "a date calculated from Last audit day ...").
 * @param {{message?: string, path?: string} | undefined} error @param {string} locale
 * @param {any} [data] describe's `data` @param {string} [op] @param {FieldSpec[]} [fields] the operation's fields
 */
export function labelledMessage(error, locale, data, op, fields) {
  return labelledPath(error?.message, error?.path ?? '', locale, formLabels(locale, data, op, fields), true);
}

/** The help text, the clause and the issues of one field, wired to its input by id. */
function describedBy(ctx, spec, path, id, label) {
  const issues = ctx.issues?.get(pointer(path)) || [];
  const ids = [];
  const unused = path.length === 1 && ctx.unused?.has(spec.name);
  if (unused) ids.push(`${id}-unused`);
  if (spec.help || spec.rule) ids.push(`${id}-help`);
  if (issues.length) ids.push(`${id}-msg`);
  const invalid = issues.some((i) => (i.severity || 'error') === 'error');
  const help = html`${unused ? html`<p class="help unused" id="${id}-unused" part="help">${t(ctx.locale, 'notUsedNow')}</p>` : nothing}${
    spec.help || spec.rule
      ? html`<p class="help" id="${id}-help" part="help">${spec.help || nothing}${spec.help && spec.rule ? ' ' : nothing}${spec.rule
          ? html`<cite class="cite" lang=${packLang(ctx.locale)}>(${spec.rule})</cite>`
          : nothing}</p>`
      : nothing}`;
  const msgs = issues.length
    ? html`<div id="${id}-msg">${issues.map(
        (i) => html`<p class="msg ${i.severity || 'error'}" part="${i.severity === 'warning' ? 'warning' : 'error'}">${labelledPath(i.message, spec.name, ctx.locale, () => ({ label, spec }), true)}${i.rule
          ? html`<cite class="cite" lang=${packLang(ctx.locale)}>(${i.rule})</cite>`
          : nothing}</p>`,
      )}</div>`
    : nothing;
  return { ids: ids.join(' ') || nothing, invalid, help, msgs };
}

function optMark(ctx, spec, path) {
  if (spec.required) return nothing;
  // A field the answer depends on is not called optional, whatever describe says: its label
  // says when it is needed.
  const needed = path.length === 1 ? ctx.needed?.get(spec.name) : undefined;
  return html` <span class="opt">(${needed ?? t(ctx.locale, 'optional')})</span>`;
}

const CALENDAR_ICON = svg`<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 0h1.5v2h5V0H12v2h2.5c.8 0 1.5.7 1.5 1.5v11c0 .8-.7 1.5-1.5 1.5h-13C.7 16 0 15.3 0 14.5v-11C0 2.7.7 2 1.5 2H4V0Zm-2.5 6v8.5h13V6h-13Zm2 2h2v2h-2V8Zm3.5 0h2v2H7V8Zm3.5 0h2v2h-2V8Zm-7 3.5h2v2h-2v-2Zm3.5 0h2v2H7v-2Z"/></svg>`;

function openPicker(e) {
  const native = /** @type {HTMLInputElement} */ (e.currentTarget.parentElement.querySelector('input.native'));
  try {
    // Rendered as a hidden input: the browser's first date input costs 15-40 ms (its calendar's
    // locale data), on the way to a widget's first value. It becomes one when first asked.
    if (native.type !== 'date') native.type = 'date';
    native.showPicker();
  } catch {
    /** @type {HTMLInputElement} */ (e.currentTarget.parentElement.querySelector('input.typed')).focus();
  }
}

/**
 * A date typed as YYYY-MM-DD, whatever the browser's own language, or day-month-year where the
 * widget's locale writes dates so (format.js, readDate; "15-03-2025" in Dutch, shown as read: "Read
 * as 15 mrt 2025."): a text input whose
 * placeholder spells the format as the help texts of the widget's locale do (JJJJ-MM-DD, AAAA-MM-GG,
 * ...), beside a button that opens the browser's calendar (a hidden native date input, made
 * one when the button is first pressed, whose own display would follow the browser's language:
 * mm/dd/yyyy beside help text saying YYYY-MM-DD). The text is passed on as typed: when it reads
 * as a date or is empty while typing, and as it stands when the input is left (the widget then
 * says how to write a date it cannot read). No length limit: a pasted "15 maart 2025" is not
 * cut to "15 maart 2" but refused in words.
 * The calendar button is named after the field ("Pick a date: Audit day"): a form has several.
 * `readonly`: the date can be read and copied, not changed (the calendar button is off).
 * @param {{id: string, value: string, locale: string, onValue: (v: string) => void, label?: string,
 *   required?: boolean, invalid?: boolean, describedBy?: unknown, part?: string, readonly?: boolean}} o
 */
export function dateInput(o) {
  const value = String(o.value ?? '');
  const pick = o.label ? t(o.locale, 'pickDateFor', { field: o.label }) : t(o.locale, 'pickDate');
  const iso = readDate(o.locale, value);
  const readAs = iso && iso !== value.trim() && parseIsoDate(iso) && !o.invalid
    ? html`<p class="help" id="${o.id}-read" part="help" data-read-as=${iso}>${t(o.locale, 'readAs', { value: formatDate(o.locale, iso) })}</p>`
    : nothing;
  const describedBy = readAs === nothing ? o.describedBy ?? nothing
    : [o.describedBy && o.describedBy !== nothing ? o.describedBy : '', `${o.id}-read`].join(' ').trim();
  return html`<div class="date-input">
    <input id=${o.id} class="typed" part=${o.part ?? 'input'} type="text" inputmode="numeric" autocomplete="off"
      spellcheck="false" placeholder=${t(o.locale, 'dateFormat')} ?required=${!!o.required} ?readonly=${!!o.readonly}
      .value=${value} aria-describedby=${describedBy} aria-invalid=${o.invalid ? 'true' : 'false'}
      @input=${(e) => {
        const v = e.target.value.trim();
        if (v === '' || readDate(o.locale, v)) o.onValue(v);
      }}
      @change=${(e) => o.onValue(e.target.value.trim())} />
    <button type="button" class="icon pick" part="button date-picker" ?disabled=${!!o.readonly} aria-label=${pick}
      title=${pick} @click=${openPicker}>${CALENDAR_ICON}</button>
    <input class="native" type="hidden" tabindex="-1" aria-hidden="true" .value=${iso && parseIsoDate(iso) ? iso : ''}
      @change=${(e) => e.target.value && o.onValue(e.target.value)} />
  </div>${readAs}`;
}

/** @param {FormContext} ctx @param {FieldSpec} spec */
export function renderField(ctx, spec, raw, path) {
  const id = idFor(ctx, path);
  // A label from describe itself (should the core ever send one) wins over every other source.
  const label = typeof spec.label === 'string' && spec.label ? spec.label : fieldLabel(ctx.locale, spec.name, ctx.data, ctx.op);
  const d = describedBy(ctx, spec, path, id, label);
  const change = (value) => ctx.onChange(path, value);
  if (isTriState(spec)) {
    const v = raw === true ? 'yes' : raw === false ? 'no' : '';
    return html`<div class="field" part="field">
      <label for=${id} part="label">${label}${optMark(ctx, spec, path)}</label>
      <select id=${id} part="input" aria-describedby=${d.ids} aria-invalid=${d.invalid ? 'true' : 'false'}
        @change=${(e) => change(e.target.value === 'yes' ? true : e.target.value === 'no' ? false : '')}>
        <option value="" .selected=${v === ''}>${t(ctx.locale, 'none')}</option>
        <option value="yes" .selected=${v === 'yes'}>${t(ctx.locale, 'yes')}</option>
        <option value="no" .selected=${v === 'no'}>${t(ctx.locale, 'no')}</option>
      </select>${d.help}${d.msgs}</div>`;
  }
  switch (spec.type) {
    case 'boolean':
      return html`<div class="field" part="field">
        <label class="check" part="label"><input id=${id} type="checkbox" part="input"
          .checked=${raw === true} aria-describedby=${d.ids} aria-invalid=${d.invalid ? 'true' : 'false'}
          @change=${(e) => change(e.target.checked)} /><span>${label}</span></label>
        ${d.help}${d.msgs}</div>`;
    case 'enum':
      return html`<div class="field" part="field">
        <label for=${id} part="label">${label}${optMark(ctx, spec, path)}</label>
        <select id=${id} part="input" aria-describedby=${d.ids} aria-invalid=${d.invalid ? 'true' : 'false'}
          @change=${(e) => change(e.target.value)}>
          ${raw === '' || !spec.required ? html`<option value="" .selected=${raw === ''}>${spec.required ? t(ctx.locale, 'choose') : t(ctx.locale, 'none')}</option>` : nothing}
          ${(spec.values || []).map((v) => html`<option value=${v} .selected=${raw === v}>${valueLabel(ctx.locale, spec.name, v, ctx.data)}</option>`)}
        </select>${d.help}${d.msgs}</div>`;
    case 'integer':
    case 'number': {
      // A text input: a number input hands back '' for what it cannot read (2,5 in a browser set
      // to English, 1e9 half-typed), and the value put back then lost what was typed.
      // Thousands grouped as the locale groups them ("1.000" in German) are read so, and the
      // value read is shown: in English the same text is 1.
      const read = readNumber(ctx.locale, raw);
      const readAs = read?.grouped && !d.invalid
        ? html`<p class="help" id="${id}-read" part="help" data-read-as=${read.value}>${t(ctx.locale, 'readAs', { value: plainNumber(ctx.locale, read.value) })}</p>`
        : nothing;
      const ids = readAs === nothing ? d.ids : [d.ids === nothing ? '' : d.ids, `${id}-read`].join(' ').trim();
      return html`<div class="field" part="field">
        <label for=${id} part="label">${label}${optMark(ctx, spec, path)}</label>
        <input id=${id} part="input" type="text" class="number" inputmode=${spec.type === 'integer' ? 'numeric' : 'decimal'}
          autocomplete="off" spellcheck="false" ?required=${!!spec.required}
          .value=${String(raw ?? '')} aria-describedby=${ids} aria-invalid=${d.invalid ? 'true' : 'false'}
          @input=${(e) => change(e.target.value)} />${readAs}${d.help}${d.msgs}</div>`;
    }
    case 'date':
      return html`<div class="field" part="field">
        <label for=${id} part="label">${label}${optMark(ctx, spec, path)}</label>
        ${dateInput({ id, value: raw, locale: ctx.locale, label, required: spec.required, invalid: d.invalid,
          describedBy: d.ids, onValue: change })}${d.help}${d.msgs}</div>`;
    case 'list':
      return renderList(ctx, spec, raw, path, id, label, d);
    case 'object':
      return html`<fieldset part="field">
        <legend part="label">${label}${optMark(ctx, spec, path)}</legend>${d.help}${d.msgs}
        <div class="grid">${renderFields(ctx, spec.fields || [], raw || {}, path)}</div></fieldset>`;
    default: {
      const long = (spec.maxLength ?? 0) > 300;
      // No maxlength: the browser would cut a longer paste without a word; the core refuses it
      // at this field, in words, and the text stays as typed.
      return html`<div class="field" part="field">
        <label for=${id} part="label">${label}${optMark(ctx, spec, path)}</label>
        ${long
          ? html`<textarea id=${id} part="input" ?required=${!!spec.required}
              .value=${String(raw ?? '')} aria-describedby=${d.ids} aria-invalid=${d.invalid ? 'true' : 'false'}
              @input=${(e) => change(e.target.value)}></textarea>`
          : html`<input id=${id} part="input" type="text" ?required=${!!spec.required}
              .value=${String(raw ?? '')} aria-describedby=${d.ids} aria-invalid=${d.invalid ? 'true' : 'false'}
              @input=${(e) => change(e.target.value)} />`}
        ${d.help}${d.msgs}</div>`;
    }
  }
}

function renderList(ctx, spec, raw, path, id, label, d) {
  const items = spec.items;
  if (items?.type === 'enum') {
    const chosen = new Set(raw || []);
    const toggle = (v, on) => {
      const next = (items.values || []).filter((x) => (x === v ? on : chosen.has(x)));
      ctx.onChange(path, next);
    };
    return html`<fieldset part="field" aria-describedby=${d.ids}>
      <legend part="label">${label}${optMark(ctx, spec, path)}</legend>
      <div class="row">${(items.values || []).map((v, i) => html`<label class="check"><input type="checkbox"
        id="${id}-${i}" .checked=${chosen.has(v)} @change=${(e) => toggle(v, e.target.checked)} />${valueLabel(ctx.locale, spec.name, v, ctx.data)}</label>`)}</div>
      ${d.help}${d.msgs}</fieldset>`;
  }
  if (items?.type === 'object') {
    const rows = raw || [];
    const add = () => ctx.onChange(path, [...rows, defaultRaw(items)]);
    const remove = (i, e) => {
      const fieldset = /** @type {HTMLElement} */ (e.currentTarget).closest('fieldset');
      const host = /** @type {any} */ (fieldset?.getRootNode())?.host;
      ctx.noteAction?.(t(ctx.locale, 'itemRemoved', { n: i + 1 }));
      ctx.onChange(path, rows.filter((_, j) => j !== i));
      // Not left on the next item's Remove (a second Enter would remove it too) nor on <body>:
      // the previous item's first field (the new first item's), or Add once the list is empty.
      Promise.resolve(host?.updateComplete).then(() => {
        const cards = fieldset?.querySelectorAll(':scope > .card') || [];
        const card = cards[Math.max(0, i - 1)];
        const target = card ? card.querySelector('input:not([type=hidden]), select, textarea') : fieldset?.querySelector(':scope > div > [data-add-item]');
        /** @type {HTMLElement | null | undefined} */ (target)?.focus();
      });
    };
    return html`<fieldset part="field">
      <legend part="label">${label}${optMark(ctx, spec, path)}</legend>${d.help}${d.msgs}
      ${rows.map((r, i) => html`<div class="card">
        <div class="grid">${renderFields(ctx, items.fields || [], r, [...path, i])}</div>
        <button type="button" class="danger" part="button" @click=${(e) => remove(i, e)}>${t(ctx.locale, 'removeItem', { n: i + 1 })}</button>
      </div>`)}
      <div><button type="button" part="button" data-add-item @click=${add}>${t(ctx.locale, 'addItem', { label })}</button></div></fieldset>`;
  }
  return html`<div class="field" part="field">
    <label for=${id} part="label">${label}${optMark(ctx, spec, path)}</label>
    <input id=${id} part="input" type="text" .value=${String(raw ?? '')} aria-describedby=${d.ids}
      aria-invalid=${d.invalid ? 'true' : 'false'} @input=${(e) => ctx.onChange(path, e.target.value)} />
    ${d.help}${d.msgs}</div>`;
}

/**
 * Issues keyed by JSON Pointer from an error envelope: `/fte` -> that field; a pointer below a
 * list item stays as it is (`/findings/0/grade`).
 */
export function envelopeIssues(answer) {
  const map = new Map();
  if (answer?.error?.path) map.set(answer.error.path, [{ message: answer.error.message, severity: 'error' }]);
  return map;
}
