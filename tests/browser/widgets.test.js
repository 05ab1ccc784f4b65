// The widgets driven through their UI on the demo page, with the fictional test pack:
// the duration form built from describe, its breakdown, cycle table and print view; grade and
// dates with counters, list, what-if and the timeline; the locale switcher.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSession, openSession, loadTestPack, widgetsReady, screenshotPath, cspViolations } from './helpers.js';

let site, browser, page;

before(async () => {
  ({ site, browser, page } = await openSession());
  await page.goto(site.url);
  await widgetsReady(page);
  await loadTestPack(page);
});

after(() => closeSession({ site, browser }));

/** The test pack's initial audit, typed into the duration quote's form as a user would. */
async function quoteTestPackInitial(quote) {
  await quote.getByLabel('Scheme').selectOption('webtest-1');
  await quote.getByLabel('Audit type').selectOption('initial');
  await quote.getByLabel('Category').selectOption('B');
  await quote.getByLabel('Employees (FTE)').fill('120');
  await quote.getByLabel('HACCP studies').fill('2');
}

test('duration quote: a form from describe, the breakdown with citations, the cycle and the print view', async () => {
  const quote = page.locator('certcalc-duration-quote');
  // The form comes from the pack: its fields, allowed values and help texts.
  await quoteTestPackInitial(quote);
  // The demo's FSSC example is carried over by field name; this test wants no certified system.
  await quote.getByLabel('Certified management system').uncheck();
  assert.match(await quote.locator('[part~=help]').first().textContent(), /Kind of audit; a cycle lists every audit of three years/);
  assert.equal((await quote.getByLabel('Employees (FTE)').getAttribute('inputmode')), 'numeric');

  const total = quote.locator('[data-key=totalDays] dd').first();
  assert.equal(await total.textContent(), '4.5 days');
  const rows = quote.locator('table[part=breakdown] tbody tr').first();
  assert.match(await rows.textContent(), /T_S\s*1\.5\s*test-pack §1 \(invented\)/);
  assert.equal(await quote.locator('.screen-only table[part=breakdown] tbody tr').count(), 4);
  // The unverified-table notice comes with the answer's warnings.
  assert.match(await quote.locator('[part~=warning]').first().textContent(), /not verified against the scheme's own documents/);
  await page.screenshot({ path: screenshotPath('duration-initial'), fullPage: false, clip: await quote.boundingBox() });

  // An out-of-range value: the core's message next to the field.
  await quote.getByLabel('Employees (FTE)').fill('0');
  const fte = quote.getByLabel('Employees (FTE)');
  assert.equal(await fte.getAttribute('aria-invalid'), 'true');
  assert.match(await quote.locator('.field:has(input[aria-invalid=true]) .msg.error').textContent(), /^Employees \(FTE\) must be a whole number/);
  await fte.fill('120');

  // The whole cycle.
  await quote.getByLabel('Audit type').selectOption('cycle');
  const cycle = quote.locator('.screen-only table[part=cycle]');
  assert.equal(await cycle.locator('tbody tr').count(), 3);
  assert.equal(await cycle.locator('[data-key=cycleTotal]').textContent(), '10.5');
  await page.screenshot({ path: screenshotPath('duration-cycle'), clip: await quote.boundingBox() });

  // Print: the justification only (inputs with clauses, breakdown, sources, signature lines).
  await quote.evaluate((el) => el.setAttribute('printing', ''));
  await page.emulateMedia({ media: 'print' });
  const just = quote.locator('[part=justification]');
  assert.equal(await just.isVisible(), true);
  assert.equal(await quote.locator('form[part=form]').isVisible(), false);
  const text = await just.textContent();
  for (const s of ['Justification of the audit duration', 'Employees (FTE)', '120', 'test-pack §2', 'T_FTE', 'Prepared by', 'Signature', 'this file'])
    assert.ok(text.includes(s), `the justification mentions ${s}`);
  assert.equal(await page.locator('#grade').isVisible(), false, 'printing the quote hides the other sections');
  await page.screenshot({ path: screenshotPath('duration-print'), fullPage: true });
  await page.pdf({ path: screenshotPath('duration-print').replace(/\.png$/, '.pdf') });
  await page.emulateMedia({ media: 'screen' });
  await quote.evaluate((el) => el.removeAttribute('printing'));
});

test('duration quote: the print view comes after the first answer, and at once when printing starts', async () => {
  const seen = await page.evaluate(() => new Promise((resolve, reject) => {
    const el = document.createElement('certcalc-duration-quote');
    el.setAttribute('scheme', 'webtest-1');
    el.values = { auditType: 'initial', category: 'B', fte: 120, haccpStudies: 2 };
    const view = () => Boolean(el.shadowRoot?.querySelector('[part=justification]'));
    el.addEventListener('certcalc-result', (e) => {
      if (e.detail.answer?.error) return reject(new Error(JSON.stringify(e.detail.answer.error)));
      const before = view();
      // A browser lays the page out for print as soon as the beforeprint listeners return.
      window.dispatchEvent(new Event('beforeprint'));
      const during = view();
      const text = el.shadowRoot.querySelector('[part=justification]')?.textContent ?? '';
      el.remove();
      resolve({ before, during, text });
    }, { once: true });
    document.body.append(el);
  }));
  assert.equal(seen.before, false, 'the print view is not drawn on the way to the first answer');
  assert.equal(seen.during, true, 'beforeprint draws the print view before the page is laid out');
  assert.match(seen.text, /Justification of the audit duration[\s\S]*Employees \(FTE\)[\s\S]*120/);
  // Without printing, it comes once the page is idle.
  const quote = page.locator('certcalc-duration-quote');
  await quote.locator('[part=justification]').waitFor({ state: 'attached' });
});

test('locale switcher: the chrome and the core messages switch language, numbers too', async () => {
  const quote = page.locator('certcalc-duration-quote');
  await page.locator('certcalc-locale-switcher').getByLabel('Language').selectOption('nl');
  await page.waitForFunction(() => document.querySelector('certcalc-duration-quote').shadowRoot.textContent.includes('Totale audittijd'));
  assert.match(await quote.locator('[part~=warning]').first().textContent(), /niet gecontroleerd tegen de documenten van het schema/);
  assert.equal(await quote.locator('.screen-only [data-key=cycleTotal]').textContent(), '10,5');
  assert.equal(await quote.locator('[part=base]').getAttribute('lang'), 'nl');
  await page.screenshot({ path: screenshotPath('duration-nl'), clip: await quote.boundingBox() });
  // Kept across a reload.
  await page.reload();
  await widgetsReady(page);
  assert.equal(await page.locator('certcalc-locale-switcher').getAttribute('locale'), 'nl');
  for (const l of ['de', 'fr', 'it', 'en']) {
    await page.locator('certcalc-locale-switcher').locator('select').selectOption(l);
    // A locale shown for the first time: its messages load first (rule assets), then it shows.
    await page.evaluate(() => document.querySelector('certcalc-grade-dates').updateComplete);
    assert.equal(await page.locator('certcalc-grade-dates').locator('[part=base]').getAttribute('lang'), l);
  }
  await loadTestPack(page);
});

test('grade and dates: counters, grade, what-if, list with clauses and the timeline', async () => {
  const gd = page.locator('certcalc-grade-dates');
  await gd.getByLabel('Scheme').selectOption('webtest-1');
  // The demo's BRCGS example is carried over by field name: start from no finding.
  for (const c of ['Critical', 'Major', 'Minor']) await gd.getByLabel(c, { exact: true }).fill('0');
  await gd.getByRole('button', { name: 'One more: Major' }).click();
  await gd.getByRole('button', { name: 'One more: Minor' }).click();
  assert.equal(await gd.locator('[part~=grade]').getAttribute('data-grade'), 'B');
  await gd.getByRole('button', { name: 'One more: Major' }).click();
  assert.equal(await gd.locator('[part~=grade]').getAttribute('data-grade'), 'C');
  assert.match(await gd.locator('[data-key=auditFrequencyMonths]').textContent(), /every 6 months/);
  // What if: one major fewer gives B.
  await gd.locator('details[part=what-if] summary').click();
  assert.match(await gd.locator('details[part=what-if]').textContent(), /Major −1 \(1\)\s*B/);
  await gd.getByRole('textbox', { name: /^Last audit day/ }).fill('2026-03-10');
  const svg = gd.locator('svg[part=timeline]');
  assert.equal(await svg.isVisible(), true);
  const labels = await svg.locator('.tl-label').allTextContents();
  for (const l of ['Audit', 'Next audit due', 'Audit window', 'Certificate expiry', 'Correction ×3', 'Evidence ×2', 'Evidence'])
    assert.ok(labels.includes(l), `the timeline shows ${l} (it shows ${labels.join(' | ')})`);
  const dates = await gd.locator('table[part=dates]').textContent();
  assert.match(dates, /Sep 10, 2026/, 'next audit due six months after a grade C');
  await page.screenshot({ path: screenshotPath('grade-dates-counts'), clip: await gd.boundingBox() });

  // Unannounced: the plus grade.
  await gd.getByLabel('Announced audit').uncheck();
  assert.equal(await gd.locator('[part~=grade]').getAttribute('data-grade'), 'C+');
  await gd.getByLabel('Announced audit').check();

  // A list with clauses, started from the counts.
  await gd.getByLabel('a list with clauses').check();
  assert.equal(await gd.locator('table[part=findings] tbody tr').count(), 3);
  await gd.getByLabel('Clause 1').fill('ISO 22000 8.5.1');
  await gd.getByRole('button', { name: 'Remove finding NC-1' }).click();
  assert.equal(await gd.locator('[data-counter=major]').textContent(), '1');
  assert.equal(await gd.locator('[part~=grade]').getAttribute('data-grade'), 'B');
  await gd.getByRole('button', { name: 'Add a finding' }).click();
  assert.equal(await gd.locator('[data-counter=minor]').textContent(), '2');
  await page.screenshot({ path: screenshotPath('grade-dates-list'), clip: await gd.boundingBox() });
  assert.deepEqual(await cspViolations(page), []);
});

test('events: certcalc-change and certcalc-result bubble out of the shadow root with their detail', async () => {
  const events = await page.evaluate(async () => {
    const seen = [];
    const on = (e) => seen.push({ type: e.type, composed: e.composed, bubbles: e.bubbles, target: e.target.localName, op: e.detail?.op, hasAnswer: !!e.detail?.answer, values: e.detail?.values });
    document.addEventListener('certcalc-change', on);
    document.addEventListener('certcalc-result', on);
    const q = document.querySelector('certcalc-duration-quote');
    const input = q.shadowRoot.querySelector('input.number');
    input.value = '42';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await q.updateComplete;
    document.removeEventListener('certcalc-change', on);
    document.removeEventListener('certcalc-result', on);
    return seen;
  });
  const change = events.find((e) => e.type === 'certcalc-change');
  const result = events.find((e) => e.type === 'certcalc-result');
  assert.ok(change && result, JSON.stringify(events));
  assert.equal(change.composed && change.bubbles, true);
  assert.equal(result.composed && result.bubbles, true);
  assert.equal(result.op, 'duration');
  assert.equal(result.hasAnswer, true);
  // The demo quotes FSSC 22000 version 6: its first number is the certification body's on-site days.
  assert.equal(change.values.onSiteDays, 42);
});

test('numbers stay as typed: a decimal comma read in Dutch, named by the core in English; 1e9 is not 9', async () => {
  const quote = page.locator('certcalc-duration-quote');
  await quoteTestPackInitial(quote);
  const request = () => quote.evaluate((q) => q.request);
  // Typed key by key, as a person does: a number input read "2," as nothing and put that back.
  // By id: the label changes language below.
  const reduction = quote.locator(`#${await quote.getByLabel('Justified T_S reduction (days)').getAttribute('id')}`);
  await reduction.fill('');
  await reduction.pressSequentially('0,1');
  assert.equal(await reduction.inputValue(), '0,1');
  assert.equal((await request()).tsReductionDays, '0,1');
  assert.match(await quote.locator('.field:has(input[aria-invalid=true]) .msg.error').textContent(), /^Justified T_S reduction \(days\) must be a number/);
  await quote.evaluate((q) => { q.locale = 'nl'; });
  await page.waitForFunction(() => document.querySelector('certcalc-duration-quote').effectiveLocale === 'nl');
  await quote.evaluate((q) => q.updateComplete);
  assert.equal((await request()).tsReductionDays, 0.1);
  assert.equal(await reduction.inputValue(), '0,1');
  assert.equal(await quote.locator('input[aria-invalid=true]').count(), 0);
  await quote.evaluate((q) => { q.locale = 'en'; });
  await page.waitForFunction(() => document.querySelector('certcalc-duration-quote').effectiveLocale === 'en');
  await reduction.fill('0.1');
  const fte = quote.getByLabel('Employees (FTE)');
  await fte.fill('');
  await fte.pressSequentially('1e9');
  assert.equal(await fte.inputValue(), '1e9');
  assert.equal((await request()).fte, 1e9);
  assert.match(await quote.locator('.field:has(input[aria-invalid=true]) .msg.error').textContent(), /^Employees \(FTE\) must be a whole number/);
  await fte.fill('120');
  await reduction.fill('');
});

/** Sets properties of the grade-and-dates widget, as a page's script would, and waits for it. */
async function setGradeDates(props) {
  await page.evaluate(async (p) => {
    const g = document.querySelector('certcalc-grade-dates');
    Object.assign(g, p);
    await g.updateComplete;
  }, props);
}

test('grade and dates: a grade that cannot be computed is reported once, where it is entered', async () => {
  const gd = page.locator('certcalc-grade-dates');
  // BRCGS dates need the grade computed above (its frequency), which -3 minors cannot give.
  await setGradeDates({ scheme: 'brcgs-food-9', locale: 'en', mode: 'counts',
    values: { major: 0, minor: -3, auditType: 'initial', firstAuditDay: '2026-03-09' } });
  // The limit as the locale writes numbers, as the checker writes its fields' (fields.js, labelledPath).
  assert.match(await gd.locator('[part=error]').filter({ hasText: 'whole number' }).first().textContent(), /^Minor.* must be a whole number from 0 to 100,000$/);
  const dates = gd.locator('[part=dates-card]');
  assert.match(await dates.textContent(), /The dates follow from the grade: correct the entries above first\./);
  assert.doesNotMatch(await dates.textContent(), /grade is required/i);
  await setGradeDates({ values: { major: 0, minor: 2, auditType: 'initial', firstAuditDay: '2026-03-09' } });
  assert.doesNotMatch(await dates.textContent(), /follow from the grade/);
  await setGradeDates({ locale: '' });
});

test('grade and dates: a date the deadlines would push past 9999 is named by its label under its field', async () => {
  // A CERT FSSC 22000 regulation v5.1 §6.2.2 3): a major is closed within 28 days of the last
  // audit day, so a last day of 9999-12-20 gives a deadline past 9999-12-31.
  const gd = page.locator('certcalc-grade-dates');
  await setGradeDates({ scheme: 'fssc22000-5.1', locale: 'en', mode: 'counts',
    values: { critical: 0, major: 1, minor: 0, auditType: 'surveillance', lastAuditDay: '9999-12-20' } });
  const field = gd.locator('.field:has(input[aria-invalid=true])');
  await field.locator('.msg.error').waitFor();
  assert.match(await field.locator('.msg.error').textContent(),
    /^a date calculated from Last audit day falls outside the years 0001 to 9999$/);
  await setGradeDates({ locale: '' });
});

test('duration quote on paper: a quote without an answer prints why', async () => {
  const quote = page.locator('certcalc-duration-quote');
  await quote.getByLabel('Scheme').selectOption('webtest-1');
  await quote.getByLabel('Employees (FTE)').fill('0');
  const printed = quote.locator('[part=print-error]');
  assert.equal(await printed.isVisible(), false, 'not on screen');
  await page.emulateMedia({ media: 'print' });
  try {
    assert.equal(await printed.isVisible(), true);
    assert.match(await printed.textContent(), /Audit duration\s*Employees \(FTE\) must be a whole number/);
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
  await quote.getByLabel('Employees (FTE)').fill('120');
  assert.equal(await printed.count(), 0);
});

test('the quote names a field in a message as the checker does: by its label, an item of a list too, its limits as the locale writes numbers', async () => {
  const quote = page.locator('certcalc-duration-quote');
  await quoteTestPackInitial(quote);
  const fte = quote.getByLabel('Employees (FTE)');
  await fte.fill('0');
  const atField = quote.locator('.field:has(input[aria-invalid=true]) .msg.error');
  assert.equal(await atField.textContent(), 'Employees (FTE) must be a whole number from 1 to 100,000');
  assert.match(await quote.locator('[part=result] [part=error]').textContent(), /^Employees \(FTE\) must be a whole number from 1 to 100,000$/);
  await quote.evaluate((q) => { q.locale = 'nl'; });
  await page.waitForFunction(() => document.querySelector('certcalc-duration-quote').effectiveLocale === 'nl');
  await quote.evaluate((q) => q.updateComplete);
  assert.match(await atField.textContent(), /^Medewerkers.* 100\.000/);
  assert.doesNotMatch(await atField.textContent(), /^fte|100000/);
  await quote.evaluate((q) => { q.locale = ''; });
  await page.waitForFunction(() => document.querySelector('certcalc-duration-quote').effectiveLocale === 'en');
  await quote.getByLabel('Employees (FTE)').fill('120');
  // A limit with a fraction too: FSSC 22000 v6 takes the on-site days from the body (from 0.25,
  // certcalc's input limits), in Dutch "0,25", the decimal comma the field asks for.
  await quote.evaluate(async (q) => {
    q.scheme = 'fssc22000-6';
    q.locale = 'nl';
    q.values = { auditType: 'initial', onSiteDays: 0 };
    await q.updateComplete;
  });
  await page.waitForFunction(() => /0,25/.test(document.querySelector('certcalc-duration-quote').shadowRoot.querySelector('.field:has(input[aria-invalid=true]) .msg.error')?.textContent ?? ''));
  assert.match(await atField.textContent(), /^\S.* moet een getal van 0,25 tot en met 1\.000 zijn$/);
  await quote.evaluate(async (q) => {
    q.locale = '';
    await q.updateComplete;
  });
  // A value of a list the core refuses by the item's path (modules/0): the list's label and the item.
  await quote.evaluate(async (q) => {
    q.scheme = 'gmpplus-cr3.0';
    q.values = { auditType: 'initial', scope: 'fra', modules: ['no-such-module'] };
    await q.updateComplete;
  });
  const error = quote.locator('[part=result] [part=error]');
  await error.waitFor();
  assert.match(await error.textContent(), /^\S.* \(item 1\) must be one of: rtrs-segregation, /);
  assert.doesNotMatch(await error.textContent(), /modules\/0/);
  await quote.evaluate(async (q) => {
    q.scheme = '';
    q.values = null;
    await q.updateComplete;
  });
});

test('the live region never keeps a sentence in the language the widget has left', async () => {
  const quote = page.locator('certcalc-duration-quote');
  await quoteTestPackInitial(quote);
  const live = quote.locator('.sr-only[role=status]');
  await page.waitForFunction(() => /^Total audit time: /.test(document.querySelector('certcalc-duration-quote').shadowRoot.querySelector('.sr-only[role=status]')?.textContent ?? ''));
  await quote.evaluate(async (q) => {
    q.locale = 'nl';
    await q.updateComplete;
  });
  await page.waitForFunction(() => document.querySelector('certcalc-duration-quote').effectiveLocale === 'nl');
  await quote.evaluate((q) => q.updateComplete);
  assert.equal((await live.textContent()).trim(), '');
  // The next change is said in Dutch.
  await quote.getByLabel('Medewerkers (fte)').fill('100');
  await page.waitForFunction(() => /^Totale audittijd: /.test(document.querySelector('certcalc-duration-quote').shadowRoot.querySelector('.sr-only[role=status]')?.textContent ?? ''));
  await quote.evaluate(async (q) => {
    q.locale = '';
    await q.updateComplete;
  });
});

test('on a phone, the scheme picker shows that the chosen version is superseded, not cut off', async () => {
  // The select shows one line: "FSSC 22000 5.1 (fssc22000-5.1) · superseded" does not fit 360 px.
  const quote = page.locator('certcalc-duration-quote');
  await page.setViewportSize({ width: 360, height: 800 });
  try {
    await quote.evaluate(async (q) => {
      q.scheme = 'fssc22000-5.1';
      await q.updateComplete;
    });
    const state = quote.locator('[part=picker] [part~=scheme-state]');
    await state.waitFor();
    assert.equal((await state.textContent()).trim(), 'superseded');
    const box = await state.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, width: window.innerWidth };
    });
    assert.ok(box.scrollWidth <= box.clientWidth && box.left >= 0 && box.right <= box.width, JSON.stringify(box));
    assert.equal(await quote.getByLabel('Scheme').getAttribute('aria-describedby'), await state.getAttribute('id'));
    await quote.locator('[part=picker]').screenshot({ path: screenshotPath('quote-superseded-phone') });
    // A current version has no state to show.
    await quote.evaluate(async (q) => {
      q.scheme = 'fssc22000-6';
      await q.updateComplete;
    });
    assert.equal(await quote.locator('[part~=scheme-state]').count(), 0);
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
    await quote.evaluate(async (q) => {
      q.scheme = '';
      q.values = null;
      await q.updateComplete;
    });
  }
});
