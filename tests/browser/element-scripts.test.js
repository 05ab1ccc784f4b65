// An element's own script (certcalc-<element>.js) carries only its own English strings and the
// shared ones (web/src/translations/en-*.js): it must show exactly what the same element shows
// from certcalc-widgets.js, which has them all. Each state is rendered once from each script, in
// a fresh page, and the shadow roots compared (Lit's markers, which differ per copy, left out).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cspViolations, mountFresh, startBrowser, startSite } from './helpers.js';

let site;
let browser;
before(async () => {
  site = await startSite();
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
  await site?.stop();
});

const FSSC = { category: 'CI', haccpStudies: 2, certifiedManagementSystem: true };
const CHECKER_DOC = {
  scheme: 'fssc22000-5.1', audit: { firstDay: '2026-03-09', lastDay: '2026-03-10' },
  findings: [{ id: 'NC-1', clause: '7.1.2', grade: 'minor', statement: 'No soap.', correction: 'Soap refilled.', rootCause: 'Human error.',
    correctiveAction: '', plannedCompletion: '2026-03-31', responsible: 'QA' }],
};
/** [name, tag, properties, print view too]: figures, a dated cycle, a locale's chunk, dates, requirements, findings. */
const STATES = [
  ['quote, FSSC 22000 v5.1 (its figures)', 'certcalc-duration-quote', { scheme: 'fssc22000-5.1', locale: 'en', values: { ...FSSC, auditType: 'initial', fte: 120 } }, true],
  ['quote, a dated cycle', 'certcalc-duration-quote', { scheme: 'fssc22000-5.1', values: { ...FSSC, auditType: 'cycle', fte: 60,
    firstAuditDay: '2024-02-27', lastAuditDay: '2024-02-29', decisionDate: '2024-03-20' } }, true],
  ['quote, GMP+ in Dutch', 'certcalc-duration-quote', { scheme: 'gmpplus-cr3.0', locale: 'nl' }, false],
  ['quote, an error', 'certcalc-duration-quote', { scheme: 'fssc22000-5.1', values: { ...FSSC, auditType: 'initial', fte: -5 } }, false],
  ['grade and dates, BRCGS with dates', 'certcalc-grade-dates', { scheme: 'brcgs-food-9', values: { major: 1, minor: 4, auditType: 'initial',
    firstAuditDay: '2026-03-02', lastAuditDay: '2026-03-03' } }, false],
  ['grade and dates, a list of findings', 'certcalc-grade-dates', { scheme: 'brcgs-food-9', mode: 'list',
    findings: [{ id: 'NC-1', clause: 'Hygiene 4.11.1', grade: 'major' }] }, false],
  ['grade and dates, GMP+ requirements', 'certcalc-grade-dates', { scheme: 'gmpplus-cr3.0', values: { scope: 'inland-waterway-transport',
    nonConforms: 1, lastAuditDay: '2026-03-03' } }, false],
  ['grade and dates, FSSC 22000 v6 in French', 'certcalc-grade-dates', { scheme: 'fssc22000-6', locale: 'fr', values: { minor: 2,
    lastAuditDay: '2026-03-03' } }, false],
  ['submission checker, a draft', 'certcalc-submission-checker', { scheme: 'fssc22000-5.1', storageKey: 'element-scripts', document: CHECKER_DOC }, false],
  ['locale switcher', 'certcalc-locale-switcher', {}, false],
];

async function shown(script, tag, props, print) {
  const page = await browser.context.newPage();
  try {
    await page.goto(`${site.url}test/blank.html`);
    await page.addScriptTag({ type: 'module', url: script });
    await page.waitForFunction((t) => customElements.get(t), tag);
    // The switcher has no calculator to wait for.
    const el = tag === 'certcalc-locale-switcher'
      ? (await page.evaluate((t) => document.body.append(document.createElement(t)), tag), page.locator(tag))
      : await mountFresh(page, tag, props);
    if (tag === 'certcalc-submission-checker')
      await page.waitForFunction((t) => document.querySelector(t).validation?.findings, tag, { timeout: 20000 });
    const settle = () => el.evaluate(async (e) => {
      await e.updateComplete;
      await new Promise((r) => setTimeout(r, 300));
      await e.updateComplete;
    });
    await settle();
    const html = [await el.evaluate((e) => e.shadowRoot.innerHTML)];
    if (print) {
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      await settle();
      html.push(await el.evaluate((e) => e.shadowRoot.innerHTML));
    }
    assert.deepEqual(await cspViolations(page), [], `${script}: CSP`);
    return html.map((h) => h.replace(/<!--[^]*?-->/g, ''));
  } finally {
    await page.close();
  }
}

for (const [name, tag, props, print] of STATES) {
  test(`${name}: ${tag}.js shows what certcalc-widgets.js shows`, async () => {
    const own = await shown(`/${tag}.js`, tag, props, print);
    const all = await shown('/certcalc-widgets.js', tag, props, print);
    assert.ok(own[0].length > 200, own[0]);
    assert.deepEqual(own, all);
  });
}
