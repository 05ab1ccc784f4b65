// The fields an answer needs, and the values it cannot use, held to what the packs answer (the CLI
// gives the same: certcalc grade / schedule / deadlines / duration). Grade and dates: a field the
// FSSC 22000 v6 answer needs (ncTimeframes) is not called optional and its error is shown once,
// at the field; another GMP+ scope's values are not sent; the BRCGS schedule's blackoutDaysMax
// and the GMP+ deadlines' requirements are shown, labelled in the widget's locale. The duration
// quote: FSSC 22000 v6 on-site days and, for a cycle with dates, surveillance windows, the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSession, openSession, widgetsReady, cspViolations, mountFresh, timesShown } from './helpers.js';

let site, browser, page;

before(async () => {
  ({ site, browser, page } = await openSession({ blank: true }));
});

after(() => closeSession({ site, browser }));

/** A fresh grade-and-dates element with these properties, once it shows its answer. */
const mount = (props) => mountFresh(page, 'certcalc-grade-dates', props);

const settled = () => page.evaluate(() => document.querySelector('certcalc-grade-dates').updateComplete);
const state = () => page.evaluate(() => {
  const el = document.querySelector('certcalc-grade-dates');
  return { requests: el.requests, results: el.results };
});
/** A field's input by the end of its id (its label changes language). */
const input = (gd, name) => gd.locator(`[id$="-${name}"]`).first();
/** The `.field` around that input. */
const fieldOf = (gd, name) => gd.locator('.field').filter({ has: page.locator(`[id$="-${name}"]`) });
/** The label of a form field, "(optional)" and the like included. */
const labelOf = async (gd, name) => (await gd.locator(`label[for="${await input(gd, name).getAttribute('id')}"]`).textContent()).replace(/\s+/g, ' ').trim();
const times = timesShown;

test('FSSC 22000 v6: the nonconformity timeframes the answer needs are not called optional; their error is shown once, at the field', async () => {
  const gd = await mount({ scheme: 'fssc22000-6', locale: 'en', values: { minor: 1, auditType: 'surveillance', lastAuditDay: '2026-03-10' } });
  // What the pack answers (certcalc grade: missing_value at /ncTimeframes), not an assumption.
  let s = await state();
  assert.equal('ncTimeframes' in s.requests.grade, false);
  assert.equal(s.results.grade.error.code, 'missing_value');
  assert.equal(s.results.grade.error.path, '/ncTimeframes');
  assert.equal(s.results.deadlines.error.path, '/ncTimeframes');

  assert.equal(await labelOf(gd, 'ncTimeframes'), 'Nonconformity timeframes (needed for this calculation)');
  const message = 'Give the nonconformity timeframes: no FSSC 22000 version 6 document';
  assert.equal(await times(gd, message), 1, 'the error is said once');
  const error = fieldOf(gd, 'ncTimeframes').locator('.msg.error');
  assert.match(await error.textContent(), new RegExp(`^${message}`));
  const select = input(gd, 'ncTimeframes');
  assert.equal(await select.getAttribute('aria-invalid'), 'true');
  assert.ok((await select.getAttribute('aria-describedby')).split(' ').includes(await error.locator('xpath=..').getAttribute('id')));
  // The outcome and the dates say where to look, not the error again; nothing is an alert.
  assert.equal(await gd.locator('[role=alert]').count(), 0);
  assert.equal(await gd.locator('[data-asks=ncTimeframes]').first().textContent(), 'The outcome needs “Nonconformity timeframes”: see that field above.');
  assert.equal(await gd.locator('[part=dates-card] [data-asks=ncTimeframes]').textContent(), 'The dates need “Nonconformity timeframes”: see that field above.');

  // Chosen: the grade and the deadlines are answered; the answer still depends on it.
  await select.selectOption('version-5.1');
  s = await state();
  assert.equal(s.requests.grade.ncTimeframes, 'version-5.1');
  assert.equal(s.results.grade.correctiveActionDays, 28);
  assert.equal(s.results.deadlines.deadlines.length > 0, true);
  assert.equal(await gd.locator('[data-key=certified]').textContent(), 'Certified');
  assert.equal(await labelOf(gd, 'ncTimeframes'), 'Nonconformity timeframes (needed for this calculation)');
  assert.equal(await times(gd, message), 0);
  assert.equal(await gd.locator('[data-asks]').count(), 0);

  // No nonconformity: not needed yet, and the label says when it will be.
  await select.selectOption('');
  await gd.getByLabel('Minor', { exact: true }).fill('0');
  s = await state();
  assert.equal(s.results.grade.certified, true);
  assert.equal(await labelOf(gd, 'ncTimeframes'), 'Nonconformity timeframes (needed once a non-conformity is counted)');
  assert.equal(await gd.locator('.msg.error').count(), 0);
  // The audit type, which the grade needs only with a critical nonconformity, says which.
  await select.selectOption('version-5.1');
  assert.equal(await labelOf(gd, 'auditType'), 'Audit type (needed for this calculation)', 'the dates (schedule) need it');
  assert.deepEqual(await cspViolations(page), []);
});

test('FSSC 22000 v6 in German and French: the label and the one error name the field in the locale', async () => {
  for (const [locale, label, mark, named] of [
    ['de', 'Fristen für Abweichungen', 'für diese Berechnung nötig', 'Geben Sie die Fristen für Abweichungen an'],
    ['fr', 'Délais de non-conformité', 'nécessaire pour ce calcul', 'Indiquez les délais de non-conformité'],
  ]) {
    const gd = await mount({ scheme: 'fssc22000-6', locale, values: { major: 1, auditType: 'initial', lastAuditDay: '2026-03-10' } });
    assert.equal(await labelOf(gd, 'ncTimeframes'), `${label} (${mark})`);
    assert.equal(await times(gd, named), 1);
    assert.match(await fieldOf(gd, 'ncTimeframes').locator('.msg.error').textContent(), new RegExp(`^${named}`));
    assert.match(await gd.locator('[data-asks=ncTimeframes]').first().textContent(), new RegExp(label));
  }
});

test('GMP+: another scope’s values stay in the form but are not sent by grade and dates', async () => {
  const gd = await mount({ scheme: 'gmpplus-cr3.0', locale: 'en',
    values: { scope: 'fra', nonConformities: 1, correctionsVerified: true, modules: ['carbon-footprint'], lastAuditDay: '2026-03-10' } });
  let s = await state();
  assert.equal(s.requests.grade.nonConformities, 1);
  assert.equal(s.requests.grade.correctionsVerified, true);
  assert.deepEqual(s.requests.schedule.modules, ['carbon-footprint']);
  assert.deepEqual(s.requests.deadlines.findings.map((f) => f.grade), ['non-conformity']);
  for (const op of ['grade', 'schedule', 'deadlines']) assert.equal(s.results[op].error, undefined, `${op}: ${JSON.stringify(s.results[op].error)}`);

  // Inland waterway transport uses none of them: answers, not "… is not used for scope …".
  await input(gd, 'scope').selectOption('inland-waterway-transport');
  s = await state();
  for (const op of ['grade', 'schedule', 'deadlines']) assert.equal(s.results[op].error, undefined, `${op}: ${JSON.stringify(s.results[op].error)}`);
  assert.equal('nonConformities' in s.requests.grade, false);
  assert.equal('correctionsVerified' in s.requests.grade, false);
  assert.equal('modules' in s.requests.schedule, false);
  assert.deepEqual(s.requests.deadlines.findings, [], 'no finding from a count the scope does not use');
  assert.doesNotMatch(await gd.evaluate((el) => el.shadowRoot.textContent), /not used for scope/);
  assert.equal(await gd.locator('[part=outcome]').count(), 1);
  // Kept in the form, and said to be left out, tied to their inputs.
  assert.equal(await input(gd, 'nonConformities').inputValue(), '1');
  assert.equal(await input(gd, 'correctionsVerified').inputValue(), 'yes');
  for (const name of ['nonConformities', 'correctionsVerified']) {
    const note = gd.locator(`[id$="-${name}-unused"]`);
    assert.match(await note.textContent(), /^Not used with the current choices/);
    assert.ok((await input(gd, name).getAttribute('aria-describedby')).includes(await note.getAttribute('id')), name);
  }
  assert.equal(await gd.getByRole('group', { name: /^Modules/ }).locator('.help.unused').count(), 1);
  const change = await gd.evaluate((el) => new Promise((resolve) => {
    el.addEventListener('certcalc-change', (e) => resolve(e.detail.values), { once: true });
    el.shadowRoot.querySelector('[id$="-auditType"]').dispatchEvent(new Event('change'));
  }));
  for (const name of ['nonConformities', 'correctionsVerified', 'modules']) assert.equal(name in change, false, `${name} in certcalc-change`);

  // Back to FRA: sent again.
  await input(gd, 'scope').selectOption('fra');
  s = await state();
  assert.equal(s.requests.grade.nonConformities, 1);
  assert.equal(s.requests.grade.correctionsVerified, true);
  assert.deepEqual(s.requests.schedule.modules, ['carbon-footprint']);
  assert.equal(await gd.locator('.help.unused').count(), 0);
  // A value the scope uses but the core refuses is still sent: the core says what is wrong.
  await gd.getByLabel('Non-conformities', { exact: true }).fill('-2');
  s = await state();
  assert.equal(s.requests.grade.nonConformities, -2);
  assert.match(await gd.locator('[part=error]').first().textContent(), /^Non-conformities must be a whole number/);
});

test('BRCGS: the schedule’s most blackout days are shown with their clause, labelled in every locale', async () => {
  const gd = await mount({ scheme: 'brcgs-food-9', locale: 'en',
    values: { auditType: 'initial', firstAuditDay: '2026-03-09', lastAuditDay: '2026-03-10', critical: 0, major: 1, minor: 2 } });
  const s = await state();
  assert.equal(s.results.schedule.blackoutDaysMax.value, 10);
  const figure = gd.locator('[part=dates-card] .figure').filter({ has: page.locator('[data-key=blackoutDaysMax]') });
  for (const [locale, label, value] of [['en', 'Blackout days allowed (at most)', '10 days'], ['nl', 'Toegestane uitgesloten dagen (maximaal)', '10 dagen'],
    ['it', 'Giorni esclusi ammessi (al massimo)', '10 giorni'], ['de', 'Zulässige Sperrtage (höchstens)', '10 Tage'], ['fr', 'Jours exclus autorisés (au maximum)', '10 jours']]) {
    await gd.evaluate((el, l) => { el.locale = l; }, locale);
    await page.waitForFunction((l) => document.querySelector('certcalc-grade-dates').effectiveLocale === l, locale);
    await settled();
    assert.equal(await figure.locator('dt').textContent(), label, locale);
    assert.equal(await figure.locator('[data-key=blackoutDaysMax]').textContent(), value, locale);
    assert.equal(await figure.locator('cite').textContent(), `(${s.results.schedule.blackoutDaysMax.rule})`);
  }
});

test('GMP+: what the deadlines require without a date is listed per finding, labelled in the locale', async () => {
  const gd = await mount({ scheme: 'gmpplus-cr3.0', locale: 'en', values: { scope: 'inland-waterway-transport', nonConforms: 1, lastAuditDay: '2026-03-10' } });
  const s = await state();
  assert.deepEqual(s.results.deadlines.requirements.map((r) => r.kind), ['resolve_before_certificate', 'certificate_withdrawn']);
  const table = gd.locator('table[part=requirements]');
  const rows = async () => (await table.locator('tbody tr').allTextContents()).map((r) => r.replace(/\s+/g, ' ').trim());
  assert.deepEqual(await rows(), [
    'Non conform 1 Resolved before a certificate can be issued (GMP+ CR3.0 §4.2.4)',
    'Non conform 1 Withdraws an existing certificate, resolved or not (GMP+ CR3.0 §4.3)',
  ]);
  assert.equal(await gd.getByRole('region', { name: 'Requirements without a date' }).count(), 1);
  await gd.evaluate((el) => { el.locale = 'nl'; });
  await page.waitForFunction(() => document.querySelector('certcalc-grade-dates').effectiveLocale === 'nl');
  await settled();
  assert.match((await rows())[0], /^Non conform 1 Opgelost voordat een certificaat kan worden afgegeven/);

  // A non-conformity of the laboratory scopes: its own requirement.
  await gd.evaluate((el) => { el.locale = 'fr'; el.values = { scope: 'laboratory-testing', nonConformities: 1, lastAuditDay: '2026-03-10' }; });
  await page.waitForFunction(() => document.querySelector('certcalc-grade-dates').effectiveLocale === 'fr');
  await settled();
  assert.deepEqual(await rows(), ['Non-conformité 1 Correction et actions correctives examinées, acceptées et vérifiées par l’organisme de certification avant la décision (GMP+ CR3.0 §4.2.7 1))']);
});

test('FSSC 22000 v6 duration quote: the on-site days and, for a dated cycle, the surveillance windows the answer needs are not called optional; each error is shown once, at its field', async () => {
  await page.evaluate(() => {
    document.querySelectorAll('certcalc-grade-dates, certcalc-duration-quote').forEach((e) => e.remove());
    const el = document.createElement('certcalc-duration-quote');
    Object.assign(el, { scheme: 'fssc22000-6', locale: 'en', values: { auditType: 'initial', category: 'CI' } });
    document.body.append(el);
  });
  await widgetsReady(page);
  const dq = page.locator('certcalc-duration-quote');
  const done = () => dq.evaluate((el) => el.updateComplete);
  const answer = () => dq.evaluate((el) => ({ request: el.request, result: el.result }));
  await done();
  // What the pack answers without on-site days (certcalc duration: missing_value at /onSiteDays).
  let a = await answer();
  assert.equal(a.result.error.code, 'missing_value');
  assert.equal(a.result.error.path, '/onSiteDays');
  const onSite = 'On-site days (certification body)';
  assert.equal(await labelOf(dq, 'onSiteDays'), `${onSite} (needed for this calculation)`);
  assert.equal(await times(dq, a.result.error.message), 1, 'the error is said once');
  assert.match(await fieldOf(dq, 'onSiteDays').locator('.msg.error').textContent(), /^Give/);
  assert.equal(await dq.locator('[part=result] [data-asks=onSiteDays]').textContent(), `The quote needs “${onSite}”: see that field above.`);
  assert.equal(await dq.locator('[role=alert]').count(), 0);

  // Given: answered, and still needed (the answer depends on it).
  await input(dq, 'onSiteDays').fill('2');
  await done();
  a = await answer();
  assert.equal(a.result.onSiteDays, 2);
  assert.equal(await labelOf(dq, 'onSiteDays'), `${onSite} (needed for this calculation)`);
  assert.equal(await dq.locator('[data-asks]').count(), 0);
  // Another optional field the answer does not need says so.
  assert.match(await labelOf(dq, 'surveillanceWindows'), /\(optional\)$/);

  // A cycle with its dates: the pack asks for the surveillance windows (no version 6 source
  // states them).
  await dq.evaluate((el) => {
    el.values = { auditType: 'cycle', category: 'CI', onSiteDays: 2, surveillanceOnSiteDays: 1.5, recertificationOnSiteDays: 2,
      cycleStart: 'initial', firstAuditDay: '2026-03-02', lastAuditDay: '2026-03-03', decisionDate: '2026-04-01' };
  });
  await done();
  a = await answer();
  assert.equal(a.result.error.path, '/surveillanceWindows');
  assert.equal(await labelOf(dq, 'surveillanceWindows'), 'Surveillance audit windows (needed for this calculation)');
  assert.equal(await times(dq, a.result.error.message), 1);
  assert.equal(await dq.locator('[data-asks=surveillanceWindows]').textContent(), 'The quote needs “Surveillance audit windows”: see that field above.');
  await input(dq, 'surveillanceWindows').selectOption('version-5.1');
  await done();
  a = await answer();
  assert.equal(a.request.surveillanceWindows, 'version-5.1');
  assert.equal(a.result.error, undefined);
  assert.equal(await labelOf(dq, 'surveillanceWindows'), 'Surveillance audit windows (needed for this calculation)');
  assert.deepEqual(await cspViolations(page), []);
});

test('GMP+ duration quote: a field the chosen scope requires is labelled needed, not optional, while the core asks for it', async () => {
  // GMP+ CR3.0 Appendix 1: laboratory testing is counted from the accreditation and the analyses;
  // the pack refuses the scope without them (missing_field at each in turn).
  const dq = await mountFresh(page, 'certcalc-duration-quote',
    { scheme: 'gmpplus-cr3.0', locale: 'en', values: { auditType: 'initial', scope: 'laboratory-testing' } });
  assert.equal(await dq.evaluate((el) => el.result.error.path), '/accreditation');
  assert.equal(await labelOf(dq, 'accreditation'), 'Accreditation (needed for this calculation)');
  // Given, the next one the scope requires is asked for and labelled so.
  await dq.evaluate(async (el) => {
    el.values = { auditType: 'initial', scope: 'laboratory-testing', accreditation: 'full' };
    await el.updateComplete;
  });
  assert.equal(await dq.evaluate((el) => el.result.error.path), '/analyses');
  assert.equal(await labelOf(dq, 'analyses'), 'Analyses (needed for this calculation)');
  assert.equal(await labelOf(dq, 'accreditation'), 'Accreditation (needed for this calculation)');
  // Another scope's field stays optional.
  assert.equal(await labelOf(dq, 'productionLocations'), 'Production locations (optional)');
});

test('a date refused for its order against another is sent and its error shown, never left out as unused', async () => {
  const gd = await mount({ scheme: 'brcgs-food-9', locale: 'en',
    values: { auditType: 'initial', minor: 2, firstAuditDay: '2026-03-10', lastAuditDay: '2026-03-09' } });
  const s = await state();
  assert.equal(s.requests.schedule.lastAuditDay, '2026-03-09');
  assert.equal(s.results.schedule.error.path, '/lastAuditDay');
  assert.match(await fieldOf(gd, 'lastAuditDay').locator('.msg.error').textContent(), /before/);
  assert.equal(await fieldOf(gd, 'lastAuditDay').locator('.unused').count(), 0);
});

test('counted non-conformities are named in the tables by their grade in the locale, not by the ids the widget sends', async () => {
  const gd = await mount({ scheme: 'brcgs-food-9', locale: 'it',
    values: { auditType: 'initial', major: 1, minor: 2, firstAuditDay: '2026-03-09', lastAuditDay: '2026-03-10' } });
  const s = await state();
  // The request keeps the grade keys as ids (what a back end would get from certcalc-change).
  assert.deepEqual(s.requests.deadlines.findings.map((f) => f.id).sort(), ['major-1', 'minor-1', 'minor-2']);
  const names = await gd.locator('table tbody tr[data-scope=finding] th').allTextContents();
  assert.deepEqual([...new Set(names.map((n) => n.trim()))].sort(), ['Maggiore 1', 'Minore 1', 'Minore 2']);
});

test('duration quote: optional values a page filled in before the core asked for them are labelled needed once the page is idle', async () => {
  await page.evaluate(() => {
    document.querySelectorAll('certcalc-grade-dates, certcalc-duration-quote').forEach((e) => e.remove());
    const el = document.createElement('certcalc-duration-quote');
    Object.assign(el, { scheme: 'fssc22000-6', locale: 'en', values: { auditType: 'initial', category: 'CI', onSiteDays: 2.5 } });
    document.body.append(el);
  });
  await widgetsReady(page);
  const dq = page.locator('certcalc-duration-quote');
  await dq.evaluate((el) => el.updateComplete);
  assert.equal((await dq.evaluate((el) => el.result)).onSiteDays, 2.5);
  // Without on-site days the core answers missing_value at /onSiteDays: the label says so.
  await page.waitForFunction(() => /needed for this calculation/.test(
    document.querySelector('certcalc-duration-quote').shadowRoot.querySelector('label[for$="-onSiteDays"]')?.textContent ?? ''));
  assert.match(await labelOf(dq, 'category'), /\(optional\)$/);
});

test('duration quote: the printed justification lists the inputs the request carried, not empty fields or a value another scope uses', async () => {
  // GMP+ CR3.0 Appendix 1: accreditation is a laboratory-testing input; inland waterway transport
  // refuses it (fieldScopes), so the quote leaves it out of the request and off the paper, as it
  // does the laboratory and FRA fields left empty (they were listed as "not set").
  await page.evaluate(() => {
    document.querySelectorAll('certcalc-grade-dates, certcalc-duration-quote').forEach((e) => e.remove());
    const el = document.createElement('certcalc-duration-quote');
    Object.assign(el, { scheme: 'gmpplus-cr3.0', locale: 'en', values: { auditType: 'initial', scope: 'inland-waterway-transport', accreditation: 'full' } });
    document.body.append(el);
  });
  await widgetsReady(page);
  const dq = page.locator('certcalc-duration-quote');
  await dq.evaluate((el) => el.updateComplete);
  const request = await dq.evaluate((el) => el.request);
  assert.equal('accreditation' in request, false);
  assert.equal(await fieldOf(dq, 'accreditation').locator('.unused').count(), 1);
  await dq.evaluate((el) => { el._showPrintView(); return el.updateComplete; });
  const rows = await dq.locator('[part=justification] table').first().locator('tbody th[scope=row]').allTextContents();
  assert.deepEqual(Object.keys(request).filter((k) => k !== 'scheme'), ['auditType', 'scope', 'cycleStart']);
  assert.deepEqual(rows, ['Audit type', 'Scope', 'Cycle starts with']);
});
