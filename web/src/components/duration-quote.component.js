import { html, css, nothing } from 'lit';
import { CertcalcElement, packLang, renderMessages } from '../base.js';
import { askedField, askedFor, buildRequest, isTriState, rawsFrom, relocaleRaws, renderFields, setAt, envelopeIssues, labelledMessage, unreadableError, withoutUnused } from '../fields.js';
import { addEnglish, fieldLabel, formatDate, formatNumber, valueLabel, humanize } from '../i18n.js';
import { renderTimeline, timelineStyles, TimelineWidth } from '../timeline.js';
import ownEnglish from '../translations/en-duration-quote.js';

/** The quote's English (the shared strings and its own), in every bundle. */
const english = addEnglish(ownEnglish);
const OP = 'duration';
/** Day columns of the cycle table, in this order, when an audit of the cycle has them. */
const CYCLE_DAYS = ['onSiteDaysRounded', 'preparationDays', 'reportingDays', 'totalDays'];
/** Figures shown as cards, in this order, when the answer has them. */
const FIGURES = ['totalDays', 'onSiteDaysRounded', 'onSiteDays', 'onSiteHours', 'preparationDays', 'reportingDays', 'headOfficeDays'];

/** The unit a figure's name states: days (…Days), hours (…Hours, hoursPerDay: a number of hours), months (…Months); else none. */
function figureUnit(key) {
  if (key === 'hoursPerDay' || /Hours$/.test(key)) return 'hours';
  if (/Days(Rounded)?$/.test(key)) return 'days';  // onSiteDaysRounded: days, as onSiteDays
  if (/Months$/.test(key)) return 'months';
  return null;
}

/**
 * Quotes the audit duration of a site: the form is generated from the pack's `describe`
 * answer (types, allowed values, limits, help texts and clauses come from the pack), and the
 * answer shows every term with the clause it comes from, the pack's warnings (such as the
 * notice on unverified tables), the 3-year cycle table and a printable justification.
 *
 * @tag certcalc-duration-quote
 * @event {CustomEvent<CertcalcChangeDetail>} certcalc-change - An input or the scheme changed. detail: {scheme, locale, values}
 * @event {CustomEvent<CertcalcResultDetail>} certcalc-result - The core answered. detail: {op: 'duration', scheme, request, answer}
 * @attribute {boolean} printing - set by the element while the browser prints its justification (a host's print stylesheet can hide the rest of its page)
 * @property {{ [member: string]: JsonValue } | ErrorEnvelope | null} result - the last answer of the core, or its error envelope (read only)
 * @property {{ scheme: string; [field: string]: JsonValue } | null} request - the last request sent (read only)
 * @csspart base - the wrapper
 * @csspart scheme-info - the pack's title and publisher
 * @csspart scheme-state - "superseded" beside the scheme picker's label, when the chosen version is
 * @csspart notice - a notice (an unverified pack; the answer's warnings, with warning)
 * @csspart warning - the notice of the answer's warnings (with notice)
 * @csspart form - the generated form
 * @csspart field - one field (label, input, help, messages)
 * @csspart help - a field's help text and clause
 * @csspart date-picker - the calendar button of a date input (with button)
 * @csspart result - the answer
 * @csspart total - the total figure
 * @csspart figure - any other figure (on-site days, hours, preparation, reporting, head office)
 * @csspart exemption - an exemption's lowest times beside the standard figures, with its clause (FSSC 22000 v5.1 §4.3.3)
 * @csspart breakdown - the table of terms
 * @csspart warnings - the list of the answer's warnings
 * @csspart notes - the list of the answer's notes
 * @csspart cycle - the table of the audits of a cycle (with their windows and due dates when the
 *   answer dates them)
 * @csspart cycle-section - a dated cycle below the form and the answer (table, clauses, timeline)
 * @csspart cycle-rules - the clauses of the audits' dates
 * @csspart certificate - the certificate's end date
 * @csspart timeline - the SVG timeline of a dated cycle
 * @csspart justification - the print-only written justification
 * @csspart print-error - printed instead of a justification when the quote has no answer: why
 * @cssprop [--certcalc-timeline-audit=#0b5cad] - colour of the audit that starts the cycle on the timeline
 * @cssprop [--certcalc-timeline-deadline=#a64b00] - colour of a deadline on the timeline
 * @cssprop [--certcalc-timeline-due=#1a7f37] - colour of the later audits' windows and due dates
 * @cssprop [--certcalc-timeline-expiry=#b42318] - colour of the certificate's end
 * @cssprop [--certcalc-timeline-other=#57606a] - colour of any other date on the timeline
 */
export class CertcalcDurationQuote extends CertcalcElement {
  static styles = [
    ...CertcalcElement.styles,
    css`
      .layout { display: grid; gap: calc(var(--_space) * 1.25); grid-template-columns: minmax(0, 1fr); }
      @media (min-width: 60rem) { .layout.wide { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
      .justification h2 { font-size: 1.25em; }
      .justification table { margin-bottom: 1rem; }
      .sign { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2rem; margin-top: 2rem; }
      .sign div { border-top: 1px solid #000; padding-top: 0.25rem; font-size: 0.9em; }
      .cycle-section { margin-top: calc(var(--_space) * 1.25); }
      .cycle-dates { white-space: nowrap; }
      .exemption { margin-top: calc(var(--_space) * 0.75); }
      .exemption h4 { margin: 0 0 0.5rem; }
      @media print {
        .justification { display: block; }
        .justification table, .justification tr { break-inside: avoid; }
        .justification .scroll { overflow: visible; }
        .justification table[part=cycle] { font-size: 0.85em; }
        /* On an A4 page the cycle's dates wrap, so that its day columns stay on the paper. */
        .justification table[part=cycle] .cycle-dates, .justification table[part=cycle] th.num { white-space: normal; }
        .justification table[part=cycle] :is(th, td) { padding-inline: 0.3rem; }
      }
    `,
    timelineStyles,
  ];

  static properties = {
    ...CertcalcElement.properties,
    /** The request's fields (without scheme and locale); setting it fills the form. */
    values: { type: Object, attribute: false },
    /** Arranges the form and the answer side by side on wide screens. */
    wide: { type: Boolean, reflect: true },
    _raws: { state: true },
    _describe: { state: true },
    _printView: { state: true },
  };

  constructor() {
    super();
    /** @type {{ [field: string]: JsonValue } | null} */
    this.values = null;
    this.wide = false;
    this._raws = {};
    this._describe = null;
    /**
     * The last answer (or error envelope) of the core.
     * @type {{ [member: string]: JsonValue } | ErrorEnvelope | null}
     * @readonly
     */
    this.result = null;
    /**
     * The last request sent.
     * @type {{ scheme: string; [field: string]: JsonValue } | null}
     * @readonly
     */
    this.request = null;
    this._touched = false;
    this._describedFor = '';
    /** The scheme whose fields `_raws` holds. */
    this._rawsScheme = '';
    /** What the form held in each scheme when the user left it: {raws, seq}, restored on return. */
    this._rawsBy = new Map();
    /** The last value the user gave each field, by name, in whichever scheme: {raw, seq, spec}. */
    this._latest = new Map();
    this._seq = 0;
    /** Fields with a value that the current choices do not use (not sent; see withoutUnused). @type {Set<string>} */
    this._unused = new Set();
    this._unusedCache = new Map();
    /** Optional fields the core has asked for with this scheme, and those it asks for now (label text). */
    this._askedOnce = new Set();
    this._needed = new Map();
    /** The scheme whose filled-in optional values have been checked (probeNeeded). */
    this._probedScheme = null;
    this._pendingEmit = false;
    /** A dated cycle's timeline is drawn at the widget's width. */
    this._width = new TimelineWidth(this);
    // The print view (about 40% of the widget's elements) is drawn once the first answer is on
    // the screen, when the page is idle, or at once when printing starts: it is not on the way
    // to the first value.
    this._printView = false;
    this._printViewQueued = false;
    this._beforePrint = () => this._showPrintView();
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('beforeprint', this._beforePrint);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('beforeprint', this._beforePrint);
  }

  /** Draws the print view now (printing starts, or printJustification). */
  _showPrintView() {
    if (this._printView) return;
    this._printView = true;
    // beforeprint: the page is laid out for print as soon as the listeners return.
    if (this.hasUpdated) this.performUpdate();
  }

  get fields() {
    return this._describe?.operations?.[OP]?.fields || [];
  }

  willUpdate(changed) {
    if (this._status !== 'ready') return;
    const scheme = this.effectiveScheme(OP);
    const key = `${scheme}|${this.effectiveLocale}|${this._packs}`;
    if (key !== this._describedFor) {
      const previousFields = this.fields;
      const previousScheme = this._rawsScheme;
      this._describedFor = key;
      this._describe = scheme ? this.call('describe', { scheme, op: OP }) : null;
      this._unusedCache.clear();
      this._askedOnce.clear();
      this._probedScheme = null;
      // Another locale or more packs: the same fields, and what they hold stays as it is (its
      // numbers written as the new locale writes them).
      if (previousScheme === scheme && this._rawsLocale && this._rawsLocale !== this.effectiveLocale)
        this._raws = relocaleRaws(this.fields, this._raws, this._rawsLocale, this.effectiveLocale);
      if (previousScheme !== scheme) {
        if (previousScheme) this._rawsBy.set(previousScheme, { raws: this._raws, seq: this._seq });
        this._raws = this.arrive(scheme, previousFields);
        this._rawsScheme = scheme;
      }
      if (this.values) this._raws = rawsFrom(this.fields, this.values, this.effectiveLocale);
      this._rawsLocale = this.effectiveLocale;
      this.compute();
    } else if (changed.has('values') && this.values) {
      this._raws = rawsFrom(this.fields, this.values, this.effectiveLocale);
      this.compute();
    }
  }

  /**
   * What the form holds on arriving in `scheme`: what it held there when the user left it (or the
   * fields carried over by name from the scheme just left, on a first visit), with every field
   * the user has changed since in another scheme carried over by name where it fits.
   */
  arrive(scheme, previousFields) {
    const kept = scheme ? this._rawsBy.get(scheme) : null;
    const raws = kept ? { ...rawsFrom(this.fields, {}, this.effectiveLocale), ...kept.raws } : carryOver(previousFields, this._raws, this.fields);
    for (const f of this.fields) {
      const last = this._latest.get(f.name);
      if (last && (!kept || last.seq > kept.seq) && fits(f, last.spec, last.raw)) raws[f.name] = last.raw;
    }
    return raws;
  }

  compute() {
    const scheme = this.effectiveScheme(OP);
    this._unused = new Set();
    if (!scheme || this._describe?.error) {
      this.result = null;
      this.request = null;
      return;
    }
    const locale = this.effectiveLocale;
    const unreadable = [];
    const request = { scheme, ...buildRequest(this.fields, this._raws, locale, unreadable) };
    // A number the locale does not write so ("1.5" in German) is refused here, in words, before
    // the core would read it as text.
    const refused = unreadableError(unreadable, locale);
    if (refused) {
      this.request = request;
      this.result = refused;
    } else {
      // Fields the current choices do not use (another GMP+ scope's) are left out of the request.
      const sent = withoutUnused(this.fields, request, (r) => this.call(OP, r), this._unusedCache);
      this.request = sent.request;
      this.result = sent.answer;
      this._unused = sent.unused;
      // (A refused number leaves the labels as they were: no request is sent.)
      this._needed = this.neededFields();
    }
    this._pendingEmit = true;
  }

  /**
   * Optional fields the answer depends on now (FSSC 22000 v6 surveillanceWindows in a quote of
   * the cycle's dates: no version 6 source states the windows), labelled "needed for this
   * calculation" instead of "optional" (fields.js, askedFor). Only a field the core has asked for
   * with this scheme is checked again, one call each while it holds a value: the first answer
   * costs nothing more. The values a page filled in before the core could ask are checked once
   * the page is next idle (probeNeeded).
   */
  neededFields() {
    // missing_field too: an optional field that another choice makes required (GMP+ laboratory
    // testing's accreditation, CR3.0 Appendix 1), as askedFor reads it.
    const asked = askedField(this.result, this.fields.filter((f) => !f.required), ['missing_value', 'missing_field']);
    if (asked) this._askedOnce.add(asked.name);
    const needed = new Map();
    for (const name of this._askedOnce)
      if (askedFor(name, this.request, this.result, (r) => this.call(OP, r))) needed.set(name, this.t('neededNow'));
    return needed;
  }

  /**
   * Once a scheme's form has an answer, which of the optional values it holds the answer needs
   * (the demo's FSSC 22000 v6 on-site days, filled in before the core ever asked for them): one
   * call each, when the page is next idle, off the first value's path.
   */
  probeNeeded() {
    const scheme = this.request?.scheme;
    if (!scheme || this._probedScheme === scheme || !this.result || this.result.error) return;
    this._probedScheme = scheme;
    const probe = () => {
      if (this.request?.scheme !== scheme || this.result?.error) return;
      const before = this._askedOnce.size;
      for (const f of this.fields)
        if (!f.required && f.name in this.request && !this._askedOnce.has(f.name)
          && askedFor(f.name, this.request, this.result, (r) => this.call(OP, r))) this._askedOnce.add(f.name);
      if (this._askedOnce.size === before) return;
      this._needed = this.neededFields();
      this.requestUpdate();
    };
    if (window.requestIdleCallback) window.requestIdleCallback(probe, { timeout: 1000 });
    else setTimeout(probe, 200);
  }

  updated() {
    this.probeNeeded();
    if (!this._printView && !this._printViewQueued && this.result && !this.result.error) {
      this._printViewQueued = true;
      const show = () => {
        this._printView = true;
      };
      if (window.requestIdleCallback) window.requestIdleCallback(show, { timeout: 1000 });
      else setTimeout(show, 200);
    }
    if (this._pendingEmit) {
      this._pendingEmit = false;
      this.emit('certcalc-result', { op: OP, scheme: this.request?.scheme, request: this.request, answer: this.result });
    }
  }

  onFieldChange(path, raw) {
    this._touched = true;
    this._raws = setAt(this._raws, path, raw);
    const name = String(path[0]);
    this._latest.set(name, { raw: this._raws[name], seq: ++this._seq, spec: this.fields.find((f) => f.name === name) });
    this.values = null;
    this.compute();
    this.announce(this.summary());
    this.emit('certcalc-change', { scheme: this.request?.scheme, locale: this.effectiveLocale, values: this.currentValues() });
  }

  /**
   * The answer in one labelled sentence for the live region ("Total audit time: 4.5 days"), or
   * empty for an error (an alert says it, and the next answer is then a change to say).
   */
  summary() {
    const a = this.result;
    if (!a || a.error) return '';
    const key = typeof a.totalDays === 'number' ? 'totalDays' : FIGURES.find((k) => typeof a[k] === 'number');
    if (!key) return '';
    const label = key === 'totalDays' && Array.isArray(a.audits) ? this.t('cycleTotal') : this.figureLabel(key);
    return `${label}: ${this.figureValue(key, a[key])}`;
  }

  /** The typed request fields as they stand. */
  currentValues() {
    const { scheme, locale, ...rest } = this.request || {};
    return rest;
  }

  printJustification() {
    this._showPrintView();
    this.setAttribute('printing', '');
    const done = () => {
      this.removeAttribute('printing');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  }

  render() {
    const status = this.renderStatus(OP);
    const scheme = this.effectiveScheme(OP);
    return html`<div class="base" part="base" lang=${this.effectiveLocale}>
      <h2 id="${this.uid}-title" class="screen-only">${this.t('durationTitle')}</h2>
      ${status ?? html`
        <div class="screen-only">${this.renderPicker(OP, scheme)}${this.renderSchemeInfo(scheme)}</div>
        ${this._describe?.error
          ? html`<div class="notice error screen-only" role="alert" part="error">${this._describe.error.message}</div>`
          : html`<div class="layout ${this.wide ? 'wide' : ''} screen-only">
              <form class="grid" part="form" @submit=${(e) => e.preventDefault()} novalidate>
                ${renderFields(this.formContext(), this.fields, this._raws)}
              </form>
              ${this.renderResult()}
            </div>
            ${this.renderDatedCycle()}
            ${this._printView ? this.renderJustification() : nothing}
            ${this.result?.error ? this.renderPrintedError() : nothing}`}`}
      ${this.renderLive()}
    </div>`;
  }

  /** On paper, a quote that has no answer says why (the form is screen-only). */
  renderPrintedError() {
    const message = labelledMessage(this.result.error, this.effectiveLocale, this._describe?.data, OP, this.fields);
    return html`<div class="print-only" part="print-error"><h2>${this.t('durationTitle')}</h2><p>${message}</p></div>`;
  }

  formContext() {
    return {
      locale: this.effectiveLocale,
      idPrefix: this.uid,
      op: OP,
      data: this._describe?.data,
      issues: this.result?.error && (this._touched || this.result.error.code !== 'missing_field') ? envelopeIssues(this.result) : new Map(),
      onChange: (path, raw) => this.onFieldChange(path, raw),
      noteAction: (text) => this.noteAction(text),
      unused: this._unused,
      needed: this._needed,
    };
  }

  renderResult() {
    const a = this.result;
    if (!a) return nothing;
    if (a.error) {
      // A value the quote asks for is asked for at its field (the message is there): here, where.
      const asked = askedField(a, this.fields);
      if (asked)
        return html`<div class="result" part="result"><p class="notice" role="status" data-asks=${asked.name}>${this.t('quoteNeedsField', { field: fieldLabel(this.effectiveLocale, asked.name, this._describe?.data, OP) })}</p></div>`;
      const missing = a.error.code === 'missing_field';
      const message = labelledMessage(a.error, this.effectiveLocale, this._describe?.data, OP, this.fields);
      return html`<div class="result" part="result">
        ${missing && !this._touched
          ? html`<p class="notice" role="status">${this.t('fillIn')} <span class="muted">${message}</span></p>`
          : html`<div class="notice ${missing ? '' : 'error'}" role=${missing ? 'status' : 'alert'} part="error">${message}</div>`}
      </div>`;
    }
    return html`<div class="result" part="result">
      <h3>${this.t('result')}</h3>
      ${Array.isArray(a.warnings) && a.warnings.length
        ? html`<div class="notice warning" role="note" part="notice warning"><strong>${this.t('warnings')}</strong>${renderMessages(a.warnings, '', 'warnings', this.effectiveLocale)}</div>`
        : nothing}
      ${this.renderFigures(a)}
      ${this.renderExemption(a)}
      ${!Array.isArray(a.audits) ? this.renderBreakdown(a.breakdown) : isDated(a) ? nothing : this.renderCycle(a)}
      ${Array.isArray(a.notes) && a.notes.length ? html`<h4>${this.t('notes')}</h4>${renderMessages(a.notes, '', 'notes', this.effectiveLocale)}` : nothing}
      <div class="row"><button type="button" part="button" @click=${() => this.printJustification()}>${this.t('print')}</button></div>
    </div>`;
  }

  /**
   * A figure's label: the widget's own (every figure of the built-in packs has one), else the
   * member's name in words, without the unit word its value then states ("Foo days" -> "Foo").
   */
  figureLabel(key) {
    if (FIGURES.includes(key) || typeof english[key] === 'string') return this.t(key);
    const words = humanize(key);
    return figureUnit(key) ? words.replace(/\s+(days|hours|months)$/i, '') || words : words;
  }

  /** A figure with the unit its name states (…Days, …Hours, …Months, hoursPerDay), else the bare number. */
  figureValue(key, v) {
    if (key === 'auditFrequencyMonths') return this.t('everyMonths', { n: v });
    const unit = figureUnit(key);
    return unit ? this.t(unit, { n: v }) : formatNumber(this.effectiveLocale, v);
  }

  /** A dated cycle below the form and the answer, at the widget's full width: its table is wide. */
  renderDatedCycle() {
    const a = this.result;
    if (!a || a.error || !Array.isArray(a.audits) || !isDated(a)) return nothing;
    return html`<div class="cycle-section screen-only" part="cycle-section">${this.renderCycle(a)}</div>`;
  }

  renderFigures(a) {
    const keys = [
      ...FIGURES.filter((k) => typeof a[k] === 'number'),
      ...Object.keys(a).filter((k) => !FIGURES.includes(k) && typeof a[k] === 'number'),
    ];
    return html`<dl class="figures">${keys.map((k) => html`<div class="figure ${k === 'totalDays' ? 'total' : ''}" part=${k === 'totalDays' ? 'total' : 'figure'}
      data-key=${k}><dt>${this.figureLabel(k)}</dt><dd>${this.figureValue(k, a[k])}</dd></div>`)}</dl>`;
  }

  /**
   * An exemption the answer gives beside the standard figures (FSSC 22000 v5.1 §4.3.3: `exemption`,
   * docs/schemes/fssc22000-5.1.md): the lowest times it allows, with its clause, where the pack's
   * note points to them.
   */
  renderExemption(a) {
    const x = a.exemption;
    if (!x || typeof x !== 'object' || Array.isArray(x)) return nothing;
    const labels = { onSiteDays: 'onSiteDays', onSiteDaysRounded: 'onSiteDaysRounded', totalDays: 'totalDays', minimumDays: 'exemptionFloor' };
    const keys = Object.keys(labels).filter((k) => typeof x[k] === 'number');
    if (!keys.length) return nothing;
    return html`<div class="exemption" part="exemption"><h4>${this.t('exemptionTitle', { code: String(x.code ?? '') })}</h4>
      <dl class="figures">${keys.map((k) => html`<div class="figure" part="figure" data-key=${`exemption-${k}`}><dt>${this.t(labels[k])}</dt><dd>${this.t('days', { n: x[k] })}</dd></div>`)}</dl>
      ${typeof x.rule === 'string' ? html`<p class="muted"><cite class="cite" lang=${packLang(this.effectiveLocale)}>${x.rule}</cite></p>` : nothing}</div>`;
  }

  renderBreakdown(list, caption = this.t('breakdown')) {
    if (!Array.isArray(list) || list.length === 0) return nothing;
    const l = this.effectiveLocale;
    // A term without a label in the locale reads as the pack names it (English).
    return html`<table part="breakdown"><caption>${caption}</caption>
      <thead><tr><th scope="col">${this.t('term')}</th><th scope="col" class="num">${this.t('daysColumn')}</th><th scope="col">${this.t('source')}</th></tr></thead>
      <tbody>${list.map((b) => html`<tr><th scope="row">${b.label ?? html`<span lang=${packLang(l)}>${b.term}</span>`}</th><td class="num">${formatNumber(l, b.days)}</td><td><cite class="cite" lang=${packLang(l)}>${b.source}</cite></td></tr>`)}</tbody>
    </table>`;
  }

  renderCycle(a, print = false) {
    const l = this.effectiveLocale;
    const data = this._describe?.data;
    const num = (v) => (typeof v === 'number' ? formatNumber(l, v) : this.t('none'));
    const date = (v) => (v ? formatDate(l, v) : this.t('none'));
    const dated = a.audits.some((x) => x.window);
    const expiry = a.audits.some((x) => x.certificateExpiry);
    // A dated table needs the room for its dates: on-site and total time only (the breakdowns keep the rest).
    // On site: the rounded figure, or the exact one where a pack answers no rounded figure (FSSC 22000 v6).
    const value = (x, k) => (k === 'onSiteDaysRounded' ? x.onSiteDaysRounded ?? x.onSiteDays : x[k]);
    const days = CYCLE_DAYS.filter((k) => k === 'totalDays' || ((!dated || k === 'onSiteDaysRounded') && a.audits.some((x) => typeof value(x, k) === 'number')));
    // The total sits under the last day column (totalDays).
    const beforeTotal = 2 + (dated ? 3 : 0) + (expiry ? 1 : 0) + days.length - 1;
    // A window's two dates wrap (on paper) only between them, each kept whole.
    const span = (w) => (!w ? this.t('none') : !w.from ? this.t('windowBy', { date: date(w.to) }) : w.from === w.to ? date(w.from)
      : html`<span class="nowrap">${date(w.from)}</span> – <span class="nowrap">${date(w.to)}</span>`);
    // A wide table scrolls on a phone: the region takes the keyboard focus to scroll it.
    const table = html`<div class="scroll" tabindex="0" role="region" aria-label=${this.t('cycleTitle')}><table part="cycle"><caption>${this.t('cycleTitle')}</caption>
      <thead><tr><th scope="col">${this.t('audit')}</th><th scope="col">${this.t('auditType')}</th>
        ${dated ? html`<th scope="col">${this.t('cycleWindow')}</th><th scope="col">${this.t('due')}</th><th scope="col">${this.t('announcement')}</th>` : nothing}
        ${expiry ? html`<th scope="col">${this.t('certificateExpiry')}</th>` : nothing}
        ${days.map((k) => html`<th scope="col" class="num">${this.t(k)}</th>`)}</tr></thead>
      <tbody>${a.audits.map((x, i) => html`<tr data-number=${x.number ?? i + 1}><th scope="row">${x.number ?? i + 1}</th>
        <td>${valueLabel(l, 'auditType', x.auditType ?? '', data)}</td>
        ${dated ? html`<td class="cycle-dates">${span(x.window)}</td><td class="cycle-dates"><span class="nowrap">${date(x.due)}</span></td>
          <td>${x.announcement ? valueLabel(l, 'announcement', x.announcement, data) : this.t('none')}</td>` : nothing}
        ${expiry ? html`<td class="cycle-dates">${date(x.certificateExpiry)}</td>` : nothing}
        ${days.map((k) => html`<td class="num">${num(value(x, k))}</td>`)}</tr>`)}</tbody>
      <tfoot><tr><th scope="row" colspan=${beforeTotal}>${this.t('cycleTotal')}</th>
        <td class="num" data-key="cycleTotal">${num(a.totalDays)}</td></tr></tfoot>
    </table></div>
    ${dated ? this.renderCycleRules(a) : nothing}`;
    const validUntil = a.certificateValidUntil?.date;
    return html`${table}
      ${validUntil ? html`<p part="certificate">${this.t('certificateValidUntil')}: <strong>${date(validUntil)}</strong>
        ${a.certificateValidUntil.rule ? html`<cite class="cite" lang=${packLang(l)}>(${a.certificateValidUntil.rule})</cite>` : nothing}</p>` : nothing}
      ${dated ? html`<h4>${this.t('cycleTimeline')}</h4>
        ${renderTimeline(this.cycleEvents(a), { locale: l, today: this.effectiveToday, title: this.t('cycleTimelineLabel'),
          id: `${this.uid}-${print ? 'ptl' : 'tl'}`, width: print ? 900 : this._width.value - 30, split: false })}` : nothing}
      ${print ? nothing : a.audits.filter((x) => Array.isArray(x.breakdown) && x.breakdown.length).map((x, i) => html`<details class="screen-only"><summary>${this.t('audit')} ${x.number ?? i + 1}: ${this.t('breakdown')}</summary>
        ${this.renderBreakdown(x.breakdown, `${this.t('audit')} ${x.number ?? i + 1}`)}${renderMessages(x.notes, '', 'notes', this.effectiveLocale)}</details>`)}`;
  }

  /** The clauses of the audits' dates, each once, with the audits it dates ("Audits 2, 3: ..."). */
  renderCycleRules(a) {
    const groups = new Map();
    a.audits.forEach((x, i) => {
      if (!x.rule) return;
      if (!groups.has(x.rule)) groups.set(x.rule, []);
      groups.get(x.rule).push(x.number ?? i + 1);
    });
    if (!groups.size) return nothing;
    return html`<ul class="messages cycle-rules" part="cycle-rules">${[...groups].map(([rule, numbers]) => html`<li>
      ${this.t('auditsList', { n: numbers.length, list: numbers.join(', ') })}: <cite class="cite" lang=${packLang(this.effectiveLocale)}>${rule}</cite></li>`)}</ul>`;
  }

  /** Timeline events of a dated cycle: each audit's days or window, the due dates inside a window, the certificate's end. */
  cycleEvents(a) {
    const l = this.effectiveLocale;
    const data = this._describe?.data;
    const events = [];
    a.audits.forEach((x, i) => {
      const n = x.number ?? i + 1;
      const label = `${n}. ${valueLabel(l, 'auditType', x.auditType ?? '', data)}`;
      const w = x.window || {};
      const kind = i === 0 ? 'audit' : 'window';
      if (w.from && w.to && w.from !== w.to) events.push({ label, from: w.from, to: w.to, kind, rule: x.rule });
      else if (w.to) events.push({ label: w.from ? label : this.t('atTheLatest', { audit: label }), date: w.to, kind: i === 0 ? 'audit' : 'due', rule: x.rule });
      // A due date inside the window (an anniversary, the middle of a ± window) is a point of its own.
      if (i > 0 && x.due && x.due !== w.to) events.push({ label: `${n}. ${this.t('due')}`, date: x.due, kind: 'due', rule: x.rule });
    });
    const end = a.certificateValidUntil?.date || a.audits[0]?.certificateExpiry;
    if (end) events.push({ label: this.t(a.certificateValidUntil?.date ? 'certificateValidUntil' : 'certificateExpiry'), date: end, kind: 'expiry', rule: a.certificateValidUntil?.rule ?? a.audits[0]?.rule });
    return events;
  }

  /** The documents this answer cites (its `cites`), as people name them. */
  renderSources(sources, answer) {
    if (!Array.isArray(sources)) return nothing;
    const cited = new Set();
    const walk = (v) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === 'cites' && Array.isArray(x) ? x.forEach((c) => cited.add(c)) : walk(x);
    };
    walk(answer);
    const used = sources.filter((src) => cited.has(src.file ?? src.url ?? src.id));
    if (!used.length) return nothing;
    // The short title, publisher and version as the pack writes them (English); the full title in
    // the document's own language where the pack gives it.
    const l = this.effectiveLocale;
    const own = (src) => {
      const lang = typeof src.language === 'string' && src.language ? src.language : 'en';
      return lang !== l ? lang : nothing;
    };
    return html`<h3>${this.t('sources')}</h3><ul>${used.map((src) => html`<li><strong lang=${packLang(l)}>${src.short ?? src.title}</strong>: <span lang=${own(src)}>${src.title}</span><span lang=${packLang(l)}>${
      [src.publisher, src.version].filter(Boolean).map((x) => `, ${x}`).join('')}</span>${src.verified === false ? html` (${this.t('unverifiedSource')})` : nothing}</li>`)}</ul>`;
  }

  /**
   * The print view: a written justification of the calculation. Its inputs are the values the
   * request carried: a field left empty, or whose value the current choices leave out (another
   * GMP+ scope's), is not an input of this calculation and is not listed.
   */
  renderJustification() {
    const a = this.result;
    if (!a || a.error) return nothing;
    const l = this.effectiveLocale;
    const s = this.schemeInfo(this.request?.scheme) || {};
    const data = this._describe?.data;
    const sent = (name) => this.request?.[name] !== undefined && this.request?.[name] !== null;
    const shown = (spec) => {
      const v = this.request?.[spec.name];
      if (v === undefined || v === null) return this.t('unset');
      if (typeof v === 'boolean') return this.t(v ? 'yes' : 'no');
      if (typeof v === 'number') return formatNumber(l, v);
      if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : valueLabel(l, spec.name, String(x), data))).join(', ');
      if (typeof v === 'object') return JSON.stringify(v);
      return spec.type === 'enum' ? valueLabel(l, spec.name, v, data) : spec.type === 'date' ? formatDate(l, v) : String(v);
    };
    return html`<div class="print-only justification" part="justification">
      <h2>${this.t('justificationTitle')}</h2>
      <p><strong><span lang=${packLang(l)}>${s.scheme || ''}</span> ${this.versionText(s)}</strong> · <span lang=${packLang(l)}>${s.title || ''}</span></p>
      ${s.publisher ? html`<p lang=${packLang(l)}>${s.publisher}</p>` : nothing}
      ${s.verified === false ? html`<p><strong>${this.t('schemeNotVerified')}</strong></p>` : nothing}
      <table><caption>${this.t('inputs')}</caption>
        <thead><tr><th scope="col">${this.t('field')}</th><th scope="col">${this.t('value')}</th><th scope="col">${this.t('clause')}</th></tr></thead>
        <tbody>${this.fields.filter((f) => sent(f.name)).map((f) => html`<tr><th scope="row">${fieldLabel(l, f.name, data, OP)}</th><td>${shown(f)}</td><td lang=${f.rule ? packLang(l) : nothing}>${f.rule || ''}</td></tr>`)}</tbody>
      </table>
      ${this.renderFigures(a)}
      ${this.renderExemption(a)}
      ${Array.isArray(a.audits)
        ? html`${this.renderCycle(a, true)}${a.audits.map((x, i) => this.renderBreakdown(x.breakdown, `${this.t('audit')} ${i + 1}: ${this.t('breakdown')}`))}`
        : this.renderBreakdown(a.breakdown)}
      ${Array.isArray(a.warnings) && a.warnings.length ? html`<h3>${this.t('warnings')}</h3>${renderMessages(a.warnings, '', 'notes', this.effectiveLocale)}` : nothing}
      ${Array.isArray(a.notes) && a.notes.length ? html`<h3>${this.t('notes')}</h3>${renderMessages(a.notes, '', 'notes', this.effectiveLocale)}` : nothing}
      ${this.renderSources(s.sources, a)}
      <p class="muted">${this.t('computedWith', { version: this.cc?.version() ?? '', pack: s.id ?? '', version2: this.versionText(s), date: formatDate(l, this.effectiveToday) })}</p>
      <div class="sign"><div>${this.t('preparedBy')}</div><div>${this.t('date')}</div><div>${this.t('signature')}</div></div>
    </div>`;
  }
}

/** A cycle answer whose audits carry dates (the request sent the first audit's day). */
function isDated(a) {
  return a.audits.some((x) => x && x.window);
}

/** Keeps what the user typed when the scheme changes, for fields of the same name and type. */
function carryOver(oldFields, oldRaws, newFields) {
  const raws = rawsFrom(newFields, {});
  for (const f of newFields) {
    const old = oldFields.find((o) => o.name === f.name);
    if (old && f.name in oldRaws && fits(f, old, oldRaws[f.name])) raws[f.name] = oldRaws[f.name];
  }
  return raws;
}

/**
 * Whether a field's raw value, entered where the field was `old`, can be put in field `f` of
 * another scheme: the same type (any two numbers), an allowed value, a simple value.
 */
function fits(f, old, v) {
  if (!old) return false;
  const numeric = (t) => t === 'integer' || t === 'number';
  if (old.type !== f.type && !(numeric(old.type) && numeric(f.type))) return false;
  // Lists and groups of fields are kept in their own scheme (and restored on return).
  if (f.type === 'list' || f.type === 'object') return false;
  // A required choice not made yet keeps the new field's default (its only value, if so).
  if (f.type === 'enum') return v === '' ? !f.required : (f.values || []).includes(v);
  // Yes or no fits any boolean; "not set" only one with three states.
  if (f.type === 'boolean') return v === true || v === false || isTriState(f);
  return true;
}
