// Dates typed as the widget's locale writes them: day-month-year in Dutch, Italian, German and
// French ("15-03-2025", "15/3/2025", "15.03.2025") is read as that date and sent as YYYY-MM-DD,
// with what it was read as; English reads YYYY-MM-DD only. A date that does not read is refused
// in words that say how to write one (never "no real date"), and nothing typed is cut short.
// The grade-and-dates form, the submission checker's inputs and its CSV import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSession, openSession, mountFresh } from './helpers.js';

let site, browser, page;

before(async () => {
  ({ site, browser, page } = await openSession({ blank: true }));
});

after(() => closeSession({ site, browser }));

const grade = (locale) => ({
  scheme: 'brcgs-food-9',
  locale,
  values: { auditType: 'initial', firstAuditDay: '2026-03-11', lastAuditDay: '2026-03-12', critical: 0, major: 0, minor: 2 },
});

/** What the form says at a field, and the field's input. */
function field(el, name) {
  const typed = `input.typed[id$="-${name}"]`;
  return { input: el.locator(typed), box: el.locator(`.field:has(${typed})`) };
}

async function settle(el) {
  await el.evaluate((e) => e.updateComplete);
}

test('grade and dates in Dutch: 25-11-2026 is read as 2026-11-25, and the form says so', async () => {
  const gd = await mountFresh(page, 'certcalc-grade-dates', grade('nl'));
  const { input, box } = field(gd, 'lastAuditDay');
  await input.fill('25-11-2026');
  await input.press('Tab');
  await settle(gd);
  assert.equal(await gd.evaluate((e) => e.requests.deadlines.lastAuditDay), '2026-11-25');
  assert.equal(await input.inputValue(), '25-11-2026', 'what was typed stays');
  assert.equal((await box.locator('[data-read-as]').textContent()).trim(), 'Gelezen als 25 nov 2026.');
  assert.match(await input.getAttribute('aria-describedby'), /-lastAuditDay-read/);
  assert.equal(await box.locator('.msg.error').count(), 0);
  assert.doesNotMatch(await gd.locator('[part=dates-card]').textContent(), /bestaat niet/);
  for (const typed of ['25/11/2026', '25.11.2026', '2026-11-25']) {
    await input.fill(typed);
    await input.press('Tab');
    await settle(gd);
    assert.equal(await gd.evaluate((e) => e.requests.deadlines.lastAuditDay), '2026-11-25', typed);
  }
});

test('grade and dates: a date that does not read is refused in words, whole, in Dutch and in English', async () => {
  const gd = await mountFresh(page, 'certcalc-grade-dates', grade('nl'));
  const { input, box } = field(gd, 'lastAuditDay');
  await input.fill('15 maart 2025');
  await input.press('Tab');
  await settle(gd);
  assert.equal(await input.inputValue(), '15 maart 2025', 'a pasted date is not cut short');
  const said = await box.locator('.msg.error').textContent();
  assert.match(said, /“15 maart 2025” wordt niet als datum gelezen: schrijf dag-maand-jaar \(15-03-2025/);
  assert.doesNotMatch(said, /bestaat niet|geen bestaande/);

  // English guesses no order: 03/15/2025 and 15/03/2025 are both refused, saying how to write one.
  const en = await mountFresh(page, 'certcalc-grade-dates', grade('en'));
  const last = field(en, 'lastAuditDay');
  await last.input.fill('15/03/2025');
  await last.input.press('Tab');
  await settle(en);
  assert.match(await last.box.locator('.msg.error').textContent(), /“15\/03\/2025” is not read as one: write the year, the month and the day, as 2025-03-15/);
});

test('grade and dates: a date typed day first keeps its meaning across a switch to English', async () => {
  const gd = await mountFresh(page, 'certcalc-grade-dates', grade('it'));
  const { input } = field(gd, 'lastAuditDay');
  await input.fill('5/3/2026');
  await input.press('Tab');
  await settle(gd);
  assert.equal(await gd.evaluate((e) => e.requests.deadlines.lastAuditDay), '2026-03-05');
  await gd.evaluate((e) => { e.locale = 'en'; });
  await settle(gd);
  assert.equal(await gd.evaluate((e) => e.requests.deadlines.lastAuditDay), '2026-03-05');
  assert.equal(await field(gd, 'lastAuditDay').input.inputValue(), '2026-03-05');
});

test('submission checker in Dutch: audit and completion dates typed day first are kept as dates; others refused in words', async () => {
  const ch = await mountFresh(page, 'certcalc-submission-checker', { scheme: 'fssc22000-6', locale: 'nl', storageKey: 'typed-dates-1' });
  await ch.locator('[part=toolbar] button[data-add]').click();
  const last = field(ch, 'lastDay');
  await last.input.fill('15-03-2025');
  await last.input.press('Tab');
  await settle(ch);
  assert.equal(await ch.evaluate((e) => e.request.audit.lastDay), '2025-03-15');
  assert.equal(await last.input.inputValue(), '15-03-2025');
  assert.equal((await last.box.locator('[data-read-as]').textContent()).trim(), 'Gelezen als 15 mrt 2025.');
  assert.equal(await last.box.locator('.msg.error').count(), 0);

  const done = field(ch, 'plannedCompletion');
  await done.input.fill('1/4/2025');
  await done.input.press('Tab');
  await settle(ch);
  assert.equal(await ch.evaluate((e) => e.request.findings[0].plannedCompletion), '2025-04-01');

  await done.input.fill('1 april 2025');
  await done.input.press('Tab');
  await settle(ch);
  assert.equal(await done.input.inputValue(), '1 april 2025');
  const said = await done.box.locator('.msg.error').allTextContents();
  assert.equal(said.length, 1, said.join(' | '));
  assert.match(said[0], /^Geplande afronding moet een datum zijn zoals het Nederlands die schrijft, en “1 april 2025” wordt niet als datum gelezen/);
  assert.doesNotMatch(await ch.textContent(), /geen bestaande datum/);
});

test('submission checker: a CSV from Dutch Excel with 31-12-2026 imports as 2026-12-31', async () => {
  const ch = await mountFresh(page, 'certcalc-submission-checker', { scheme: 'fssc22000-6', locale: 'nl', storageKey: 'typed-dates-2' });
  const csv = 'id;clause;grade;plannedCompletion\r\nNC-1;8.5.1;minor;31-12-2026\r\nNC-2;8.5.1;minor;eind december\r\n';
  await ch.locator('[part=toolbar] input[type=file]').setInputFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await ch.locator('[part=status]').filter({ hasText: 'geïmporteerd' }).waitFor();
  await settle(ch);
  const request = await ch.evaluate((e) => e.request);
  assert.equal(request.findings[0].plannedCompletion, '2026-12-31');
  const text = await ch.textContent();
  assert.doesNotMatch(text, /request contract|geen bestaande datum/);
  await ch.evaluate((e) => e.select(1));
  await settle(ch);
  assert.match(await field(ch, 'plannedCompletion').box.locator('.msg.error').textContent(), /“eind december” wordt niet als datum gelezen/);
});
