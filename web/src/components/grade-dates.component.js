import { html, css, nothing } from 'lit';
import { CertcalcElement, bodyStepMark, packLang, renderMessages } from '../base.js';
import { askedField, askedFor, buildRequest, fieldPointers, rawsFrom, relocaleRaws, renderFields, setAt, envelopeIssues, labelledMessage, labelledPath, unreadableError, withoutUnused } from '../fields.js';
import { plainNumber, readDate, readNumber } from '../format.js';
import { capitalized, daysBetween, deadlineName, deadlineWhen, fieldLabel, formatDate, formatDaysLeft, formatNumber, humanize, parseIsoDate, valueLabel } from '../i18n.js';
import { renderTimeline, timelineStyles, TimelineWidth } from '../timeline.js';
import { english, renderRequirements, renderScheduleFigures } from './grade-dates-answers.js';

const OPS = ['grade', 'schedule', 'deadlines'];
/** Schedule keys with a label of their own (others are humanized) and their timeline kind. */
const SCHEDULE_KINDS = {
  nextAuditDue: 'due',
  auditWindow: 'window',
  certificateExpiry: 'expiry',
  certificateValidUntil: 'expiry',
  interimAudits: 'window',
};
const FALLBACK_GRADES = ['critical', 'major', 'minor'];

/** What makes two deadlines the same: their kind and dates. */
function deadlineKey(d) {
  return `${d.kind}|${d.dueDate || ''}|${d.from || ''}|${d.to || ''}`;
}

/** Matches a counter to a finding grade: major ~ major, nonConforms ~ non-conform, nonConformities ~ non-conformity. */
function gradeKey(name) {
  const k = String(name).toLowerCase().replace(/[^a-z]/g, '');
  return k.endsWith('ies') ? `${k.slice(0, -3)}y` : k.endsWith('s') ? k.slice(0, -1) : k;
}

/**
 * Grade and dates of an audit: non-conformity counters (or a list of findings with clauses), the
 * grade, whether a certificate can be issued, the audit frequency, a what-if table, and a timeline
 * of the audit, each finding's deadlines, the next due date, the audit window and the expiry,
 * from the pack's `grade`, `schedule` and `deadlines` answers.
 *
 * @tag certcalc-grade-dates
 * @event {CustomEvent<CertcalcChangeDetail>} certcalc-change - An input, the entry mode or the scheme changed. detail: {scheme, locale, values, findings}
 * @event {CustomEvent<CertcalcResultDetail>} certcalc-result - The core answered. detail: {op: 'grade'|'schedule'|'deadlines', scheme, request, answer}
 * @property {{ grade: { [member: string]: JsonValue } | ErrorEnvelope | null; schedule: { [member: string]: JsonValue } | ErrorEnvelope | null; deadlines: { [member: string]: JsonValue } | ErrorEnvelope | null }} results - the last answer (or error envelope) of each operation (read only)
 * @property {{ grade: { [field: string]: JsonValue } | null; schedule: { [field: string]: JsonValue } | null; deadlines: { [field: string]: JsonValue } | null }} requests - the last request of each operation (read only)
 * @csspart base - the wrapper
 * @csspart scheme-info - the pack's title and publisher
 * @csspart scheme-state - "superseded" beside the scheme picker's label, when the chosen version is
 * @csspart notice - a notice (an unverified pack, the answer's warnings, an operation the pack does not answer)
 * @csspart form - the inputs
 * @csspart counter - one non-conformity counter
 * @csspart findings - the list of findings with clauses (list mode)
 * @csspart field - one field (label, input, help, messages)
 * @csspart help - a field's help text and clause
 * @csspart date-picker - the calendar button of a date input (with button)
 * @csspart outcome - the grade card
 * @csspart grade - the grade itself
 * @csspart reasons - the reasons of the grade, with their rules
 * @csspart warnings - the list of the answer's warnings
 * @csspart notes - the list of the answer's notes
 * @csspart what-if - the what-if table
 * @csspart dates-card - the dates: their fields, the timeline and the tables
 * @csspart timeline - the SVG timeline
 * @csspart dates - the table of dates
 * @csspart deadlines - the table of deadlines
 * @csspart requirements - the table of what the findings require without a date (GMP+)
 * @cssprop [--certcalc-timeline-audit=#0b5cad] - colour of the audit on the timeline
 * @cssprop [--certcalc-timeline-deadline=#a64b00] - colour of finding deadlines
 * @cssprop [--certcalc-timeline-due=#1a7f37] - colour of the next-audit due date and window
 * @cssprop [--certcalc-timeline-expiry=#b42318] - colour of the certificate expiry
 * @cssprop [--certcalc-timeline-other=#57606a] - colour of any other date the schedule answers
 */
export class CertcalcGradeDates extends CertcalcElement {
  static styles = [
    ...CertcalcElement.styles,
    css`
      .counters { display: flex; flex-wrap: wrap; gap: var(--_space); }
      .counter { display: grid; gap: 0.25rem; align-content: start; }
      output.figure { display: block; min-width: 4rem; text-align: center; font-weight: 650; font-size: 1.15em; }
      .counter .row { flex-wrap: nowrap; gap: 0.25rem; }
      .counter input { width: 5rem; text-align: center; }
      .outcome { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: flex-start; }
      .outcome .figures { flex: 1; min-width: 14rem; }
      .grade { font-size: 2.4em; font-weight: 750; line-height: 1; padding: 0.6rem 1rem; border-radius: var(--_radius);
        background: var(--_accent); color: var(--_accent-contrast); min-width: 5rem; text-align: center; }
      .grade.none { background: var(--_error); color: #fff; font-size: 1.2em; display: flex; align-items: center; }
      .grade small { display: block; font-size: 0.35em; font-weight: 600; opacity: 0.9; margin-top: 0.3rem; }
      .list td input, .list td select { min-width: 6rem; }
      .figure dd.rule { font-size: 0.85em; font-weight: normal; }
    `,
    timelineStyles,
  ];

  static properties = {
    ...CertcalcElement.properties,
    /** The fields of the grade, schedule and deadlines requests by name (without scheme, locale, findings). */
    values: { type: Object, attribute: false },
    /** counts (default) or list: how non-conformities are entered. */
    mode: { type: String, reflect: true },
    /** In list mode, the findings: [{id, clause, grade}]. */
    findings: { type: Array, attribute: false },
    _raws: { state: true },
    _describe: { state: true },
  };

  constructor() {
    super();
    /** @type {{ [field: string]: JsonValue } | null} */
    this.values = null;
    /** @type {'counts' | 'list'} */
    this.mode = 'counts';
    /** @type {GradeDatesFinding[]} */
    this.findings = [];
    this._raws = {};
    this._describe = null;
    this._describedFor = '';
    /**
     * The last answers by operation.
     * @type {{ grade: { [member: string]: JsonValue } | ErrorEnvelope | null; schedule: { [member: string]: JsonValue } | ErrorEnvelope | null; deadlines: { [member: string]: JsonValue } | ErrorEnvelope | null }}
     * @readonly
     */
    this.results = { grade: null, schedule: null, deadlines: null };
    /**
     * The last requests by operation.
     * @type {{ grade: { [field: string]: JsonValue } | null; schedule: { [field: string]: JsonValue } | null; deadlines: { [field: string]: JsonValue } | null }}
     * @readonly
     */
    this.requests = { grade: null, schedule: null, deadlines: null };
    this._emit = [];
    this._touched = false;
    /** Names of the fields the user (or the host, through `values`) has set. */
    this._set = new Set();
    /** By operation, the fields whose value the current choices do not use (not sent; fields.js, withoutUnused). */
    this._unusedBy = {};
    /** What withoutUnused learnt of each operation's fields, until the scheme or locale changes. */
    this._unusedCache = { grade: new Map(), schedule: new Map(), deadlines: new Map() };
    /** Fields with a value no operation uses now: the form says so beside them. @type {Set<string>} */
    this._unused = new Set();
    /** Optional fields the core asks for, with what their label says instead of "optional". @type {Map<string, string>} */
    this._needed = new Map();
    /** The timeline is drawn at the widget's width, so that its text stays readable on a phone. */
    this._width = new TimelineWidth(this);
  }

  opFields(op) {
    return this._describe?.operations?.[op]?.fields || [];
  }

  /** The integer fields of the grade operation: the non-conformity counters. */
  get counters() {
    return this.opFields('grade').filter((f) => f.type === 'integer');
  }

  /** The item fields of an operation's `findings` list, if it takes one. */
  findingItemFields(op) {
    return this.opFields(op).find((f) => f.name === 'findings')?.items?.fields || null;
  }

  /** Grades a finding may have (the findings items of deadlines or grade, else the pack's data). */
  get findingGrades() {
    for (const op of ['deadlines', 'grade']) {
      const g = this.findingItemFields(op)?.find((f) => f.name === 'grade');
      if (g?.values?.length) return g.values;
    }
    const d = this._describe?.data?.findingGrades;
    return Array.isArray(d) && d.length ? d : FALLBACK_GRADES;
  }

  /** The counter that counts findings of grade g, if any. */
  counterFor(g) {
    return this.counters.find((c) => gradeKey(c.name) === gradeKey(g)) || null;
  }

  /** Per-finding fields beyond id, clause and grade (e.g. a head office correction flag). */
  get extraItemFields() {
    const out = [];
    for (const op of ['grade', 'deadlines'])
      for (const f of this.findingItemFields(op) || [])
        if (!['id', 'clause', 'grade'].includes(f.name) && !out.some((o) => o.name === f.name)) out.push(f);
    return out;
  }

  /** The list's findings as an operation's items describe them. */
  listFor(op) {
    const fields = this.findingItemFields(op) || [{ name: 'id', required: true }, { name: 'grade' }];
    const rows = (this.findings || []).filter((f) => f.grade);
    // An id the operation needs is made up when the row has none (NC-2 for the second row), never
    // one the user gave another row: the packs refuse an id given twice.
    const used = new Set(rows.map((f) => f.id).filter(Boolean));
    const madeUp = (i) => {
      let n = i + 1;
      while (used.has(`NC-${n}`)) n += 1;
      used.add(`NC-${n}`);
      return `NC-${n}`;
    };
    return rows.map((f, i) => {
      const item = {};
      for (const spec of fields) {
        // An optional id is left out when the row has none.
        const v = spec.name === 'id' ? f.id || (spec.required ? madeUp(i) : undefined) : f[spec.name];
        if (v === undefined || v === null || v === '') continue;
        item[spec.name] = v;
      }
      return item;
    });
  }

  /** Every field, once, by name: grade fields first, then schedule and deadlines fields. */
  get allFields() {
    const seen = new Set();
    const out = [];
    for (const op of OPS)
      for (const f of this.opFields(op)) {
        if (seen.has(f.name)) continue;
        seen.add(f.name);
        out.push(f);
      }
    return out;
  }

  /** Fields computed from other answers rather than typed. */
  derived(f) {
    if (f.name === 'findings') return true;
    if (f.name === 'grade' && this._describe?.operations?.grade) return true;
    return false;
  }

  willUpdate(changed) {
    if (this._status !== 'ready') return;
    const scheme = this.effectiveScheme('grade');
    const key = `${scheme}|${this.effectiveLocale}|${this._packs}`;
    if (key !== this._describedFor) {
      this._describedFor = key;
      this._describe = scheme ? this.call('describe', { scheme }) : null;
      for (const cache of Object.values(this._unusedCache)) cache.clear();
      this._opErrors = {};
      for (const op of OPS)
        if (scheme && !this._describe?.error && !this._describe?.operations?.[op])
          this._opErrors[op] = this.call('describe', { scheme, op });
      // Dates typed day first in the locale left ("15-03-2025" in Dutch) keep their meaning.
      const keep = this._rawsLocale ? relocaleRaws(this.allFields, this._raws, this._rawsLocale, this.effectiveLocale) : this._raws;
      this._rawsLocale = this.effectiveLocale;
      this._raws = rawsFrom(this.allFields, this.values || {});
      if (this.values) this._set = new Set(Object.keys(this.values));
      else {
        const names = new Set(this.allFields.map((f) => f.name));
        this._set = new Set([...this._set].filter((n) => names.has(n) && typeof keep[n] === typeof this._raws[n]));
        for (const n of this._set) this._raws[n] = keep[n];
      }
      this.compute();
    } else if (changed.has('values') && this.values) {
      this._raws = rawsFrom(this.allFields, this.values);
      this._set = new Set(Object.keys(this.values));
      this.compute();
    } else if (changed.has('findings') || changed.has('mode')) {
      this.compute();
    }
  }

  /** Counts by counter name, from the list in list mode. */
  countsFromList() {
    const counts = {};
    for (const g of this.findingGrades) {
      const c = this.counterFor(g);
      if (c) counts[c.name] = 0;
    }
    for (const f of this.findings || []) {
      const c = this.counterFor(f.grade);
      if (c && c.name in counts) counts[c.name]++;
    }
    return counts;
  }

  /**
   * The request fields of one operation: what the user or host set, and the operation's own
   * defaults for the rest (a field shared by name with another operation may default differently).
   */
  opRequest(op, fields = this.opFields(op), unreadable = undefined) {
    const raws = rawsFrom(fields, {});
    for (const f of fields) if (this._set.has(f.name)) raws[f.name] = this._raws[f.name];
    return buildRequest(fields, raws, this.effectiveLocale, unreadable);
  }

  /**
   * Asks one operation and keeps its request and answer: the widget's own refusal of a number the
   * locale does not write so ("1.5" in German, fields.js), else the core's answer, with the fields
   * the current choices do not use (another GMP+ scope's) left out, as the duration quote does.
   */
  send(op, request, unreadable) {
    const refused = unreadableError(unreadable, this.effectiveLocale);
    const sent = refused
      ? { request, answer: refused, unused: new Set() }
      : withoutUnused(this.opFields(op), request, (r) => this.call(op, r), this._unusedCache[op]);
    this.requests[op] = sent.request;
    this.results[op] = sent.answer;
    this._unusedBy[op] = sent.unused;
  }

  gradeRequest(overrides = {}, unreadable = undefined) {
    const scheme = this.effectiveScheme('grade');
    const fields = this.opFields('grade').filter((f) => f.name !== 'findings');
    const req = { scheme, ...this.opRequest('grade', fields, unreadable) };
    Object.assign(req, this.emptiedCounters());
    if (this.mode === 'list') {
      // The list itself when the grade takes findings (their clauses matter), else its counts.
      if (this.findingItemFields('grade')) {
        for (const c of this.counters) delete req[c.name];
        req.findings = this.listFor('grade');
      } else Object.assign(req, this.countsFromList());
    }
    return { ...req, ...overrides };
  }

  /**
   * A counter the user emptied counts 0 (its placeholder shows 0), not left to the pack: BRCGS
   * gives its counters no default. One never set keeps the pack's default, so that another GMP+
   * scope's counter is not sent.
   */
  emptiedCounters() {
    const out = {};
    for (const c of this.counters) if (this._set.has(c.name) && String(this._raws[c.name] ?? '').trim() === '') out[c.name] = 0;
    return out;
  }

  /** The findings sent to `deadlines`: the list, or one per counted non-conformity. */
  deadlineFindings() {
    if (this.mode === 'list') return this.listFor('deadlines');
    const out = [];
    for (const g of this.findingGrades) {
      const c = this.counterFor(g);
      // A count the grade left out (another GMP+ scope's) gives no findings either.
      const n = c && !this._unusedBy.grade?.has(c.name) ? Number(this._raws[c.name]) : NaN;
      if (Number.isInteger(n)) for (let i = 1; i <= Math.min(n, 200); i++) out.push({ id: `${g}-${i}`, grade: g });
    }
    return out;
  }

  /**
   * How the tables name a finding: the id as given in list mode; in counts mode the widget made
   * the id ("minor-2", the grade's key) and names it by the grade's label ("Minore 2").
   */
  findingName(id) {
    const m = this.mode === 'list' ? null : /^(.+)-(\d+)$/.exec(String(id ?? ''));
    if (!m || !this.findingGrades.includes(m[1])) return id ?? '';
    const l = this.effectiveLocale;
    return `${capitalized(valueLabel(l, 'grade', m[1], this._describe?.data), l)} ${m[2]}`;
  }

  compute() {
    const scheme = this.effectiveScheme('grade');
    this.results = { grade: null, schedule: null, deadlines: null };
    this.requests = { grade: null, schedule: null, deadlines: null };
    this.whatIf = [];
    this.noGradeOutcome = false;
    this._unusedBy = {};
    this._unused = new Set();
    this._needed = new Map();
    if (!scheme || this._describe?.error) return;
    const ops = this._describe?.operations || {};
    if (ops.grade) {
      const unreadable = [];
      this.send('grade', this.gradeRequest({}, unreadable), unreadable);
      this.whatIf = this.computeWhatIf();
    }
    if (ops.schedule) {
      const unreadable = [];
      const req = { scheme, ...this.opRequest('schedule', this.opFields('schedule').filter((f) => !this.derived(f)), unreadable) };
      const gradeField = this.opFields('schedule').find((f) => f.name === 'grade');
      // The grade for the dates: the host's values.grade when it gives one (sent as given), else
      // the computed grade when the schedule accepts it.
      const g = this.results.grade?.grade;
      const hostGrade = Boolean(this.values && 'grade' in this.values);
      if (gradeField && ops.grade) {
        if (hostGrade) req.grade = this.values.grade;
        else if (typeof g === 'string' && (!gradeField.values || gradeField.values.includes(g))) req.grade = g;
      }
      // An outcome without a grade (not certified: a critical non-conformity) has no next audit
      // to schedule: the schedule that needs a grade is not asked (the outcome's reasons say why).
      this.noGradeOutcome = Boolean(gradeField?.required && ops.grade && !hostGrade && this.results.grade
        && !this.results.grade.error && this.results.grade.grade == null && this.results.grade.certified === false);
      if (!this.noGradeOutcome) this.send('schedule', req, unreadable);
    }
    if (ops.deadlines) {
      const unreadable = [];
      const fields = this.opFields('deadlines');
      const req = { scheme, ...this.opRequest('deadlines', fields.filter((f) => f.name !== 'findings'), unreadable) };
      if (fields.some((f) => f.name === 'findings')) req.findings = this.deadlineFindings();
      this.send('deadlines', req, unreadable);
    }
    // Left out by one operation and sent by none: the form says the value is not used now.
    const sent = new Set(OPS.flatMap((op) => Object.keys(this.requests[op] || {})));
    for (const op of OPS) for (const n of this._unusedBy[op] || []) if (!sent.has(n)) this._unused.add(n);
    this._needed = this.neededFields();
    this._emit = OPS.filter((op) => this.requests[op]);
  }

  /**
   * The fields the form calls optional (no default) that the core asks for (fields.js, askedFor),
   * with what each label says instead: needed for this calculation, when an operation needs it
   * now (the schedule needs the audit type the grade may go without); else needed once a
   * non-conformity is counted, when the grade with one of a counter now at 0 asks for it (FSSC
   * 22000 v6 nonconformity timeframes), naming the counters when not all of them do.
   */
  neededFields() {
    const needed = new Map();
    const optional = this.allFields.filter((f) => !f.required && f.default == null && !this.derived(f) && !this.counters.includes(f));
    for (const f of optional)
      for (const op of OPS)
        if (this.requests[op] && this.opFields(op).some((g) => g.name === f.name) && !needed.has(f.name)
          && askedFor(f.name, this.requests[op], this.results[op], (r) => this.call(op, r))) needed.set(f.name, this.t('neededNow'));
    const grade = this.requests.grade;
    if (!grade || this.results.grade?.error) return needed;
    const counters = this.counters.filter((c) => !this._unusedBy.grade?.has(c.name));
    const zero = counters.filter((c) => Number(grade[c.name] ?? 0) === 0);
    const l = this.effectiveLocale;
    for (const f of optional) {
      if (needed.has(f.name) || !this.opFields('grade').some((g) => g.name === f.name)) continue;
      const by = zero.filter((c) => askedFor(f.name, { ...grade, [c.name]: 1 }, null, (r) => this.call('grade', r)));
      if (!by.length) continue;
      const list = new Intl.ListFormat(l, { type: 'disjunction' }).format(by.map((c) => fieldLabel(l, c.name, this._describe?.data, 'grade')));
      needed.set(f.name, by.length === counters.length ? this.t('neededOnceCounted') : this.t('neededOnceAbove', { list }));
    }
    return needed;
  }

  computeWhatIf() {
    const base = this.results.grade;
    if (!base || base.error) return [];
    // The request sent: without the fields the current choices do not use.
    const req = this.requests.grade;
    const rows = [];
    for (const c of this.counters) {
      if (this._unusedBy.grade?.has(c.name)) continue;
      const n = Number(req[c.name] ?? 0);
      if (!Number.isInteger(n)) continue;
      for (const delta of [-1, 1]) {
        const v = n + delta;
        if (v < (c.min ?? 0) || (c.max !== undefined && v > c.max)) continue;
        const answer = this.call('grade', { ...req, [c.name]: v });
        if (!answer.error) rows.push({ field: c.name, delta, value: v, answer });
      }
    }
    return rows;
  }

  updated() {
    const emit = this._emit;
    this._emit = [];
    for (const op of emit)
      this.emit('certcalc-result', { op, scheme: this.requests[op]?.scheme, request: this.requests[op], answer: this.results[op] });
  }

  changed() {
    this._touched = true;
    this.values = null;
    this.compute();
    this.announce(this.summary());
    this.requestUpdate();
    this.emit('certcalc-change', {
      scheme: this.effectiveScheme('grade'),
      locale: this.effectiveLocale,
      // Not a value the current choices leave out (kept in the form only), as the duration quote.
      values: {
        ...buildRequest(this.allFields.filter((f) => !this.derived(f) && this._set.has(f.name) && !this._unused.has(f.name)), this._raws, this.effectiveLocale),
        ...Object.fromEntries(Object.entries(this.emptiedCounters()).filter(([n]) => !this._unused.has(n))),
      },
      findings: this.mode === 'list' ? this.findings : undefined,
    });
  }

  /**
   * The outcome in one labelled sentence for the live region ("Grade: B; Certified; Audit
   * frequency: every 12 months"), or empty when there is none (an error is an alert).
   */
  summary() {
    const a = this.results.grade;
    if (!a || a.error) return '';
    const parts = [`${this.t('grade')}: ${a.grade ?? this.t('noGrade')}`, a.certified ? this.t('certified') : this.t('notCertified')];
    if (a.auditFrequencyMonths != null) parts.push(`${this.t('frequency')}: ${this.t('everyMonths', { n: a.auditFrequencyMonths })}`);
    return parts.join('; ');
  }

  onFieldChange(path, raw) {
    this._set.add(String(path[0]));
    this._raws = setAt(this._raws, path, raw);
    this.changed();
  }

  step(name, delta, spec) {
    const raw = String(this._raws[name] ?? '').trim();
    const read = readNumber(this.effectiveLocale, raw);
    const n = read ? (read.unreadable ? NaN : read.value) : Number(raw || 0);
    const v = Math.max(spec.min ?? 0, (Number.isFinite(n) ? Math.trunc(n) : 0) + delta);
    this._raws = { ...this._raws, [name]: String(spec.max !== undefined ? Math.min(spec.max, v) : v) };
    this._set.add(name);
    this.changed();
  }

  /** The arrow keys step a counter, as they did a number input. */
  stepKey(e, spec) {
    const delta = e.key === 'ArrowUp' ? 1 : e.key === 'ArrowDown' ? -1 : 0;
    if (!delta || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    this.step(spec.name, delta, spec);
  }

  setMode(mode) {
    if (mode === this.mode) return;
    if (mode === 'list' && (!this.findings || this.findings.length === 0)) {
      // Start the list from the counts, so that switching loses nothing.
      const list = [];
      for (const g of this.findingGrades) {
        const c = this.counterFor(g);
        const n = c ? Number(this._raws[c.name]) : NaN;
        if (Number.isInteger(n)) for (let i = 0; i < Math.min(n, 200); i++) list.push({ id: `NC-${list.length + 1}`, clause: '', grade: g });
      }
      this.findings = list;
    }
    if (mode === 'counts') {
      const counts = this.countsFromList();
      for (const [k, v] of Object.entries(counts)) {
        this._raws = { ...this._raws, [k]: String(v) };
        this._set.add(k);
      }
    }
    this.mode = mode;
    this.changed();
  }

  editFinding(i, key, value) {
    this.findings = this.findings.map((f, j) => (j === i ? { ...f, [key]: value } : f));
    this.changed();
  }

  addFinding() {
    const grades = this.findingGrades;
    const ids = new Set((this.findings || []).map((f) => f.id));
    let n = (this.findings?.length || 0) + 1;
    while (ids.has(`NC-${n}`)) n++;
    this.findings = [...(this.findings || []), { id: `NC-${n}`, clause: '', grade: grades[grades.length - 1] }];
    this.changed();
    this.updateComplete.then(() => this.renderRoot.querySelector(`#${this.uid}-f${this.findings.length - 1}-id`)?.focus());
  }

  removeFinding(i) {
    const removed = this.findings[i];
    this.noteAction(this.t('findingRemoved', { id: removed?.id || i + 1 }));
    this.findings = this.findings.filter((_, j) => j !== i);
    this.changed();
    // Not left on the next row's Remove (a second Enter would remove that one too) nor on
    // <body>: the previous row's first field (the new first row's), or Add once the list is empty.
    this.updateComplete.then(() => {
      const n = this.findings.length;
      const target = n
        ? this.renderRoot.querySelector(`#${this.uid}-f${Math.max(0, i - 1)}-id`)
        : this.renderRoot.querySelector('[data-add-finding]');
      /** @type {HTMLElement | null} */ (target)?.focus();
    });
  }

  issues(op) {
    const a = this.results[op];
    return a?.error && (this._touched || a.error.code !== 'missing_field') ? envelopeIssues(a) : new Map();
  }

  /** The field `op`'s error asks to be given (fields.js, askedField), or null. */
  askedField(op) {
    return askedField(this.results[op], this.allFields.filter((f) => !this.derived(f)));
  }

  /** The label of a field as the form shows it (renderFields: without an operation). */
  formLabel(name) {
    return fieldLabel(this.effectiveLocale, name, this._describe?.data);
  }

  /**
   * The issues of `op` (of every operation when none), and every operation's askedField error. Two
   * operations refusing one field (a last audit day that is no calendar date) say it at the field
   * once, or each in its own words.
   */
  formContext(op) {
    const issues = new Map();
    for (const o of op ? [op] : OPS)
      for (const [k, v] of this.issues(o)) {
        const had = issues.get(k) || [];
        issues.set(k, [...had, ...v.filter((x) => !had.some((h) => h.message === x.message))]);
      }
    for (const o of OPS) {
      const f = this.askedField(o);
      if (!f) continue;
      // Named by its label, should the core's words not name it.
      const m = labelledMessage(this.results[o].error, this.effectiveLocale, this._describe?.data, undefined, this.allFields);
      const label = this.formLabel(f.name);
      issues.set(`/${f.name}`, [{ message: m.toLowerCase().includes(label.toLowerCase()) ? m : `${label}: ${m}`, severity: 'error' }]);
    }
    return {
      locale: this.effectiveLocale,
      idPrefix: this.uid,
      data: this._describe?.data,
      issues,
      onChange: (path, raw) => this.onFieldChange(path, raw),
      noteAction: (text) => this.noteAction(text),
      unused: this._unused,
      needed: this._needed,
    };
  }

  render() {
    const status = this.renderStatus('grade');
    const scheme = this.effectiveScheme('grade');
    return html`<div class="base" part="base" lang=${this.effectiveLocale}>
      <h2 id="${this.uid}-title">${this.t('gradeTitle')}</h2>
      ${status ?? html`${this.renderPicker('grade', scheme)}${this.renderSchemeInfo(scheme)}
        ${this._describe?.error
          ? html`<div class="notice error" role="alert" part="error">${this._describe.error.message}</div>`
          : html`${this.renderNonConformities()}${this.renderOutcome()}${this.renderDates()}`}`}
      ${this.renderLive()}
    </div>`;
  }

  renderNonConformities() {
    const ops = this._describe?.operations || {};
    if (!ops.grade && !ops.deadlines) return html`${this.renderOpError('grade')}`;
    const ctx = this.formContext('grade');
    const gradeFields = this.opFields('grade');
    const others = gradeFields.filter((f) => f.type !== 'integer' && !this.derived(f));
    const listMode = this.mode === 'list';
    const derivedCounts = listMode ? this.countsFromList() : {};
    return html`<div class="card" part="form">
      <h3>${this.t('nonConformities')}</h3>
      <fieldset class="row"><legend>${this.t('entryMode')}</legend>
        ${['counts', 'list'].map((m) => html`<label class="check"><input type="radio" name="${this.uid}-mode" value=${m}
          .checked=${this.mode === m} @change=${() => this.setMode(m)} />${this.t(m === 'counts' ? 'modeCounts' : 'modeList')}</label>`)}
      </fieldset>
      <div class="counters">${this.counters.map((c) =>
        listMode && c.name in derivedCounts ? this.renderCount(c, derivedCounts[c.name]) : this.renderCounter(c, ctx))}</div>
      ${listMode ? this.renderList() : nothing}
      ${others.length ? html`<div class="grid">${renderFields(ctx, others, this._raws)}</div>` : nothing}
    </div>`;
  }

  renderCount(spec, n) {
    const label = fieldLabel(this.effectiveLocale, spec.name, this._describe?.data, 'grade');
    return html`<div class="counter" part="counter"><span class="label">${label}</span>
      <output class="figure" data-counter=${spec.name}>${formatNumber(this.effectiveLocale, n)}</output></div>`;
  }

  renderCounter(spec, ctx) {
    const id = `${this.uid}-${spec.name}`;
    const label = fieldLabel(this.effectiveLocale, spec.name, this._describe?.data, 'grade');
    const msgs = ctx.issues.get(`/${spec.name}`) || [];
    const unused = this._unused.has(spec.name);
    // A text input, as the form's other numbers (fields.js, renderField): a number input hands
    // back '' for "1e" half-typed, and that was put back. Grouped digits say what they read as.
    const raw = String(this._raws[spec.name] ?? '');
    const read = readNumber(this.effectiveLocale, raw);
    const readAs = read?.grouped && !msgs.length;
    const describedBy = [unused ? `${id}-unused` : '', msgs.length ? `${id}-msg` : '', readAs ? `${id}-read` : ''].filter(Boolean).join(' ');
    return html`<div class="counter" part="counter">
      <label for=${id}>${label}</label>
      <div class="row">
        <button type="button" class="icon" part="button" aria-label=${this.t('decrease', { field: label })} aria-controls=${id}
          @click=${() => this.step(spec.name, -1, spec)}>−</button>
        <input id=${id} part="input" type="text" class="number" inputmode="numeric" autocomplete="off" spellcheck="false"
          placeholder="0" .value=${raw} aria-invalid=${msgs.length ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          @input=${(e) => this.onFieldChange([spec.name], e.target.value)}
          @keydown=${(e) => this.stepKey(e, spec)} />
        <button type="button" class="icon" part="button" aria-label=${this.t('increase', { field: label })} aria-controls=${id}
          @click=${() => this.step(spec.name, 1, spec)}>+</button>
      </div>
      ${spec.rule ? html`<span class="cite" lang=${packLang(this.effectiveLocale)}>(${spec.rule})</span>` : nothing}
      ${unused ? html`<p class="help unused" id="${id}-unused" part="help">${this.t('notUsedNow')}</p>` : nothing}
      ${readAs ? html`<p class="help" id="${id}-read" part="help" data-read-as=${read.value}>${this.t('readAs', { value: plainNumber(this.effectiveLocale, read.value) })}</p>` : nothing}
      ${msgs.length ? html`<p class="msg error" id="${id}-msg">${labelledPath(msgs[0].message, spec.name, this.effectiveLocale, () => ({ label, spec }), true)}</p>` : nothing}
    </div>`;
  }

  renderList() {
    const l = this.effectiveLocale;
    const grades = this.findingGrades;
    const data = this._describe?.data;
    const extra = this.extraItemFields;
    return html`<div class="scroll"><table class="list" part="findings">
      <caption class="sr-only">${this.t('nonConformities')}</caption>
      <thead><tr><th scope="col">${this.t('f_id')}</th><th scope="col">${this.t('f_clause')}</th><th scope="col">${this.t('f_grade')}</th>
        ${extra.map((x) => html`<th scope="col">${fieldLabel(l, x.name, data)}</th>`)}
        <th scope="col"><span class="sr-only">${this.t('actions')}</span></th></tr></thead>
      <tbody>${(this.findings || []).map((f, i) => {
        const id = `${this.uid}-f${i}`;
        return html`<tr>
          <td><input id="${id}-id" type="text" aria-label="${this.t('f_id')} ${i + 1}" .value=${f.id ?? ''}
            @input=${(e) => this.editFinding(i, 'id', e.target.value)} /></td>
          <td><input id="${id}-clause" type="text" aria-label="${this.t('f_clause')} ${i + 1}" .value=${f.clause ?? ''}
            @input=${(e) => this.editFinding(i, 'clause', e.target.value)} /></td>
          <td><select id="${id}-grade" aria-label="${this.t('f_grade')} ${i + 1}" @change=${(e) => this.editFinding(i, 'grade', e.target.value)}>
            ${grades.map((g) => html`<option value=${g} .selected=${f.grade === g}>${valueLabel(l, 'grade', g, data)}</option>`)}</select></td>
          ${extra.map((x) => html`<td>${this.renderItemInput(x, f, i)}</td>`)}
          <td><button type="button" class="danger" part="button" @click=${() => this.removeFinding(i)}>${this.t('removeFinding', { id: f.id || i + 1 })}</button></td>
        </tr>`;
      })}</tbody>
    </table></div>
    <div><button type="button" part="button" data-add-finding @click=${() => this.addFinding()}>${this.t('addFinding')}</button></div>`;
  }

  /** One extra per-finding input (boolean, choice or text). */
  renderItemInput(spec, f, i) {
    const l = this.effectiveLocale;
    const label = `${fieldLabel(l, spec.name, this._describe?.data)} ${i + 1}`;
    const id = `${this.uid}-f${i}-${spec.name}`;
    if (spec.type === 'boolean')
      return html`<input id=${id} type="checkbox" aria-label=${label} .checked=${f[spec.name] === true}
        @change=${(e) => this.editFinding(i, spec.name, e.target.checked)} />`;
    if (spec.type === 'enum')
      return html`<select id=${id} aria-label=${label} @change=${(e) => this.editFinding(i, spec.name, e.target.value || undefined)}>
        <option value="" .selected=${!f[spec.name]}>${this.t('none')}</option>
        ${(spec.values || []).map((v) => html`<option value=${v} .selected=${f[spec.name] === v}>${valueLabel(l, spec.name, v, this._describe?.data)}</option>`)}</select>`;
    return html`<input id=${id} type="text" aria-label=${label} .value=${String(f[spec.name] ?? '')}
      @input=${(e) => this.editFinding(i, spec.name, e.target.value)} />`;
  }

  renderOpError(op) {
    const e = this._opErrors?.[op]?.error;
    return e ? html`<div class="notice" role="status" part="notice">${e.message}</div>` : nothing;
  }

  renderOutcome() {
    if (!this._describe?.operations?.grade) return this._describe?.operations?.deadlines ? this.renderOpError('grade') : nothing;
    const a = this.results.grade;
    if (!a) return nothing;
    const asked = this.askedField('grade');
    // Said at the field (formContext): here only where to look.
    if (asked) return html`<p class="notice" role="status" data-asks=${asked.name}>${this.t('outcomeNeedsField', { field: this.formLabel(asked.name) })}</p>`;
    if (a.error) {
      const message = labelledMessage(a.error, this.effectiveLocale, this._describe?.data, 'grade', this.opFields('grade'));
      return a.error.code === 'missing_field' && !this._touched
        ? html`<p class="notice" role="status">${this.t('fillIn')} <span class="muted">${message}</span></p>`
        : html`<div class="notice error" role="alert" part="error">${message}</div>`;
    }
    const l = this.effectiveLocale;
    const yesno = (b) => this.t(b ? 'yes' : 'no');
    return html`<div class="card" part="outcome">
      <h3>${this.t('outcome')}</h3>
      <div class="outcome">
        <div class="grade ${a.grade ? '' : 'none'}" part="grade" data-grade=${a.grade ?? ''}>
          ${a.grade ?? this.t('noGrade')}${a.grade ? html`<small>${this.t('grade')}</small>` : nothing}</div>
        <dl class="figures">
          <div class="figure"><dt>${this.t('certified')}</dt><dd data-key="certified">${a.certified ? this.t('certified') : this.t('notCertified')}</dd></div>
          ${a.auditFrequencyMonths != null ? html`<div class="figure"><dt>${this.t('frequency')}</dt><dd data-key="auditFrequencyMonths">${this.t('everyMonths', { n: a.auditFrequencyMonths })}</dd></div>` : nothing}
          ${typeof a.revisitRequired === 'boolean' ? html`<div class="figure"><dt>${this.t('revisitRequired')}</dt><dd>${yesno(a.revisitRequired)}</dd></div>` : nothing}
          ${typeof a.correctiveActionDays === 'number' ? html`<div class="figure"><dt>${this.t('correctiveActionDays')}</dt><dd>${this.t('days', { n: a.correctiveActionDays })}</dd></div>` : nothing}
        </dl>
      </div>
      ${Array.isArray(a.reasons) && a.reasons.length ? html`<h4>${this.t('reasons')}</h4>${renderMessages(a.reasons, '', 'reasons', this.effectiveLocale)}` : nothing}
      ${Array.isArray(a.warnings) && a.warnings.length ? html`<div class="notice warning" part="notice">${renderMessages(a.warnings, '', 'warnings', this.effectiveLocale)}</div>` : nothing}
      ${renderMessages(a.notes, '', 'notes', this.effectiveLocale)}
      ${this.whatIf?.length ? html`<details class="what-if" part="what-if"><summary>${this.t('whatIf')}</summary>
        <div class="scroll" tabindex="0" role="region" aria-label=${this.t('whatIf')}><table><caption>${this.t('whatIfIntro')}</caption>
          <thead><tr><th scope="col">${this.t('change')}</th><th scope="col">${this.t('grade')}</th><th scope="col">${this.t('certified')}</th><th scope="col">${this.t('frequency')}</th></tr></thead>
          <tbody>${this.whatIf.map((w) => html`<tr>
            <th scope="row">${fieldLabel(l, w.field, this._describe?.data, 'grade')} ${w.delta > 0 ? '+1' : '−1'} (${formatNumber(l, w.value)})</th>
            <td>${w.answer.grade ?? this.t('noGrade')}</td><td>${yesno(w.answer.certified)}</td>
            <td>${w.answer.auditFrequencyMonths != null ? this.t('everyMonths', { n: w.answer.auditFrequencyMonths }) : this.t('none')}</td></tr>`)}</tbody>
        </table></div></details>` : nothing}
    </div>`;
  }

  /**
   * The deadlines answer's findings' deadlines, then its `auditDeadlines` (those of the whole
   * audit, without `findingId`), leaving out an audit deadline a finding's deadline already has
   * (the same kind and dates).
   */
  deadlineList() {
    const dl = this.results.deadlines;
    if (!dl || dl.error || this.datedFromRefused('deadlines')) return [];
    const own = Array.isArray(dl.deadlines) ? dl.deadlines.filter((d) => d && typeof d === 'object') : [];
    const keys = new Set(own.map(deadlineKey));
    const audit = Array.isArray(dl.auditDeadlines)
      ? dl.auditDeadlines.filter((d) => d && typeof d === 'object' && !keys.has(deadlineKey(d))).map((d) => ({ ...d, findingId: undefined, wholeAudit: true }))
      : [];
    return [...own, ...audit];
  }

  /** Timeline events from the inputs and the schedule and deadlines answers. */
  timelineEvents() {
    const events = [];
    const first = this.auditDate('firstAuditDay');
    // A last day typed but refused is not replaced by the first.
    const last = this._raws.lastAuditDay ? this.auditDate('lastAuditDay') : first;
    if (first && last && first < last) events.push({ label: this.t('auditDays'), from: first, to: last, kind: 'audit' });
    if (last) events.push({ label: this.t('auditDay'), date: last, kind: 'audit' });
    // The schedule's dates first: an audit deadline on a day the schedule already names (the
    // certification decision, the Directory report) is listed once, under the schedule's name.
    const scheduled = this.scheduleEvents();
    const words = (name) => new Set(String(name).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 3));
    const named = (d) => scheduled.some((e) => e.date === d.dueDate && [...words(d.kind)].some((w) => words(e.key).has(w)));
    const groups = new Map();
    for (const d of this.deadlineList()) {
      if (d.wholeAudit && d.dueDate && named(d)) continue;
      const key = deadlineKey(d);
      if (!groups.has(key)) groups.set(key, { d, n: 0 });
      groups.get(key).n++;
    }
    for (const { d, n } of groups.values()) {
      const label = `${capitalized(deadlineName(d), this.effectiveLocale)}${n > 1 ? ` ×${n}` : ''}`;
      if (d.dueDate) events.push({ label, date: d.dueDate, kind: 'deadline', rule: d.rule });
      else if (d.from && d.to) events.push({ label, from: d.from, to: d.to, kind: 'deadline', rule: d.rule });
      // Only a start ("not before"): a marker at that date.
      else if (d.from) events.push({ label, from: d.from, kind: 'deadline', rule: d.rule });
      else if (d.to) events.push({ label, date: d.to, kind: 'deadline', rule: d.rule });
    }
    return events.concat(scheduled);
  }

  /** Timeline events from the schedule answer. */
  scheduleEvents() {
    const events = [];
    const sc = this.results.schedule;
    if (sc && !sc.error && !this.datedFromRefused('schedule')) {
      for (const [key, v] of Object.entries(sc)) {
        const kind = SCHEDULE_KINDS[key] || (/expir|valid/i.test(key) ? 'expiry' : 'other');
        // The widget's own label for the dates it knows, else the key made readable.
        const label = key in SCHEDULE_KINDS || typeof english[key] === 'string' ? this.t(key) : humanize(key);
        const push = (x, i) => {
          if (!x || typeof x !== 'object') return;
          const l = i === undefined ? label : `${label} ${i + 1}`;
          if (x.date) events.push({ label: l, date: x.date, kind: kind === 'window' ? 'due' : kind, rule: x.rule, key });
          else if (x.from && x.to) events.push({ label: l, from: x.from, to: x.to, kind: kind === 'expiry' ? 'expiry' : 'window', rule: x.rule, key });
        };
        if (Array.isArray(v)) v.forEach(push);
        else push(v);
      }
    }
    return events;
  }

  /**
   * An audit day as typed (read as the locale writes dates: fields.js, readDate), when it is a
   * calendar date that no operation refused; else '': nothing is drawn from a date its field
   * refuses (2027-02-29 would be Mar 1, 2027 to Date).
   */
  auditDate(name) {
    const v = readDate(this.effectiveLocale, this._raws[name]);
    if (!v || !parseIsoDate(v)) return '';
    return this.refusedDays().has(name) ? '' : v;
  }

  /** The date fields an operation refuses (its error is at the field's own path). */
  refusedDays() {
    const out = new Set();
    for (const op of OPS) {
      const name = /^\/([^/]+)$/.exec(this.results[op]?.error?.path || '')?.[1];
      if (name && this.allFields.some((f) => f.name === name && f.type === 'date')) out.add(name);
    }
    return out;
  }

  /**
   * Whether `op` answered from a day another operation refuses: the BRCGS deadlines take no first
   * day, so they count from a last day the schedule refuses as before the first. Such an
   * answer's dates are not shown (the host still gets it in `results`).
   */
  datedFromRefused(op) {
    const req = this.requests[op];
    return Boolean(req && !this.results[op]?.error && [...this.refusedDays()].some((n) => n in req));
  }

  renderDates() {
    const ops = this._describe?.operations || {};
    const fields = [...this.opFields('schedule'), ...this.opFields('deadlines')]
      .filter((f, i, all) => all.findIndex((g) => g.name === f.name) === i)
      .filter((f) => !this.derived(f) && !this.opFields('grade').some((g) => g.name === f.name));
    const l = this.effectiveLocale;
    const today = this.effectiveToday;
    const events = this.timelineEvents();
    const auditDay = this._raws.lastAuditDay ? this.auditDate('lastAuditDay') : this.auditDate('firstAuditDay');
    // YYYY-MM-DD sorts as text; localeCompare would start a collator (ICU, tens of ms).
    const key = (e) => e.date || e.from;
    const sorted = [...events].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    // An error asking for a field is said at the field (formContext); here only where to look.
    const asked = [...new Set(['schedule', 'deadlines'].map((op) => this.askedField(op)?.name).filter(Boolean))];
    // An audit day refused (a last day before the first, 2027-02-29) is said at its field; the
    // dates, drawn from it no more, point to it.
    const refused = [...this.refusedDays()];
    // An error said at a field of this card is not said again here: only one no field shows (a
    // holiday's, at /holidays/1; one at a field of the outcome's form, which shows the grade's).
    const ctx = { ...this.formContext(), skip: (f) => this.derived(f) };
    const atField = new Set(fieldPointers(fields, this._raws));
    const errors = ['schedule', 'deadlines'].flatMap((op) => {
      const e = this.results[op]?.error;
      if (!e || this.askedField(op) || (atField.has(e.path) && ctx.issues.has(e.path))) return [];
      // The grade is computed above, not entered here: when it could not be, say where to look.
      const hostGrade = this.values && 'grade' in this.values;
      if (e.path === '/grade' && !hostGrade && this.derived({ name: 'grade' }) && this.results.grade?.error) return [{ ...e, message: this.t('datesNeedGrade') }];
      return [{ ...e, message: labelledMessage(e, l, this._describe?.data, op, this.opFields(op)) }];
    });
    const missingOnly = errors.every((e) => e.code === 'missing_field');
    return html`<div class="card" part="dates-card">
      <h3>${this.t('datesTitle')}</h3>
      ${!ops.schedule ? this.renderOpError('schedule') : nothing}
      ${!ops.deadlines ? this.renderOpError('deadlines') : nothing}
      ${this.noGradeOutcome ? html`<p class="notice" role="status" data-no-grade>${this.t('datesNoGrade')}</p>` : nothing}
      ${asked.map((name) => html`<p class="notice" role="status" data-asks=${name}>${this.t('datesNeedField', { field: this.formLabel(name) })}</p>`)}
      ${refused.map((name) => html`<p class="notice" role="status" data-refused=${name}>${this.t('datesRefusedField', { field: this.formLabel(name) })}</p>`)}
      ${fields.length ? html`<div class="grid" part="form">${renderFields(ctx, fields, this._raws)}</div>` : nothing}
      ${errors.length
        ? missingOnly && !this._touched
          ? html`<p class="notice" role="status">${this.t('fillIn')} <span class="muted">${[...new Set(errors.map((e) => e.message))].join(' · ')}</span></p>`
          : html`<div class="notice ${missingOnly ? '' : 'error'}" role=${missingOnly ? 'status' : 'alert'} part="error">${[...new Set(errors.map((e) => e.message))].map((m) => html`<p>${m}</p>`)}</div>`
        : nothing}
      ${renderScheduleFigures(this.results.schedule, this.effectiveLocale)}
      ${events.length > 1 ? html`<h4>${this.t('timeline')}</h4>
        ${renderTimeline(events, { locale: l, today, origin: auditDay, title: this.t('timelineLabel'), id: `${this.uid}-tl`, width: this._width.value - 30 })}
        <div class="scroll" tabindex="0" role="region" aria-label=${this.t('datesTitle')}><table part="dates"><caption class="sr-only">${this.t('datesTitle')}</caption>
          <thead><tr><th scope="col">${this.t('date')}</th><th scope="col">${this.t('what')}</th><th scope="col" class="num">${this.t('daysAfterAudit')}</th></tr></thead>
          <tbody>${sorted.map((e) => html`<tr data-kind=${e.kind}>
            <td>${e.to ? html`<span class="nowrap">${formatDate(l, e.from)}</span> – <span class="nowrap">${formatDate(l, e.to)}</span>`
              : e.date ? html`<span class="nowrap">${formatDate(l, e.date)}</span>` : this.t('notBefore', { date: formatDate(l, e.from) })}</td>
            <th scope="row">${e.label}${e.rule ? html` <cite class="cite" lang=${packLang(l)}>(${e.rule})</cite>` : nothing}</th>
            <td class="num">${this.daysAfter(auditDay, e)}</td></tr>`)}</tbody>
        </table></div>` : nothing}
      ${this.renderDeadlines()}
      ${renderRequirements(this.results.deadlines, this.effectiveLocale, (id) => this.findingName(id))}
    </div>`;
  }

  /**
   * The "days after the audit" cell of a dated row, counted from the last audit day: a number
   * for a date, "from – to" for a window, nothing for the audit's own days (which are not after
   * it: the first of two audit days would read -1).
   */
  daysAfter(auditDay, e) {
    if (!auditDay || (e.kind === 'audit' && e.to)) return '';
    const l = this.effectiveLocale;
    if (!e.to) {
      const n = daysBetween(auditDay, e.date || e.from);
      return n === null ? '' : formatNumber(l, n);
    }
    return `${formatNumber(l, daysBetween(auditDay, e.from))} – ${formatNumber(l, daysBetween(auditDay, e.to))}`;
  }

  renderDeadlines() {
    const list = this.deadlineList();
    if (list.length === 0) return nothing;
    const l = this.effectiveLocale;
    const today = this.effectiveToday;
    return html`<details part="deadlines"><summary>${this.t('deadlinesTitle')} (${list.length})</summary>
      <div class="scroll" tabindex="0" role="region" aria-label=${this.t('deadlinesTitle')}><table><thead><tr><th scope="col">${this.t('finding')}</th><th scope="col">${this.t('kind')}</th><th scope="col">${this.t('due')}</th></tr></thead>
      <tbody>${list.map((d) => {
        const due = d.dueDate || d.to;
        // A deadline with only a start ("not before"): the days until it opens, none once open.
        const opensIn = !due && d.from ? daysBetween(today, d.from) : null;
        return html`<tr data-kind=${d.kind ?? ''} data-scope=${d.wholeAudit ? 'audit' : 'finding'}><th scope="row">${d.wholeAudit ? this.t('wholeAudit') : this.findingName(d.findingId)}</th>
          <td>${deadlineName(d)}${bodyStepMark(l, d)}${d.rule ? html` <cite class="cite" lang=${packLang(l)}>(${d.rule})</cite>` : nothing}</td>
          <td>${deadlineWhen(l, d)}${due
            ? html`<br /><span class="muted">${formatDaysLeft(l, daysBetween(today, due), d.party)}</span>`
            : typeof opensIn === 'number' && opensIn > 0 ? html`<br /><span class="muted">${this.t('opensIn', { n: opensIn })}</span>` : nothing}</td></tr>`;
      })}</tbody></table></div></details>`;
  }
}

