// The Allegato 1 table (allegato1.mjs) encoded for each engine the benchmark compares.
import { ROWS, RULE, outcome } from './allegato1.mjs';

const inRange = (v, [from, to]) => v >= from && (to === null || v <= to);

/** Plain JavaScript: a first-match loop over the rows. */
export function plainJs({ critical, major, minor, announced = true }) {
  for (const row of ROWS)
    if (inRange(critical, row.critical) && inRange(major, row.major) && inRange(minor, row.minor))
      return outcome(row, announced);
  return null;
}

/** A certcalc rule pack answering `grade` with the table as a decision table. */
export function certcalcPack(id = 'bench-brcgs-grade') {
  const cite = RULE.replace('003_b35c7154d427a1c5.txt', '{certiquality-brcgs}');
  const range = ([from, to]) => (to === null ? { from } : from === to ? from : { from, to });
  return {
    $schema: '../schema/pack.schema.json', id, scheme: 'BRCGS (benchmark)', title: 'Allegato 1 grading table, for bench/', version: '1',
    publisher: 'certcalc bench', effectiveDate: null, language: 'it', verified: true,
    sources: [{ id: 'certiquality-brcgs', short: 'Certiquality BRCGS regulation', title: 'Certiquality regulation for BRCGS',
      file: '003_b35c7154d427a1c5.txt', verified: true }],
    tables: {
      grades: {
        kind: 'decision', rule: cite,
        rows: ROWS.map((r, i) => ({
          when: { critical: range(r.critical), major: range(r.major), minor: range(r.minor) },
          then: { announcedGrade: r.then.grade[0], unannouncedGrade: r.then.grade[1], certified: r.then.certified,
            auditFrequencyMonths: r.then.auditFrequencyMonths, revisitRequired: r.then.revisitRequired,
            correctiveActionDays: r.then.correctiveActionDays },
          rule: `${cite} row ${i + 1}`,
        })),
      },
    },
    operations: {
      grade: {
        rule: cite,
        fields: {
          critical: { type: 'integer', required: true, min: 0, max: 100000 },
          major: { type: 'integer', required: true, min: 0, max: 100000 },
          minor: { type: 'integer', required: true, min: 0, max: 100000 },
          announced: { type: 'boolean', default: true },
        },
        program: [
          { let: 'row', value: { decide: ['grades', { object: { critical: { var: 'critical' }, major: { var: 'major' }, minor: { var: 'minor' } } }] } },
          { set: 'grade', value: { if: [{ var: 'announced' }, { var: 'row.announcedGrade' }, { var: 'row.unannouncedGrade' }] } },
          { set: 'certified', value: { var: 'row.certified' } },
          { set: 'auditFrequencyMonths', value: { var: 'row.auditFrequencyMonths' } },
          { set: 'revisitRequired', value: { var: 'row.revisitRequired' } },
          { set: 'correctiveActionDays', value: { var: 'row.correctiveActionDays' } },
          { set: 'rule', value: { var: 'row.rule' } },
        ],
      },
    },
  };
}

/** json-rules-engine 7: one rule per row; the highest priority that fires wins (first match). */
export function jsonRulesEngineRules() {
  const conds = (fact, [from, to]) => [
    { fact, operator: 'greaterThanInclusive', value: from },
    ...(to === null ? [] : [{ fact, operator: 'lessThanInclusive', value: to }]),
  ];
  return ROWS.map((row, i) => ({
    name: `row-${i + 1}`,
    priority: ROWS.length - i,
    conditions: { all: [...conds('critical', row.critical), ...conds('major', row.major), ...conds('minor', row.minor)] },
    event: { type: 'grade', params: { row: i } },
  }));
}

/** zen decision-table cells (unary expressions tested against each column), row by row. */
export function zenCells() {
  const cell = ([from, to]) => (to === null ? `>= ${from}` : from === to ? `${from}` : `[${from}..${to}]`);
  return ROWS.map((row) => [cell(row.critical), cell(row.major), cell(row.minor)]);
}

/** The whole table as one zen expression giving the first matching row's index (or -1). */
export function zenExpression() {
  const test = (v, [from, to]) => (to === null ? `${v} >= ${from}` : from === to ? `${v} == ${from}` : `${v} >= ${from} and ${v} <= ${to}`);
  let expr = '-1';
  for (let i = ROWS.length - 1; i >= 0; i--) {
    const r = ROWS[i];
    expr = `(${test('critical', r.critical)} and ${test('major', r.major)} and ${test('minor', r.minor)}) ? ${i} : (${expr})`;
  }
  return expr;
}
