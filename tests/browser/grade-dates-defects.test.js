// Grade and dates, held to what docs/web.md says of it: nothing is dated from an audit day an
// operation refuses (the BRCGS deadlines take no first day, so they would count from a last day
// the schedule refuses), and that error is said once; a list item's error names the list by its
// label; counters keep what is typed; the packs' English clauses on the timeline are marked so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSession, openSession, widgetsReady, cspViolations, mountFresh, timesShown } from './helpers.js';

let site, browser, page;

before(async () => {
  ({ site, browser, page } = await openSession({ blank: true }));
});

after(() => closeSession({ site, browser }));

const LOCALES = ['en', 'nl', 'it', 'de', 'fr'];
const BRCGS = { auditType: 'initial', major: 1, minor: 4, firstAuditDay: '2026-05-04', lastAuditDay: '2026-05-05' };

/** A fresh grade-and-dates element with these properties, once it shows its answer. */
const mount = (props) => mountFresh(page, 'certcalc-grade-dates', props);

const settled = () => page.evaluate(() => document.querySelector('certcalc-grade-dates').updateComplete);
/** A field's input by the end of its id (its label changes language). */
const input = (gd, name) => gd.locator(`[id$="-${name}"]`).first();
const times = timesShown;

test('grade and dates: nothing is dated from a last audit day the schedule refuses, and its error is said once, at the field', async () => {
  const gd = await mount({ scheme: 'brcgs-food-9', locale: 'en', values: BRCGS });
  const card = gd.locator('[part=dates-card]');
  assert.ok((await card.locator('table[part=dates] tbody tr').count()) > 3);
  const last = input(gd, 'lastAuditDay');
  await last.fill('2026-05-01');
  await settled();
  const refusal = 'the last audit day must not be before the first audit day';
  // The deadlines answer (it takes no first day) still counts from May 1: the host gets it...
  const dl = await gd.evaluate((el) => el.results.deadlines);
  assert.ok(dl.deadlines.some((d) => d.dueDate === '2026-05-29'), JSON.stringify(dl).slice(0, 300));
  assert.equal((await gd.evaluate((el) => el.results.schedule.error)).path, '/lastAuditDay');
  // ...the page shows none of it: no row, no mark, no deadline.
  assert.equal(await card.locator('table[part=dates] tbody tr').count(), 0);
  assert.equal(await card.locator('svg[part=timeline]').count(), 0);
  assert.equal(await card.locator('[part=deadlines]').count(), 0);
  assert.doesNotMatch(await card.textContent(), /May 29, 2026|Jun 12, 2026|Jun 19, 2026|May 1, 2026/);
  // Said once, at the field; the dates point to it.
  assert.equal(await times(gd, refusal), 1);
  assert.match(await gd.locator('.field').filter({ has: page.locator('[id$="-lastAuditDay"]') }).locator('.msg.error').textContent(), new RegExp(refusal));
  assert.equal(await card.locator('.notice[part=error]').count(), 0);
  assert.equal(await card.locator('[data-refused=lastAuditDay]').textContent(),
    'The dates are not worked out while “Last audit day” is not accepted: see that field below.');
  assert.equal(await last.getAttribute('aria-invalid'), 'true');

  // A day it accepts brings the dates back.
  await last.fill('2026-05-06');
  await settled();
  assert.equal(await card.locator('[data-refused]').count(), 0);
  assert.match(await card.locator('table[part=dates]').textContent(), /Jun 3, 2026/);
  assert.ok((await card.locator('[part=deadlines] tbody tr').count()) > 0);
  assert.equal(await times(gd, refusal), 0);

  // In every locale the pointer names the field as its label does.
  for (const locale of LOCALES) {
    const g = await mount({ scheme: 'brcgs-food-9', locale, values: { ...BRCGS, lastAuditDay: '2026-05-01' } });
    const label = await g.evaluate((el) => el.formLabel('lastAuditDay'));
    const pointer = await g.locator('[part=dates-card] [data-refused=lastAuditDay]').textContent();
    assert.ok(pointer.includes(label) && pointer.length > label.length + 20, `${locale}: ${pointer}`);
    assert.equal(await g.locator('[part=dates-card] table[part=dates]').count(), 0, locale);
    assert.equal(await g.locator('[part=dates-card] [part=deadlines]').count(), 0, locale);
  }
  assert.deepEqual(await cspViolations(page), []);
});

test('grade and dates: a day that is no calendar date is said once, at its field; an error no field shows stays above the dates', async () => {
  const gd = await mount({ scheme: 'brcgs-food-9', locale: 'en', values: BRCGS });
  const card = gd.locator('[part=dates-card]');
  const last = input(gd, 'lastAuditDay');
  const at = gd.locator('.field').filter({ has: page.locator('[id$="-lastAuditDay"]') });
  await last.fill('2027-02-29');
  await settled();
  // Both operations refuse it (the schedule and the deadlines take the last day): one message,
  // at the field, tied to its input, which keeps the focus; not again in a notice above.
  const refusal = '2027-02-29 is not one';
  for (const op of ['schedule', 'deadlines']) assert.equal((await gd.evaluate((el, o) => el.results[o].error?.path, op)), '/lastAuditDay', op);
  assert.equal(await times(gd, refusal), 1);
  assert.match(await at.locator('.msg.error').textContent(), /^Last audit day must be a real calendar date .*2027-02-29 is not one/);
  const msgId = await at.locator('.msg.error').evaluate((p) => p.parentElement.id);
  assert.ok((await last.getAttribute('aria-describedby')).split(' ').includes(msgId), await last.getAttribute('aria-describedby'));
  assert.equal(await last.getAttribute('aria-invalid'), 'true');
  assert.equal(await last.evaluate((el) => el.getRootNode().activeElement === el), true);
  assert.equal(await card.locator('.notice[part=error]').count(), 0);
  // The dates, drawn from it no more, point to the field, as for a last day before the first.
  assert.equal(await card.locator('[data-refused=lastAuditDay]').count(), 1);
  assert.equal(await card.locator('table[part=dates]').count(), 0);
  // Month 13 alike.
  await last.fill('2027-13-01');
  await settled();
  assert.equal(await times(gd, '2027-13-01'), 1);
  assert.equal(await at.locator('.msg.error').count(), 1);
  assert.equal(await card.locator('.notice[part=error]').count(), 0);

  // In every locale, once, at the field.
  for (const locale of LOCALES) {
    const g = await mount({ scheme: 'brcgs-food-9', locale, values: { ...BRCGS, lastAuditDay: '2027-02-29' } });
    assert.equal(await times(g, '2027-02-29'), 1, locale);
    assert.equal(await g.locator('.field').filter({ has: page.locator('[id$="-lastAuditDay"]') }).locator('.msg.error').count(), 1, locale);
    assert.equal(await g.locator('[part=dates-card] .notice[part=error]').count(), 0, locale);
  }

  // An error no field of the form shows (a holiday's, at /holidays/0) is said above the dates.
  const h = await mount({ scheme: 'brcgs-food-9', locale: 'en', values: BRCGS });
  await input(h, 'holidays').fill('2027-02-29');
  await settled();
  assert.equal(await h.evaluate((el) => el.results.deadlines.error?.path), '/holidays/0');
  assert.match(await h.locator('[part=dates-card] .notice[part=error]').textContent(), /^Holidays and other non-working days \(item 1\) .*2027-02-29 is not one/);
  assert.equal(await times(h, '2027-02-29 is not one'), 1);
  assert.equal(await h.locator('[part=dates-card] .msg.error').count(), 0);
  assert.deepEqual(await cspViolations(page), []);
});

test('grade and dates: a wrong holiday is named by the list’s label and its place, in every locale', async () => {
  const words = { en: 'item 2', nl: 'item 2', it: 'voce 2', de: 'Eintrag 2', fr: 'élément 2' };
  for (const locale of LOCALES) {
    // No calendar date in any locale (25/05/2026 is one where dates are written day first).
    const gd = await mount({ scheme: 'brcgs-food-9', locale, values: { ...BRCGS, holidays: ['2026-05-25', '2026-02-30'] } });
    const label = await gd.evaluate((el) => el.formLabel('holidays'));
    const error = await gd.locator('[part=dates-card] .notice[part=error]').textContent();
    assert.ok(error.trim().startsWith(`${label} (${words[locale]}) `), `${locale}: ${error}`);
    assert.match(error, /2026-02-30/);
    assert.doesNotMatch(error, /holidays/);
  }
  // Typed in the form: the first item.
  const gd = await mount({ scheme: 'brcgs-food-9', locale: 'en', values: BRCGS });
  await input(gd, 'holidays').fill('25/05/2026');
  await settled();
  assert.equal((await gd.locator('[part=dates-card] .notice[part=error]').textContent()).trim(),
    'Holidays and other non-working days (item 1) must be a real calendar date written YYYY-MM-DD; 25/05/2026 is not one');
});

test('grade and dates: a counter keeps what is typed, counts an emptied counter as 0, and steps with its buttons and arrow keys', async () => {
  const gd = await mount({ scheme: 'brcgs-food-9', locale: 'en', values: { ...BRCGS, major: 0, minor: 2 } });
  const minor = gd.getByLabel('Minor', { exact: true });
  const request = () => gd.evaluate((el) => el.requests.grade);
  assert.equal(await gd.locator('[part=counter] input[part=input]').count(), 3);
  assert.equal(await minor.getAttribute('inputmode'), 'numeric');
  // Key by key: "1e" half-typed is kept, not emptied (the next key would start a new value).
  await minor.fill('');
  await minor.pressSequentially('1e');
  assert.equal(await minor.inputValue(), '1e');
  await minor.pressSequentially('2');
  assert.equal(await minor.inputValue(), '1e2');
  assert.equal((await request()).minor, 100);
  // An emptied counter counts 0, which its placeholder shows.
  await minor.fill('');
  await settled();
  assert.equal(await minor.inputValue(), '');
  assert.equal(await minor.getAttribute('placeholder'), '0');
  assert.equal((await request()).minor, 0);
  assert.equal(await gd.locator('[part~=grade]').getAttribute('data-grade'), 'AA');
  // The buttons step from it and keep the focus; the arrow keys step too.
  const plus = gd.getByRole('button', { name: 'One more: Minor' });
  await plus.click();
  assert.equal(await minor.inputValue(), '1');
  assert.equal(await plus.evaluate((b) => b.getRootNode().activeElement === b), true);
  await minor.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await minor.inputValue(), '3');
  await page.keyboard.press('ArrowDown');
  assert.equal(await minor.inputValue(), '2');
  assert.equal((await request()).minor, 2);
  // Text that is no count is said at the counter, by its label.
  await minor.fill('abc');
  await settled();
  assert.equal(await minor.inputValue(), 'abc');
  assert.equal(await minor.getAttribute('aria-invalid'), 'true');
  assert.match(await gd.locator('[part=counter]').filter({ has: page.locator('[id$="-minor"]') }).locator('.msg.error').textContent(), /^Minor must be a whole number/);
});

test('grade and dates: the clauses on the timeline and in the dates table are marked English in the other locales', async () => {
  for (const locale of LOCALES) {
    const gd = await mount({ scheme: 'brcgs-food-9', locale, values: BRCGS });
    const cites = await gd.evaluate((el) => {
      const out = [];
      for (const part of ['timeline', 'dates']) {
        const root = el.shadowRoot.querySelector(`[part=${part}]`);
        const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        while (walk.nextNode())
          if (/Certiquality BRCGS regulation/.test(walk.currentNode.textContent))
            out.push({ part, lang: walk.currentNode.parentElement.closest('[lang]')?.getAttribute('lang') });
      }
      // The tooltip of a mark still reads its label and its rule.
      const title = [...root(el).querySelectorAll('circle title')].map((t) => t.textContent).find((t) => t.includes('('));
      return { out, title };
      function root(e) { return e.shadowRoot.querySelector('[part=timeline]'); }
    });
    assert.ok(cites.out.some((c) => c.part === 'timeline') && cites.out.some((c) => c.part === 'dates'), `${locale}: ${JSON.stringify(cites)}`);
    assert.deepEqual(cites.out.filter((c) => c.lang !== 'en'), [], locale);
    assert.match(cites.title, /^\S.* \(Certiquality BRCGS regulation [^)]+\)*$/, locale);
  }
  await mount({ scheme: 'brcgs-food-9', locale: 'en', values: BRCGS });
  assert.equal(await page.locator('certcalc-grade-dates [part=timeline] [lang]').count(), 0, 'English needs no marking in English');
});

test('grade and dates: an id made up for a row without one is never an id another row has', async () => {
  // The second row has no id: NC-2 would be the first row's, and the packs refuse an id twice.
  const gd = await mount({ scheme: 'fssc22000-5.1', locale: 'en', mode: 'list', values: { auditType: 'surveillance', lastAuditDay: '2026-03-10' },
    findings: [{ id: 'NC-2', clause: '', grade: 'minor' }, { id: '', clause: '', grade: 'major' }] });
  const answer = await gd.evaluate((el) => el.results.deadlines);
  assert.equal(answer.error, undefined, JSON.stringify(answer.error));
  assert.deepEqual([...new Set(answer.deadlines.map((d) => d.findingId))].sort(), ['NC-2', 'NC-3']);
});

test('grade and dates: a finding id is kept as typed: up to the pack\'s 100 bytes it is used, past them refused in words, never cut', async () => {
  const gd = await mount({ scheme: 'fssc22000-5.1', locale: 'en', mode: 'list', values: { auditType: 'surveillance', lastAuditDay: '2026-03-10' },
    findings: [{ id: 'NC-1', clause: '', grade: 'minor' }] });
  const id = gd.locator('[part=findings] input[id$="-f0-id"]');
  // 45 characters: the element cut ids at 40 while the pack's deadlines take 100 bytes.
  const long = `NC-${'7'.repeat(42)}`;
  await id.fill(long);
  await settled();
  assert.equal(await id.inputValue(), long);
  assert.deepEqual([...new Set((await gd.evaluate((el) => el.results.deadlines.deadlines)).map((d) => d.findingId))], [long]);
  // 105 characters: the core refuses it at the field, the text stays.
  const longer = `NC-${'7'.repeat(102)}`;
  await id.fill(longer);
  await settled();
  assert.equal(await id.inputValue(), longer);
  assert.equal(await gd.evaluate((el) => el.findings[0].id), longer);
  assert.equal((await gd.evaluate((el) => el.results.deadlines.error)).path, '/findings/0/id');
  const said = await gd.evaluate((el) => [...el.shadowRoot.querySelectorAll('.msg.error, [part=error]')].map((e) => e.textContent.trim()));
  // Named as the table names it: the list, the row, the column.
  assert.ok(said.includes('Non-conformities (item 1) – ID must be text of at most 100 bytes'), JSON.stringify(said));
});
