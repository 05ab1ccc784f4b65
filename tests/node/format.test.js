// web/src/format.js writes numbers and dates without Intl (the first Intl formatter of a page
// costs tens of milliseconds); here it is held to Intl's own output in every widget locale.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatNumber, formatUtcDate, formatUtcMonth, readDate } from '../../web/src/format.js';

const LOCALES = ['en', 'nl', 'it', 'de', 'fr'];

// A small deterministic generator, so that a failure names a reproducible number.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 2 ** 32;
  };
}

function numbers() {
  const out = [0, -0, 1, -1, 0.5, 2.5, 2.0005, 1.00049, 0.0005, -0.0004, 999, 1000, 9999, 10000,
    99999.9995, 123456789.0005, 0.1 + 0.2, 1e-6, 1.5e-6, 9.99e20, 1e21, 1e-7, 12345678.125, 0.125,
    0.333333, 1 / 3, 2 / 3, 5.55, 0.0015, 1.0015, 4.35, 8.5, 137.5];
  const r = rng(20261201);
  for (let i = 0; i < 20000; i++) {
    const scale = 10 ** Math.floor(r() * 12 - 4);
    const places = Math.floor(r() * 7);
    let x = Math.round(r() * 1e6) / 10 ** places * scale;
    if (r() < 0.3) x = -x;
    if (r() < 0.2) x = Math.round(x * 2000) / 2000 + 0.0005;  // ties at the third decimal
    out.push(x);
  }
  return out;
}

test('formatNumber writes what Intl.NumberFormat writes (up to 3 decimals), in every locale', () => {
  const xs = numbers();
  for (const locale of LOCALES) {
    const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
    for (const x of xs) assert.equal(formatNumber(locale, x), intl.format(x), `${locale} ${x}`);
  }
});

test('formatNumber keeps non-numbers as text and unknown locales go to Intl', () => {
  assert.equal(formatNumber('en', NaN), 'NaN');
  assert.equal(formatNumber('en', undefined), '');
  assert.equal(formatNumber('es', 1234.5), new Intl.NumberFormat('es', { maximumFractionDigits: 3 }).format(1234.5));
});

test('formatUtcDate writes what Intl.DateTimeFormat writes (short month), every day of 2024-2028', () => {
  for (const locale of [...LOCALES, 'es']) {
    const intl = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
    for (let t = Date.UTC(2024, 0, 1); t <= Date.UTC(2028, 11, 31); t += 86400000) {
      const d = new Date(t);
      assert.equal(formatUtcDate(locale, d), intl.format(d), `${locale} ${d.toISOString()}`);
    }
    for (const y of [1000, 1999, 2000, 9999, 999, 1]) {
      const d = new Date(Date.UTC(2000, 5, 30));
      d.setUTCFullYear(y);
      assert.equal(formatUtcDate(locale, d), intl.format(d), `${locale} ${d.toISOString()}`);
    }
  }
});

test('formatUtcMonth writes what Intl.DateTimeFormat writes (short month, full year), every month of 1990-2060', () => {
  for (const locale of [...LOCALES, 'es']) {
    const intl = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
    for (let y = 1990; y <= 2060; y++)
      for (let m = 0; m < 12; m++) {
        const d = new Date(Date.UTC(y, m, 1));
        assert.equal(formatUtcMonth(locale, d), intl.format(d), `${locale} ${d.toISOString()}`);
      }
  }
  // The year is written whole: a timeline tick never reads as a day ("Jan 27").
  assert.equal(formatUtcMonth('en', new Date(Date.UTC(2027, 0, 1))), 'Jan 2027');
});

test('readDate reads day-month-year where the locale writes dates so, year-month-day everywhere, and guesses no order in English', () => {
  for (const l of ['nl', 'it', 'de', 'fr']) {
    for (const s of ['15-03-2025', '15/03/2025', '15.03.2025', '15/3/2025', ' 15-3-2025 ']) assert.equal(readDate(l, s), '2025-03-15', `${l} ${s}`);
    assert.equal(readDate(l, '5.3.2025'), '2025-03-05');
    assert.equal(readDate(l, '31-12-2026'), '2026-12-31');
    // No calendar date: read as written, for the core to say so.
    assert.equal(readDate(l, '30-02-2026'), '2026-02-30');
    for (const s of ['15-03/2025', '15-03-25', '15 maart 2025', '2025/03/15', '15-03-2025x', '']) assert.equal(readDate(l, s), null, `${l} ${s}`);
  }
  for (const l of ['en', 'nl', 'it', 'de', 'fr']) {
    assert.equal(readDate(l, '2025-03-15'), '2025-03-15');
    assert.equal(readDate(l, '2025-3-5'), '2025-03-05');
  }
  for (const s of ['03/15/2025', '15/03/2025', '15-03-2025', '3.5.2025']) assert.equal(readDate('en', s), null, s);
});
