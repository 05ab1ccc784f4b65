// BRCGS grading table (003_b35c7154d427a1c5.txt, Allegato 1, end of the file), read row by row.
// Columns: announced grade | unannounced grade | critical | major | minor | corrective action |
// audit frequency. An empty critical or major cell means none. The corrective-action and
// frequency cells are merged down the rows: objective evidence within 28 days and 12 months
// for rows 1-4, objective evidence within 28 days and 6 months for rows 5-6, a new audit
// (revisit) within 28 days and 6 months for rows 7-10 (§5.3.1.2: revisit for C with two majors
// and for D). Rows 11-15 ("Certificazione non concessa") leave no certificate.
// Every benchmark engine encodes exactly this table; bench/grade.mjs checks they agree.
// A bound of null is open ("31 o più" = from 31).
const pass = (announced, unannounced, months, revisit) => ({
  grade: [announced, unannounced], certified: true, auditFrequencyMonths: months,
  correctiveActionDays: 28, revisitRequired: revisit,
});
const fail = { grade: [null, null], certified: false, auditFrequencyMonths: null, correctiveActionDays: null, revisitRequired: true };

export const ROWS = [
  { critical: [0, 0], major: [0, 0], minor: [0, 5], then: pass('AA', 'AA+', 12, false) },
  { critical: [0, 0], major: [0, 0], minor: [6, 10], then: pass('A', 'A+', 12, false) },
  { critical: [0, 0], major: [0, 0], minor: [11, 16], then: pass('B', 'B+', 12, false) },
  { critical: [0, 0], major: [1, 1], minor: [0, 10], then: pass('B', 'B+', 12, false) },
  { critical: [0, 0], major: [0, 0], minor: [17, 24], then: pass('C', 'C+', 6, false) },
  { critical: [0, 0], major: [1, 1], minor: [11, 16], then: pass('C', 'C+', 6, false) },
  { critical: [0, 0], major: [2, 2], minor: [0, 10], then: pass('C', 'C+', 6, true) },
  { critical: [0, 0], major: [0, 0], minor: [25, 30], then: pass('D', 'D+', 6, true) },
  { critical: [0, 0], major: [1, 1], minor: [17, 24], then: pass('D', 'D+', 6, true) },
  { critical: [0, 0], major: [2, 2], minor: [11, 16], then: pass('D', 'D+', 6, true) },
  { critical: [1, null], major: [0, null], minor: [0, null], then: fail },
  { critical: [0, 0], major: [0, 0], minor: [31, null], then: fail },
  { critical: [0, 0], major: [1, 1], minor: [25, null], then: fail },
  { critical: [0, 0], major: [2, 2], minor: [17, null], then: fail },
  { critical: [0, 0], major: [3, null], minor: [0, null], then: fail },
];
export const RULE = '003_b35c7154d427a1c5.txt Allegato 1';

/** The decision's answer, the same shape from every engine. */
export function outcome(row, announced) {
  const t = row.then;
  return {
    grade: announced ? t.grade[0] : t.grade[1], certified: t.certified,
    auditFrequencyMonths: t.auditFrequencyMonths, revisitRequired: t.revisitRequired,
    correctiveActionDays: t.correctiveActionDays,
  };
}

/** Inputs covering every row and its edges, in a fixed order. */
export function inputs() {
  const out = [];
  for (const critical of [0, 1, 2])
    for (const major of [0, 1, 2, 3, 4])
      for (const minor of [0, 5, 6, 10, 11, 16, 17, 24, 25, 30, 31, 40])
        for (const announced of [true, false]) out.push({ critical, major, minor, announced });
  return out;
}
