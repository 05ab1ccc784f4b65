// Each widget computes the values of the shared vectors (tests/vectors/<pack>/*.json, for
// whichever packs have vectors) and of the widget vectors of the fictional test pack
// (tests/browser/fixtures/vectors/), driving the widget the way a host page does: scheme,
// locale and values as properties, the answer read back from the widget and from its rendering.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { closeSession, openSession, loadTestPack, root, fixtures } from './helpers.js';
import { matchExpected, caseCall } from '../node/harness.js';

const WIDGET = {
  duration: 'certcalc-duration-quote',
  grade: 'certcalc-grade-dates',
  schedule: 'certcalc-grade-dates',
  deadlines: 'certcalc-grade-dates',
  validate: 'certcalc-submission-checker',
};

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

const shared = files(join(root, 'tests', 'vectors')).map((f) => ({ file: relative(root, f), doc: JSON.parse(readFileSync(f, 'utf8')), fixture: false }));
const own = files(join(fixtures, 'vectors')).map((f) => ({ file: relative(root, f), doc: JSON.parse(readFileSync(f, 'utf8')), fixture: true }));

let site, browser, page;

before(async () => {
  ({ site, browser, page } = await openSession());
  await page.goto(`${site.url}test/widgets.html`);
  await page.waitForFunction(() => customElements.get('certcalc-duration-quote'));
  await loadTestPack(page);
});

after(() => closeSession({ site, browser }));

/** Same JSON value (object key order ignored). */
function same(a, b) {
  return matchExpected(a, b) === null && matchExpected(b, a) === null;
}

/** Members of the vector's request that the widget did not send as given: the form cannot express them. */
function unexpressible(op, vectorRequest, sent) {
  const out = [];
  if (sent?.scheme !== vectorRequest.scheme) out.push('scheme');
  for (const [k, v] of Object.entries(vectorRequest)) {
    if (k === 'scheme') continue;
    if (k === 'locale') continue;
    if (op === 'validate' && k === 'findings') {
      if (!Array.isArray(v) || !Array.isArray(sent?.findings) || v.length !== sent.findings.length) {
        out.push('findings');
        continue;
      }
      v.forEach((f, i) => {
        for (const [fk, fv] of Object.entries(f)) if (!same(fv, sent.findings[i]?.[fk])) out.push(`findings/${i}/${fk}`);
      });
      continue;
    }
    if (!sent || !(k in sent) || !same(v, sent[k])) out.push(k);
  }
  return out;
}

/** Drives one widget in the page; returns the request it sent, its answer and what it shows. */
function drive(op, tag, request, options) {
  return page.evaluate(
    async ({ op, tag, request, options }) => {
      let el = document.querySelector(tag);
      if (!el) {
        el = document.createElement(tag);
        if (tag === 'certcalc-submission-checker') el.storageKey = 'vectors';
        document.querySelector('main').append(el);
      }
      for (let i = 0; i < 200 && el._status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 10));
      const { scheme, locale, ...fields } = request;
      el.locale = request.locale || options.locale || '';
      el.today = request.today || options.today;
      el.scheme = scheme;
      if (tag === 'certcalc-submission-checker') {
        el.stage = fields.stage || '';
        el.evidenceMaxBytes = fields.evidenceMaxBytes;
        el.document = { scheme, stage: fields.stage || '', audit: fields.audit || {}, findings: fields.findings || [] };
      } else if (op === 'deadlines') {
        const { findings, ...rest } = fields;
        el.mode = 'list';
        el.findings = Array.isArray(findings) ? findings.map((f) => ({ clause: '', ...f })) : [];
        el.values = rest;
      } else if (op === 'grade' && Array.isArray(fields.findings)) {
        // A grade from a list of findings (their clauses matter): the list mode.
        const { findings, ...rest } = fields;
        el.mode = 'list';
        el.findings = findings.map((f) => ({ clause: '', ...f }));
        el.values = rest;
      } else {
        if (tag === 'certcalc-grade-dates') {
          el.mode = 'counts';
          el.findings = [];
        }
        el.values = fields;
      }
      await el.updateComplete;
      await el.updateComplete;
      const root = el.shadowRoot;
      const text = root.textContent;
      const fmt = (n) => new Intl.NumberFormat(el.effectiveLocale, { maximumFractionDigits: 3 }).format(n);
      const date = (iso) => new Intl.DateTimeFormat(el.effectiveLocale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
        .format(new Date(`${iso}T00:00:00Z`));
      let sent;
      let answer;
      const shown = {};
      if (op === 'duration') {
        sent = el.request;
        answer = el.result;
        shown.total = root.querySelector('[data-key=totalDays] dd, [data-key=cycleTotal]')?.textContent ?? null;
        if (typeof answer?.totalDays === 'number') shown.expectedTotal = fmt(answer.totalDays);
      } else if (op === 'validate') {
        sent = el.request;
        answer = el.validation;
        shown.readyBadges = root.querySelectorAll('[data-ready]').length;
      } else {
        sent = el.requests[op];
        answer = el.results[op];
        if (op === 'grade') shown.grade = root.querySelector('[part~=grade]')?.dataset.grade ?? null;
        if (op === 'schedule' && answer?.nextAuditDue?.date) shown.nextDue = text.includes(date(answer.nextAuditDue.date));
        if (op === 'deadlines') {
          const det = root.querySelector('details[part=deadlines]');
          shown.deadlineRows = det ? det.querySelectorAll('tbody tr[data-scope=finding]').length : 0;
          shown.auditRows = det ? det.querySelectorAll('tbody tr[data-scope=audit]').length : 0;
        }
      }
      if (!sent && el._describe?.error) {
        // The pack itself cannot be used (unknown scheme): the widget shows describe's error.
        sent = { scheme };
        answer = el._describe;
      }
      // The core's message, or the same with the field it starts with named by the form's label
      // ("auditType must be ..." shown as "Audit type must be ..."), or a list's item by the list's
      // ("holidays/0 must be ..." as "Holidays and other non-working days (item 1) must be ..."),
      // or a member of an item ("findings/0/grade" as "Non-conformities (item 1) – Grade"), the
      // field's limits then written as the locale writes numbers ("from 0 to 100,000").
      const named = /^\/([^/]+(?:\/\d+(?:\/[^/]+)?)?)$/.exec(answer?.error?.path || '');
      const rest = named && answer.error.message.startsWith(`${named[1]} `) ? answer.error.message.slice(named[1].length) : null;
      const ungrouped = (s) => s.replace(/(\d)[,.\u00a0\u202f](?=\d{3}(?!\d))/g, '$1');
      shown.messageShown = answer?.error ? text.includes(answer.error.message) || (rest !== null && ungrouped(text).includes(ungrouped(rest))) : null;
      return { sent, answer, shown };
    },
    { op, tag, request, options },
  );
}

for (const { file, doc, fixture } of [...shared, ...own]) {
  test(file, async (t) => {
    // The vector's own packs, loaded into the page as a host would (loadPack()).
    for (const pack of doc.loadPacks || []) {
      const answer = await page.evaluate(async (p) => (await import('/certcalc-widgets.js')).loadPack(p, 'vector'), pack);
      assert.ok(answer.loaded, `${file}: pack did not load: ${JSON.stringify(answer)}`);
    }
    for (const c of doc.cases) {
      const { op, options } = caseCall(doc, c);
      await t.test(c.name, async (tc) => {
        if (c.requestText !== undefined) return tc.skip('raw request text: a widget always sends JSON it built (the Node runner covers it)');
        if (op === 'schemes') {
          if (c.error !== undefined || !Array.isArray(c.expect?.schemes) || !c.expect.schemes.every((s) => s.id))
            return tc.skip('request errors of schemes are the core’s (the Node runner covers them)');
          const ids = await page.evaluate(async () => {
            const el = document.createElement('certcalc-duration-quote');
            document.querySelector('main').append(el);
            for (let i = 0; i < 200 && el._status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 10));
            await el.updateComplete;
            const ids = [...el.shadowRoot.querySelectorAll('.picker option')].map((o) => o.value);
            el.remove();
            return ids;
          });
          for (const s of c.expect.schemes) assert.ok(ids.includes(s.id), `the scheme picker lists ${s.id} (it lists ${ids.join(', ')})`);
          return;
        }
        const tag = WIDGET[op];
        if (!tag) return tc.skip(`no widget answers ${op}`);
        const request = c.request ?? {};
        const { sent, answer, shown } = await drive(op, tag, request, options);
        const missing = unexpressible(op, request, sent);
        if (missing.length) {
          if (process.env.CERTCALC_DEBUG_SKIPS) {
            const k = missing[0].split('/')[0];
            console.log('SKIPDETAIL', file, c.name, k, String(JSON.stringify(request[k])).slice(0, 300), '=>', String(JSON.stringify(sent?.[k])).slice(0, 300));
          }
          return tc.skip(`the widget's form cannot send ${missing.join(', ')} as the vector gives it`);
        }
        if (c.error === 'missing_field' && c.errorPath) {
          const at = c.errorPath.split('/').slice(1).reduce((o, k) => (o == null ? undefined : o[k]), sent);
          if (at !== undefined) return tc.skip(`the widget always sends ${c.errorPath} (it cannot leave it out)`);
        }
        if (c.error !== undefined) {
          assert.ok(answer?.error, `expected error ${c.error}, got ${JSON.stringify(answer)}`);
          assert.equal(answer.error.code, c.error);
          if (c.errorPath !== undefined) assert.equal(answer.error.path, c.errorPath);
          assert.equal(shown.messageShown, true, `the widget shows the core's message: ${answer.error.message}`);
          return;
        }
        const mismatch = matchExpected(c.expect, answer);
        assert.equal(mismatch, null, `${mismatch}\nsent: ${JSON.stringify(sent)}\nanswer: ${JSON.stringify(answer)}`);
        if (op === 'duration' && shown.expectedTotal) assert.ok(shown.total.startsWith(shown.expectedTotal), `total shown as ${shown.total}`);
        if (op === 'grade') assert.equal(shown.grade, answer.grade ?? '', 'the grade is shown');
        if (op === 'schedule' && answer.nextAuditDue?.date) assert.equal(shown.nextDue, true, 'the next due date is shown');
        if (op === 'deadlines') {
          assert.equal(shown.deadlineRows, answer.deadlines.length, 'every deadline is listed');
          // The audit's own deadlines, each once: one a finding's deadline already shows is not repeated.
          const key = (d) => `${d.kind}|${d.dueDate || ''}|${d.from || ''}|${d.to || ''}`;
          const own = new Set(answer.deadlines.map(key));
          assert.equal(shown.auditRows, (answer.auditDeadlines || []).filter((d) => !own.has(key(d))).length, 'every deadline of the audit is listed');
        }
        if (op === 'validate') assert.equal(shown.readyBadges, (answer.ready || []).length, 'every ready finding is marked ready');
      });
    }
  });
}

test('the widget vectors of the test pack ran', () => {
  assert.ok(own.length >= 5, 'tests/browser/fixtures/vectors has the widget vectors');
});
