// Grade and dates with an outcome that has no grade (BRCGS Food 9, a critical non-conformity):
// no schedule asked for, the "not before" deadline in the table and on the timeline, the audit's
// own deadlines (auditDeadlines) once each; and the duration figures of GMP+ and BRCGS with their
// own labels and units in every locale. Every figure and date here is the core's answer (the CLI
// gives the same: certcalc deadlines / grade / duration).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSession, openSession, widgetsReady, screenshotPath } from './helpers.js';

let site, browser, page;

before(async () => {
  ({ site, browser, page } = await openSession({ blank: true }));
});

after(() => closeSession({ site, browser }));

/** A fresh element of `tag` with these properties, once it shows its answer. */
async function mount(tag, props) {
  await page.evaluate(({ tag, props }) => {
    document.querySelectorAll('certcalc-grade-dates, certcalc-duration-quote').forEach((e) => e.remove());
    const el = document.createElement(tag);
    Object.assign(el, props);
    document.body.append(el);
  }, { tag, props });
  await widgetsReady(page);
  await page.waitForTimeout(100);
  await page.evaluate((tag) => document.querySelector(tag).updateComplete, tag);
  return page.locator(tag);
}

const critical = {
  scheme: 'brcgs-food-9',
  locale: 'en',
  today: '2026-03-20',
  values: { auditType: 'initial', firstAuditDay: '2026-03-11', lastAuditDay: '2026-03-12', critical: 1, major: 0, minor: 0 },
};

test('grade and dates: an outcome without a grade asks for no schedule and shows no error', async () => {
  const gd = await mount('certcalc-grade-dates', critical);
  const state = await gd.evaluate((el) => ({ grade: el.results.grade, schedule: el.results.schedule, request: el.requests.schedule }));
  assert.equal(state.grade.grade, null);
  assert.equal(state.grade.certified, false);
  assert.equal(state.request, null, 'no schedule request without a grade');
  assert.equal(state.schedule, null);
  const card = gd.locator('[part=dates-card]');
  const text = await card.textContent();
  assert.doesNotMatch(text, /Grade is required/);
  assert.equal(await card.locator('[part=error], .notice.error').count(), 0);
  assert.match(await card.locator('[data-no-grade]').textContent(), /no grade, so there is no next audit to schedule/);
  // The reasons stay in the outcome, as the core words them.
  assert.match(await gd.locator('[part=outcome] [part~=reasons]').textContent(), /A critical non-conformity rules out certification/);
  await page.screenshot({ path: screenshotPath('dates-critical'), clip: await gd.boundingBox() });
});

test('grade and dates: a deadline with only a start reads "not before" and is on the timeline', async () => {
  const gd = await mount('certcalc-grade-dates', critical);
  // The core's answer: new_audit_not_before from 2026-04-09, no dueDate, no to.
  const d = await gd.evaluate((el) => el.results.deadlines.deadlines.find((x) => x.kind === 'new_audit_not_before'));
  assert.equal(d.from, '2026-04-09');
  assert.equal(d.dueDate, undefined);
  assert.equal(d.to, undefined);

  const row = gd.locator('table[part=dates] tbody tr', { hasText: 'Earliest date for a new full audit' });
  assert.equal(await row.count(), 1);
  const cells = await row.locator('td, th').allTextContents();
  assert.equal(cells[0].trim(), 'not before Apr 9, 2026');
  assert.match(cells[1], /§5\.3\.1\.1; §6/);
  assert.equal(cells[2].trim(), '28');
  assert.doesNotMatch(await gd.locator('table[part=dates]').textContent(), /–\s*$/m);

  const marker = gd.locator('svg[part=timeline] .tl-event.tl-deadline', { hasText: 'Earliest date for a new full audit' });
  assert.equal(await marker.count(), 1);
  assert.equal((await marker.locator('.tl-date').textContent()).trim(), 'not before Apr 9, 2026');

  await gd.locator('[part=deadlines] summary').click();
  const dl = gd.locator('[part=deadlines] tbody tr[data-kind=new_audit_not_before]');
  assert.equal(await dl.count(), 1, 'the finding\'s deadline, not again as the audit\'s');
  const due = await dl.locator('td').last().textContent();
  assert.match(due, /^not before Apr 9, 2026\s*in 20 days$/);
  assert.doesNotMatch(due, /–/);

  await page.evaluate(() => { document.querySelector('certcalc-grade-dates').locale = 'it'; });
  await page.waitForFunction(() => document.querySelector('certcalc-grade-dates').shadowRoot.textContent.includes('non prima del'));
  assert.match(await gd.locator('svg[part=timeline]').textContent(), /non prima del 9 apr 2026/);
});

test('grade and dates: the audit\'s own deadlines are rows and timeline markers, each with its clause, once', async () => {
  const gd = await mount('certcalc-grade-dates', critical);
  const audit = await gd.evaluate((el) => el.results.deadlines.auditDeadlines);
  const byKind = Object.fromEntries(audit.map((d) => [d.kind, d]));
  assert.equal(byKind.nc_summary.dueDate, '2026-03-13');
  assert.equal(byKind.certification_decision.dueDate, '2026-04-23');
  assert.equal(byKind.directory_report.dueDate, '2026-04-30');

  const dates = gd.locator('table[part=dates] tbody');
  for (const [label, date, clause] of [
    ['Written summary of the non-conformities', 'Mar 13, 2026', '§5.1.2'],
    ['Certification decision', 'Apr 23, 2026', '§5.4; §5.3.2'],
    ['Report in the BRCGS Directory', 'Apr 30, 2026', '§5.3.2'],
  ]) {
    const row = dates.locator('tr', { hasText: label });
    assert.equal(await row.count(), 1, label);
    assert.equal((await row.locator('td').first().textContent()).trim(), date);
    assert.ok((await row.locator('cite').textContent()).includes(clause), `${label}: ${clause}`);
    const marker = gd.locator('svg[part=timeline] .tl-event.tl-deadline', { hasText: label });
    assert.equal(await marker.count(), 1, `${label} on the timeline`);
    assert.match(await marker.locator('title').textContent(), new RegExp(clause.replace(/[.;]/g, '\\$&')));
  }
  // The new-audit date is in both lists of the answer: shown once.
  assert.equal(await dates.locator('tr', { hasText: 'Earliest date for a new full audit' }).count(), 1);
  assert.equal(await gd.locator('svg[part=timeline] .tl-event', { hasText: 'Earliest date for a new full audit' }).count(), 1);

  await gd.locator('[part=deadlines] summary').click();
  assert.match(await gd.locator('[part=deadlines] summary').textContent(), /\(4\)/);
  const rows = gd.locator('[part=deadlines] tbody tr[data-scope=audit]');
  assert.equal(await rows.count(), 3);
  // The certification body's step: a date to know, 7 days past, never overdue for the client.
  assert.match(await rows.first().textContent(),
    /Whole audit\s*written summary of the non-conformities \(the certification body’s step\) \(Certiquality BRCGS regulation §5\.1\.2\)\s*Mar 13, 2026\s*7 days ago/);
});

/** The figures of a quote as "label: value". */
async function figures(quote) {
  return quote.evaluate((el) => Object.fromEntries([...el.shadowRoot.querySelectorAll('.result .figure')]
    .map((f) => [f.dataset.key, `${f.querySelector('dt').textContent.trim()}: ${f.querySelector('dd').textContent.trim()}`])));
}

test('duration: GMP+ figures with their own labels and units, in every locale', async () => {
  const reglab = { scheme: 'gmpplus-cr3.0', values: { auditType: 'initial', scope: 'registered-laboratory', analysesPerformed: 10, analysesOutsourced: 5 } };
  let q = await mount('certcalc-duration-quote', { ...reglab, locale: 'en' });
  let f = await figures(q);
  assert.equal(f.hoursPerDay, 'Hours in an audit day: 8 hours');
  assert.equal(f.lowestAllowedDays, 'Lowest allowed time (after a reduction): 3.563 days');
  assert.equal(f.permittedIncreaseDays, 'Increase the certification body may add: 0 days');
  assert.equal(f.auditFrequencyMonths, 'Audit frequency: every 12 months');

  const expected = {
    it: ['Ore in una giornata di audit: 8 ore', 'Tempo minimo consentito (dopo una riduzione): 3,563 giorni', 'Frequenza degli audit: ogni 12 mesi'],
    nl: ['Uren per auditdag: 8 uur', 'Laagst toegestane tijd (na een reductie): 3,563 dagen', 'Auditfrequentie: elke 12 maanden'],
    de: ['Stunden an einem Audittag: 8 Stunden', 'Niedrigste zulässige Zeit (nach einer Reduzierung): 3,563 Tage', 'Audithäufigkeit: alle 12 Monate'],
    fr: ['Heures d’une journée d’audit: 8 heures', 'Temps le plus bas autorisé (après une réduction): 3,563 jours', 'Fréquence des audits: tous les 12 mois'],
  };
  for (const [locale, [hours, lowest, freq]] of Object.entries(expected)) {
    q = await mount('certcalc-duration-quote', { ...reglab, locale });
    await page.waitForFunction(() => !document.querySelector('certcalc-duration-quote').shadowRoot.textContent.includes('Hours in an audit day'));
    f = await figures(q);
    assert.equal(f.hoursPerDay, hours, locale);
    assert.equal(f.lowestAllowedDays.replace(/\u00a0/g, ' '), lowest, locale);
    assert.equal(f.auditFrequencyMonths, freq, locale);
    assert.doesNotMatch(Object.values(f).join(' '), /Lowest allowed days|Permitted increase days|Hours per day|Audit frequency months/, locale);
  }

  q = await mount('certcalc-duration-quote', { scheme: 'gmpplus-cr3.0', locale: 'en',
    values: { auditType: 'initial', scope: 'fra', modules: ['responsible-feed'], withFsa: true, multiSiteLocations: [{ id: 'L1', activities: ['trade'] }] } });
  f = await figures(q);
  assert.equal(f.fraDays, 'FRA time (before the multi-site increase): 0.25 days');
  assert.equal(f.allLocationsDays, 'Head office and all locations: 0.75 days');
  await page.screenshot({ path: screenshotPath('duration-gmp-fra-figures'), clip: await q.boundingBox() });
});

test('duration: an unknown member is labelled by its name and given no unit its name does not state', async () => {
  const q = await mount('certcalc-duration-quote', { scheme: 'gmpplus-cr3.0', locale: 'en',
    values: { auditType: 'initial', scope: 'registered-laboratory', analysesPerformed: 10, analysesOutsourced: 5 } });
  const shown = await q.evaluate((el) => ({
    count: [el.figureLabel('auditorCount'), el.figureValue('auditorCount', 2)],
    days: [el.figureLabel('travelDays'), el.figureValue('travelDays', 2)],
    hours: [el.figureLabel('travelHours'), el.figureValue('travelHours', 3)],
    months: [el.figureLabel('gapMonths'), el.figureValue('gapMonths', 6)],
  }));
  assert.deepEqual(shown, {
    count: ['Auditor count', '2'],
    days: ['Travel', '2 days'],
    hours: ['Travel', '3 hours'],
    months: ['Gap', '6 months'],
  });
});

test('the submission checker shows a deadline with only a start as "not before", with no dangling dash', async () => {
  await page.evaluate(() => {
    document.querySelectorAll('certcalc-submission-checker').forEach((e) => e.remove());
    localStorage.clear();
    const el = document.createElement('certcalc-submission-checker');
    el.scheme = 'brcgs-food-9';
    el.today = '2026-03-20';
    el.document = { scheme: 'brcgs-food-9', audit: { lastDay: '2026-03-12' }, findings: [{ id: 'NC-1', grade: 'critical' }] };
    document.body.append(el);
  });
  await widgetsReady(page);
  const checker = page.locator('certcalc-submission-checker');
  await checker.getByRole('button', { name: 'Edit NC-1' }).click();
  // Certiquality BRCGS regulation §5.3.1.1; §6 (as the pack cites it): after a critical
  // non-conformity no new full audit before 28 days after the audit, 2026-04-09 here (the CLI's
  // deadlines answer for this finding gives the same `from`).
  const item = checker.locator('[part=deadlines] li').filter({ hasText: 'earliest date for a new full audit' });
  await item.waitFor();
  const text = (await item.textContent()).replace(/\s+/g, ' ');
  assert.match(text, /not before Apr 9, 2026/);
  assert.doesNotMatch(text, /–\s*(·|\(|$)/);
  assert.doesNotMatch(text, /NaN|undefined/);
  await page.evaluate(() => document.querySelector('certcalc-submission-checker').remove());
});

test('numbers stay numbers across a switch of language: 2.5 given by the page shows as 2,5 in German, 3,5 typed in German as 3.5 in English', async () => {
  const quote = await mount('certcalc-duration-quote', { scheme: 'fssc22000-6', locale: 'en', values: { auditType: 'initial', category: 'CI', onSiteDays: 2.5 } });
  const input = quote.locator('input[id$="-onSiteDays"]');
  assert.equal(await input.inputValue(), '2.5');
  await quote.evaluate((el) => { el.locale = 'de'; });
  await page.waitForTimeout(300);
  await quote.evaluate((el) => el.updateComplete);
  assert.equal(await input.inputValue(), '2,5');
  assert.equal(await quote.evaluate((el) => el.request?.onSiteDays), 2.5);
  assert.equal(await quote.locator('[role=alert]').count(), 0);
  await input.fill('3,5');
  await page.waitForTimeout(400);
  await quote.evaluate((el) => { el.locale = 'en'; });
  await page.waitForTimeout(300);
  await quote.evaluate((el) => el.updateComplete);
  assert.equal(await input.inputValue(), '3.5');
  assert.equal(await quote.evaluate((el) => el.request?.onSiteDays), 3.5);
});

test('an audit deadline on the day the schedule names for the same step is listed once, under the schedule\'s name', async () => {
  // BRCGS Food 9, grade B: the schedule's certificationDecisionBy and reportInDirectoryBy and the
  // deadlines answer's certification_decision and directory_report fall on the same days (the
  // CLI gives both answers): the dates table shows each day's step once.
  const g = await mount('certcalc-grade-dates', {
    scheme: 'brcgs-food-9', locale: 'en', today: '2026-12-06',
    values: { auditType: 'initial', major: 1, minor: 4, firstAuditDay: '2026-11-28', lastAuditDay: '2026-11-29' },
  });
  await page.waitForFunction(() => document.querySelector('certcalc-grade-dates').results?.deadlines?.auditDeadlines);
  await g.evaluate((el) => el.updateComplete);
  const rows = await g.locator('table[part=dates] tbody tr').allTextContents();
  const decision = rows.filter((r) => /Certification decision/.test(r));
  const directory = rows.filter((r) => /Report in the BRCGS Directory/.test(r));
  assert.equal(decision.length, 1, decision.join('\n'));
  assert.equal(directory.length, 1, directory.join('\n'));
  // A step the schedule does not name stays: the written summary of the non-conformities.
  assert.ok(rows.some((r) => /Written summary of the non-conformities/.test(r)), rows.join('\n'));
});

test('schedule dates that only some inputs give have their own labels: GMP+ inland waterway checklist dates in Italian', async () => {
  const g = await mount('certcalc-grade-dates', {
    scheme: 'gmpplus-cr3.0', locale: 'it', today: '2026-03-20',
    values: { scope: 'inland-waterway-transport', auditType: 'initial', lastAuditDay: '2026-03-10', decisionDate: '2026-04-02' },
  });
  await page.waitForFunction(() => document.querySelector('certcalc-grade-dates').results?.schedule?.checklistUploadBy);
  await g.evaluate((el) => el.updateComplete);
  const rows = (await g.locator('table[part=dates] tbody tr').allTextContents()).join('\n');
  assert.match(rows, /Checklist caricata entro/);
  assert.match(rows, /Checklist all’azienda entro/);
  assert.doesNotMatch(rows, /Checklist upload by|Checklist to company by/i);
});
