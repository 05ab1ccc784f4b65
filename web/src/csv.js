// CSV for the findings (RFC 4180: quotes, embedded commas and line breaks). Cells that a
// spreadsheet would run as a formula (=, +, -, @, tab, CR first) are exported with a leading
// apostrophe, and the apostrophe is taken off again on import, so a round trip is exact.

const FORMULA = /^'*[=+\-@\t\r]/;

/** @param {string} v */
export function protectCell(v) {
  return FORMULA.test(v) ? `'${v}` : v;
}

/** @param {string} v */
export function unprotectCell(v) {
  return /^'+[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
}

/** @param {string[][]} rows @returns {string} CSV with CRLF line ends and a UTF-8 BOM */
export function toCsv(rows) {
  const cell = (v) => {
    const s = protectCell(String(v ?? ''));
    return /[",\r\n;]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Parses CSV text (comma or semicolon separated: a header line with semicolons and no commas
 * means semicolons, as spreadsheets write in many European locales).
 * @param {string} text @returns {string[][]}
 */
export function parseCsv(text) {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] || '';
  const sep = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (c === sep) {
      row.push(unprotectCell(cell));
      cell = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      row.push(unprotectCell(cell));
      rows.push(row);
      row = [];
      cell = '';
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += c;
      i++;
    }
  }
  if (cell !== '' || row.length) {
    row.push(unprotectCell(cell));
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c !== ''));
}
