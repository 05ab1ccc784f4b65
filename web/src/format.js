// Numbers and dates as Intl.NumberFormat and Intl.DateTimeFormat write them in the five locales
// of the widgets, without Intl: the first Intl formatter a page makes costs 40-110 ms (ICU data),
// on the path to a widget's first value. tests/node/format.test.js holds every function here to
// Intl's own output. Locales other than these five fall back to Intl.

// Separators and month names (CLDR, as Node 20's ICU 78 prints them).
const NUMBER = {
  en: { group: ',', decimal: '.', minGroup: 1 },
  nl: { group: '.', decimal: ',', minGroup: 1 },
  it: { group: '.', decimal: ',', minGroup: 2 },  // 1234, but 12.345
  de: { group: '.', decimal: ',', minGroup: 1 },
  fr: { group: '\u202f', decimal: ',', minGroup: 1 },
};
const MONTHS = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  nl: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  it: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
  de: ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'],
  fr: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
};

const fallbackNumbers = new Map();
const fallbackDates = new Map();

/** Digits of |n| rounded half up to 3 decimals, from the shortest decimal text of n (as ICU
 * rounds: 2.0005 -> 2.001), as [integer digits, decimal digits without trailing zeros]. */
function roundedDigits(n) {
  const [int, frac = ''] = String(Math.abs(n)).split('.');
  if (frac.length <= 3) return [int, frac.replace(/0+$/, '')];
  let digits = int + frac.slice(0, 3);
  if (frac[3] >= '5') {
    const a = digits.split('');
    let i = a.length - 1;
    while (i >= 0 && a[i] === '9') a[i--] = '0';
    if (i < 0) a.unshift('1');
    else a[i] = String(Number(a[i]) + 1);
    digits = a.join('');
  }
  const cut = digits.length - 3;
  return [digits.slice(0, cut).replace(/^0+(?=\d)/, ''), digits.slice(cut).replace(/0+$/, '')];
}

/** A number with up to 3 decimals in the locale's notation (1,234.5 in en, 1.234,5 in de). */
export function formatNumber(locale, n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return String(n ?? '');
  const sep = NUMBER[locale];
  const abs = Math.abs(n);
  if (!sep || (abs !== 0 && (abs < 1e-6 || abs >= 1e21))) {
    // Exponent notation in String(n): rare enough for Intl.
    let f = fallbackNumbers.get(locale);
    if (!f) fallbackNumbers.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 })));
    return f.format(n);
  }
  const [int, frac] = roundedDigits(n);
  let grouped = int;
  if (int.length >= 4 + (sep.minGroup - 1)) grouped = int.replace(/\B(?=(\d{3})+$)/g, sep.group);
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  return sign + grouped + (frac ? sep.decimal + frac : '');
}

/** A calendar date (a Date at midnight UTC) as the locale writes it with short month names. */
export function formatUtcDate(locale, d) {
  const months = MONTHS[locale];
  const y = d.getUTCFullYear();
  if (!months || y < 1000) {
    let f = fallbackDates.get(locale);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
      fallbackDates.set(locale, f);
    }
    return f.format(d);
  }
  const day = d.getUTCDate();
  const month = months[d.getUTCMonth()];
  if (locale === 'en') return `${month} ${day}, ${y}`;
  if (locale === 'de') return `${day}. ${month} ${y}`;
  return `${day} ${month} ${y}`;
}

const fallbackMonths = new Map();

/** A month and its full year, as Intl writes them with short month names ("Jan 2027", "janv. 2027"). */
export function formatUtcMonth(locale, d) {
  const months = MONTHS[locale];
  const y = d.getUTCFullYear();
  if (!months || y < 1000) {
    let f = fallbackMonths.get(locale);
    if (!f) fallbackMonths.set(locale, (f = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' })));
    return f.format(d);
  }
  return `${months[d.getUTCMonth()]} ${y}`;
}

// Spaces that group digits (SI style, and French: U+202F as Intl writes it, U+00A0, U+0020).
const SPACES = /[ \u00a0\u202f]/g;

/**
 * A number as typed in `locale`, read by that locale's rules: the decimal mark is its own (`.` in
 * en; `,` in nl, it, de, fr), thousands may be grouped in threes with its group mark (`,` in en;
 * `.` in nl, it, de; a space in fr) or a space (in every locale). Returns
 * - `{value, grouped}` when the text is a number so written (`grouped`: group marks were read as
 *   such, so that "1.000" in German is 1000: the widget shows the value it read);
 * - `{unreadable: true}` when the text is digits and marks, but not a number as the locale writes
 *   one ("1.5" or "1,000.5" in German, "2,5" in English): it could mean two things, and is not
 *   read either way;
 * - null for any other text (a letter, "1e9"): left to Number() and the core.
 * @param {string} locale @param {unknown} text
 */
export function readNumber(locale, text) {
  const s = String(text ?? '').trim().replace(/^\u2212/, '-');
  if (!/^[+-]?[\d.,\u0020\u00a0\u202f]+$/.test(s) || !/\d/.test(s)) return null;
  const sep = NUMBER[locale] || NUMBER.en;
  const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
  const parts = s.slice(sign.length).split(sep.decimal);
  if (parts.length > 2) return { unreadable: true };
  let [int, frac = ''] = parts;
  if (!/^\d*$/.test(frac) || (int === '' && frac === '')) return { unreadable: true };
  let grouped = false;
  if (!/^\d*$/.test(int)) {
    // Groups of three, with one kind of mark: the locale's, or spaces.
    const spaced = int.replace(SPACES, ' ');
    const mark = spaced.includes(' ') ? ' ' : sep.group === '\u202f' ? null : sep.group;
    const re = mark && new RegExp(`^\\d{1,3}(?:${mark === '.' ? '\\.' : mark}\\d{3})+$`);
    if (!re || !re.test(spaced)) return { unreadable: true };
    int = spaced.split(mark).join('');
    grouped = true;
  }
  const value = Number(`${sign}${int || '0'}${frac ? `.${frac}` : ''}`);
  return Number.isFinite(value) ? { value, grouped } : null;
}

/** A number read by readNumber, written back without grouping in the locale's notation ("1000,5"). */
export function plainNumber(locale, n) {
  const sep = NUMBER[locale] || NUMBER.en;
  return String(n).replace('.', sep.decimal);
}

// Locales whose people write a date day first (15-03-2025, 15/3/2025, 15.03.2025). English is
// not one: the US writes the month first and the UK the day, and neither is guessed.
const DAY_FIRST = new Set(['nl', 'it', 'de', 'fr']);

/**
 * A date as typed in `locale`, as YYYY-MM-DD: year-month-day with hyphens in every locale (a
 * month or day of one digit too: 2025-3-5), and day-month-year with a four-digit year and one
 * kind of mark (-, / or .) where the locale writes dates so. The result may be no calendar date
 * (30-02-2025 is 2025-02-30), which the core refuses as such. Null for any other text.
 * @param {string} locale @param {unknown} text
 */
export function readDate(locale, text) {
  const s = String(text ?? '').trim();
  const pad = (n) => n.padStart(2, '0');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
  m = DAY_FIRST.has(locale) ? /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(s) : null;
  return m ? `${m[4]}-${pad(m[3])}-${pad(m[1])}` : null;
}
