// Members of the schedule and deadlines answers that are neither dates nor deadlines, as grade and
// dates shows them: a schedule's figures (BRCGS blackoutDaysMax) and what the findings require
// without a date (GMP+ requirements). Each is labelled by the widget in its locale (the engine
// labels only deadlines), with the clause as the pack wrote it.
import { html, nothing } from 'lit';
import { packLang } from '../base.js';
import { addEnglish, formatNumber, humanize, t } from '../i18n.js';
import ownEnglish from '../translations/en-grade-dates.js';

/** Grade and dates' English (the shared strings and its own), in every bundle; the element imports it from here. */
export const english = addEnglish(ownEnglish);

/** The widget's label for `key` when it has one, else the name in words. */
function own(locale, key, fallback) {
  return typeof english[key] === 'string' ? t(locale, key) : humanize(fallback);
}

/**
 * The schedule's {value, rule} members (BRCGS `blackoutDaysMax`: {value: 10, rule}) as figures,
 * in days when the name says days.
 * @param {any} schedule the schedule answer @param {string} locale
 */
export function renderScheduleFigures(schedule, locale) {
  if (!schedule || schedule.error) return nothing;
  const figures = Object.entries(schedule).filter(([, v]) => v && typeof v === 'object' && typeof v.value === 'number');
  if (!figures.length) return nothing;
  return html`<dl class="figures">${figures.map(([key, v]) => html`<div class="figure">
    <dt>${own(locale, key, key)}</dt>
    <dd data-key=${key}>${/Days/.test(key) ? t(locale, 'days', { n: v.value }) : formatNumber(locale, v.value)}</dd>
    ${v.rule ? html`<dd class="rule"><cite class="cite" lang=${packLang(locale)}>(${v.rule})</cite></dd>` : nothing}</div>`)}</dl>`;
}

/**
 * The deadlines answer's `requirements` ([{findingId, kind, rule}]: GMP+ CR3.0 sets conditions,
 * not dates, for a finding), one row each.
 * @param {any} deadlines the deadlines answer @param {string} locale
 * @param {(id: string) => string} [name] how the widget names a finding (its id by default)
 */
export function renderRequirements(deadlines, locale, name = (id) => id) {
  const list = Array.isArray(deadlines?.requirements) ? deadlines.requirements.filter((r) => r && typeof r === 'object') : [];
  if (!list.length) return nothing;
  const title = t(locale, 'requirementsTitle');
  return html`<h4>${title}</h4>
    <div class="scroll" tabindex="0" role="region" aria-label=${title}><table part="requirements">
      <thead><tr><th scope="col">${t(locale, 'finding')}</th><th scope="col">${t(locale, 'requirement')}</th></tr></thead>
      <tbody>${list.map((r) => html`<tr data-kind=${r.kind ?? ''}><th scope="row">${r.findingId == null ? t(locale, 'wholeAudit') : name(r.findingId)}</th>
        <td>${r.label || own(locale, `requirement_${r.kind}`, r.kind ?? '')}${r.rule ? html` <cite class="cite" lang=${packLang(locale)}>(${r.rule})</cite>` : nothing}</td></tr>`)}</tbody>
    </table></div>`;
}
