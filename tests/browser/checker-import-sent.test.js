// The submission checker's findings as the certification body knows them: a re-imported file
// updates findings by id (the NC number is the body's reference, never renamed silently), and a
// finding once submitted keeps what was sent (the pack's workflow leaves the client no action
// on it until the body answers). BRCGS Food 9 in Dutch, as the tester used it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { closeSession, openSession, freshChecker, fillGoodFinding, widgetsReady } from './helpers.js';

let site, browser, page;
let checker;

before(async () => {
  ({ site, browser, page } = await openSession());
});

after(() => closeSession({ site, browser }));

/** A fresh draft on BRCGS Food 9 with one finding NC-1 that could be sent, in Dutch. */
async function brcgsDraft() {
  checker = await freshChecker(page, site, 'brcgs-food-9');
  await checker.getByLabel('First day of the audit', { exact: true }).fill('2026-03-09');
  await checker.getByLabel('Last day of the audit', { exact: true }).fill('2026-03-10');
  await checker.getByLabel('Audit type').selectOption('initial');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  await fillGoodFinding(checker, { grade: 'minor' });
  const ed = checker.locator('[part=editor]');
  await ed.getByRole('button', { name: 'Add an evidence row' }).click();
  await ed.getByLabel('File name 1').fill('schedule.pdf');
  await ed.getByLabel('Media type 1').fill('application/pdf');
  await ed.getByLabel('Size in bytes 1').fill('12345');
  await ed.getByRole('button', { name: 'Save for later' }).click();
  await checker.evaluate((el) => {
    el.locale = 'nl';
  });
  await page.waitForFunction(() => document.querySelector('certcalc-submission-checker').effectiveLocale === 'nl');
  await checker.evaluate((el) => el.updateComplete);
}

const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem('certcalc:findings:default')));

async function exported(name) {
  const [d] = await Promise.all([page.waitForEvent('download'), checker.getByRole('button', { name }).click()]);
  return readFileSync(await d.path(), 'utf8');
}

async function importFile(name, text) {
  await checker.evaluate((el) => el.tell());
  await checker.locator('[part=toolbar] input[type=file]').setInputFiles({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/json', buffer: Buffer.from(text) });
  const status = checker.locator('[part=status]');
  await status.waitFor();
  return status.textContent();
}

test('re-importing an export updates the findings by id: no copy, no renamed NC number; the status says what was updated and added', async () => {
  await brcgsDraft();
  const before = await stored();
  const csv = await exported('CSV exporteren');
  assert.equal(await importFile('bevindingen.csv', csv), '1 bevinding was al zoals in het bestand. Geen bevinding toegevoegd.');
  assert.deepEqual(await stored(), before, 'the same file changes nothing');
  assert.match(await checker.locator('caption').textContent(), /Bevindingen \(1\)/);
  const json = await exported('JSON exporteren');
  assert.equal(await importFile('bevindingen.json', json), '1 bevinding was al zoals in het bestand. Geen bevinding toegevoegd.');
  assert.deepEqual(await stored(), before);

  // Edited in a spreadsheet: NC-1's correction changed, a new NC-2, and NC-2 once more.
  const [head, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
  const edited = [head, row.replace('Records completed for the missing days.', 'Records completed and checked by QA.'),
    'NC-2,4.4,minor,,,,,,,,,', 'NC-2,5.1,minor,,,,,,,,,', ''].join('\r\n');
  const said = await importFile('bewerkt.csv', edited);
  assert.equal(said, '1 bevinding bijgewerkt (zelfde ID). 2 bevindingen toegevoegd. '
    + 'Eén rij kreeg een nieuw ID, omdat haar ID al bezet was: NC-2 als NC-2-2.');
  assert.equal(await checker.locator('[part=status]').getAttribute('class'), 'notice warning');
  const doc = await stored();
  assert.deepEqual(doc.findings.map((f) => f.id), ['NC-1', 'NC-2', 'NC-2-2']);
  assert.equal(doc.findings[0].correction, 'Records completed and checked by QA.');
  assert.equal(doc.findings[0].rootCause, before.findings[0].rootCause);
  assert.deepEqual(doc.findings[0].evidence, before.findings[0].evidence);
  assert.equal(doc.findings[0].state, 'cm-draft', 'an empty state cell keeps the finding’s state');
  assert.deepEqual(doc.findings.slice(1).map((f) => f.clause), ['4.4', '5.1']);

  // Columns left out of a file leave those fields as they are; the same file again adds nothing.
  assert.equal(await importFile('kort.csv', 'id,responsible\r\nNC-1,Hoofd kwaliteit\r\n'), '1 bevinding bijgewerkt (zelfde ID). Geen bevinding toegevoegd.');
  assert.equal((await stored()).findings[0].correction, 'Records completed and checked by QA.');
  assert.equal((await stored()).findings[0].responsible, 'Hoofd kwaliteit');
  await importFile('bewerkt.csv', edited);
  assert.deepEqual((await stored()).findings.map((f) => f.id), ['NC-1', 'NC-2', 'NC-2-2']);
  await checker.evaluate((el) => {
    el.locale = 'en';
  });
  await page.waitForFunction(() => document.querySelector('certcalc-submission-checker').effectiveLocale === 'en');
  assert.match(await checker.locator('[part=status]').textContent(), /^1 finding updated \(same ID\)\. 2 findings were already as in the file\. No finding added\. One row was given a new ID/);
});

test('a submitted finding stays as sent: its entries are read-only and say why, and an import does not change them', async () => {
  await brcgsDraft();
  const ed = checker.locator('[part=editor]');
  await ed.locator('[data-action=ready]').click();
  assert.equal((await stored()).findings[0].state, 'cm-ready');
  await Promise.all([page.waitForEvent('download'), checker.locator('[data-submit]').click()]);
  const sent = await stored();
  assert.equal(sent.findings[0].state, 'cm-submitted');

  const correction = ed.getByLabel('Correctie', { exact: true });
  assert.equal(await correction.isEditable(), false);
  await correction.focus();
  await page.keyboard.type(' en later gewijzigd');
  assert.deepEqual(await stored(), sent, 'typing changes nothing');
  assert.equal(await ed.locator('[data-field=plannedCompletion] input.typed').isEditable(), false);
  assert.equal(await ed.locator('[data-field=grade] select').isDisabled(), true);
  assert.equal(await ed.getByRole('button', { name: 'Bewijsregel toevoegen' }).count(), 0);
  assert.equal(await ed.locator('[data-hint]').textContent(), 'Verzonden: de invoer blijft zoals verzonden tot de certificatie-instelling antwoordt.');
  assert.equal(await ed.locator('[data-action=save]').isDisabled(), true);
  assert.equal(await ed.locator('[data-action=ready]').isDisabled(), true);
  assert.equal(await ed.getByRole('button', { name: 'Deze bevinding verwijderen' }).isEnabled(), true, 'the local copy can still go');

  // The export edited and imported again: the sent finding is not changed, and the status says so.
  const csv = await exported('CSV exporteren');
  const said = await importFile('bewerkt.csv', csv.replace('Records completed for the missing days.', 'Iets anders.'));
  assert.equal(said, 'Geen bevinding toegevoegd. NC-1 is verzonden en blijft zoals verzonden: de wijzigingen uit het bestand zijn niet overgenomen.');
  assert.equal(await checker.locator('[part=status]').getAttribute('class'), 'notice warning');
  assert.deepEqual(await stored(), sent);
});

test('after a reload, a sent finding is read-only before validate has answered (the full module still on its way)', async () => {
  await brcgsDraft();
  const ed = checker.locator('[part=editor]');
  await ed.locator('[data-action=ready]').click();
  await Promise.all([page.waitForEvent('download'), checker.locator('[data-submit]').click()]);
  const sent = await stored();
  assert.equal(sent.findings[0].state, 'cm-submitted');

  // The module with validate is held back: the page has only the calculator and describe.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/certcalc-core.wasm', async (route) => {
    await held;
    await route.continue();
  });
  try {
    await page.reload();
    await widgetsReady(page);
    checker = page.locator('certcalc-submission-checker');
    await checker.getByRole('button', { name: 'Edit NC-1' }).first().click();
    assert.equal(await checker.evaluate((el) => el.validation), null, 'validate has not answered yet');
    const correction = ed.getByLabel('Correction', { exact: true });
    assert.equal(await correction.isEditable(), false);
    await correction.focus();
    await page.keyboard.type(' and changed later');
    assert.deepEqual(await stored(), sent, 'typing changes nothing');
    assert.equal(await ed.locator('[data-field=grade] select').isDisabled(), true);
    assert.equal(await ed.locator('[data-hint]').textContent(), 'Submitted: its entries stay as sent until the certification body answers.');
  } finally {
    release();
  }
  // Once validate answers, the same.
  await page.waitForFunction(() => document.querySelector('certcalc-submission-checker').validation);
  await page.unroute('**/certcalc-core.wasm');
  assert.equal(await ed.getByLabel('Correction', { exact: true }).isEditable(), false);
  assert.deepEqual(await stored(), sent);
});
