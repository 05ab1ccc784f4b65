// How the submission checker takes an imported file into its draft. A finding's id is the
// certification body's reference (its NC number): a row whose id is a finding's here updates
// that finding, so that "export, edit in a spreadsheet, import" keeps one finding per NC.
// Two findings may still not share an id (the core's `duplicate_id` makes both unready), so a
// row whose id an earlier row of the same file took, or one from another scheme's file whose id
// is used here, is added under a new id, and the caller says which.

/**
 * @typedef {{ [field: string]: any, id: string }} Finding
 * @typedef {{ finding: Finding, given: Set<string>, hasId: boolean }} Row
 *   `given`: the fields the file has for the row (its columns, or the members of its JSON
 *   object); the others are left as they are. `hasId`: the row names its id.
 */

/**
 * @param {Finding[]} current the draft's findings (not changed)
 * @param {Row[]} rows the file's findings, in its order
 * @param {{ sent?: (i: number) => boolean, foreign?: boolean }} [o] `sent(i)`: finding i was
 *   submitted and must stay as sent; `foreign`: the file is another scheme's, whose ids name
 *   other findings than these
 * @returns {{ findings: Finding[], updated: number[], unchanged: number, added: number,
 *   renamed: [string, string][], kept: string[] }} `updated`: indexes of the findings changed
 */
export function mergeFindings(current, rows, { sent = () => false, foreign = false } = {}) {
  const findings = current.map((f) => structuredClone(f));
  const index = new Map();
  findings.forEach((f, i) => index.has(f.id) || index.set(f.id, i));
  const fileIds = new Set(rows.filter((r) => r.hasId).map((r) => r.finding.id));
  const seen = new Set();
  const out = { findings, updated: [], unchanged: 0, added: 0, renamed: [], kept: [] };
  for (const row of rows) {
    const f = structuredClone(row.finding);
    if (!row.hasId) {
      // No id in the file: the next free NC number, as "Add a finding" gives.
      let n = findings.length + 1;
      while (index.has(`NC-${n}`) || fileIds.has(`NC-${n}`) || seen.has(`NC-${n}`)) n++;
      f.id = `NC-${n}`;
    } else if (seen.has(f.id) || (foreign && index.has(f.id))) {
      // Not checked against this draft's ids for a repeat within the file: importing the same
      // file again then updates the finding it added the first time.
      let k = 2;
      while (fileIds.has(`${f.id}-${k}`) || seen.has(`${f.id}-${k}`) || (foreign && index.has(`${f.id}-${k}`))) k++;
      out.renamed.push([f.id, `${f.id}-${k}`]);
      f.id = `${f.id}-${k}`;
    }
    seen.add(f.id);
    const j = index.get(f.id);
    if (j === undefined) {
      findings.push(f);
      index.set(f.id, findings.length - 1);
      out.added++;
      continue;
    }
    const next = { ...findings[j] };
    for (const k of row.given) {
      // An empty state cell is an export's "no state yet", not a move back in the workflow.
      if (k === 'id' || (k === 'state' && !f.state)) continue;
      next[k] = f[k];
    }
    if (same(next, findings[j])) out.unchanged++;
    else if (sent(j)) out.kept.push(f.id);
    else {
      findings[j] = next;
      if (!out.updated.includes(j)) out.updated.push(j);
    }
  }
  return out;
}

function same(a, b) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}
