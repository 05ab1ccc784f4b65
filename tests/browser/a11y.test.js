// What a screen reader and keyboard user gets from the widgets: one polite live region per widget
// that exists from the first render and says each new answer in one labelled sentence; focus
// that lands somewhere sensible after a row is removed; the checker's deletions and issue counts
// spoken; a new finding not marked invalid before the user has touched it; every calendar button
// named after its field; "(optional)" apart from its label; the packs' English texts marked as such
// on a page in another language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSession, openSession, loadTestPack, widgetsReady, cspViolations } from './helpers.js';

let site, browser, page;

before(async () => {
  ({ site, browser, page } = await openSession());
  await page.goto(site.url);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await widgetsReady(page);
  await loadTestPack(page);
});

after(() => closeSession({ site, browser }));

/**
 * The text of a widget's live region; with `expected` (a string or a RegExp), once it is that
 * (the widgets wait for typing to pause before they speak).
 */
async function liveText(tag, expected) {
  if (expected !== undefined) {
    const want = expected instanceof RegExp ? { re: expected.source, flags: expected.flags } : { eq: expected };
    await page.waitForFunction(([t, w]) => {
      const text = document.querySelector(t).shadowRoot.querySelector('.sr-only[role=status]')?.textContent.trim();
      return w.re !== undefined ? new RegExp(w.re, w.flags).test(text ?? '') : text === w.eq;
    }, [tag, want], { timeout: 5000 }).catch(() => {});
  }
  return page.evaluate((t) => document.querySelector(t).shadowRoot.querySelector('.sr-only[role=status]')?.textContent.trim() ?? null, tag);
}

/** Marks a widget's live region, to tell later whether it is still the same element. */
function markLiveRegion(tag) {
  return page.evaluate((t) => {
    const region = document.querySelector(t).shadowRoot.querySelector('.sr-only[role=status]');
    if (!region) return false;
    region.__marked = true;
    return true;
  }, tag);
}

function sameLiveRegion(tag) {
  return page.evaluate((t) => document.querySelector(t).shadowRoot.querySelector('.sr-only[role=status]')?.__marked === true, tag);
}

/** The focused element inside the widgets' shadow roots, once the widget has drawn and moved it. */
async function focused() {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { tag: el?.localName, id: el?.id ?? '', text: el?.textContent?.trim() ?? '', label: el?.getAttribute('aria-label') ?? '', value: el?.value ?? '' };
  });
}

test('duration quote: one live region from the first render says the first answer after an error, with its label', async () => {
  // A fresh element: its live region is there before any answer (a region added together with
  // its text is not read out).
  const first = await page.evaluate(async () => {
    const el = document.createElement('certcalc-duration-quote');
    document.body.append(el);
    await new Promise((r) => setTimeout(r, 0));
    const region = el.shadowRoot?.querySelector('.sr-only[role=status]');
    const out = { region: Boolean(region), text: region?.textContent.trim() ?? null };
    el.remove();
    return out;
  });
  assert.deepEqual(first, { region: true, text: '' });

  const tag = 'certcalc-duration-quote';
  const quote = page.locator(tag);
  await quote.getByLabel('Scheme').selectOption('webtest-1');
  await quote.getByLabel('Audit type').selectOption('initial');
  await quote.getByLabel('Category').selectOption('B');
  await quote.getByLabel('HACCP studies').fill('2');
  await quote.getByLabel('Certified management system').uncheck();
  await quote.getByLabel('Employees (FTE)').fill('0');
  await quote.locator('[role=alert]').waitFor();
  assert.equal(await markLiveRegion(tag), true);
  await quote.getByLabel('Employees (FTE)').fill('120');
  assert.equal(await liveText(tag, 'Total audit time: 4.5 days'), 'Total audit time: 4.5 days');
  assert.equal(await sameLiveRegion(tag), true, 'the live region is the one that was there when the error showed');
  // The answer itself is not a live region: it would read every figure without its label.
  assert.equal(await quote.locator('[part=result][aria-live], [aria-live]:not(.sr-only)').count(), 0);
  assert.equal(await quote.locator('.sr-only[role=status]').count(), 1);
});

test('grade and dates: the outcome after an error is said in the one live region, not by the card', async () => {
  const tag = 'certcalc-grade-dates';
  const gd = page.locator(tag);
  await gd.getByLabel('Scheme').selectOption('webtest-1');
  await gd.getByLabel('counts', { exact: true }).check();
  for (const c of ['Critical', 'Major', 'Minor']) await gd.getByLabel(c, { exact: true }).fill('0');
  await gd.getByLabel('Minor', { exact: true }).fill('-3');
  await gd.locator('[role=alert]').first().waitFor();
  assert.equal(await markLiveRegion(tag), true);
  await gd.getByLabel('Minor', { exact: true }).fill('1');
  await gd.getByRole('button', { name: 'One more: Major' }).click();
  assert.equal(await gd.locator('[part~=grade]').getAttribute('data-grade'), 'B');
  const text = await liveText(tag, 'Grade: B; Certified; Audit frequency: every 12 months');
  assert.equal(text, 'Grade: B; Certified; Audit frequency: every 12 months');
  assert.equal(await sameLiveRegion(tag), true);
  assert.equal(await gd.locator('[part=outcome][aria-live], [aria-live]:not(.sr-only)').count(), 0);
});

test('grade and dates: Remove moves focus to the previous row (or Add) and says what was removed', async () => {
  const tag = 'certcalc-grade-dates';
  const gd = page.locator(tag);
  await gd.getByLabel('Scheme').selectOption('webtest-1');
  await page.evaluate(async () => {
    const g = document.querySelector('certcalc-grade-dates');
    g.mode = 'list';
    g.findings = [{ id: 'NC-1', clause: '', grade: 'minor' }, { id: 'NC-2', clause: '', grade: 'minor' }, { id: 'NC-3', clause: '', grade: 'major' }];
    await g.updateComplete;
  });
  // By keyboard: Enter on "Remove finding NC-2".
  await gd.getByRole('button', { name: 'Remove finding NC-2' }).focus();
  await page.keyboard.press('Enter');
  assert.deepEqual((await gd.locator('table[part=findings] tbody tr').count()), 2);
  let f = await focused();
  assert.equal(f.tag, 'input', `focus on the previous row's first field, not ${JSON.stringify(f)}`);
  assert.equal(f.label, 'ID 1');
  assert.equal(f.value, 'NC-1');
  // A second Enter removes nothing more.
  await page.keyboard.press('Enter');
  assert.equal(await gd.locator('table[part=findings] tbody tr').count(), 2);
  assert.match(await liveText(tag, /^Finding NC-2 removed\./), /^Finding NC-2 removed\./);
  // The first row: focus on the row that is first now.
  await gd.getByRole('button', { name: 'Remove finding NC-1' }).click();
  f = await focused();
  assert.equal(f.value, 'NC-3');
  // The last one: focus on Add.
  await gd.getByRole('button', { name: 'Remove finding NC-3' }).click();
  assert.equal(await gd.locator('table[part=findings] tbody tr').count(), 0);
  f = await focused();
  assert.equal(f.text, 'Add a finding');
  assert.match(await liveText(tag, /^Finding NC-3 removed\./), /^Finding NC-3 removed\./);
  await page.evaluate(() => { document.querySelector('certcalc-grade-dates').mode = 'counts'; });
});

test('a list of the form (multi-site locations): Remove moves focus to the previous item, or to Add', async () => {
  const quote = page.locator('certcalc-duration-quote');
  await quote.getByLabel('Scheme').selectOption('gmpplus-cr3.0');
  const list = quote.getByRole('group', { name: /^Multi-site locations/ });
  await list.getByRole('button', { name: /^Add: Multi-site locations/ }).click();
  await list.getByRole('button', { name: /^Add: Multi-site locations/ }).click();
  await list.locator(':scope > .card').nth(0).locator('input[type=text]').first().fill('site A');
  await list.locator(':scope > .card').nth(1).locator('input[type=text]').first().fill('site B');
  await list.getByRole('button', { name: 'Remove item 2' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await list.locator(':scope > .card').count(), 1);
  let f = await focused();
  assert.equal(f.value, 'site A', `focus on the previous item's first field, not ${JSON.stringify(f)}`);
  await list.getByRole('button', { name: 'Remove item 1' }).click();
  f = await focused();
  assert.match(f.text, /^Add: Multi-site locations/);
  assert.match(await liveText('certcalc-duration-quote', /^Item 1 removed\./), /^Item 1 removed\./);
  await quote.getByLabel('Scheme').selectOption('webtest-1');
});

test('submission checker: issue counts and a deleted finding are said in its status region', async () => {
  const checker = page.locator('certcalc-submission-checker');
  await checker.getByLabel('Scheme').selectOption('webtest-1');
  await checker.evaluate((el) => { el.today = '2026-03-20'; });
  await checker.getByLabel('Last day of the audit', { exact: true }).fill('2026-03-10');
  await checker.getByLabel('Audit type').selectOption('surveillance');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  const ed = checker.locator('[part=editor]');
  await ed.locator('[data-field=rootCause] .msg.error').waitFor();
  await ed.getByLabel('Root cause').fill('short');
  const counts = await page.waitForFunction(() => {
    const t = document.querySelector('certcalc-submission-checker').shadowRoot.querySelector('.sr-only[role=status]')?.textContent.trim() ?? '';
    return /^NC-1: /.test(t) && t;
  }, null, { timeout: 5000 }).then((h) => h.jsonValue(), () => '');
  assert.match(counts, /^NC-1: \d+ errors?(, \d+ warnings?)?$|^NC-1: \d+ warnings?$/);
  const badges = (await checker.locator('tr[data-id="NC-1"] .issues-count .badge.error, tr[data-id="NC-1"] .issues-count .badge.warning').allTextContents()).join(', ');
  assert.equal(counts, `NC-1: ${badges}`);
  await ed.getByRole('button', { name: 'Delete this finding' }).click();
  await checker.locator('dialog [data-confirm]').click();
  assert.equal(await checker.locator('tr[data-id="NC-1"]').count(), 0);
  assert.equal(await liveText('certcalc-submission-checker', 'Finding NC-1 deleted.'), 'Finding NC-1 deleted.');
  assert.deepEqual(await cspViolations(page), []);
});

test('submission checker: a new finding’s empty fields are invalid only once touched, or once saved', async () => {
  const checker = page.locator('certcalc-submission-checker');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  const ed = checker.locator('[part=editor]');
  // The pack's messages say what is needed, but nothing is marked wrong yet.
  await ed.locator('[data-field=rootCause] .msg.error').waitFor();
  assert.deepEqual(await ed.locator('[aria-invalid=true]').evaluateAll((els) => els.map((e) => e.id)), []);
  // Typed into and emptied again: invalid.
  const rootCause = ed.getByLabel('Root cause');
  await rootCause.fill('x');
  await rootCause.fill('');
  await ed.locator('[data-field=rootCause] .msg.error').waitFor();
  assert.equal(await rootCause.getAttribute('aria-invalid'), 'true');
  // Left without typing (Tab through it): invalid.
  const correction = ed.getByLabel('Correction', { exact: true });
  await correction.focus();
  await page.keyboard.press('Tab');
  assert.equal(await correction.getAttribute('aria-invalid'), 'true');
  // Never reached: not yet.
  const action = ed.getByLabel('Responsible', { exact: true });
  assert.equal(await action.getAttribute('aria-invalid'), 'false');
  // Saving asks for the check: every field with an error is marked.
  await ed.getByRole('button', { name: 'Save for later' }).click();
  assert.equal(await action.getAttribute('aria-invalid'), 'true');
  // Evidence rows: a new row is not marked before it is filled in; Remove moves focus to the
  // previous row, then to "Add an evidence row".
  await ed.getByRole('button', { name: 'Add an evidence row' }).click();
  await ed.getByRole('button', { name: 'Add an evidence row' }).click();
  assert.equal(await ed.getByLabel('Media type 2').getAttribute('aria-invalid'), 'false');
  await ed.getByLabel('File name 1').fill('a.pdf');
  await ed.getByRole('button', { name: 'Remove evidence 2' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await ed.getByLabel('File name 2').count(), 0);
  let f = await focused();
  assert.equal(f.label, 'File name 1');
  await ed.getByRole('button', { name: 'Remove evidence 1' }).click();
  f = await focused();
  assert.equal(f.text, 'Add an evidence row');
  await ed.getByRole('button', { name: 'Delete this finding' }).click();
  await checker.locator('dialog [data-confirm]').click();
});

test('every calendar button is named after its date field', async () => {
  await page.evaluate(async () => {
    const ws = [...document.querySelectorAll('certcalc-duration-quote, certcalc-grade-dates')];
    for (const w of ws) w.scheme = 'brcgs-food-9';
    await Promise.all(ws.map((w) => w.updateComplete));
  });
  const names = await page.evaluate(() => {
    const out = {};
    for (const w of document.querySelectorAll('certcalc-duration-quote, certcalc-grade-dates, certcalc-submission-checker'))
      out[w.localName] = [...w.shadowRoot.querySelectorAll('button.pick')].map((b) => b.getAttribute('aria-label'));
    return out;
  });
  const all = Object.values(names).flat();
  assert.ok(all.length >= 5, JSON.stringify(names));
  for (const [w, list] of Object.entries(names)) {
    for (const n of list) assert.match(n, /^Pick a date: \S/, `${w}: ${n}`);
    assert.equal(new Set(list).size, list.length, `${w}: ${list.join(' | ')}`);
  }
  await page.locator('certcalc-grade-dates').getByRole('button', { name: 'Pick a date: Last audit day', exact: true }).waitFor();
  await page.locator('certcalc-submission-checker').getByRole('button', { name: 'Pick a date: Last day of the audit', exact: true }).waitFor();
});

test('"(optional)" is apart from its label in the accessible name, in every locale', async () => {
  const quote = page.locator('certcalc-duration-quote');
  await page.evaluate(async () => {
    const q = document.querySelector('certcalc-duration-quote');
    q.scheme = 'fssc22000-6';
    await q.updateComplete;
  });
  assert.equal(await quote.getByRole('combobox', { name: 'Category (optional)', exact: true }).count(), 1);
  for (const locale of ['nl', 'it', 'de', 'fr', 'en']) {
    await page.evaluate(async (l) => {
      for (const w of document.querySelectorAll('certcalc-duration-quote, certcalc-grade-dates')) w.locale = l;
      await Promise.all([...document.querySelectorAll('certcalc-duration-quote, certcalc-grade-dates')].map((w) => w.updateComplete));
    }, locale);
    for (const tag of ['certcalc-duration-quote', 'certcalc-grade-dates']) {
      const snap = await page.locator(tag).ariaSnapshot();
      const glued = snap.split('\n').filter((l) => /[^\s(]\((optional|optioneel|facoltativo|facultatif)\)/.test(l));
      assert.deepEqual(glued, [], `${tag} ${locale}`);
    }
  }
  await page.evaluate(() => { for (const w of document.querySelectorAll('certcalc-duration-quote, certcalc-grade-dates')) w.locale = ''; });
});

test('the packs’ English texts are marked lang="en" on a page in another language; a source’s title in its own', async () => {
  const packText = () => page.evaluate(() => {
    const out = [];
    for (const w of document.querySelectorAll('certcalc-duration-quote, certcalc-grade-dates, certcalc-submission-checker')) {
      const r = w.shadowRoot;
      const langOf = (el) => el.closest('[lang]')?.getAttribute('lang') ?? '';
      for (const el of r.querySelectorAll('[part=scheme-info], .cite'))
        if (el.textContent.trim()) out.push({ widget: w.localName, what: el.localName, text: el.textContent.trim().slice(0, 60), lang: langOf(el) });
    }
    return out;
  });
  await page.evaluate(async () => {
    const q = document.querySelector('certcalc-duration-quote');
    q.scheme = 'brcgs-food-9';
    q.values = { auditType: 'cycle', firstAuditDay: '2026-03-02', grade: 'A', auditDays: 2 };
    const g = document.querySelector('certcalc-grade-dates');
    g.scheme = 'brcgs-food-9';
    g.values = { auditType: 'initial', major: 1, minor: 4, firstAuditDay: '2026-03-09', lastAuditDay: '2026-03-10' };
    await Promise.all([q.updateComplete, g.updateComplete]);
  });
  await page.locator('certcalc-locale-switcher select').selectOption('de');
  await page.waitForFunction(() => [...document.querySelectorAll('certcalc-duration-quote, certcalc-grade-dates')].every((w) => w.effectiveLocale === 'de'));
  const de = await packText();
  assert.ok(de.some((x) => x.what === 'cite') && de.some((x) => x.what === 'p'), JSON.stringify(de.slice(0, 5)));
  assert.ok(de.length > 10, `pack texts found: ${de.length}`);
  assert.deepEqual(de.filter((x) => x.lang !== 'en'), [], 'every pack text in English is marked so');
  // The print view lists the sources: the Italian regulation's title is marked Italian.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const sources = await page.evaluate(() => [...document.querySelector('certcalc-duration-quote').shadowRoot.querySelectorAll('[part=justification] li [lang]')]
    .map((e) => [e.getAttribute('lang'), e.textContent.trim().slice(0, 30)]));
  assert.ok(sources.some(([l, t]) => l === 'it' && t.startsWith('Regolamento')), JSON.stringify(sources));
  // In English nothing needs marking: the widget's own lang="en" covers it.
  await page.locator('certcalc-locale-switcher select').selectOption('en');
  await page.waitForFunction(() => [...document.querySelectorAll('certcalc-duration-quote, certcalc-grade-dates')].every((w) => w.effectiveLocale === 'en'));
  assert.equal(await page.locator('certcalc-grade-dates [part=scheme-info][lang]').count(), 0);
  assert.deepEqual(await cspViolations(page), []);
});
