// Benchmark inputs: validate requests of N findings for the test pack of
// tests/vectors/core/validate-form.json (its form has every check kind), deterministic.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function validateFormDoc() {
  return JSON.parse(readFileSync(join(root, 'tests', 'vectors', 'core', 'validate-form.json'), 'utf8'));
}

const GRADES = ['minor', 'minor', 'minor', 'major', 'critical'];
const ROOT_CAUSES = [
  'The logging procedure did not name who checks line {n} after the shift change.',
  'human error',
  'Operator forgot',
  'The supplier approval list had not been reviewed since the change of raw material supplier in spring.',
  'short',
];

/** A request with n findings: mostly complete ones, with the usual defects mixed in. */
export function validateRequest(n) {
  const findings = [];
  for (let i = 0; i < n; i++) {
    const k = i % 7;
    const f = {
      id: `NC-${i + 1}`,
      clause: k === 5 ? 'see report' : `ISO 22000:2018 8.${(i % 9) + 1}.${(i % 4) + 1}`,
      grade: GRADES[i % GRADES.length],
      statement: `Temperature records missing for line ${i} in the cold store during week ${(i % 52) + 1}.`,
      correction: `Records for line ${i} reconstructed from the logger and signed off by the QA lead.`,
      rootCause: ROOT_CAUSES[i % ROOT_CAUSES.length].replace('{n}', String(i)),
      correctiveAction: k === 3
        ? `Records for line ${i} reconstructed from the logger and signed off by the QA lead.`
        : `Procedure QP-${i} updated to assign the line ${i} check to the shift lead; staff trained on ${i % 3 ? 'monday' : 'friday'}.`,
      plannedCompletion: k === 4 ? '2026-02-30' : k === 6 ? '2026-05-20' : '2026-03-31',
      responsible: k === 2 ? 'Auditor' : 'QA manager',
      evidence: [
        { name: `QP-${i}-rev2.pdf`, mediaType: 'application/pdf', bytes: 120000 + i },
        { name: k === 1 ? 'run.exe' : `training-${i}.jpg`, mediaType: k === 1 ? 'application/x-msdownload' : 'image/jpeg', bytes: 80000 },
      ],
    };
    if (k === 6) f.temporaryMeasures = 'Manual checks every hour until the new logger is installed.';
    findings.push(f);
  }
  return {
    scheme: 'test-validate',
    audit: { lastDay: '2026-03-10', type: 'surveillance' },
    today: '2026-03-20',
    findings,
  };
}
