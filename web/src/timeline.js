// The timeline picture: audit day, finding deadlines, due date, audit window and expiry on one
// axis. Dates are laid out in lanes so that labels never overlap; when the deadlines crowd the
// start of a long axis, the first weeks get a wider, separate scale (shown with a break mark).
import { css, html, svg, nothing } from 'lit';
import { packLang } from './base.js';
import { daysBetween, deadlineWhen, parseIsoDate, t } from './i18n.js';
import { formatUtcMonth } from './format.js';

/**
 * @typedef {object} TimelineEvent
 * @property {string} label
 * @property {string} [date]  YYYY-MM-DD (a point)
 * @property {string} [from]  YYYY-MM-DD (a window, with `to`; alone, "not before" that date: a marker)
 * @property {string} [to]
 * @property {'audit'|'deadline'|'due'|'window'|'expiry'|'other'} kind
 * @property {string} [rule]
 */

const LEFT = 14;
const RIGHT = 14;
const LANE = 34;
// The height of each more line of a wrapped label.
const LINE = 14;
// Widths of a label's characters as drawn (12px bold) and of a date's (11px): wide enough for
// DejaVu Sans, the widest common UI font, so that a long German label does not run into the next.
const LABEL_CHAR = 7.6;
// What keeps a label inside the drawing: German labels run to 7.9 px a character (ü, ß, m).
const EDGE_CHAR = 8.3;
const DATE_CHAR = 6.4;

/** The words of a label on lines of at most `fit` characters (a longer word is cut). */
function wrap(label, fit) {
  if (label.length <= fit) return [label];
  const lines = [];
  let line = '';
  for (let word of label.split(/\s+/)) {
    while (word.length > fit) {
      if (line) lines.push(line);
      lines.push(word.slice(0, fit - 1) + '-');
      word = word.slice(fit - 1);
      line = '';
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= fit) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function addDaysIso(iso, n) {
  const d = parseIsoDate(iso);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * @param {TimelineEvent[]} events
 * @param {{locale: string, today?: string, origin?: string, title: string, id: string, width?: number, split?: boolean}} opts
 *   origin: the audit day (the early ticks count days from it); width: the drawing's width in CSS
 *   pixels (the widget's width), so that labels keep their size; split: false keeps one scale (a
 *   certification cycle spans years evenly)
 */
export function renderTimeline(events, opts) {
  const W = Math.round(Math.max(300, Math.min(1100, opts.width || 760)));
  const dated = events.filter((e) => parseIsoDate(e.date || e.from) && (!e.to || parseIsoDate(e.to)));
  if (dated.length < 2) return nothing;
  const { locale } = opts;
  const all = dated.flatMap((e) => [e.date, e.from, e.to].filter(Boolean)).sort();
  const start = all[0];
  const end = all[all.length - 1];
  const span = Math.max(1, daysBetween(start, end));

  // Piecewise scale: the deadlines (within a few weeks of the audit) get 40% of the width when
  // they would otherwise share less than a quarter of it.
  const early = dated.filter((e) => e.kind === 'deadline' || e.kind === 'audit').flatMap((e) => [e.date, e.from, e.to].filter(Boolean)).sort();
  const earlyEnd = early.length ? early[early.length - 1] : start;
  const earlySpan = daysBetween(start, earlyEnd);
  const split = opts.split !== false && earlySpan > 0 && earlySpan < span * 0.25 ? addDaysIso(earlyEnd, Math.max(3, Math.round(earlySpan * 0.08))) : null;
  const inner = W - LEFT - RIGHT;
  const splitX = LEFT + inner * 0.4;
  const x = (iso) => {
    const d = daysBetween(start, iso);
    if (!split) return LEFT + (inner * d) / span;
    const s = daysBetween(start, split);
    if (d <= s) return LEFT + ((splitX - LEFT) * d) / s;
    return splitX + ((W - RIGHT - splitX) * (d - s)) / Math.max(1, span - s);
  };

  // Lanes for labels (greedy, left to right). A label wider than the drawing (a long Dutch or
  // German label on a phone) is wrapped at its spaces onto lines that fit.
  const fit = Math.max(8, Math.floor((W - 4 - 10) / EDGE_CHAR));
  const items = dated
    .map((e) => {
      const at = e.date || e.from;
      // A window, a date, or only a start: "not before" that date (a marker, not a band).
      const when = deadlineWhen(locale, e);
      const lines = wrap(e.label, fit);
      const longest = Math.max(...lines.map((l) => l.length));
      const width = Math.max(longest * LABEL_CHAR, when.length * DATE_CHAR) + 10;
      // How far it may reach to the right: measured wider, so that it stops inside the drawing.
      const reach = Math.max(longest * EDGE_CHAR, when.length * DATE_CHAR) + 10;
      return { e, at, px: x(at), when, width, reach, lines };
    })
    .sort((a, b) => a.px - b.px);
  // A label must not overlap another label of its lane, nor cross another event's stem; a stem
  // must not cross a label of a lower lane (lane 0 is next to the axis).
  const placed = [];
  for (const it of items) {
    // Beside the stem, to its right, else to its left; on a narrow screen, where neither fits, as
    // far right as the label fits (a label never starts outside the drawing).
    const flip = it.px + it.reach > W - 2 && it.px - it.reach >= 2;
    const left = flip ? it.px - it.width : Math.max(2, Math.min(it.px, W - 2 - it.reach));
    const right = flip ? it.px : left + it.width;
    const overlaps = (p, lane) => p.lane === lane && p.left < right + 4 && left < p.right + 4;
    const crosses = (p, lane) =>
      (p.lane > lane && p.px >= left - 2 && p.px <= right + 2) ||
      (p.lane < lane && it.px >= p.left - 2 && it.px <= p.right + 2);
    const top = placed.reduce((m, p) => Math.max(m, p.lane + 1), 0);
    let lane = -1;
    for (let l = 0; l <= top && lane < 0; l++) if (!placed.some((p) => overlaps(p, l) || crosses(p, l))) lane = l;
    // No lane where nothing crosses: the first lane without an overlapping label.
    for (let l = 0; lane < 0; l++) if (!placed.some((p) => overlaps(p, l))) lane = l;
    it.lane = lane;
    it.flip = flip;
    it.tx = flip ? it.px - 5 : left + 5;
    placed.push({ lane, left, right, px: it.px });
  }
  const lanes = Math.max(1, Math.max(...placed.map((p) => p.lane)) + 1);
  // A lane is as tall as its label with the most lines; lane 0 is next to the axis.
  const laneHeight = Array.from({ length: lanes }, (_, l) =>
    LANE + LINE * Math.max(0, ...items.filter((it) => it.lane === l).map((it) => it.lines.length - 1)));
  const laneTop = (l) => 16 + laneHeight.slice(l + 1).reduce((a, b) => a + b, 0);
  const axisY = 16 + laneHeight.reduce((a, b) => a + b, 0) + 14;
  const H = axisY + 44;

  // Ticks: days after the audit on the early scale, months on the rest.
  const ticks = [];
  if (split) {
    // Days after the audit (the origin), in weeks or fortnights.
    const origin = opts.origin && parseIsoDate(opts.origin) ? opts.origin : start;
    const s = daysBetween(start, split);
    const step = s > 70 ? 14 : 7;
    const first = Math.ceil(daysBetween(origin, start) / step) * step;
    for (let d = first; daysBetween(origin, addDaysIso(origin, d)) <= daysBetween(origin, split); d += step)
      ticks.push({ px: x(addDaysIso(origin, d)), text: d > 0 ? `+${d}` : `${d}` });
  }
  const months = [];
  const from = parseIsoDate(split || start);
  let m = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  const last = parseIsoDate(end);
  while (m <= last) {
    months.push(m.toISOString().slice(0, 10));
    m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
  }
  const every = months.length > 24 ? 6 : months.length > 12 ? 3 : months.length > 6 ? 2 : 1;
  // The year in full: "Jan 27" would read as a day.
  months.forEach((iso, i) => {
    if (i % every === 0) ticks.push({ px: x(iso), text: formatUtcMonth(locale, parseIsoDate(iso)) });
  });

  // Thin the ticks out so that their labels never touch.
  ticks.sort((a, b) => a.px - b.px);
  const shownTicks = [];
  for (const tk of ticks) {
    const half = (tk.text.length * 6 + 10) / 2;
    const prev = shownTicks[shownTicks.length - 1];
    if (tk.px - half < 0 || tk.px + half > W) continue;
    if (!prev || tk.px - half >= prev.px + (prev.text.length * 6 + 10) / 2) shownTicks.push(tk);
  }
  const today = opts.today && opts.today >= start && opts.today <= end ? opts.today : null;
  // The pack's rule is English: marked so, as the tables' citations (an SVG title holds HTML).
  const rule = (e) => (e.rule ? html` <cite class="cite" lang=${packLang(locale)}>(${e.rule})</cite>` : nothing);
  return svg`<svg class="timeline" part="timeline" viewBox="0 0 ${W} ${H}" role="img"
      aria-labelledby="${opts.id}-t" preserveAspectRatio="xMinYMin meet">
    <title id="${opts.id}-t">${opts.title}</title>
    <line class="tl-axis" x1=${LEFT} x2=${W - RIGHT} y1=${axisY} y2=${axisY}></line>
    ${dated.filter((e) => e.to).map((e) => svg`<rect class="tl-band tl-${e.kind}" x=${x(e.from)} y=${axisY - 7}
      width=${Math.max(2, x(e.to) - x(e.from))} height="14" rx="3"><title>${e.label}${rule(e)}</title></rect>`)}
    ${split ? svg`<g class="tl-break"><line x1=${splitX - 4} x2=${splitX} y1=${axisY + 7} y2=${axisY - 7}></line>
      <line x1=${splitX} x2=${splitX + 4} y1=${axisY + 7} y2=${axisY - 7}></line></g>` : nothing}
    ${shownTicks.map((tk) => svg`<line class="tl-tick" x1=${tk.px} x2=${tk.px} y1=${axisY + 8} y2=${axisY + 13}></line>
      <text class="tl-ticklabel" x=${tk.px} y=${axisY + 26} text-anchor="middle">${tk.text}</text>`)}
    ${today ? svg`<line class="tl-today" x1=${x(today)} x2=${x(today)} y1="8" y2=${axisY + 8}></line>
      <text class="tl-ticklabel tl-todaylabel" x=${x(today)} y=${axisY + 40} text-anchor="middle">${t(locale, 'todayMarker')}</text>` : nothing}
    ${items.map((it) => {
      const y = laneTop(it.lane);
      const anchor = it.flip ? 'end' : 'start';
      const tx = it.tx;
      const extra = (it.lines.length - 1) * LINE;
      // Wrapped lines keep the space between them (the label's text stays whole), where it shows
      // nothing: at the end of a line that starts at x, at the start of one that ends there.
      const label = it.lines.length === 1
        ? it.e.label
        : it.lines.map((l, i) => svg`<tspan x=${tx} dy=${i ? LINE : 0}>${it.flip ? (i ? ` ${l}` : l) : i < it.lines.length - 1 ? `${l} ` : l}</tspan>`);
      return svg`<g class="tl-event tl-${it.e.kind}">
        <line class="tl-stem" x1=${it.px} x2=${it.px} y1=${y - 2} y2=${axisY}></line>
        <circle class="tl-dot" cx=${it.px} cy=${axisY} r="5"><title>${it.e.label}${rule(it.e)}</title></circle>
        <text class="tl-label" x=${tx} y=${y + 9} text-anchor=${anchor}>${label}</text>
        <text class="tl-date" x=${tx} y=${y + 22 + extra} text-anchor=${anchor}>${it.when}</text>
      </g>`;
    })}
  </svg>`;
}

/** The timeline's look, for every widget that draws one (colours: --certcalc-timeline-*). */
export const timelineStyles = css`
  svg.timeline { width: 100%; height: auto; display: block; font: 12px var(--certcalc-font-family, system-ui, sans-serif); }
  .tl-axis { stroke: var(--_muted); stroke-width: 2; }
  .tl-tick, .tl-break line { stroke: var(--_muted); stroke-width: 1.5; }
  .tl-ticklabel { fill: var(--_muted); font-size: 11px; }
  .tl-today { stroke: var(--_muted); stroke-dasharray: 3 3; }
  .tl-stem { stroke: currentColor; stroke-width: 1; opacity: 0.6; }
  .tl-label { fill: var(--certcalc-color-text, #1f2328); font-weight: 650; }
  .tl-date { fill: var(--_muted); font-size: 11px; }
  .tl-event { color: var(--certcalc-timeline-other, #57606a); }
  .tl-event .tl-dot { fill: currentColor; stroke: #fff; stroke-width: 1.5; }
  .tl-audit { color: var(--certcalc-timeline-audit, #0b5cad); }
  .tl-deadline { color: var(--certcalc-timeline-deadline, #a64b00); }
  .tl-due { color: var(--certcalc-timeline-due, #1a7f37); }
  .tl-window { color: var(--certcalc-timeline-due, #1a7f37); }
  .tl-expiry { color: var(--certcalc-timeline-expiry, #b42318); }
  rect.tl-band { fill: currentColor; opacity: 0.28; }
  rect.tl-window, rect.tl-audit { fill: var(--certcalc-timeline-due, #1a7f37); }
  rect.tl-audit { fill: var(--certcalc-timeline-audit, #0b5cad); }
  @media print {
    svg.timeline { break-inside: avoid; }
    .tl-label, .tl-date, .tl-ticklabel { fill: #000; }
  }
`;

/**
 * A Lit controller that keeps `value` at the host's width (rounded to 20 px), so that a timeline
 * drawn at that width keeps its text readable on a phone.
 */
export class TimelineWidth {
  constructor(host, initial = 760) {
    this.host = host;
    this.width = initial;
    /** whether the host's last render drew at this width (read `value`) */
    this.drawn = false;
    host.addController(this);
  }

  /** The width to draw at; reading it in a render makes the host redraw when the width changes. */
  get value() {
    this.drawn = true;
    return this.width;
  }

  hostUpdate() {
    this.drawn = false;
  }

  hostConnected() {
    if (typeof ResizeObserver !== 'function') return;
    this.observer ??= new ResizeObserver((entries) => {
      const w = Math.round((entries[0]?.contentRect.width || 760) / 20) * 20;
      if (Math.abs(w - this.width) >= 20) {
        this.width = w;
        // A host that draws no timeline now (most answers) is not redrawn for it: the first
        // observation comes right after the first value, and would redraw the whole widget.
        if (this.drawn) this.host.requestUpdate();
      }
    });
    this.observer.observe(this.host);
  }

  hostDisconnected() {
    this.observer?.disconnect();
  }
}
