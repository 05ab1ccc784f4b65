// What a newcomer sees on the demo page, in every locale: date inputs that show the YYYY-MM-DD
// their help texts ask for (not the browser's mm/dd/yyyy), a dates table without negative "days
// after the audit", timeline ticks with whole years, and an embed section that quotes the
// Content-Security-Policy the page is served with (the README's, from web/csp.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { closeSession, openSession, widgetsReady, screenshotPath, cspViolations, root } from './helpers.js';
import { CSP } from '../../web/csp.mjs';

// The spelling of the date format in each locale, as the core's catalogs and help texts write it.
const FORMAT = { en: 'YYYY-MM-DD', nl: 'JJJJ-MM-DD', it: 'AAAA-MM-GG', de: 'JJJJ-MM-TT', fr: 'AAAA-MM-JJ' };

let site, browser, page;

before(async () => {
  // A browser in American English: its own date inputs would show mm/dd/yyyy.
  ({ site, browser, page } = await openSession({ browserOptions: { locale: 'en-US' } }));
  await page.goto(site.url);
  await widgetsReady(page);
  await page.evaluate(async () => {
    const g = document.querySelector('certcalc-grade-dates');
    g.scheme = 'brcgs-food-9';
    g.values = { auditType: 'initial', major: 1, minor: 4, firstAuditDay: '2026-03-09', lastAuditDay: '2026-03-10' };
    const c = document.querySelector('certcalc-submission-checker');
    c.scheme = 'fssc22000-5.1';
    c.today = '2026-03-20';
    c.document = { audit: { lastDay: '2026-03-10', type: 'surveillance' },
      findings: [{ id: 'NC-1', clause: 'ISO 22000:2018 8.5.1', grade: 'minor', plannedCompletion: '2026-04-01' }] };
    await Promise.all([g.updateComplete, c.updateComplete]);
  });
  await page.locator('certcalc-submission-checker').getByRole('button', { name: 'Edit NC-1' }).click();
  await page.locator('certcalc-grade-dates table[part=dates]').waitFor();
});

after(() => closeSession({ site, browser }));

async function setLocale(locale) {
  await page.locator('certcalc-locale-switcher select').selectOption(locale);
  await page.waitForFunction((l) => [...document.querySelectorAll('certcalc-grade-dates, certcalc-submission-checker, certcalc-duration-quote')]
    .every((w) => w.effectiveLocale === l && w._status === 'ready'), locale);
  await page.locator('certcalc-grade-dates table[part=dates]').waitFor();
}

/** Every date input of every widget: what it shows, and the help text it is described by. */
async function dateInputs() {
  return page.evaluate(() => {
    const out = [];
    const roots = [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('certcalc-') && e.shadowRoot);
    for (const w of roots) {
      const r = w.shadowRoot;
      for (const input of r.querySelectorAll('.date-input input.native'))
        out.push({ widget: w.localName, native: true, type: input.type,
          hidden: input.getAttribute('aria-hidden') === 'true' && input.tabIndex === -1 &&
            (input.type === 'hidden' || getComputedStyle(input).opacity === '0') });
      for (const input of r.querySelectorAll('.date-input input.typed')) {
        const help = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
          .map((id) => r.getElementById(id)?.textContent || '').join(' ');
        const label = r.querySelector(`label[for="${input.id}"]`)?.textContent.trim();
        out.push({ widget: w.localName, id: input.id, label, type: input.type, placeholder: input.placeholder, value: input.value, help });
      }
    }
    return out;
  });
}

test('date inputs show the format their help texts ask for, in every locale', async () => {
  for (const locale of Object.keys(FORMAT)) {
    await setLocale(locale);
    const inputs = await dateInputs();
    const typed = inputs.filter((i) => !i.native);
    // grade-dates: the schedule and deadline dates; checker: the audit's last day and the open finding's date.
    assert.ok(typed.filter((i) => i.widget === 'certcalc-grade-dates').length >= 5, JSON.stringify(typed));
    assert.ok(typed.filter((i) => i.widget === 'certcalc-submission-checker').length >= 2, JSON.stringify(typed));
    for (const i of typed) {
      assert.equal(i.type, 'text', `${locale} ${i.label}`);
      assert.equal(i.placeholder, FORMAT[locale], `${locale} ${i.label}`);
      // A help text that spells a format spells this one.
      for (const m of i.help.matchAll(/\b[A-Z]{4}-[A-Z]{2}-[A-Z]{2}\b/g)) assert.equal(m[0], FORMAT[locale], `${locale} ${i.label}: ${i.help}`);
      if (i.value) assert.match(i.value, /^\d{4}-\d{2}-\d{2}$/, `${locale} ${i.label} shows ${i.value}`);
    }
    assert.ok(typed.some((i) => i.help.includes(FORMAT[locale])), `${locale}: no help text names the format`);
    // The browser's own date inputs only open its calendar: never shown, never focused; one
    // beside every typed date.
    const natives = inputs.filter((i) => i.native);
    assert.equal(natives.length, typed.length, JSON.stringify(natives));
    for (const n of natives) assert.ok(n.hidden, `${locale}: a visible native date input in ${n.widget}`);
    await page.locator('certcalc-grade-dates').screenshot({ path: screenshotPath(`dates-${locale}`) });
  }
  await setLocale('en');
});

test('a date is typed as YYYY-MM-DD or picked from the calendar; a half-typed one is refused in words', async () => {
  const dates = page.locator('certcalc-grade-dates');
  const first = dates.getByRole('textbox', { name: /^First audit day/ });
  assert.equal(await first.inputValue(), '2026-03-09');
  await first.fill('2026-03-02');
  await first.press('Tab');
  await page.waitForFunction(() => document.querySelector('certcalc-grade-dates')._raws.firstAuditDay === '2026-03-02');
  // The calendar button's hidden native input hands its value over.
  await dates.locator('.field:has(label:text-is("First audit day")) button.pick').waitFor();
  assert.equal(await dates.locator('.field:has(label:text-is("First audit day")) button.pick').getAttribute('aria-label'), 'Pick a date: First audit day');
  // It is a date input only once the button is first pressed (a page's first date input costs
  // Chromium 15-40 ms), then opens the calendar at the typed date.
  const native = dates.locator('.field:has(label:text-is("First audit day")) input.native');
  assert.equal(await native.getAttribute('type'), 'hidden');
  await dates.locator('.field:has(label:text-is("First audit day")) button.pick').click();
  assert.deepEqual(await native.evaluate((n) => [n.type, n.value]), ['date', '2026-03-02']);
  await page.keyboard.press('Escape');
  await native.evaluate((n) => {
    n.value = '2026-03-09';
    n.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.waitForFunction(() => document.querySelector('certcalc-grade-dates')._raws.firstAuditDay === '2026-03-09');
  assert.equal(await first.inputValue(), '2026-03-09');
  // Half-typed: nothing is sent while typing; leaving the field sends it, and the widget says how
  // to write a date (2026-04-3 would be read: a day of one digit is).
  const checker = page.locator('certcalc-submission-checker');
  const planned = checker.getByLabel('Planned completion', { exact: true });
  await planned.fill('2026-04');
  await planned.press('Tab');
  await checker.locator('.msg.error').filter({ hasText: /“2026-04” is not read as one: write the year, the month and the day/ }).first().waitFor();
  await planned.fill('2026-04-03');
  await planned.press('Tab');
  assert.equal(await checker.locator('.msg').filter({ hasText: /“2026-04”/ }).count(), 0);
});

test('the dates table counts days after the last audit day: none for the audit days, a range for a window', async () => {
  const table = page.locator('certcalc-grade-dates table[part=dates]');
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    kind: tr.dataset.kind, what: tr.querySelector('th').textContent.trim(), days: tr.lastElementChild.textContent.trim(),
    window: tr.firstElementChild.textContent.includes('–') })));
  const auditDays = rows.find((r) => r.kind === 'audit' && r.window);
  assert.ok(auditDays, JSON.stringify(rows));
  assert.equal(auditDays.days, '', 'the audit days are not "after the audit"');
  assert.equal(rows.find((r) => r.kind === 'audit' && !r.window).days, '0');
  for (const r of rows) assert.doesNotMatch(r.days, /^[-−]/, `${r.what}: ${r.days}`);
  const windowRow = rows.find((r) => r.kind === 'window');
  assert.match(windowRow.days, /^\d[\d,]* – \d[\d,]*$/, JSON.stringify(windowRow));
});

test('the dates table and the timeline name every date in the widget’s locale', async () => {
  const labels = async () => (await page.locator('certcalc-grade-dates table[part=dates] tbody th').allTextContents())
    .map((x) => x.replace(/\s*\(.*$/s, '').replace(/ ×\d+$/, '').trim());
  await setLocale('en');
  const english = await labels();
  assert.ok(english.includes('Certification decision by') && english.includes('Evidence of the corrective actions'), JSON.stringify(english));
  for (const locale of ['nl', 'it', 'de', 'fr']) {
    await setLocale(locale);
    const own = await labels();
    assert.equal(own.length, english.length);
    // Only "Audit" is the same word in every language.
    const untranslated = own.filter((x, i) => x === english[i] && x !== 'Audit');
    assert.deepEqual(untranslated, [], `${locale}: ${JSON.stringify(own)}`);
  }
  await setLocale('en');
});

test('timeline ticks write the year in full and labels never overlap, in every locale', async () => {
  for (const locale of Object.keys(FORMAT)) {
    await setLocale(locale);
    const overlaps = await page.locator('certcalc-grade-dates svg.timeline').evaluate((svg) => {
      const boxes = [...svg.querySelectorAll('.tl-event text')].map((t) => ({ text: t.textContent, b: t.getBBox() }));
      const out = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].b;
          const c = boxes[j].b;
          if (a.x < c.x + c.width - 1 && c.x < a.x + a.width - 1 && a.y < c.y + c.height - 1 && c.y < a.y + a.height - 1)
            out.push(`${boxes[i].text} / ${boxes[j].text}`);
        }
      return out;
    });
    assert.deepEqual(overlaps, [], locale);
    const ticks = await page.locator('certcalc-grade-dates svg.timeline text.tl-ticklabel:not(.tl-todaylabel)').allTextContents();
    const months = ticks.filter((x) => !/^[+-]?\d+$/.test(x.trim()) && x.trim() !== '');
    assert.ok(months.length >= 2, `${locale}: ${ticks}`);
    for (const m of months.filter((x) => !/^[\p{L}]+$/u.test(x))) assert.match(m, /\s20\d\d$/, `${locale}: tick "${m}"`);
    for (const m of months) assert.doesNotMatch(m, /\s\d{2}$/, `${locale}: tick "${m}" reads as a day`);
  }
  await setLocale('en');
});

test('the embed section quotes the Content-Security-Policy the page is served with, the README’s', async () => {
  const response = await page.request.get(site.url);
  const header = response.headers()['content-security-policy'];
  assert.equal(header, CSP);
  assert.equal(await page.locator('#csp').textContent(), `Content-Security-Policy: ${CSP}`);
  assert.match(CSP, /img-src 'self' data:/);
  for (const doc of ['README.md', 'docs/web.md']) assert.ok(readFileSync(join(root, doc), 'utf8').includes(CSP), `${doc} quotes another policy`);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(browser.record.pageErrors, []);
});

test('Ctrl-C stops the server at once, even with a page still connected', async () => {
  const proc = spawn(process.execPath, [join(root, 'web', 'serve.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (c) => {
      out += c;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    proc.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
  // A keep-alive connection, as an open browser tab holds one.
  const agent = new http.Agent({ keepAlive: true });
  await new Promise((resolve, reject) => http.get(url, { agent }, (r) => r.resume().on('end', resolve)).on('error', reject));
  const started = Date.now();
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  proc.kill('SIGINT');
  const code = await exited;
  agent.destroy();
  assert.equal(code, 0);
  assert.ok(Date.now() - started < 2000, `it took ${Date.now() - started} ms to stop`);
});
