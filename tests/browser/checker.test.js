// The submission checker through its UI: inline issues as the user types, Save for later,
// Ready to send, Submit (only ready findings), drafts surviving a reload, JSON and CSV round
// trips, clear-all behind a confirmation, XSS payloads staying text, keyboard-only use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeSession, openSession, freshChecker, fillGoodFinding as fillGood, loadTestPack, widgetsReady, screenshotPath, cspViolations, testPack } from './helpers.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const XSS = '<img src=x onerror="window.__xss=1">';
const XSS2 = '"><script>window.__xss=2</script><svg onload="window.__xss=3">';

let site, browser, page;
let checker;

async function fresh() {
  checker = await freshChecker(page, site, 'webtest-1');
}

/** The checker's document as stored (what a reload reads back). */
function stored() {
  return page.evaluate(() => JSON.parse(localStorage.getItem('certcalc:findings:default')));
}

before(async () => {
  ({ site, browser, page } = await openSession());
});

after(() => closeSession({ site, browser }));

const fillGoodFinding = (id = 'NC-1') => fillGood(checker, { id });

test('inline errors and warnings as the user types; ready to send; submit exports only ready findings', async () => {
  await fresh();
  await checker.getByLabel('Last day of the audit', { exact: true }).fill('2026-03-10');
  await checker.getByLabel('Audit type').selectOption('surveillance');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  const ed = checker.locator('[part=editor]');
  assert.equal(await ed.isVisible(), true);
  // Blank required entries: errors from the pack next to each field, which is not marked
  // invalid before the user has been to it (a11y.test.js follows it further).
  const rootCause = ed.getByLabel('Root cause');
  assert.equal(await rootCause.getAttribute('aria-invalid'), 'false');
  // The pack's message names the field by its name ({field}: rootCause): the form's label is shown.
  assert.match(await ed.locator('[data-field=rootCause] .msg.error').textContent(), /^Root cause is needed before sending/);
  // Typing turns the error into a warning, then nothing.
  await rootCause.pressSequentially('short');
  assert.equal(await rootCause.getAttribute('aria-invalid'), 'false');
  assert.match(await ed.locator('[data-field=rootCause] .msg.warning').textContent(), /the root cause is short/);
  await fillGoodFinding();
  assert.equal(await ed.locator('[data-field=rootCause] .msg').count(), 0);
  // Late planned completion.
  await ed.getByLabel('Planned completion', { exact: true }).fill('2026-06-01');
  assert.match(await ed.locator('[data-field=plannedCompletion] .msg.error').textContent(), /after the deadline 2026-04-07/);
  assert.equal(await ed.getByRole('button', { name: 'Ready to send' }).isDisabled(), true);
  await ed.getByLabel('Planned completion', { exact: true }).fill('2026-04-01');
  // Evidence with a media type the pack refuses: the issue sits at that cell.
  await ed.getByRole('button', { name: 'Add an evidence row' }).click();
  await ed.getByLabel('File name 1').fill('setup.exe');
  await ed.getByLabel('Media type 1').fill('application/x-msdownload');
  await ed.getByLabel('Size in bytes 1').fill('1000');
  assert.equal(await ed.getByLabel('Media type 1').getAttribute('aria-invalid'), 'true');
  assert.match(await ed.locator('.evidence .msg.error').textContent(), /not an accepted evidence type/);
  await ed.getByLabel('Media type 1').fill('application/pdf');
  assert.equal(await ed.locator('.evidence .msg').count(), 0);
  // Deadlines with days left, and the send-by date when the pack names one.
  assert.match(await ed.locator('[part=deadlines]').textContent(), /Apr 7, 2026.*18 days left/s);
  assert.match(await ed.locator('[part=send-by]').textContent(), /send by 2026-03-31: 7 days before .*11 days left/s);
  assert.match(await checker.locator('tr[data-id="NC-1"]').textContent(), /11 days left/);
  await checker.screenshot({ path: screenshotPath('checker-editor') });

  // Ready to send, then a second finding that is not ready.
  assert.equal(await ed.getByRole('button', { name: 'Ready to send' }).isDisabled(), false);
  await ed.getByRole('button', { name: 'Ready to send' }).click();
  assert.equal((await stored()).findings[0].state, 'ready');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  await ed.getByLabel('Correction', { exact: true }).fill('started');
  assert.match(await checker.locator('tr[data-id="NC-2"]').textContent(), /not ready/);
  assert.equal(await checker.getByRole('button', { name: 'Submit ready findings (1)' }).isEnabled(), true);
  await checker.screenshot({ path: screenshotPath('checker-table') });

  const [download] = await Promise.all([page.waitForEvent('download'), checker.getByRole('button', { name: 'Submit ready findings (1)' }).click()]);
  const submission = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(submission.format, 'certcalc-submission');
  assert.deepEqual(submission.findings.map((f) => f.id), ['NC-1']);
  assert.equal(submission.findings[0].state, 'submitted');
  assert.equal(submission.findings[0].evidence[0].name, 'setup.exe');
  assert.deepEqual(submission.audit, { lastDay: '2026-03-10', type: 'surveillance' });
  assert.equal((await stored()).findings[0].state, 'submitted');
  assert.match(await checker.locator('tr[data-id="NC-1"]').textContent(), /submitted/);
  assert.deepEqual(await cspViolations(page), []);
});

test('save for later; a reload loses nothing', async () => {
  await fresh();
  await checker.getByLabel('Last day of the audit', { exact: true }).fill('2026-03-10');
  await checker.getByLabel('Audit type').selectOption('surveillance');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  const ed = checker.locator('[part=editor]');
  await ed.getByLabel('Root cause').fill('Half-typed root cause');
  await ed.getByLabel('Temporary measures').fill('Extra checks by the shift leader');
  await ed.getByRole('button', { name: 'Save for later' }).click();
  assert.match(await checker.locator('[part=status]').textContent(), /Saved in this browser at/);
  const before = await stored();
  assert.equal(before.findings[0].state, 'saved');
  // Typing without saving is kept too.
  await ed.getByLabel('Correction', { exact: true }).fill('typed, not saved');
  await page.reload();
  await widgetsReady(page);
  checker = page.locator('certcalc-submission-checker');
  assert.equal(await checker.locator('tbody tr[data-id="NC-1"]').count(), 1);
  await checker.getByRole('button', { name: 'Edit NC-1' }).click();
  assert.equal(await checker.getByLabel('Root cause').inputValue(), 'Half-typed root cause');
  assert.equal(await checker.getByLabel('Temporary measures').inputValue(), 'Extra checks by the shift leader');
  assert.equal(await checker.getByLabel('Correction', { exact: true }).inputValue(), 'typed, not saved');
  assert.equal(await checker.getByLabel('Last day of the audit', { exact: true }).inputValue(), '2026-03-10');
  assert.match(await checker.locator('tr[data-id="NC-1"]').textContent(), /saved for later/);
  // The test pack is not kept by a reload (user packs live in the page): loading it again
  // brings the checks back over the same draft.
  await loadTestPack(page);
  await checker.evaluate((el) => {
    el.today = '2026-03-20';
  });
  assert.match(await checker.locator('[data-field=responsible] .msg.error').textContent(), /needed before sending/);
});

test('export JSON and CSV, clear all only after confirming, import: the same findings', async () => {
  await fresh();
  await checker.getByLabel('Last day of the audit', { exact: true }).fill('2026-03-10');
  await checker.getByLabel('Audit type').selectOption('initial');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  await fillGoodFinding('NC-1');
  const ed = checker.locator('[part=editor]');
  await ed.getByLabel('Temporary measures').fill('Line 1, "quoted", and\na second line; with semicolons');
  await ed.getByRole('button', { name: 'Add an evidence row' }).click();
  await ed.getByLabel('File name 1').fill('=HYPERLINK("x")');
  await ed.getByLabel('Media type 1').fill('application/pdf');
  await ed.getByLabel('Size in bytes 1').fill('120000');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  await ed.getByLabel('Clause').fill('+cmd|calc');
  await ed.getByLabel('Root cause').fill("'=already quoted");
  const original = await stored();
  assert.equal(original.findings.length, 2);

  const [json] = await Promise.all([page.waitForEvent('download'), checker.getByRole('button', { name: 'Export JSON' }).click()]);
  const jsonPath = await json.path();
  const [csv] = await Promise.all([page.waitForEvent('download'), checker.getByRole('button', { name: 'Export CSV' }).click()]);
  const csvPath = await csv.path();
  const csvText = readFileSync(csvPath, 'utf8');
  assert.match(csvText, /,'\+cmd\|calc,/, 'formula-like cells are defused in the CSV');
  assert.match(csvText, /,''=already quoted,/, 'an apostrophe already there is kept apart');

  // Clear all asks first; cancelling keeps everything.
  await checker.getByRole('button', { name: 'Clear all…' }).click();
  const dialog = checker.locator('dialog[open]');
  assert.match(await dialog.textContent(), /Delete all findings\?.*2 findings/s);
  assert.equal(await checker.evaluate((el) => el.shadowRoot.activeElement?.textContent), 'Cancel');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await stored()).findings.length, 2);
  await checker.getByRole('button', { name: 'Clear all…' }).click();
  await page.keyboard.press('Escape');
  assert.equal((await stored()).findings.length, 2, 'Escape cancels');
  await checker.getByRole('button', { name: 'Clear all…' }).click();
  await checker.locator('dialog[open]').getByRole('button', { name: 'Delete everything' }).click();
  assert.equal((await stored()).findings.length, 0);
  assert.match(await checker.locator('[part=empty]').textContent(), /No findings yet/);

  await checker.locator('[part=toolbar] input[type=file]').setInputFiles({ name: 'findings.json', mimeType: 'application/json', buffer: readFileSync(jsonPath) });
  await page.waitForFunction(() => document.querySelector('certcalc-submission-checker').document.findings.length === 2);
  assert.deepEqual(await stored(), original, 'JSON round trip');

  await checker.getByRole('button', { name: 'Clear all…' }).click();
  await checker.locator('dialog[open]').getByRole('button', { name: 'Delete everything' }).click();
  await checker.locator('[part=toolbar] input[type=file]').setInputFiles({ name: 'findings.csv', mimeType: 'text/csv', buffer: Buffer.from(csvText) });
  await page.waitForFunction(() => document.querySelector('certcalc-submission-checker').document.findings.length === 2);
  assert.deepEqual((await stored()).findings, original.findings, 'CSV round trip');

  // A spreadsheet that saved with semicolons imports too.
  const semi = csvText.replace(/^\uFEFF/, '').split('\r\n')[0].replace(/,/g, ';') + '\r\nNC-9;4.4;minor;;;;;;;;;\r\n';
  await checker.locator('[part=toolbar] input[type=file]').setInputFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: Buffer.from(semi) });
  await page.waitForFunction(() => document.querySelector('certcalc-submission-checker').document.findings.length === 3);
  assert.equal((await stored()).findings[2].clause, '4.4');
  assert.equal(await checker.locator('[part=status]').getAttribute('class'), 'notice ok');

  // A file that is not JSON, or holds no findings: said as an error, nothing imported.
  await checker.locator('[part=toolbar] input[type=file]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"findings": [') });
  await checker.locator('[part=status]').filter({ hasText: 'The file is not valid JSON.' }).waitFor();
  assert.equal(await checker.locator('[part=status]').getAttribute('class'), 'notice error');
  await checker.locator('[part=toolbar] input[type=file]').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%\xe2\xe3\n') });
  await checker.locator('[part=status]').filter({ hasText: 'The file holds no findings.' }).waitFor();
  assert.equal(await checker.locator('[part=status]').getAttribute('class'), 'notice error');
  assert.equal((await stored()).findings.length, 3);
});

test('XSS payloads typed in or imported stay inert text', async () => {
  await fresh();
  await checker.getByLabel('Last day of the audit', { exact: true }).fill('2026-03-10');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  const ed = checker.locator('[part=editor]');
  await ed.getByLabel('ID', { exact: true }).fill(XSS);
  await ed.getByLabel('Clause').fill(XSS2);
  await ed.getByLabel('Root cause').fill(XSS);
  await ed.getByRole('button', { name: 'Add an evidence row' }).click();
  await ed.getByLabel('Media type 1').fill(XSS); // echoed back by the pack's message
  const dir = mkdtempSync(join(tmpdir(), 'certcalc-xss-'));
  const json = join(dir, 'x.json');
  writeFileSync(json, JSON.stringify({ findings: [{ id: XSS2, clause: XSS, grade: 'minor', rootCause: XSS2, evidence: [{ name: XSS, mediaType: XSS2, bytes: 1 }] }] }));
  await checker.locator('[part=toolbar] input[type=file]').setInputFiles(json);
  // An id of its own: a row with the typed finding's id would update that finding (merge.js).
  const csv = `id,clause,grade,rootCause\r\n"${XSS.replace(/"/g, '""')} 2","${XSS2.replace(/"/g, '""')}",major,x\r\n`;
  await checker.locator('[part=toolbar] input[type=file]').setInputFiles({ name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => document.querySelector('certcalc-submission-checker').document.findings.length === 3);
  for (let i = 0; i < 3; i++) await checker.locator(`#${await checker.evaluate((el) => el.uid)}-edit-${i}`).click();

  // The other widgets: a scheme id and a finding id the core echoes in its messages.
  await page.evaluate((x) => {
    document.querySelector('certcalc-duration-quote').scheme = x;
    const gd = document.querySelector('certcalc-grade-dates');
    gd.scheme = 'webtest-1';
    gd.mode = 'list';
    gd.findings = [{ id: x, clause: x, grade: 'minor' }];
    gd.values = { lastAuditDay: '2026-03-10' };
  }, XSS);
  await page.waitForTimeout(200);
  const report = await page.evaluate(() => {
    const roots = [document, ...[...document.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
    const bad = roots.flatMap((r) => [...r.querySelectorAll('img, script:not([src]), svg[onload], [onerror], [onload]')]).map((e) => e.outerHTML);
    const text = roots.map((r) => (r === document ? document.body.innerText : r.textContent)).join('\n');
    return { xss: window.__xss ?? null, bad: bad.filter((h) => !h.startsWith('<img src="favicon.svg"')), text };
  });
  assert.equal(report.xss, null, 'no payload ran');
  assert.deepEqual(report.bad, [], 'no element came from a payload');
  assert.ok(report.text.includes(XSS), 'the payload is shown as text');
  assert.ok(report.text.includes(XSS2), 'the second payload is shown as text');
  assert.ok(report.text.includes(`${XSS} is not a loaded rule pack`), 'a core message echoing the input stays text');
  await checker.screenshot({ path: screenshotPath('checker-xss') });
  assert.deepEqual(await cspViolations(page), []);
});

test('keyboard only: add, fill and save a finding; focus is visible', async () => {
  await fresh();
  await checker.getByLabel('Last day of the audit', { exact: true }).focus();
  await page.keyboard.type('03102026'); // a date input takes its digits from the keyboard
  const focusedOutline = async () =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      const s = getComputedStyle(el);
      return { tag: el.localName, label: el.textContent?.trim() || el.getAttribute('aria-label') || el.id, outline: s.outlineStyle, width: s.outlineWidth };
    });
  // Tab to "Add a finding" and press Enter.
  let f;
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    f = await focusedOutline();
    if (f.label === 'Add a finding') break;
  }
  assert.equal(f.label, 'Add a finding');
  assert.notEqual(f.outline, 'none', 'the focused button shows a focus ring');
  await page.keyboard.press('Enter');
  // The editor opens with the ID field focused.
  f = await focusedOutline();
  assert.equal(f.tag, 'input');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('KB-1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('7.1');
  assert.equal((await stored()).findings[0].id, 'KB-1');
  assert.equal((await stored()).findings[0].clause, '7.1');
  // Tab on to "Save for later" and press it.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    f = await focusedOutline();
    if (f.label === 'Save for later') break;
  }
  assert.equal(f.label, 'Save for later');
  assert.notEqual(f.outline, 'none');
  await page.keyboard.press('Enter');
  assert.equal((await stored()).findings[0].state, 'saved');
  await checker.screenshot({ path: screenshotPath('checker-keyboard') });
});

test('a pack without validate: the core says so, editing and saving still work', async () => {
  await fresh();
  // A user pack that answers grade only (the CLI tests' own).
  const pack = readFileSync(new URL('../cli/user-pack.json', import.meta.url), 'utf8');
  await page.evaluate(async (p) => (await import('/certcalc-widgets.js')).loadPack(p, 'user-pack.json'), pack);
  await checker.getByLabel('Scheme').selectOption('user-demo-1');
  assert.match(await checker.locator('[part=notice]').textContent(), /cannot be checked.*does not answer validate/s);
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  const ed = checker.locator('[part=editor]');
  await ed.getByLabel('Root cause').fill('kept anyway');
  assert.equal(await ed.getByRole('button', { name: 'Ready to send' }).isDisabled(), true);
  await ed.getByRole('button', { name: 'Save for later' }).click();
  assert.equal((await stored()).findings[0].state, 'saved');
  assert.equal((await stored()).findings[0].rootCause, 'kept anyway');
  await checker.screenshot({ path: screenshotPath('checker-no-validate') });
});

test('a new finding has no grade until the user gives the report’s: no guessed "critical"', async () => {
  await fresh();
  await checker.getByLabel('Scheme').selectOption('fssc22000-6');
  await checker.getByLabel('Last day of the audit', { exact: true }).fill('2026-03-10');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  const ed = checker.locator('[part=editor]');
  // FSSC 22000 v6 checks the grade as an entry of the form: it says what to choose.
  await ed.locator('[data-field=grade] .msg.error').waitFor();
  assert.equal(await ed.getByLabel('Grade').inputValue(), '');
  assert.match(await ed.locator('[data-field=grade] .msg.error').textContent(), /choose the grade of this finding/);
  assert.doesNotMatch(await checker.textContent(), /critical nonconformity|certificate is at stake/i);
  // The test pack cannot check a finding without a grade: it starts on the last of its list.
  await checker.getByLabel('Scheme').selectOption('webtest-1');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  assert.equal(await ed.getByLabel('Grade').inputValue(), 'minor');
});

test('an audit date the pack finds wrong is marked at its input, with the pack’s message', async () => {
  await fresh();
  await checker.getByLabel('Scheme').selectOption('fssc22000-6');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  const lastDay = checker.getByLabel('Last day of the audit', { exact: true });
  await lastDay.fill('2026-13-45');
  await lastDay.press('Tab');
  const message = checker.locator('[part=audit] [id$="-err-audit-lastDay"] .msg.error');
  await message.waitFor();
  assert.match(await message.textContent(), /2026-13-45 is not a real date/);
  // The input names the message as what describes it.
  assert.match(await lastDay.getAttribute('aria-describedby'), /-err-audit-lastDay$/);
  assert.equal(await lastDay.getAttribute('aria-invalid'), 'true');
  await lastDay.fill('2026-03-10');
  await lastDay.press('Tab');
  await page.waitForFunction(() => !document.querySelector('certcalc-submission-checker').shadowRoot.querySelector('[part=audit] .msg.error'));
  assert.equal(await lastDay.getAttribute('aria-invalid'), 'false');
});

/** The element focused inside the checker (through its shadow root). */
async function focusedInChecker() {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { tag: el?.localName, text: el?.textContent?.trim() ?? '' };
  });
}

/** What the checker's live region says once it says something matching `re`. */
async function checkerLive(re) {
  await page
    .waitForFunction((src) => new RegExp(src).test(document.querySelector('certcalc-submission-checker').shadowRoot.querySelector('.sr-only[role=status]')?.textContent ?? ''), re.source, { timeout: 5000 })
    .catch(() => {});
  return page.evaluate(() => document.querySelector('certcalc-submission-checker').shadowRoot.querySelector('.sr-only[role=status]')?.textContent.trim());
}

async function setCheckerLocale(locale) {
  await checker.evaluate((el, l) => {
    el.locale = l;
  }, locale);
  await page.waitForFunction((l) => document.querySelector('certcalc-submission-checker').effectiveLocale === l, locale);
  await checker.evaluate((el) => el.updateComplete);
}

test('an evidence size keeps what it meant across a switch of language: 12,345 typed in English is 12.345 in Dutch', async () => {
  await fresh();
  await checker.getByLabel('Last day of the audit', { exact: true }).fill('2026-03-10');
  await checker.getByLabel('Audit type').selectOption('surveillance');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  await fillGoodFinding();
  const ed = checker.locator('[part=editor]');
  await ed.getByRole('button', { name: 'Add an evidence row' }).click();
  await ed.getByLabel('File name 1').fill('schedule.pdf');
  await ed.getByLabel('Media type 1').fill('application/pdf');
  const bytes = checker.locator('[id$="-ev-0-bytes"]');
  await bytes.fill('12,345');
  const ready = checker.locator('[part=editor] [data-action=ready]');
  assert.equal(await ready.isDisabled(), false);
  for (const [locale, shown] of [['nl', '12.345'], ['fr', '12\u202f345'], ['de', '12.345'], ['en', '12,345']]) {
    await setCheckerLocale(locale);
    assert.equal(await checker.evaluate((el) => el.request.findings[0].evidence[0].bytes), 12345, locale);
    assert.equal(await ready.isDisabled(), false, `${locale}: still free of errors`);
    assert.equal(await checker.locator('[part=editor] .evidence .msg.error').count(), 0, locale);
    assert.equal(await bytes.inputValue(), shown, `${locale}: written as the locale writes it`);
  }
  assert.equal((await stored()).findings[0].evidence[0].bytes, 12345, 'the draft keeps the number read');
  // Typed in Dutch, read in Dutch: 1.000 is a thousand, in English too.
  await setCheckerLocale('nl');
  await bytes.fill('1.000');
  await setCheckerLocale('en');
  assert.equal(await bytes.inputValue(), '1,000');
  assert.equal((await stored()).findings[0].evidence[0].bytes, 1000);
  // What does not read as a number where it was typed stays as typed.
  await bytes.fill('1,5');
  await setCheckerLocale('nl');
  assert.equal(await bytes.inputValue(), '1,5');
  assert.equal((await stored()).findings[0].evidence[0].bytes, '1,5');
});

test('Ready to send and Submit leave focus in the widget and say what they did; the hint says why Ready is off', async () => {
  await fresh();
  // A real pack: once ready, a finding cannot be marked ready again (the button goes off).
  await checker.getByLabel('Scheme').selectOption('brcgs-food-9');
  await checker.getByLabel('First day of the audit', { exact: true }).fill('2026-03-09');
  await checker.getByLabel('Last day of the audit', { exact: true }).fill('2026-03-10');
  await checker.getByLabel('Audit type').selectOption('initial');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  await fillGoodFinding();
  const ed = checker.locator('[part=editor]');
  await ed.getByLabel('Grade').selectOption('minor');
  await ed.getByRole('button', { name: 'Add an evidence row' }).click();
  await ed.getByLabel('File name 1').fill('schedule.pdf');
  await ed.getByLabel('Media type 1').fill('application/pdf');
  await ed.getByLabel('Size in bytes 1').fill('12345');
  await ed.getByRole('button', { name: 'Ready to send' }).focus();
  await page.keyboard.press('Enter');
  assert.equal((await stored()).findings[0].state, 'cm-ready');
  assert.equal(await ed.getByRole('button', { name: 'Ready to send' }).isDisabled(), true);
  assert.deepEqual(await focusedInChecker(), { tag: 'h3', text: 'Finding NC-1' });
  assert.equal(await checkerLive(/NC-1/), 'Finding NC-1: corrective measure ready to send.');
  // The button is off because the finding is ready, not because of errors.
  const hint = ed.locator('[data-hint]');
  assert.equal(await hint.textContent(), 'Marked ready to send: “Submit ready findings” exports it.');
  assert.equal(await ed.getByRole('button', { name: 'Ready to send' }).getAttribute('aria-describedby'), await hint.getAttribute('id'));
  assert.doesNotMatch(await ed.textContent(), /Correct the errors first/);

  await ed.getByRole('button', { name: 'Close' }).click();
  await checker.getByRole('button', { name: 'Submit ready findings (1)' }).focus();
  await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal((await stored()).findings[0].state, 'cm-submitted');
  assert.deepEqual(await focusedInChecker(), { tag: 'button', text: 'Edit NC-1' });
  assert.equal(await checkerLive(/exported/), '1 finding exported for submission.');
});

test('an evidence error names the field as the form does, its limit written as the locale writes numbers', async () => {
  await fresh();
  await checker.getByLabel('Last day of the audit', { exact: true }).fill('2026-03-10');
  await checker.getByLabel('Audit type').selectOption('surveillance');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  const ed = checker.locator('[part=editor]');
  await ed.getByRole('button', { name: 'Add an evidence row' }).click();
  await ed.getByLabel('Size in bytes 1').fill('-3');
  const msg = ed.locator('[data-field=evidence] .msg.error');
  assert.equal(await msg.textContent(), 'Size in bytes (evidence 1) must be a whole number from 0 to 1,000,000,000');
  assert.match(await checker.locator('[part=error][role=alert]').textContent(), /^NC-1: Size in bytes \(evidence 1\) must be a whole number from 0 to 1,000,000,000$/);
  const expected = {
    nl: /^Grootte in bytes \(bewijs 1\) .*1\.000\.000\.000/,
    it: /^Dimensione in byte \(evidenza 1\) .*1\.000\.000\.000/,
    de: /^Größe in Byte \(Nachweis 1\) .*1\.000\.000\.000/,
    fr: /^Taille en octets \(preuve 1\) .*1\u202f000\u202f000\u202f000/,
  };
  for (const [locale, re] of Object.entries(expected)) {
    await setCheckerLocale(locale);
    const text = await msg.textContent();
    assert.match(text, re, locale);
    assert.doesNotMatch(text, /findings\/0|1000000000/, locale);
  }
});


test('deadlines the pack cannot work out say which audit date by its label, under the grade', async () => {
  // A CERT FSSC 22000 regulation v5.1 §6.2.3 2): for a critical nonconformity the evidence of an
  // investigation and the proposed CAP are due within 14 calendar days after the audit, so from a
  // last day of 9999-12-20 the deadline would fall after 9999-12-31, the last day certcalc's
  // dates reach.
  await fresh();
  await checker.getByLabel('Scheme').selectOption('fssc22000-5.1');
  await checker.evaluate((el) => {
    el.today = '9999-12-21';
  });
  await checker.getByLabel('Last day of the audit', { exact: true }).fill('9999-12-20');
  await checker.getByLabel('Audit type').selectOption('surveillance');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  const ed = checker.locator('[part=editor]');
  await ed.getByLabel('ID', { exact: true }).fill('NC-1');
  await ed.getByLabel('Grade').selectOption('critical');
  const msg = ed.locator('[data-field=grade] .msg[data-code=deadline_unknown]');
  await msg.waitFor();
  assert.match(await msg.textContent(),
    /^the deadlines of this finding could not be worked out: a date calculated from Last day of the audit falls outside the years 0001 to 9999/);
  assert.doesNotMatch(await msg.textContent(), /audit\/lastDay/);
});
test('a user pack\'s message that names its field by {field} shows the field\'s label: the pack\'s own, else the checker\'s, else the name humanized', async () => {
  await fresh();
  // The test pack, with its own label for rootCause (docs/web.md, "Field labels"), an issue on a
  // field no one labels (supplierName) and one of the submission's at the audit's last day.
  const answer = await page.evaluate(async (text) => {
    const pack = JSON.parse(text);
    pack.id = 'webtest-labels';
    pack.data.labels.validate = { rootCause: { en: 'Why it happened', nl: 'Waarom het gebeurde', it: 'Perché è successo' } };
    const required = (field, severity) => ({ object: { field, severity, code: 'required',
      message: { message: ['required', { object: { field } }] }, rule: '{test-pack} §6.1' } });
    pack.programs.finding.find((s) => s.let === 'candidates').value.push(required('supplierName', 'warning'));
    const program = pack.operations.validate.program;
    program.splice(program.findIndex((s) => s.set === 'issues') + 1, 0, { push: 'issues', value: required('audit/lastDay', 'warning') });
    const m = await import('/certcalc-widgets.js');
    return m.loadPack(pack, 'test-pack-labels.json');
  }, testPack);
  assert.ok(answer.loaded, JSON.stringify(answer));
  await checker.getByLabel('Scheme').selectOption('webtest-labels');
  await checker.getByLabel('Last day of the audit', { exact: true }).fill('2026-03-10');
  await checker.getByLabel('Audit type').selectOption('surveillance');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  const ed = checker.locator('[part=editor]');
  const msg = (field) => ed.locator(`[data-field=${field}] .msg`);
  const other = ed.locator('.notice.warning .msg.warning');
  const whole = checker.locator('[part=error] li').filter({ hasText: 'needed before sending' });
  // The pack's label, on the input and in the message; the checker's own; the name humanized.
  await ed.getByLabel('Why it happened').waitFor();
  assert.equal(await msg('rootCause').textContent(), 'Why it happened is needed before sending(test-pack §6.1)');
  assert.equal(await msg('responsible').textContent(), 'Responsible is needed before sending(test-pack §6.1)');
  assert.equal(await other.textContent(), 'Supplier name is needed before sending(test-pack §6.1)');
  assert.equal(await whole.textContent(), 'Last day of the audit is needed before sending (test-pack §6.1)');
  await checker.screenshot({ path: screenshotPath('checker-user-pack-labels') });
  // The answer keeps the pack's own words.
  const raw = await checker.evaluate((el) => el.validation.findings[0].issues.find((i) => i.field === 'rootCause').message);
  assert.equal(raw, 'rootCause is needed before sending');
  await setCheckerLocale('nl');
  assert.equal(await msg('rootCause').textContent(), 'Waarom het gebeurde is nodig voor verzending(test-pack §6.1)');
  assert.equal(await msg('responsible').textContent(), 'Verantwoordelijke is nodig voor verzending(test-pack §6.1)');
  assert.equal(await other.textContent(), 'Supplier name is nodig voor verzending(test-pack §6.1)');
  assert.match(await checker.locator('[part=error] li').filter({ hasText: 'nodig voor verzending' }).textContent(), /^Laatste auditdag is nodig voor verzending/);
  await setCheckerLocale('it');
  assert.match(await msg('rootCause').textContent(), /^Perché è successo è necessario prima dell'invio/);
  await setCheckerLocale('en');
  assert.deepEqual(await cspViolations(page), []);
});

test('import says what it left out: an unknown column, another scheme’s file and its audit, a version it does not read', async () => {
  await fresh();
  const input = checker.locator('[part=toolbar] input[type=file]');
  const status = checker.locator('[part=status]');
  await input.setInputFiles({ name: 'unknown.csv', mimeType: 'text/csv', buffer: Buffer.from('id,clause,colour\r\nX-1,1.1,red\r\n') });
  await status.filter({ hasText: 'imported' }).waitFor();
  assert.equal(await status.textContent(), '1 finding imported. “colour” is not a field of a finding and was ignored.');
  assert.equal(await status.getAttribute('class'), 'notice warning');
  assert.equal((await stored()).findings[0].clause, '1.1');
  await setCheckerLocale('nl');
  assert.equal(await status.textContent(), '1 bevinding geïmporteerd. “colour” is geen veld van een bevinding en is genegeerd.');
  await setCheckerLocale('en');

  const other = { format: 'certcalc-findings', version: 1, scheme: 'fssc22000-6', stage: '', audit: { firstDay: '2026-02-02', lastDay: '2026-02-03', type: 'initial' }, findings: [{ id: 'F-1', clause: '2.5.1', grade: 'minor' }] };
  await input.setInputFiles({ name: 'otherscheme.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
  await status.filter({ hasText: 'not taken over' }).waitFor();
  assert.match(await status.textContent(), /^1 finding imported\. The file is for FSSC 22000.*, not .*: check its findings against this scheme\. The audit details in the file were not taken over\.$/);
  const doc = await stored();
  assert.deepEqual(doc.findings.map((f) => f.id), ['X-1', 'F-1']);
  assert.deepEqual(doc.audit, { firstDay: '', lastDay: '', type: '' }, 'another audit’s dates are not this one’s');

  await input.setInputFiles({ name: 'badversion.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"certcalc-findings","version":99,"findings":"nope"}') });
  await status.filter({ hasText: 'version 99' }).waitFor();
  assert.equal(await status.textContent(), 'The file is version 99 of the findings format; this checker reads version 1 only.');
  assert.equal(await status.getAttribute('class'), 'notice error');
  assert.equal((await stored()).findings.length, 2);
});

test('audit dates are checked before there is a finding; audit entries are not marked before the user has been to them', async () => {
  await fresh();
  await checker.getByLabel('Scheme').selectOption('fssc22000-6');
  const firstDay = checker.getByLabel('First day of the audit', { exact: true });
  const lastDay = checker.getByLabel('Last day of the audit', { exact: true });
  await firstDay.fill('2026-11-30');
  await firstDay.press('Tab');
  // Not been to the last day yet: nothing said of it.
  assert.equal(await checker.locator('[part=audit] .msg').count(), 0);
  await lastDay.fill('2026-11-20');
  await lastDay.press('Tab');
  const first = checker.locator('[part=audit] [id$="-err-audit-firstDay"] .msg.error');
  await first.waitFor();
  assert.equal(await first.textContent(), 'the first day of the audit (2026-11-30) is after its last day (2026-11-20); check both dates');
  assert.equal(await firstDay.getAttribute('aria-invalid'), 'true');
  await lastDay.fill('2026-02-31');
  await lastDay.press('Tab');
  const last = checker.locator('[part=audit] [id$="-err-audit-lastDay"] .msg.error');
  await last.waitFor();
  assert.match(await last.textContent(), /^2026-02-31 is not a real date/);
  assert.equal(await lastDay.getAttribute('aria-invalid'), 'true');
  assert.equal(await checker.locator('tbody tr').count(), 0);
  assert.equal(await checker.evaluate((el) => el.validation), null, 'no finding, no answer to report');

  // A new finding on an empty draft: the audit's last day is not marked before it is visited.
  await fresh();
  await checker.getByLabel('Scheme').selectOption('fssc22000-6');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  await checker.locator('[part=editor] [data-field=grade] .msg.error').waitFor();
  assert.equal(await lastDay.getAttribute('aria-invalid'), 'false');
  await lastDay.focus();
  await page.keyboard.press('Tab');
  assert.equal(await lastDay.getAttribute('aria-invalid'), 'true');
});

test('every form control of the checker is a styleable input part (docs/web.md, its parts)', async () => {
  await fresh();
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  await checker.locator('[part=editor]').waitFor();
  const missing = await checker.evaluate((el) => [...el.shadowRoot.querySelectorAll('select, textarea, input:not([type=file]):not([type=checkbox]):not([type=hidden])')]
    .filter((c) => !(c.getAttribute('part') || '').split(' ').includes('input')).map((c) => c.id || c.outerHTML.slice(0, 120)));
  assert.deepEqual(missing, []);
});

test('printed, the open finding’s texts are whole and no button is printed', async () => {
  await fresh();
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  await fillGoodFinding('NC-P');
  const ed = checker.locator('[part=editor]');
  const long = Array.from({ length: 30 }, (_, k) => `Line ${k + 1}: the cold store log had gaps because the night shift had no instruction.`).join('\n');
  assert.ok(long.length > 2400);
  await ed.getByLabel('Root cause').fill(long);
  await ed.getByRole('button', { name: 'Add an evidence row' }).click();
  assert.equal(await ed.getByRole('button', { name: 'Remove evidence 1' }).isVisible(), true);
  // The browser lays the page out for print as soon as beforeprint's listeners return: the
  // printed response must be there by then.
  assert.equal(await page.evaluate(() => {
    window.dispatchEvent(new Event('beforeprint'));
    return document.querySelector('certcalc-submission-checker').shadowRoot.querySelectorAll('[part=print-finding]').length;
  }), 1);
  await page.emulateMedia({ media: 'print' });
  try {
    const printed = checker.locator('[part=print-finding][data-id="NC-P"] [part=print-text][data-field=rootCause]');
    await printed.waitFor();
    assert.equal(await printed.isVisible(), true);
    assert.equal(await printed.textContent(), long);
    assert.equal(await ed.getByLabel('Root cause').isVisible(), false, 'the textarea, which prints two lines of it, is not printed');
    assert.ok((await printed.boundingBox()).height > 400, 'every line has its place');
    const buttons = await checker.evaluate((el) => [...el.shadowRoot.querySelectorAll('button, label.file')]
      .filter((b) => b.getClientRects().length > 0).map((b) => b.textContent.trim() || b.getAttribute('aria-label')));
    assert.deepEqual(buttons, [], 'no control is printed');
    await page.pdf({ path: screenshotPath('checker-print').replace(/\.png$/, '.pdf') });
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
  assert.equal(await checker.locator('[part=print-text]').first().isVisible(), false, 'the copy is not on screen');
});

test('at 360 px: nothing of the checker runs off the screen; each finding’s state and the evidence buttons are in sight', async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  try {
    await fresh();
    await checker.getByLabel('Last day of the audit', { exact: true }).fill('2026-03-10');
    await checker.getByRole('button', { name: 'Add a finding' }).click();
    await fillGoodFinding('NC-1');
    await checker.locator('[part=editor]').getByRole('button', { name: 'Save for later' }).click();
    await checker.getByRole('button', { name: 'Add a finding' }).click();
    await checker.getByRole('button', { name: 'Edit NC-1' }).click();
    const ed = checker.locator('[part=editor]');
    await ed.getByRole('button', { name: 'Add an evidence row' }).click();
    await ed.getByLabel('File name 1').fill('cold-store-temperature-log-march-2026.pdf');
    await ed.getByLabel('Media type 1').fill('application/pdf');
    await ed.getByLabel('Size in bytes 1').fill('120000');
    for (const locale of ['en', 'de']) {
      await checker.evaluate((el, l) => { el.locale = l; }, locale);
      await page.waitForFunction((l) => document.querySelector('certcalc-submission-checker').effectiveLocale === l, locale);
      await checker.evaluate((el) => el.updateComplete);
      const layout = await checker.evaluate((host) => {
        const root = host.shadowRoot;
        const W = window.innerWidth;
        // Where an element can be seen without scrolling anything: inside the screen and inside
        // every box between it and the page that clips what overflows it.
        const inSight = (el) => {
          const r = el.getBoundingClientRect();
          if (!r.width || !r.height || r.left < -0.5 || r.right > W + 0.5) return false;
          for (let p = el.parentElement ?? el.getRootNode().host; p; p = p.parentElement ?? p.getRootNode().host) {
            if (getComputedStyle(p).overflowX === 'visible') continue;
            const b = p.getBoundingClientRect();
            if (r.left < b.left - 0.5 || r.right > b.right + 0.5) return false;
          }
          return true;
        };
        // What sticks out of the screen (a text too), unless it is hidden for screen readers only,
        // or inside a scrolling region that the keyboard reaches (tabindex=0).
        const out = [];
        for (const el of root.querySelectorAll('*')) {
          if (!el.getClientRects().length || el.closest('.sr-only')) continue;
          const scroller = el.parentElement?.closest('.scroll');
          if (scroller && scroller.tabIndex === 0) continue;
          let right = el.getBoundingClientRect().right;
          for (const n of el.childNodes) {
            if (n.nodeType !== Node.TEXT_NODE || !n.textContent.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(n);
            right = Math.max(right, range.getBoundingClientRect().right);
          }
          if (right > W + 0.5) out.push(`${el.localName}.${el.className} "${el.textContent.trim().slice(0, 30)}" ends at ${Math.round(right)}`);
        }
        // Each finding's state, where the table shows it now.
        const states = [...root.querySelectorAll('table[part=table] tbody tr')].map((tr) => {
          const shown = [...tr.querySelectorAll('[data-state]')].filter((e) => e.getClientRects().length);
          return `${tr.dataset.id}: ${shown.map((e) => `${e.textContent.trim()}${inSight(e) ? '' : ' (out of sight)'}`).join(' | ') || 'not shown'}`;
        });
        const buttons = [...root.querySelectorAll('fieldset.evidence button, fieldset.evidence label.file')]
          .map((b) => `${b.textContent.trim()}${inSight(b) ? '' : ' (out of sight)'}`);
        const inputs = [...root.querySelectorAll('fieldset.evidence input[type=text]')]
          .map((i) => `${i.getAttribute('aria-label')}${inSight(i) ? '' : ' (out of sight)'}`);
        const table = root.querySelector('table[part=table]');
        return { page: document.scrollingElement.scrollWidth, W, out, states, buttons, inputs, table: table.scrollWidth, room: table.parentElement.clientWidth };
      });
      assert.ok(layout.page <= layout.W, `${locale}: the page is ${layout.page} px wide on a ${layout.W} px screen`);
      assert.deepEqual(layout.out, [], locale);
      // The findings table's box scrolls, but no key reaches it: the table has to fit.
      assert.ok(layout.table <= layout.room, `${locale}: the findings table is ${layout.table} px in ${layout.room}`);
      const saved = locale === 'en' ? 'saved for later' : await checker.evaluate((el) => el.stateLabel('saved'));
      const draft = locale === 'en' ? 'draft' : await checker.evaluate((el) => el.stateLabel(''));
      assert.deepEqual(layout.states, [`NC-1: ${saved}`, `NC-2: ${draft}`], locale);
      for (const b of layout.buttons) assert.doesNotMatch(b, /out of sight/, locale);
      assert.equal(layout.buttons.length, 3, `${locale}: ${layout.buttons.join(' | ')}`);
      for (const i of layout.inputs) assert.doesNotMatch(i, /out of sight/, locale);
      await checker.screenshot({ path: screenshotPath(`checker-360-${locale}`) });
    }
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => (await window.axe.run(document.querySelector('certcalc-submission-checker'), { resultTypes: ['violations'] }))
      .violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
    assert.deepEqual(violations, []);
  } finally {
    await checker.evaluate((el) => { el.locale = ''; });
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test('a paste longer than the pack takes is kept whole and refused in words, by the field, in the locale', async () => {
  await fresh();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
  await checker.getByLabel('Last day of the audit', { exact: true }).fill('2026-03-10');
  await checker.getByLabel('Audit type').selectOption('surveillance');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  await fillGoodFinding('NC-1');
  const ed = checker.locator('[part=editor]');
  // 4,100 characters where the test pack takes 4,000, pasted from the clipboard.
  const long = Array.from({ length: 41 }, (_, k) => `${String(k + 1).padStart(2, '0')} ${'root cause text '.repeat(7)}`.slice(0, 99) + '\n').join('');
  assert.equal(long.length, 4100);
  await page.evaluate((text) => navigator.clipboard.writeText(text), long);
  const rootCause = ed.getByLabel('Root cause');
  await rootCause.fill('');
  await rootCause.focus();
  await page.keyboard.press('Control+V');
  assert.equal((await rootCause.inputValue()).length, 4100);
  assert.equal(await rootCause.inputValue(), long);
  // No control of a finding cuts what is typed or pasted.
  assert.deepEqual(await ed.evaluate((e) => [...e.querySelectorAll('input[maxlength], textarea[maxlength]')].map((c) => c.id)), []);
  const msg = ed.locator('[data-field=rootCause] .msg.error');
  assert.equal(await msg.textContent(), 'Root cause: 4,100 characters, at most 4,000. Nothing was cut: shorten the text to send it.');
  // The message is the field's description, and the field is marked.
  assert.equal(await rootCause.getAttribute('aria-invalid'), 'true');
  const described = await rootCause.evaluate((el) => el.getAttribute('aria-describedby').split(' ').map((id) => el.getRootNode().getElementById(id)?.textContent ?? '').join(' '));
  assert.match(described, /Root cause: 4,100 characters, at most 4,000/);
  // The core refuses the request at that field: said in the same words above the form, not twice at the field.
  assert.match(await checker.locator('[part=error][role=alert]').textContent(), /NC-1: Root cause: 4,100 characters, at most 4,000/);
  assert.equal(await ed.locator('[data-field=rootCause] .msg').count(), 1);
  assert.equal(await ed.getByRole('button', { name: 'Ready to send' }).isDisabled(), true);
  // A second field over its limit is named too, though the core names only the first; letters
  // that the core counts as two bytes are counted as it counts them.
  await ed.getByLabel('Correction', { exact: true }).fill('é'.repeat(2100));
  assert.equal((await ed.getByLabel('Correction', { exact: true }).inputValue()).length, 2100);
  assert.equal(await ed.locator('[data-field=correction] .msg.error').textContent(),
    'Correction: 2,100 characters, counted as 4,200 (letters such as é or ß count as two, the € sign as three), at most 4,000. Nothing was cut: shorten the text to send it.');
  assert.equal(await ed.locator('[data-field=rootCause] .msg.error').count(), 1);
  await ed.locator('[data-field=correction]').screenshot({ path: screenshotPath('checker-too-long') });
  // In Dutch, with Dutch numbers.
  await checker.evaluate((el) => { el.locale = 'nl'; });
  await page.waitForFunction(() => document.querySelector('certcalc-submission-checker').effectiveLocale === 'nl');
  await checker.evaluate((el) => el.updateComplete);
  assert.match(await ed.locator('[data-field=rootCause] .msg.error').textContent(), /^Grondoorzaak: 4\.100 tekens, maximaal 4\.000\. Er is niets afgeknipt/);
  await checker.evaluate((el) => { el.locale = ''; });
  await page.waitForFunction(() => document.querySelector('certcalc-submission-checker').effectiveLocale === 'en');
  // Kept whole in the draft, in the export and after a reload.
  const kept = (await stored()).findings[0];
  assert.equal(kept.rootCause, long);
  assert.equal(kept.correction, 'é'.repeat(2100));
  const [json] = await Promise.all([page.waitForEvent('download'), checker.getByRole('button', { name: 'Export JSON' }).click()]);
  assert.equal(JSON.parse(readFileSync(await json.path(), 'utf8')).findings[0].rootCause, long);
  await page.reload();
  await widgetsReady(page);
  await loadTestPack(page);
  checker = page.locator('certcalc-submission-checker');
  await checker.evaluate((el) => { el.today = '2026-03-20'; });
  await checker.getByRole('button', { name: 'Edit NC-1' }).click();
  assert.equal(await checker.getByLabel('Root cause').inputValue(), long);
  assert.match(await checker.locator('[part=editor] [data-field=rootCause] .msg.error').textContent(), /^Root cause: 4,100 characters, at most 4,000/);
});

test('printed, every finding’s response is whole, one finding after another; the screen is as it was', async () => {
  await fresh();
  await checker.getByLabel('Last day of the audit', { exact: true }).fill('2026-03-10');
  await checker.getByLabel('Audit type').selectOption('surveillance');
  const para = (tag, n) => Array.from({ length: n }, (_, k) => `${tag} line ${k + 1}: the cold store log had gaps because the night shift had no instruction.`).join('\n');
  const findings = [
    { id: 'NC-1', clause: 'ISO 22000:2018 8.5.1', statement: para('Statement 1', 12), correction: para('Correction 1', 8), rootCause: para('Root cause 1', 25),
      correctiveAction: para('Action 1', 10), responsible: 'QA manager', plannedCompletion: '2026-04-01', evidence: ['log-march.pdf', 'training-record.pdf'] },
    { id: 'NC-2', clause: '4.10.3.4', statement: 'Pest control: bait station 12 was missing.', correction: 'Station replaced.', rootCause: para('Root cause 2', 6),
      correctiveAction: 'Monthly check of every station added to the plan.', responsible: 'Site manager', plannedCompletion: '2026-04-02', evidence: ['pest-plan.docx'] },
    { id: 'NC-3', clause: '7.1.2', statement: 'Glass register incomplete.', correction: '', rootCause: '', correctiveAction: '', responsible: '', plannedCompletion: '', evidence: [] },
  ];
  for (const f of findings) {
    await checker.getByRole('button', { name: 'Add a finding' }).click();
    const ed = checker.locator('[part=editor]');
    await ed.getByLabel('ID', { exact: true }).fill(f.id);
    await ed.getByLabel('Clause').fill(f.clause);
    await ed.getByLabel('Grade').selectOption('minor');
    await ed.getByLabel('Non-conformity (as written by the auditor)').fill(f.statement);
    await ed.getByLabel('Correction', { exact: true }).fill(f.correction);
    await ed.getByLabel('Root cause').fill(f.rootCause);
    await ed.getByLabel('Corrective action').fill(f.correctiveAction);
    await ed.getByLabel('Responsible', { exact: true }).fill(f.responsible);
    if (f.plannedCompletion) await ed.getByLabel('Planned completion', { exact: true }).fill(f.plannedCompletion);
    for (const [j, name] of f.evidence.entries()) {
      await ed.getByRole('button', { name: 'Add an evidence row' }).click();
      await ed.getByLabel(`File name ${j + 1}`).fill(name);
    }
  }
  // NC-2 stays open: printing shows it in its place among the others, not apart.
  await checker.getByRole('button', { name: 'Edit NC-2' }).click();
  const screen = async () => checker.evaluate((el) => el.shadowRoot.querySelector('.base').getBoundingClientRect().height);
  const screenBefore = await screen();
  assert.equal(await checker.locator('[part=print-findings]').isVisible(), false);

  await page.emulateMedia({ media: 'print' });
  try {
    const all = checker.locator('[part=print-findings]');
    await all.waitFor();
    assert.equal(await all.isVisible(), true);
    const printed = await all.evaluate((root) => [...root.querySelectorAll('[part=print-finding]')].map((s) => ({
      id: s.dataset.id,
      heading: s.querySelector('h4').textContent.trim(),
      top: s.getBoundingClientRect().top,
      rows: Object.fromEntries([...s.querySelectorAll('dt')].map((dt) => [dt.textContent.trim(), dt.nextElementSibling.textContent])),
      evidence: [...s.querySelectorAll('[data-field=evidence] li')].map((li) => li.textContent.trim()),
      // Each text whole: as tall as its lines, nothing scrolled or clipped away.
      clipped: [...s.querySelectorAll('[part=print-text]')].filter((d) => d.scrollHeight > d.clientHeight + 1 || getComputedStyle(d).overflow !== 'visible').length,
    })));
    assert.deepEqual(printed.map((p) => p.id), ['NC-1', 'NC-2', 'NC-3']);
    assert.ok(printed[0].top < printed[1].top && printed[1].top < printed[2].top, 'one after another');
    const dates = { '2026-04-01': 'Apr 1, 2026', '2026-04-02': 'Apr 2, 2026' };
    for (const [k, f] of findings.entries()) {
      const p = printed[k];
      assert.equal(p.heading, `Finding ${f.id}`);
      assert.equal(p.rows.Clause, f.clause);
      assert.equal(p.rows.Grade, 'minor');
      assert.equal(p.rows['Non-conformity (as written by the auditor)'], f.statement);
      assert.equal(p.rows.Correction, f.correction || '—');
      assert.equal(p.rows['Root cause'], f.rootCause || '—');
      assert.equal(p.rows['Corrective action'], f.correctiveAction || '—');
      assert.equal(p.rows.Responsible, f.responsible || '—');
      assert.equal(p.rows['Planned completion'], dates[f.plannedCompletion] ?? '—');
      assert.equal(p.rows.State, 'draft');
      assert.deepEqual(p.evidence, f.evidence);
      assert.equal(p.clipped, 0, f.id);
    }
    // The finding's deadlines from the pack's answer, dated.
    assert.match(printed[0].rows.Deadlines, /send by 2026-04-14.*Corrective action: Apr 21, 2026/s);
    // Nothing printed twice: the open editor is not printed, nor any control.
    assert.equal(await checker.locator('[part=editor]').isVisible(), false);
    const buttons = await checker.evaluate((el) => [...el.shadowRoot.querySelectorAll('button, label.file, textarea')]
      .filter((b) => b.getClientRects().length > 0).map((b) => b.textContent.trim() || b.getAttribute('aria-label') || b.id));
    assert.deepEqual(buttons, []);
    await page.pdf({ path: screenshotPath('checker-print-all').replace(/\.png$/, '.pdf') });
    await checker.screenshot({ path: screenshotPath('checker-print-all') });
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
  assert.equal(await checker.locator('[part=print-findings]').isVisible(), false, 'not on screen');
  assert.equal(await checker.locator('[part=editor]').isVisible(), true);
  assert.equal(await screen(), screenBefore, 'the screen is laid out as before');
});
