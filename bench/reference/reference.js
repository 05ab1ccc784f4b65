// The plain-JS baseline of bench/cold-start.mjs: the FSSC 22000 v5.1 audit duration of the bench
// request (initial audit, category CI, 120 FTE, 2 HACCP studies, certified management system)
// from a hard-coded formula, no WebAssembly, no framework. The figures are those of the pack
// rules/packs/fssc22000-5.1.json (A CERT FSSC 22000 regulation v5.1 §4.3.1 a), b) 1); ISO/TS
// 22003:2013 Annex B tables B.1 and B.2 as reprinted by certification bodies) for this request:
// what a page that knows its answer in advance costs to show it.
const B1 = { C: { td: 1.5, th: 0.5 } };                         // category C: T_D, T_H (T_MS 0: certified)
const B2 = [[1, 19, 0], [20, 49, 0.5], [50, 79, 1], [80, 199, 1.5]];  // FTE bands -> T_FTE
const request = { category: 'CI', fte: 120, haccpStudies: 2, certifiedManagementSystem: true };

const row = B1[request.category[0]];
const tFte = B2.find(([from, to]) => request.fte >= from && request.fte <= to)[2];
const terms = [
  ['T_D', row.td],
  ['T_H', row.th * (request.haccpStudies - 1)],
  ['T_MS', 0],
  ['T_FTE', tFte],
  ['T_FSSC', request.fte < 250 && request.haccpStudies <= 2 ? 0.5 : 1],
];
const onSite = terms.reduce((t, [, d]) => t + d, 0);
const total = Math.ceil(onSite * 2) / 2 + 0.25 + 0.5;

const root = document.getElementById('quote');
const h = document.createElement('h2');
h.textContent = 'Audit duration';
const dl = document.createElement('dl');
for (const [k, v] of [['Total', `${total} days`], ['On site', `${onSite} days`]]) {
  const dt = document.createElement('dt');
  dt.textContent = k;
  const dd = document.createElement('dd');
  dd.textContent = v;
  dl.append(dt, dd);
}
const table = document.createElement('table');
for (const [term, days] of terms) {
  const tr = table.insertRow();
  tr.insertCell().textContent = term;
  tr.insertCell().textContent = String(days);
}
root.append(h, dl, table);
document.dispatchEvent(new CustomEvent('certcalc-result', { detail: { op: 'duration', answer: { totalDays: total } } }));
