// UI chrome strings and locale-aware formatting. Computed messages never come from here.
// English is in the bundle (every string's fallback): the shared strings here, each element's own
// added by its module (addEnglish), so that an element's own script carries no other element's.
// Another locale's strings are a chunk of their own, fetched when a widget first shows that locale
// (loadTranslations). What a widget says while it loads and when loading fails is in every locale
// from the start (translations/load.js).
import shared from './translations/en-shared.js';
import loadTexts from './translations/load.js';
import { formatNumber, formatUtcDate, formatUtcMonth } from './format.js';

/** The English strings of the elements loaded so far (addEnglish). */
const en = { ...shared };

/** The strings of the locales loaded so far. @type {Record<string, Record<string, string | {one: string, other: string}>>} */
export const translations = { en };

/**
 * Adds an element's own English strings (translations/en-<element>.js). Returns that element's
 * English, the shared strings and its own: what it asks when it labels a key of an answer only if
 * it has a text for it, the same in its own script and in certcalc-widgets.js (which has them all).
 * @param {Record<string, unknown>} own
 */
export function addEnglish(own) {
  Object.assign(en, own);
  return { ...shared, ...own };
}

const loaders = {
  nl: () => import('./translations/nl.js'),
  it: () => import('./translations/it.js'),
  de: () => import('./translations/de.js'),
  fr: () => import('./translations/fr.js'),
};
/** @type {Map<string, Promise<void>>} */
const loading = new Map();

/** Each locale in its own language, for pickers (the same as each translation's $name). */
export const LOCALE_NAMES = { en: 'English', nl: 'Nederlands', it: 'Italiano', de: 'Deutsch', fr: 'Français' };

/** Whether the UI strings of `locale` are loaded (English always is). */
export function hasTranslations(locale) {
  return Boolean(translations[locale]) || !loaders[locale];
}

/** Loads the UI strings of `locale` (once; a failed load is tried again next time). */
export function loadTranslations(locale) {
  if (hasTranslations(locale)) return Promise.resolve();
  if (!loading.has(locale)) {
    const p = loaders[locale]().then((m) => {
      translations[locale] = m.default;
    });
    loading.set(locale, p);
    p.catch(() => loading.delete(locale));
  }
  return loading.get(locale);
}

const pluralRules = new Map();
function plural(locale, n) {
  if (!pluralRules.has(locale)) pluralRules.set(locale, new Intl.PluralRules(locale));
  return pluralRules.get(locale).select(n);
}

/**
 * A UI string in `locale`, with `{name}` placeholders filled in (as text: the result is only
 * ever used in Lit text bindings). A {one, other} entry picks its form from params.n.
 * @param {string} locale
 * @param {string} key
 * @param {Record<string, unknown>} [params]
 */
export function t(locale, key, params = {}) {
  let entry = loadTexts[locale]?.[key] ?? (translations[locale] || en)[key] ?? en[key] ?? loadTexts.en[key];
  if (entry === undefined) return key;
  if (typeof entry === 'object') {
    const n = Number(params.n ?? 0);
    entry = (plural(locale, n) === 'one' ? entry.one : entry.other) ?? entry.other;
  }
  return String(entry).replace(/\{(\w+)\}/g, (m, name) =>
    params[name] === undefined ? m : formatParam(locale, params[name]),
  );
}

/**
 * What could not be loaded, in `locale`: a CertcalcLoadError names the file, the URL it was
 * fetched from and why (`reason`: the HTTP status, or what the server or the browser said, as
 * they said it); any other error is its own message.
 * @param {string} locale @param {unknown} error
 */
export function loadErrorDetail(locale, error) {
  const e = /** @type {any} */ (error);
  const message = String(e?.message || e);
  if (e?.name !== 'CertcalcLoadError' || typeof e.url !== 'string' || typeof e.reason !== 'string') return message;
  // Its message is "<what> could not be loaded from <url>: <reason>" (wasm/certcalc.js).
  const tail = ` could not be loaded from ${e.url}: ${e.reason}`;
  if (!message.endsWith(tail)) return message;
  const what = message.slice(0, -tail.length);
  const asset = /^rule asset (.+)$/.exec(what);
  return t(locale, asset ? 'assetDetail' : 'fileDetail', { file: asset ? asset[1] : what, url: e.url, reason: e.reason });
}

function formatParam(locale, v) {
  return typeof v === 'number' ? formatNumber(locale, v) : String(v);
}

export { formatNumber };

/** YYYY-MM-DD as a calendar date in the locale (no time zone shift). */
export function formatDate(locale, iso) {
  const d = parseIsoDate(iso);
  if (!d) return String(iso ?? '');
  return formatUtcDate(locale, d);
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EN_MONTH = EN_MONTHS.join('|');
// "1 January 2024", "January 1, 2024", "November 2020".
const EN_DATE = new RegExp(`\\b(?:(\\d{1,2}) (${EN_MONTH}) (\\d{4})|(${EN_MONTH}) (\\d{1,2}), (\\d{4})|(${EN_MONTH}) (\\d{4}))\\b`, 'g');

/**
 * A text a pack writes in English (a scheme's version, "CR3.0 (1 January 2024)") with its dates
 * written as `locale` writes dates, as every other date of the widgets ("CR3.0 (1 jan 2024)" in
 * Dutch, "CR3.0 (Jan 1, 2024)" in English), and a month of a year as the timeline writes one
 * ("Nov 2020", "nov 2020"). A day that is no calendar date stays as the pack wrote it.
 * @param {string} locale @param {unknown} text
 */
export function localizedDates(locale, text) {
  if (typeof text !== 'string' || !text) return text;
  return text.replace(EN_DATE, (all, d1, m1, y1, m2, d2, y2, m3, y3) => {
    const month = EN_MONTHS.indexOf(m1 ?? m2 ?? m3);
    const year = Number(y1 ?? y2 ?? y3);
    const day = d1 ?? d2;
    if (day === undefined) return formatUtcMonth(locale, new Date(Date.UTC(year, month, 1)));
    const d = parseIsoDate(`${year}-${String(month + 1).padStart(2, '0')}-${day.padStart(2, '0')}`);
    return d ? formatUtcDate(locale, d) : all;
  });
}

/**
 * @returns {Date | null} midnight UTC of a YYYY-MM-DD calendar date; null for one that is not
 *   (2027-02-29, 2027-13-01: Date.UTC would roll them over to Mar 1 and Jan 1, 2028)
 */
export function parseIsoDate(iso) {
  if (typeof iso !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Calendar days from a to b (YYYY-MM-DD), or null. */
export function daysBetween(a, b) {
  const da = parseIsoDate(a);
  const db = parseIsoDate(b);
  if (!da || !db) return null;
  return Math.round((db.getTime() - da.getTime()) / 86400000);
}

/**
 * "12 days left", "due today", "3 days overdue"; for a certification body's step (a deadline's
 * `party` "body"), "in 12 days", "today", "3 days ago": the client is not late for the body.
 */
export function formatDaysLeft(locale, n, party) {
  if (typeof n !== 'number') return '';
  if (party === 'body') return n === 0 ? t(locale, 'bodyToday') : n > 0 ? t(locale, 'bodyInDays', { n }) : t(locale, 'bodyDaysAgo', { n: -n });
  if (n === 0) return t(locale, 'dueToday');
  return n > 0 ? t(locale, 'daysLeft', { n }) : t(locale, 'overdue', { n: -n });
}

/**
 * When a deadline falls, as every widget writes it: its date, "from – to" for a window, "not
 * before …" for a window with only a start, "—" for none.
 * @param {string} locale @param {{dueDate?: string, date?: string, from?: string, to?: string}} d
 */
export function deadlineWhen(locale, d) {
  const due = d.dueDate || d.date;
  if (due) return formatDate(locale, due);
  if (d.from && d.to) return `${formatDate(locale, d.from)} – ${formatDate(locale, d.to)}`;
  if (d.from) return t(locale, 'notBefore', { date: formatDate(locale, d.from) });
  return d.to ? formatDate(locale, d.to) : t(locale, 'none');
}

/** A deadline's name: the pack's label, its message, or its kind made readable. */
export function deadlineName(d) {
  return d.label || d.message || humanize(d.kind || '');
}

/**
 * A text that starts a label (a table cell, a timeline label) with a capital: the core's deadline
 * labels are written to be read inside a sentence ("send by …: evidence of the corrective actions").
 * @param {string} text @param {string} [locale]
 */
export function capitalized(text, locale) {
  const s = String(text);
  const first = String.fromCodePoint(s.codePointAt(0) ?? 32);
  return s ? first.toLocaleUpperCase(locale) + s.slice(first.length) : s;
}

/** haccpStudies -> "Haccp studies", tsDays -> "Ts days": the fallback label of a field or key. */
export function humanize(name) {
  const words = String(name)
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function localized(entry, locale) {
  if (typeof entry === 'string') return entry;
  if (entry && typeof entry === 'object') {
    const v = entry[locale] ?? entry.en;
    if (typeof v === 'string') return v;
  }
  return null;
}

/**
 * A pack's own label of a request field, or null: describe `data.labels[op][name]`, else
 * `data.labels[name]` (a string, or {en, nl, ...}: the locale's, else English).
 * @param {string} locale @param {string} name @param {any} [data] describe's `data` @param {string} [op]
 */
export function packFieldLabel(locale, name, data, op) {
  const labels = data?.labels;
  return localized(op ? labels?.[op]?.[name] : undefined, locale) ?? localized(labels?.[name], locale);
}

/**
 * The label of a request field: the pack's own (packFieldLabel), else the contract's label, else
 * the name humanized (`haccpStudies`: "Haccp studies").
 * @param {string} locale @param {string} name @param {any} [data] describe's `data` @param {string} [op]
 */
export function fieldLabel(locale, name, data, op) {
  const own = packFieldLabel(locale, name, data, op);
  if (own) return own;
  const ui = (translations[locale] || en).fieldLabels?.[name] ?? en.fieldLabels?.[name];
  return ui ?? humanize(name);
}

/**
 * The label of an enum value: the pack's (`data.valueLabels[name][value]`), else the contract's,
 * else the value itself (codes such as CI or AA stay as they are).
 */
export function valueLabel(locale, name, value, data) {
  const own = localized(data?.valueLabels?.[name]?.[value], locale) ?? catalogName(data, value, locale);
  if (own) return own;
  const ui = (translations[locale] || en).valueLabels?.[name]?.[value];
  if (ui) return ui;
  return /[a-z]/.test(String(value)) ? humanize(value).toLowerCase() : String(value);
}

const catalogs = new WeakMap();
/**
 * The name a pack's data gives a value in one of its catalogs: any list of {id, name} objects
 * (such as GMP+'s FRA modules) names its ids.
 */
function catalogName(data, value, locale) {
  if (!data || typeof data !== 'object') return null;
  let names = catalogs.get(data);
  if (!names) {
    names = new Map();
    const walk = (v, depth) => {
      if (depth > 4 || !v || typeof v !== 'object') return;
      if (Array.isArray(v)) {
        for (const x of v)
          if (x && typeof x === 'object' && typeof x.id === 'string' && x.name !== undefined && !names.has(x.id)) names.set(x.id, x.name);
          else walk(x, depth + 1);
      } else for (const x of Object.values(v)) walk(x, depth + 1);
    };
    walk(data, 0);
    catalogs.set(data, names);
  }
  return names.has(value) ? localized(names.get(value), locale) : null;
}
