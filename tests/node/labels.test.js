// How the widgets name a field in a core error's message (web/src/fields.js, labelledMessage):
// by the label the form shows, where the message names the field by its path at its start or
// further on, and never inside another word.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelledMessage, labelledPath } from '../../web/src/fields.js';

const fields = [{ name: 'lastAuditDay', type: 'date' }, { name: 'siteCount', type: 'integer' }, { name: 'findings', type: 'list' }];
const data = { labels: { lastAuditDay: { en: 'Last day of the audit' }, siteCount: { en: 'Number of sites' }, findings: { en: 'Findings' } } };

test('a path at the start of a core message, and further on, is named by its label', () => {
  // rules/messages/en.json: date_out_of_range_from, missing_value_from, a field check.
  const cases = [
    [{ message: 'lastAuditDay must be a date written YYYY-MM-DD', path: '/lastAuditDay' },
     'Last day of the audit must be a date written YYYY-MM-DD'],
    [{ message: 'a date calculated from lastAuditDay falls outside the years 0001 to 9999', path: '/lastAuditDay' },
     'a date calculated from Last day of the audit falls outside the years 0001 to 9999'],
    [{ message: 'rule pack t could not evaluate this request: it needs siteCount, which the request leaves out', path: '/siteCount' },
     'rule pack t could not evaluate this request: it needs Number of sites, which the request leaves out'],
  ];
  for (const [error, want] of cases) assert.equal(labelledMessage(error, 'en', data, 'grade', fields), want);
});

test('a path inside another word or path, a plain word, or a path without a label, is left as written', () => {
  const same = [
    { message: 'a number needed at /operations/grade/program/0 is not known for this request', path: '' },
    { message: 'a number of sites is needed: siteCounts', path: '/siteCount' },
    // A field whose name is a plain word, used as one (BRCGS, rules/shared/brcgs-messages.json).
    { message: 'give the numbers of critical, major and minor non-conformities, or the list of findings', path: '/findings' },
    { message: 'a date calculated from lastAuditDays falls outside the years 0001 to 9999', path: '/lastAuditDay' },
    { message: 'it needs site/fte, which the request leaves out', path: '/site/fte' },
  ];
  for (const error of same) assert.equal(labelledMessage(error, 'en', data, 'grade', fields), error.message);
});

test("an issue's message keeps its field's name where it is a plain word of the sentence", () => {
  const label = () => ({ label: 'Correction' });
  assert.equal(labelledPath('the correction repeats the statement', 'correction', 'en', label), 'the correction repeats the statement');
  assert.equal(labelledPath('correction is needed before sending', 'correction', 'en', label), 'Correction is needed before sending');
});
