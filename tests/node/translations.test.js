// The widgets' own texts (web/src/translations/*.js) in the five locales: the same keys and
// placeholders everywhere, plural forms where a count is shown, no request field names inside a
// sentence. The engine's catalogs are held to the same in tests/unit/messages_test.cpp.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addEnglish, loadTranslations, t, translations } from '../../web/src/i18n.js';
import { readdirSync, readFileSync } from 'node:fs';
import english from '../../web/src/translations/en.js';
import shared from '../../web/src/translations/en-shared.js';
import durationQuote from '../../web/src/translations/en-duration-quote.js';
import gradeDates from '../../web/src/translations/en-grade-dates.js';

const LOCALES = ['en', 'nl', 'it', 'de', 'fr'];
const isPlural = (v) => v !== null && typeof v === 'object' && 'other' in v;
// English as certcalc-widgets.js has it: every element's strings (each element's module adds its own).
addEnglish(english);
// Each locale but English is a chunk of its own, loaded on first use.
await Promise.all(LOCALES.map((l) => loadTranslations(l)));

/** [path, value] of every text; a plural entry is one value. */
function texts(o, prefix = '') {
  return Object.entries(o).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !isPlural(v) ? texts(v, `${prefix}${k}.`) : [[prefix + k, v]]);
}
const placeholders = (s) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const strings = (v) => (isPlural(v) ? Object.values(v) : [v]);

test('every locale has exactly the keys of English, with the same shape and placeholders', () => {
  const en = new Map(texts(translations.en));
  assert.ok(en.size > 250);
  for (const locale of LOCALES) {
    const own = new Map(texts(translations[locale]));
    assert.deepEqual([...own.keys()].filter((k) => !en.has(k)), [], `${locale}: keys English does not have`);
    assert.deepEqual([...en.keys()].filter((k) => !own.has(k)), [], `${locale}: keys it lacks`);
    for (const [key, value] of en) {
      const mine = own.get(key);
      assert.equal(isPlural(mine), isPlural(value), `${locale} ${key}: plural in one locale, not in the other`);
      if (isPlural(value)) assert.ok(typeof mine.one === 'string' && typeof mine.other === 'string', `${locale} ${key}`);
      // The plural form has English's placeholders; a singular may leave the count out
      // ("every month").
      const full = placeholders(isPlural(value) ? value.other : value);
      for (const s of strings(mine)) {
        assert.equal(typeof s, 'string', `${locale} ${key}`);
        assert.ok(s.trim().length > 0, `${locale} ${key} is empty`);
        const own = placeholders(s);
        if (isPlural(mine) && s === mine.one) assert.ok(own.every((p) => full.includes(p)), `${locale} ${key}: ${s}`);
        else assert.deepEqual(own, full, `${locale} ${key}: ${s}`);
      }
    }
  }
});

test('no widget text holds a raw camelCase name inside a sentence', () => {
  for (const locale of LOCALES) {
    for (const [key, value] of texts(translations[locale])) {
      for (const s of strings(value)) {
        const plain = s.replace(/\{\w+\}/g, '');
        assert.doesNotMatch(plain, /(^|[^A-Za-z0-9_])[a-z][a-z0-9]*[A-Z]\w*/, `${locale} ${key}: ${s}`);
      }
    }
  }
});

test('a count shown with a counted noun has a singular and a plural form', () => {
  // A {n} followed by a counted noun must come from a {one, other} entry.
  const nouns = /\{n\}\s+(days?|hours?|findings?|errors?|warnings?|dag(en)?|uur|bevinding(en)?|giorn[oi]|or[ae]|rilievi?|Tag(e|en)?|Stunden?|Feststellung(en)?|jours?|heures?|constats?)\b/;
  for (const locale of LOCALES) {
    for (const [key, value] of texts(translations[locale])) {
      if (!isPlural(value)) assert.doesNotMatch(value, nouns, `${locale} ${key}: ${value}`);
    }
  }
  // The forms follow each language's rule: French counts 0 and 1 as singular.
  assert.equal(t('en', 'days', { n: 1 }), '1 day');
  assert.equal(t('en', 'days', { n: 0 }), '0 days');
  assert.equal(t('it', 'daysLeft', { n: 1 }), 'manca 1 giorno');
  assert.equal(t('it', 'daysLeft', { n: 3 }), 'mancano 3 giorni');
  assert.equal(t('fr', 'days', { n: 0 }), '0 jour');
  assert.equal(t('fr', 'days', { n: 2 }), '2 jours');
  assert.equal(t('de', 'overdue', { n: 1 }), '1 Tag überfällig');
  assert.equal(t('nl', 'imported', { n: 2 }), '2 bevindingen geïmporteerd.');
});

test('every field the widgets lay out from describe has a label in every locale', async () => {
  // The duration and grade-and-dates forms are built from describe's fields (web/src/fields.js):
  // a field without the pack's label or the widgets' own would show its humanized name
  // ("Holidays") in every language. `findings` has an editor of its own.
  const { loadCertcalc } = await import('./harness.js');
  const cc = await loadCertcalc();
  const missing = [];
  for (const { id } of cc.schemes().schemes) {
    const d = cc.describe({ scheme: id });
    for (const op of ['duration', 'grade', 'schedule', 'deadlines']) {
      for (const f of d.operations[op]?.fields ?? []) {
        if (f.name === 'findings') continue;
        const own = d.data?.labels?.[op]?.[f.name] ?? d.data?.labels?.[f.name];
        for (const locale of LOCALES) {
          const packs = typeof own === 'string' ? (locale === 'en' ? own : null) : own?.[locale];
          if (!packs && !translations[locale].fieldLabels?.[f.name]) missing.push(`${locale} ${id} ${op} ${f.name}`);
        }
      }
    }
  }
  assert.deepEqual(missing, []);
});

test('a label starts with a capital whatever its first character', async () => {
  const { capitalized } = await import('../../web/src/i18n.js');
  assert.equal(capitalized('evidence of the corrective actions', 'en'), 'Evidence of the corrective actions');
  assert.equal(capitalized('évidence', 'fr'), 'Évidence');
  assert.equal(capitalized('über die Frist', 'de'), 'Über die Frist');
  assert.equal(capitalized('𝒶 b', 'en'), '𝒶 b');
  assert.equal(capitalized('', 'en'), '');
});

test('a deadline\'s date is written one way in every widget: a date, a window, "not before", or none', async () => {
  const { deadlineWhen, deadlineName } = await import('../../web/src/i18n.js');
  await loadTranslations('nl');
  assert.equal(deadlineWhen('en', { dueDate: '2026-02-02' }), 'Feb 2, 2026');
  assert.equal(deadlineWhen('en', { date: '2026-02-02', kind: 'audit' }), 'Feb 2, 2026');
  assert.equal(deadlineWhen('en', { from: '2026-02-02', to: '2026-03-02' }), 'Feb 2, 2026 – Mar 2, 2026');
  assert.equal(deadlineWhen('nl', { from: '2026-02-02' }), 'niet vóór 2 feb 2026');
  assert.equal(deadlineWhen('en', { to: '2026-03-02' }), 'Mar 2, 2026');
  assert.equal(deadlineWhen('en', {}), '—');
  assert.equal(deadlineName({ kind: 'nc_summary', label: 'written summary' }), 'written summary');
  assert.equal(deadlineName({ kind: 'nc_summary', message: 'the summary' }), 'the summary');
  assert.equal(deadlineName({ kind: 'nc_summary' }), 'Nc summary');
});

test('what a widget says while loading and when loading fails is in the bundle in every locale, in no locale\'s chunk', async () => {
  // translations/load.js: the locale's chunk, the module or the locale's messages may be what
  // failed, so these texts must need nothing fetched (tests/browser/page.test.js shows them).
  const { default: loadTexts } = await import('../../web/src/translations/load.js');
  const { loadErrorDetail } = await import('../../web/src/i18n.js');
  assert.deepEqual(Object.keys(loadTexts).sort(), [...LOCALES].sort());
  const keys = Object.keys(loadTexts.en).sort();
  for (const locale of LOCALES) {
    assert.deepEqual(Object.keys(loadTexts[locale]).sort(), keys, locale);
    for (const key of keys) {
      assert.ok(loadTexts[locale][key].trim(), `${locale} ${key}`);
      assert.deepEqual(placeholders(loadTexts[locale][key]), placeholders(loadTexts.en[key]), `${locale} ${key}`);
      // Each text once: not in the locale's chunk as well.
      assert.equal(translations[locale][key], undefined, `${locale} ${key} is in the chunk too`);
    }
  }
  // t() finds them there (tests/browser/page.test.js: with the locale's chunk failing to load).
  assert.equal(t('nl', 'loadFailed'), 'De rekenmodule kon niet worden geladen.');
  assert.equal(t('it', 'tryAgain'), 'Riprova');
  // A CertcalcLoadError (wasm/certcalc.js) names its file, URL and reason in the locale's words.
  const { CertcalcLoadError } = await import(`${(await import('./harness.js')).distDir}/certcalc.js`);
  const asset = new CertcalcLoadError('rule asset messages/nl.json', 'https://x.test/assets/messages/nl.json', 'HTTP 404', 'asset_load_failed');
  assert.equal(loadErrorDetail('en', asset), asset.message);
  assert.equal(loadErrorDetail('nl', asset), 'regelbestand messages/nl.json kon niet worden geladen vanaf https://x.test/assets/messages/nl.json: HTTP 404');
  assert.equal(loadErrorDetail('it', asset), 'non è stato possibile caricare il file di regole messages/nl.json da https://x.test/assets/messages/nl.json: HTTP 404');
  const wasm = new CertcalcLoadError('certcalc-calc.wasm', 'https://x.test/certcalc-calc.wasm', 'the server sent text/html, not WebAssembly');
  assert.equal(loadErrorDetail('en', wasm), wasm.message);
  assert.equal(loadErrorDetail('nl', wasm), 'certcalc-calc.wasm kon niet worden geladen vanaf https://x.test/certcalc-calc.wasm: the server sent text/html, not WebAssembly');
  // Any other error: its own message.
  assert.equal(loadErrorDetail('nl', new TypeError('Failed to fetch dynamically imported module: https://x.test/nl-AB12.js')),
    'Failed to fetch dynamically imported module: https://x.test/nl-AB12.js');
});

test('each element\'s script carries the English it shows: its own strings and the shared ones', async () => {
  // An element's own script bundles en-shared.js and its own en-<element>.js only (i18n.js,
  // addEnglish). Every key its modules name (a quoted word, an object key) that is an English
  // key must be among those, and so must every key of a prefix it builds keys from.
  const { build } = await import('esbuild');
  const { ELEMENTS } = await import('../../web/build.mjs');
  const src = new URL('../../web/src/', import.meta.url).pathname;
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  for (const [tag, file] of Object.entries(ELEMENTS)) {
    const { metafile } = await build({
      entryPoints: [`${src}components/${file}`], bundle: true, write: false, metafile: true, format: 'esm', logLevel: 'silent',
      plugins: [{ name: 'only-src', setup: (b) => b.onResolve({ filter: /^lit$|build\/wasm\/dist\// }, (a) => ({ path: a.path, external: true })) }],
    });
    const inputs = Object.keys(metafile.inputs).map((p) => new URL(p, `file://${process.cwd()}/`).pathname);
    const parts = inputs.filter((p) => /translations\/en-[\w-]+\.js$/.test(p));
    assert.ok(parts.some((p) => p.endsWith('en-shared.js')), tag);
    const own = {};
    for (const p of parts) Object.assign(own, (await import(p)).default);
    const code = inputs.filter((p) => p.startsWith(src) && !p.includes('/translations/')).map((p) => readFileSync(p, 'utf8')).join('\n');
    const named = Object.keys(english).filter((k) => new RegExp(`['"\`]${esc(k)}['"\`]|\\b${esc(k)}\\s*:`).test(code));
    const built = Object.keys(english).filter((k) => /^(f|state|stage|requirement)_/.test(k) &&
      new RegExp(`[\`'"]${k.replace(/_.*/, '_')}(\\$\\{|['"]\\s*\\+)`).test(code));
    assert.deepEqual([...named, ...built].filter((k) => !(k in own)), [], `${tag}: English it does not carry`);
  }
});

test('the answers of the built-in packs find the same labels in an element\'s English as in all of it', () => {
  // The quote labels a figure, grade and dates a schedule's member and a requirement by the
  // widget's own text when it has one (figureLabel, scheduleEvents, own()): for every example
  // answer, each of those keys with an English text has it among that element's strings.
  const dir = new URL('../../examples/', import.meta.url).pathname;
  const answers = (op) => readdirSync(`${dir}${op}`).filter((f) => f.endsWith('.answer.json')).map((f) => JSON.parse(readFileSync(`${dir}${op}/${f}`, 'utf8')));
  const keys = (v, pick, out = new Set()) => {
    if (Array.isArray(v)) v.forEach((x) => keys(x, pick, out));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { pick(k, x, out); keys(x, pick, out); }
    return out;
  };
  const figures = keys(answers('duration'), (k, x, out) => typeof x === 'number' && out.add(k));
  const schedule = new Set(answers('schedule').flatMap((a) => Object.keys(a)));
  const kinds = keys(answers('deadlines'), (k, x, out) => k === 'kind' && typeof x === 'string' && out.add(`requirement_${x}`));
  const check = (set, part) => [...set].filter((k) => typeof english[k] === 'string' && !(k in shared) && !(k in part));
  assert.ok(figures.size > 5 && schedule.size > 5);
  assert.deepEqual(check(figures, durationQuote), []);
  assert.deepEqual(check(schedule, gradeDates), []);
  assert.deepEqual(check(kinds, gradeDates), []);
});

/** Every Dutch text: the widgets', every pack's and shared file's `nl`, and the core's nl catalog. */
function dutchTexts() {
  const dutch = [...texts(translations.nl).map(([k, v]) => [`web nl ${k}`, v])];
  const walk = (v, where) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}/${i}`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) {
      if (k === 'nl' && typeof x === 'string') dutch.push([`${where}/nl`, x]);
      else walk(x, `${where}/${k}`);
    }
  };
  const rules = new URL('../../rules/', import.meta.url);
  for (const dir of ['packs', 'shared'])
    for (const f of readdirSync(new URL(`${dir}/`, rules)).filter((n) => n.endsWith('.json')))
      walk(JSON.parse(readFileSync(new URL(`${dir}/${f}`, rules), 'utf8')), `${dir}/${f}`);
  const core = JSON.parse(readFileSync(new URL('messages/nl.json', rules), 'utf8')).messages;
  for (const [k, v] of Object.entries(core)) dutch.push([`messages/nl.json/${k}`, v]);
  return dutch;
}

// One Dutch word for each audit: a tester met "surveillance", "surveillance-audit" and
// "controle-audit" for the same audit in one quote, and "hercertificering" beside "hercertificatie".
// The Dutch source writes "hercertificatie" and "hercertificatieaudit"
// (002_af387c1ec987754e.txt §4.2.8.1); the surveillance audit is the "controle-audit" throughout.
test('Dutch names each audit one way, in the widgets and in every pack', () => {
  const dutch = dutchTexts();
  assert.ok(dutch.length > 500);
  const words = /surveillance|hercertificering/i;
  assert.deepEqual(dutch.filter(([, v]) => strings(v).some((s) => words.test(s))).map(([k]) => k), []);
  assert.equal(translations.nl.valueLabels.auditType.surveillance, 'controle-audit');
  assert.equal(translations.nl.valueLabels.auditType.recertification, 'hercertificatie');
});

// "kritieke afwijking" (FSSC 5.1) beside "kritieke non-conformiteit" (FSSC 6): one Dutch word for
// a non-conformity everywhere, the one most texts used, with kritieke / grote / kleine for its
// levels. "In afwijking van" (by derogation, as source 002 writes it) is another word.
test('Dutch names a non-conformity one way, non-conformiteit, with kritieke, grote and kleine', () => {
  const dutch = dutchTexts();
  const other = /afwijking|nonconformiteit|non conformiteit|\b(?:belangrijke|ernstige|geringe|major|minor) non-conformiteit/i;
  assert.deepEqual(dutch.filter(([, v]) => strings(v).some((s) => other.test(s.replace(/\bin afwijking van\b/gi, '')))).map(([k, v]) => `${k}: ${strings(v).join(' | ')}`), []);
  const levels = dutch.flatMap(([, v]) => strings(v).flatMap((s) => [...s.matchAll(/(\S+) non-conformiteit(?:en)?\b/g)].map((m) => m[1].toLowerCase())));
  for (const level of ['kritieke', 'grote', 'kleine']) assert.ok(levels.includes(level), level);
  assert.equal(translations.nl.nonConformities, 'Non-conformiteiten');
});
