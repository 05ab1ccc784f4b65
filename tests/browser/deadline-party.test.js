// Whose deadline it is: a certification body's step (a follow-up visit, a decision, the written
// summary) past its date is a date to know, never "overdue" / "te laat" for the client; the
// client's own deadlines still are. The core says whose (`party`, from the pack's overdueKinds:
// docs/api.md, deadlines); the dates are A CERT FSSC 22000 regulation v5.1 §6.2.2 2) and 3) (a
// major: follow-up and closure within 28 days of the audit) and Certiquality BRCGS regulation
// §5.1.2 (the written summary 1 working day after the audit).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSession, openSession, freshChecker, mountFresh } from './helpers.js';

let site, browser, page;

before(async () => {
  ({ site, browser, page } = await openSession());
});

after(() => closeSession({ site, browser }));

test('checker: the body\'s follow-up past its date reads "days ago", the client\'s closure "overdue", in en and nl', async () => {
  const checker = await freshChecker(page, site, 'fssc22000-5.1');  // today 2026-03-20
  await checker.getByLabel('Last day of the audit', { exact: true }).fill('2026-01-05');
  await checker.getByLabel('Audit type').selectOption('surveillance');
  await checker.getByRole('button', { name: 'Add a finding' }).click();
  const ed = checker.locator('[part=editor]');
  await ed.getByLabel('Grade').selectOption('major');
  // 2026-01-05 + 28 days = 2026-02-02, 46 days before 2026-03-20.
  const item = (kind) => ed.locator('[part=deadlines] li').filter({ hasText: kind });
  assert.match(await item('follow-up').textContent(),
    /follow-up \(on site or desk review\)\s*\(the certification body’s step\): Feb 2, 2026\s*· 46 days ago/);
  assert.doesNotMatch(await item('follow-up').textContent(), /overdue/);
  assert.match(await item('closure').textContent(), /closure of the major nonconformity: Feb 2, 2026\s*· 46 days overdue/);
  assert.doesNotMatch(await item('closure').textContent(), /certification body’s step/);
  // The print view of every finding writes the same name, mark and date as the editor.
  await page.emulateMedia({ media: 'print' });
  try {
    const printed = (kind) => checker.locator('[part=print-finding] li').filter({ hasText: new RegExp(`^${kind}`) });
    assert.match(await printed('follow-up').textContent(),
      /^follow-up \(on site or desk review\)\s*\(the certification body’s step\): Feb 2, 2026$/);
    assert.match(await printed('closure').textContent(), /^closure of the major nonconformity: Feb 2, 2026$/);
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }

  await checker.evaluate((el) => { el.locale = 'nl'; });
  await checker.evaluate((el) => el.updateComplete);
  await page.waitForFunction(() => /geleden/.test(document.querySelector('certcalc-submission-checker').shadowRoot.querySelector('[part=deadlines]')?.textContent || ''));
  assert.match(await item('opvolging').textContent(), /\(stap van de certificatie-instelling\): 2 feb 2026\s*· 46 dagen geleden/);
  assert.doesNotMatch(await item('opvolging').textContent(), /te laat/);
  assert.match(await item('sluiting').textContent(), /46 dagen te laat/);
});

test('grade and dates: the audit\'s own deadlines are the body\'s, past ones "days ago"', async () => {
  await page.goto(site.url);
  const gd = await mountFresh(page, 'certcalc-grade-dates', {
    scheme: 'brcgs-food-9', locale: 'en', today: '2026-03-20',
    values: { auditType: 'initial', firstAuditDay: '2026-03-11', lastAuditDay: '2026-03-12', critical: 0, major: 1, minor: 2 },
  });
  const answer = await gd.evaluate((el) => el.results.deadlines);
  assert.deepEqual(answer.auditDeadlines.map((d) => d.party), answer.auditDeadlines.map(() => 'body'));
  assert.equal(answer.deadlines.find((d) => d.kind === 'corrective_action_evidence').party, 'client');
  await gd.locator('[part=deadlines] summary').click();
  // Written summary: 1 working day after Thursday 2026-03-12 = Friday 2026-03-13, 7 days before today.
  const summary = gd.locator('[part=deadlines] tbody tr[data-kind=nc_summary]');
  assert.match(await summary.textContent(), /written summary of the non-conformities \(the certification body’s step\)/);
  assert.match(await summary.textContent(), /Mar 13, 2026\s*7 days ago/);
  assert.doesNotMatch(await summary.textContent(), /overdue/);
  // The client's own evidence: 28 days after the audit, 2026-04-09, 20 days left.
  const own = gd.locator('[part=deadlines] tbody tr[data-kind=corrective_action_evidence]').first();
  assert.match(await own.textContent(), /Apr 9, 2026\s*20 days left/);
  assert.doesNotMatch(await own.textContent(), /certification body’s step/);
});
