// The demo page's own behaviour: load a user rule pack, log widget events, print one widget.
// No inline script: the page runs under a strict Content-Security-Policy.
import { getCertcalc, getPageLocale, loadPack, setPageLocale, LOCALES } from './certcalc-widgets.js';
import { DEMO_TEXTS } from './demo-texts.js';

// A first visit opens in the browser's language where certcalc has it (the page's own lang is
// English, what its static text is written in); a choice made with the switcher, kept by the
// widgets in localStorage, wins on later visits.
function browserLocale() {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LOCALES.includes(base)) return base;
  }
  return null;
}
let stored = null;
try {
  stored = localStorage.getItem('certcalc:locale');
} catch {
  // storage disabled: the browser's language is followed on every visit
}
if (!stored && browserLocale()) setPageLocale(browserLocale());

// The page's own texts follow the widgets' page locale (the locale switcher). An element's
// <code> children keep their text and stand for {0}, {1}... in its translation.
let texts = DEMO_TEXTS.en;
function showTexts(locale) {
  texts = DEMO_TEXTS[locale] || DEMO_TEXTS.en;
  document.documentElement.lang = DEMO_TEXTS[locale] ? locale : 'en';
  document.title = texts.title;
  for (const el of document.querySelectorAll('[data-label]')) el.setAttribute('aria-label', texts[el.dataset.label]);
  for (const el of document.querySelectorAll('[data-text]')) {
    const codes = [...el.querySelectorAll('code')];
    const parts = texts[el.dataset.text].split(/\{(\d+)\}/);
    el.replaceChildren(...parts.map((p, i) => (i % 2 ? codes[Number(p)] : document.createTextNode(p))));
  }
}
showTexts(getPageLocale());
document.addEventListener('certcalc-change', (e) => {
  if (e.detail?.locale && e.target.localName === 'certcalc-locale-switcher') showTexts(e.detail.locale);
});
const fill = (text, params) => text.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));

const packFile = document.getElementById('pack-file');
const packStatus = document.getElementById('pack-status');
packFile?.addEventListener('change', async () => {
  const file = packFile.files?.[0];
  if (!file) return;
  const answer = await loadPack(await file.text(), file.name);
  // textContent only: a pack's texts are data, never markup.
  packStatus.textContent = answer.loaded
    ? fill(texts.packLoaded, { id: answer.loaded.id, title: answer.loaded.title })
    : fill(texts.packRefused, { message: answer.error?.message ?? 'unknown error' });
  packFile.value = '';
});

// Example requests, so that the page opens with answers (FSSC 22000 version 6: the certification
// body's on-site days for an initial audit).
const iso = (d) => d.toISOString().slice(0, 10);
const daysAgo = (n) => new Date(Date.now() - n * 86400000);
const quote = document.querySelector('certcalc-duration-quote');
if (quote && !quote.scheme) {
  quote.scheme = 'fssc22000-6';
  quote.values = { auditType: 'initial', category: 'CI', onSiteDays: 2.5 };
}
const dates = document.querySelector('certcalc-grade-dates');
if (dates && !dates.scheme) {
  dates.scheme = 'brcgs-food-9';
  dates.values = { auditType: 'initial', major: 1, minor: 4, firstAuditDay: iso(daysAgo(8)), lastAuditDay: iso(daysAgo(7)) };
}

const log = document.getElementById('event-log');
const record = (e) => {
  if (!log) return;
  const li = document.createElement('li');
  const d = e.detail || {};
  const what = d.answer?.error ? `error ${d.answer.error.code}` : d.op || Object.keys(d).join(', ');
  li.textContent = `${e.type} from <${e.target.localName}>: ${what}`;
  log.prepend(li);
  while (log.children.length > 20) log.lastElementChild.remove();
};
document.addEventListener('certcalc-change', record);
document.addEventListener('certcalc-result', record);

getCertcalc()
  .then((cc) => {
    const v = document.getElementById('core-version');
    if (v) v.textContent = `core ${cc.version()}`;
  })
  .catch(() => {});
