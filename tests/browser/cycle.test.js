// The duration quote's dated cycle on the demo page, under the strict CSP: the table of audits
// with their windows, due dates and announcement, the SVG timeline on one scale, the print view
// (table and timeline fit the page), the five locales, and axe. Expected figures are those of the
// vectors (tests/vectors/*/cycle*.json), which cite their clauses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { closeSession, openSession, screenshotPath, cspViolations } from './helpers.js';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// 004_9e4b806a07ab55e8.txt §5.1 1), 2); §7.1 3): the vector leap-day-initial-with-decision.
const FSSC = {
  auditType: 'cycle', category: 'CI', fte: 60, haccpStudies: 2, certifiedManagementSystem: true,
  firstAuditDay: '2024-02-27', lastAuditDay: '2024-02-29', decisionDate: '2024-03-20',
};
// FSSC 22000 v6: the vector first-version-6-day-with-decision (Become FSSC 22000 certified, step 4;
// Version 6 Upgrade Process §2; the version 5.1 window, 004_9e4b806a07ab55e8.txt §5.1 2), on request).
const FSSC6 = {
  auditType: 'cycle', onSiteDays: 3, surveillanceOnSiteDays: 1.5, recertificationOnSiteDays: 2,
  firstAuditDay: '2024-04-01', lastAuditDay: '2024-04-03', decisionDate: '2024-04-29', surveillanceWindows: 'version-5.1',
};
// 003_b35c7154d427a1c5.txt §6, §6.2, Allegato 1: the vector grade-c-from-august-31, with 1.5 days per audit.
const BRCGS = { auditType: 'cycle', firstAuditDay: '2024-08-31', grade: 'C', auditDays: 1.5 };

let site, browser, page;

before(async () => {
  ({ site, browser, page } = await openSession({ demo: true }));
});

after(() => closeSession({ site, browser }));

async function show(scheme, values) {
  await page.evaluate(async ([s, v]) => {
    const q = document.querySelector('certcalc-duration-quote');
    q.scheme = s;
    q.values = v;
    await q.updateComplete;
  }, [scheme, values]);
}

const quote = () => page.locator('certcalc-duration-quote');
const screenTable = () => quote().locator('[part=cycle-section] table[part=cycle]');
const cells = async (row) => (await screenTable().locator(`tbody tr[data-number="${row}"] > *`).allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());

test('FSSC 22000: every audit of the cycle with its window, due date and announcement', async () => {
  await show('fssc22000-5.1', FSSC);
  assert.equal(await screenTable().locator('tbody tr').count(), 4);
  const head = (await screenTable().locator('thead th').allTextContents()).map((t) => t.trim());
  assert.deepEqual(head, ['Audit', 'Audit type', 'Window', 'Due', 'Announcement', 'On site (rounded)', 'Total audit time']);
  const first = await cells(1);
  assert.deepEqual(first.slice(0, 5), ['1', 'initial', 'Feb 27, 2024 – Feb 29, 2024', '—', 'announced']);
  const second = await cells(2);
  assert.deepEqual(second.slice(0, 5), ['2', 'surveillance', 'Jan 1, 2025 – Dec 31, 2025', 'Feb 27, 2025', 'one of these unannounced']);
  const fourth = await cells(4);
  assert.deepEqual(fourth.slice(0, 5), ['4', 'recertification', 'by Mar 19, 2027', 'Feb 27, 2027', 'announced']);
  assert.equal(await screenTable().locator('[data-key=cycleTotal]').textContent(), '13');
  assert.match(await quote().locator('[part=cycle-section] [part=certificate]').textContent(), /Certificate valid until:\s*Mar 20, 2027/);
  // The clauses of the dates, each once, with the audits they date.
  const rules = (await quote().locator('[part=cycle-section] [part=cycle-rules] li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  assert.equal(rules.length, 3);
  assert.match(rules[1], /^Audits 2, 3: A CERT FSSC 22000 regulation v5\.1 §5\.1 1\) \(annual audits\), 2\) \(within the calendar year\)/);
});

test('the timeline: one scale over three years, every window, due date and the certificate', async () => {
  await show('fssc22000-5.1', FSSC);
  const svg = quote().locator('[part=cycle-section] svg[part=timeline]');
  assert.equal(await svg.count(), 1);
  assert.match(await svg.locator('title').first().textContent(), /Timeline of the certification cycle/);
  // Audit 1 (its days), two surveillance windows and their due dates, the recertification's
  // latest day and its due date, the certificate's end: 8 events, no break in the scale.
  assert.equal(await svg.locator('g.tl-event').count(), 8);
  assert.equal(await svg.locator('rect.tl-window').count(), 2);
  assert.equal(await svg.locator('.tl-break').count(), 0);
  const labels = await svg.locator('text.tl-label').allTextContents();
  for (const l of ['1. initial', '2. surveillance', '2. Due', '4. recertification (at the latest)', 'Certificate valid until'])
    assert.ok(labels.includes(l), `the timeline shows ${l}: ${labels.join(' | ')}`);
  // Events in date order from left to right.
  const xs = await svg.locator('g.tl-event circle').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('cx'))));
  assert.deepEqual(xs, [...xs].sort((a, b) => a - b));
  await page.screenshot({ path: screenshotPath('cycle-fssc'), clip: await quote().boundingBox() });
});

test('the timeline is drawn again at a new width; a widget without one is not redrawn for it', async () => {
  const viewBoxWidth = () => quote().locator('[part=cycle-section] svg[part=timeline]')
    .evaluate((s) => Number(s.getAttribute('viewBox').split(' ')[2]));
  try {
    await show('fssc22000-5.1', FSSC);
    const wide = await viewBoxWidth();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => {
      const s = document.querySelector('certcalc-duration-quote').shadowRoot.querySelector('[part=cycle-section] svg[part=timeline]');
      return s && Number(s.getAttribute('viewBox').split(' ')[2]) < 400;
    });
    assert.ok(await viewBoxWidth() < wide, 'drawn narrower on a phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForFunction((w) => {
      const s = document.querySelector('certcalc-duration-quote').shadowRoot.querySelector('[part=cycle-section] svg[part=timeline]');
      return s && Number(s.getAttribute('viewBox').split(' ')[2]) === w;
    }, wide);

    // An answer without dates draws no timeline: resizing the page does not redraw the widget.
    await show('fssc22000-5.1', { ...FSSC, auditType: 'initial', firstAuditDay: undefined, lastAuditDay: undefined, decisionDate: undefined });
    assert.equal(await quote().locator('svg[part=timeline]').count(), 0);
    const redraws = await page.evaluate(async () => {
      const q = document.querySelector('certcalc-duration-quote');
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      let n = 0;
      const own = q.requestUpdate;
      q.requestUpdate = function (...a) {
        n++;
        return own.apply(this, a);
      };
      try {
        for (const w of [500, 900, 640]) {
          document.body.style.width = `${w}px`;
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        }
      } finally {
        document.body.style.width = '';
        delete q.requestUpdate;
      }
      return n;
    });
    assert.equal(redraws, 0);
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test('FSSC 22000 v6: the dated cycle, its timeline, the window it is told and the one it asks for', async () => {
  await show('fssc22000-6', FSSC6);
  assert.equal(await screenTable().locator('tbody tr').count(), 4);
  const head = (await screenTable().locator('thead th').allTextContents()).map((t) => t.trim());
  assert.deepEqual(head.slice(0, 5), ['Audit', 'Audit type', 'Window', 'Due', 'Announcement']);
  assert.equal(head[head.length - 1], 'Total audit time');
  assert.deepEqual((await cells(1)).slice(0, 5), ['1', 'initial', 'Apr 1, 2024 – Apr 3, 2024', '—', 'not stated in the source']);
  // The exact on-site days of the certification body (no rounded figure in version 6) and the total.
  assert.deepEqual((await cells(1)).slice(-2), ['3', '4.25']);
  assert.deepEqual((await cells(2)).slice(0, 5), ['2', 'surveillance', 'Jan 1, 2025 – Dec 31, 2025', 'Apr 1, 2025', 'one of these unannounced']);
  assert.deepEqual((await cells(4)).slice(0, 5), ['4', 'recertification', 'by Apr 28, 2027', 'Apr 1, 2027', 'not stated in the source']);
  assert.equal(await screenTable().locator('[data-key=cycleTotal]').textContent(), '13');
  assert.match(await quote().locator('[part=cycle-section] [part=certificate]').textContent(), /Certificate valid until:\s*Apr 29, 2027/);
  const rules = (await quote().locator('[part=cycle-section] [part=cycle-rules] li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  assert.ok(rules.some((r) => /^Audits 2, 3: FSSC: Become FSSC 22000 certified step 4 \(annual surveillance audits\); .*A CERT FSSC 22000 regulation v5\.1 §5\.1 2\)/.test(r)), rules.join(' | '));
  // The answer says whose window it is.
  assert.match(await quote().locator('[part~=warning]').first().textContent(), /The surveillance windows are those of FSSC 22000 version 5\.1/);
  const svg = quote().locator('[part=cycle-section] svg[part=timeline]');
  assert.equal(await svg.locator('g.tl-event').count(), 8);
  assert.equal(await svg.locator('rect.tl-window').count(), 2);
  const xs = await svg.locator('g.tl-event circle').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('cx'))));
  assert.deepEqual(xs, [...xs].sort((a, b) => a - b));
  await page.screenshot({ path: screenshotPath('cycle-fssc6'), clip: await quote().boundingBox() });

  // Without the window the dates are refused: the message is at the field, which is now called
  // needed, and the answer's place points to it.
  const { surveillanceWindows, ...withoutWindow } = FSSC6;
  await show('fssc22000-6', withoutWindow);
  assert.equal(await quote().locator('[part=cycle-section]').count(), 0);
  const field = quote().locator('.field').filter({ has: page.locator('[id$="-surveillanceWindows"]') });
  assert.match(await field.locator('.msg.error').textContent(), /^Give the surveillance audit windows: no FSSC 22000 version 6 document/);
  assert.match(await field.locator('label').textContent(), /\(needed for this calculation\)/);
  assert.equal(await quote().locator('[part=result] [data-asks=surveillanceWindows]').textContent(),
    'The quote needs “Surveillance audit windows”: see that field above.');
});

test('FSSC 22000 v5.1: the rounded on-site time states its unit, as the exact one does', async () => {
  // A CERT FSSC 22000 regulation v5.1 §4.3.1 a) and b) 1) with the Annex B tables: category CI,
  // 60 FTE, two HACCP studies, a certified management system: T_D 1.5 + T_H 0.5 + T_MS 0 +
  // T_FTE 1 + T_FSSC 0.5 = 3.5 days on site, already a half day.
  await show('fssc22000-5.1', { ...FSSC, auditType: 'initial', firstAuditDay: undefined, lastAuditDay: undefined, decisionDate: undefined });
  assert.equal(await quote().locator('.screen-only [data-key=onSiteDays] dd').textContent(), '3.5 days');
  assert.equal(await quote().locator('.screen-only [data-key=onSiteDaysRounded] dd').textContent(), '3.5 days');
});

test('FSSC 22000 v5.1: an exemption\'s lowest times are shown where its note points to them, on screen and on paper', async () => {
  // A CERT FSSC 22000 regulation v5.1 §4.3.3 exemptions a): simple processes, 5 FTE or less and
  // one HACCP study: T_S + T_FSSC at least one day; preparation 0.25 and reporting 0.5 day come
  // on top (§4.3.1 a), b)): 1.75 days in all. The standard minimum stays 1.5 days on site (§4.3.3 b)).
  await show('fssc22000-5.1', { auditType: 'initial', category: 'AI', fte: 3, haccpStudies: 1, certifiedManagementSystem: true, simpleProcesses: true });
  const block = quote().locator('.screen-only [part=exemption]');
  await block.waitFor();
  assert.equal(await block.locator('h4').textContent(), 'Exemption a): the lowest times it allows');
  const figure = async (k) => (await block.locator(`[data-key=exemption-${k}] dd`).textContent()).trim();
  assert.equal(await figure('onSiteDays'), '1 day');
  assert.equal(await figure('totalDays'), '1.75 days');
  assert.equal(await figure('minimumDays'), '1 day');
  assert.match(await block.locator('cite').textContent(), /§4\.3\.3 exemptions a\)/);
  assert.equal(await quote().locator('.screen-only [data-key=minimumOnSiteDays] dd').textContent(), '1.5 days');
  assert.equal(await quote().locator('[part=justification] [part=exemption] [data-key=exemption-totalDays] dd').count(), 1);
});

test('BRCGS: seven audits at six months (grade C), windows, certificate expiry and the days agreed', async () => {
  await show('brcgs-food-9', BRCGS);
  assert.equal(await screenTable().locator('tbody tr').count(), 7);
  const head = (await screenTable().locator('thead th').allTextContents()).map((t) => t.trim());
  assert.deepEqual(head, ['Audit', 'Audit type', 'Window', 'Due', 'Announcement', 'Certificate expiry', 'Total audit time']);
  // The audit frequency is a figure in months, not days.
  assert.equal(await quote().locator('.screen-only [data-key=auditFrequencyMonths] dd').textContent(), 'every 6 months');
  assert.deepEqual((await cells(1)).slice(0, 7), ['1', 'initial', 'Aug 31, 2024', '—', 'announced', 'Apr 11, 2025', '1.5']);
  assert.deepEqual((await cells(3)).slice(0, 7), ['3', 'recertification', 'Jul 31, 2025 – Aug 28, 2025', 'Aug 28, 2025', 'one of these unannounced', 'Apr 11, 2026', '1.5']);
  assert.equal(await screenTable().locator('[data-key=cycleTotal]').textContent(), '10.5');
  assert.equal(await quote().locator('[part=cycle-section] svg[part=timeline] rect.tl-window').count(), 6);
  await page.screenshot({ path: screenshotPath('cycle-brcgs'), clip: await quote().boundingBox() });
});

test('five locales: dates, announcement and column names', async () => {
  await show('fssc22000-5.1', FSSC);
  const expected = {
    nl: ['1 jan 2025 – 31 dec 2025', 'één hiervan onaangekondigd', 'Periode'],
    it: ['1 gen 2025 – 31 dic 2025', 'uno di questi non annunciato', 'Periodo'],
    de: ['1. Jan. 2025 – 31. Dez. 2025', 'eines davon unangekündigt', 'Zeitfenster'],
    fr: ['1 janv. 2025 – 31 déc. 2025', 'l’un d’eux inopiné', 'Période'],
    en: ['Jan 1, 2025 – Dec 31, 2025', 'one of these unannounced', 'Window'],
  };
  for (const [l, [windowText, announcement, column]] of Object.entries(expected)) {
    await page.locator('certcalc-locale-switcher').locator('select').selectOption(l);
    await page.waitForFunction((lang) => document.querySelector('certcalc-duration-quote').shadowRoot.querySelector('[part=base]')?.getAttribute('lang') === lang, l);
    const second = await cells(2);
    assert.equal(second[2], windowText, `${l} window`);
    assert.equal(second[4], announcement, `${l} announcement`);
    assert.ok((await screenTable().locator('thead th').allTextContents()).map((t) => t.trim()).includes(column), `${l} column`);
  }
});

test('print: the cycle table and the timeline are in the justification and fit the page', async () => {
  await show('brcgs-food-9', BRCGS);
  await quote().evaluate((el) => el.setAttribute('printing', ''));
  await page.emulateMedia({ media: 'print' });
  try {
    const just = quote().locator('[part=justification]');
    assert.equal(await just.isVisible(), true);
    assert.equal(await quote().locator('[part=cycle-section] table[part=cycle]').isVisible(), false);
    const table = just.locator('table[part=cycle]');
    assert.equal(await table.locator('tbody tr').count(), 7);
    assert.equal(await just.locator('svg[part=timeline]').isVisible(), true);
    // Nothing wider than the printed page: the table and the drawing fit the justification.
    const widths = await just.evaluate((el) => {
      const t = el.querySelector('table[part=cycle]');
      const s = el.querySelector('svg[part=timeline]');
      return { box: el.getBoundingClientRect().width, table: t.getBoundingClientRect().width, svg: s.getBoundingClientRect().width };
    });
    assert.ok(widths.table <= widths.box + 1 && widths.svg <= widths.box + 1, JSON.stringify(widths));
    const text = await just.textContent();
    for (const s of ['Certification cycle', 'Aug 28, 2025', 'Timeline of the cycle', 'Certiquality BRCGS regulation §6'])
      assert.ok(text.includes(s), `the print view mentions ${s}`);
    await page.pdf({ path: screenshotPath('cycle-print').replace(/\.png$/, '.pdf') });
    await page.screenshot({ path: screenshotPath('cycle-print'), fullPage: true });
    // On an A4 page (about 718 CSS px wide) too, in the language with the longest words: every
    // column, the days included, stays on the paper.
    await page.setViewportSize({ width: 718, height: 1000 });
    for (const [scheme, values, locale] of [['brcgs-food-9', BRCGS, 'en'], ['fssc22000-6', FSSC6, 'nl'], ['fssc22000-5.1', FSSC, 'de']]) {
      await quote().evaluate(async (el, [s, v, l]) => {
        el.locale = l;
        el.scheme = s;
        el.values = v;
        await el.updateComplete;
      }, [scheme, values, locale]);
      await page.waitForFunction((l) => document.querySelector('certcalc-duration-quote').shadowRoot.querySelector('[part=justification] table[part=cycle]')?.closest('[lang]')?.getAttribute('lang') === l, locale);
      const a4 = await just.evaluate((el) => ({ box: el.clientWidth, table: el.querySelector('table[part=cycle]').scrollWidth }));
      assert.ok(a4.table <= a4.box + 1, `${scheme} in ${locale}: ${JSON.stringify(a4)}`);
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
    await quote().evaluate(async (el) => {
      el.locale = '';
      await el.updateComplete;
    });
    await page.emulateMedia({ media: 'screen' });
    await quote().evaluate((el) => el.removeAttribute('printing'));
  }
});

test('axe finds no violation with a dated cycle on screen, and the CSP is never violated', async () => {
  for (const [scheme, values] of [['fssc22000-5.1', FSSC], ['fssc22000-6', FSSC6], ['brcgs-food-9', BRCGS]]) {
    await show(scheme, values);
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document.querySelector('certcalc-duration-quote'), { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    });
    assert.deepEqual(result, [], `${scheme}: ${JSON.stringify(result, null, 2)}`);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(axeSource);
  const phone = await page.evaluate(async () => (await window.axe.run(document.querySelector('certcalc-duration-quote'), { resultTypes: ['violations'] })).violations.map((v) => v.id));
  assert.deepEqual(phone, []);
  await page.screenshot({ path: screenshotPath('cycle-phone'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(browser.record.consoleErrors, []);
  assert.deepEqual(browser.record.pageErrors, []);
});

test('a required choice with one value is taken: a BRCGS quote starts on its cycle, not on an error', async () => {
  // No audit type chosen yet for FSSC 22000 v5.1: nothing to carry over.
  await show('fssc22000-5.1', { fte: 120 });
  assert.equal(await quote().getByLabel('Audit type').inputValue(), '');
  await quote().getByLabel('Scheme').selectOption('brcgs-food-9');
  await page.evaluate(() => document.querySelector('certcalc-duration-quote').updateComplete);
  assert.equal(await quote().getByLabel('Audit type').inputValue(), 'cycle');
  assert.equal(await quote().evaluate((q) => q.request.auditType), 'cycle');
  assert.doesNotMatch(await quote().locator('[part=form]').textContent(), /Audit type is required|auditType is required/);
});
