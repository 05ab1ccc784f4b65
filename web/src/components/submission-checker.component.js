import { html, css, nothing } from 'lit';
import { CertcalcElement, bodyStepMark, packLang } from '../base.js';
import { parseCsv, toCsv } from '../csv.js';
import { addEnglish, daysBetween, deadlineName, deadlineWhen, fieldLabel, formatDate, formatDaysLeft, humanize, packFieldLabel, valueLabel } from '../i18n.js';
import { readJson, writeJson } from '../storage.js';
import { mergeFindings } from '../merge.js';
import { dateInput, labelledPath } from '../fields.js';
import { formatNumber, plainNumber, readDate, readNumber } from '../format.js';
import { fullModuleReady, loadFullModule } from '../core.js';
import ownEnglish from '../translations/en-submission-checker.js';

addEnglish(ownEnglish);

/** The finding fields of the validate contract, used when the pack cannot describe them. */
const CONTRACT_FIELDS = [
  { name: 'id', type: 'string', required: true, maxLength: 40 },
  { name: 'clause', type: 'string', maxLength: 120 },
  { name: 'grade', type: 'enum', required: true, values: ['critical', 'major', 'minor'] },
  { name: 'statement', type: 'string', maxLength: 4000 },
  { name: 'correction', type: 'string', maxLength: 4000 },
  { name: 'rootCause', type: 'string', maxLength: 4000 },
  { name: 'correctiveAction', type: 'string', maxLength: 4000 },
  { name: 'plannedCompletion', type: 'date' },
  { name: 'responsible', type: 'string', maxLength: 200 },
  { name: 'temporaryMeasures', type: 'string', maxLength: 4000 },
  { name: 'state', type: 'string' },
  { name: 'evidence', type: 'list', items: { type: 'object', fields: [
    { name: 'name', type: 'string' }, { name: 'mediaType', type: 'string' }, { name: 'bytes', type: 'integer', min: 0 }] } },
];
const TEXT_FIELDS = ['id', 'clause', 'grade', 'statement', 'correction', 'rootCause', 'correctiveAction', 'plannedCompletion', 'responsible', 'temporaryMeasures'];
const DATES = new Set(['plannedCompletion']);
const SHORT = new Set(['id', 'clause', 'grade', 'responsible']);
const LONG = new Set(['statement', 'correction', 'rootCause', 'correctiveAction', 'temporaryMeasures']);
const AUDIT_TYPES = ['initial', 'surveillance', 'recertification'];
const AUDIT_KEYS = ['firstDay', 'lastDay', 'type'];
// Status notes that only inform (the others warn: something in the file was left out or differs).
const INFO_NOTES = new Set(['importAuditTaken', 'importUnchanged', 'importAdded', 'importNoneAdded']);
const EVIDENCE_LABELS = { name: 'evidenceName', mediaType: 'evidenceType', bytes: 'evidenceBytes' };
const CSV_COLUMNS = [...TEXT_FIELDS, 'state', 'evidence'];
const FORMAT = 'certcalc-findings';

/** A finding with every contract field present (text as strings, evidence as a list). */
export function normalizeFinding(input, index = 0) {
  const f = input && typeof input === 'object' ? input : {};
  const out = {};
  for (const k of TEXT_FIELDS) out[k] = f[k] === undefined || f[k] === null ? '' : String(f[k]);
  if (!out.id) out.id = `NC-${index + 1}`;
  if (typeof f.state === 'string' && f.state) out.state = f.state;
  let ev = f.evidence;
  if (typeof ev === 'string') {
    try {
      ev = ev.trim() ? JSON.parse(ev) : [];
    } catch {
      ev = [];
    }
  }
  out.evidence = Array.isArray(ev)
    ? ev.filter((e) => e && typeof e === 'object').map((e) => ({
        name: String(e.name ?? ''),
        mediaType: String(e.mediaType ?? ''),
        bytes: e.bytes === '' || e.bytes === undefined || e.bytes === null ? '' : typeof e.bytes === 'number' ? e.bytes : bytesValue(String(e.bytes)),
      }))
    : [];
  return out;
}

/**
 * A size from a file or an older draft: a number when it is plain digits, else the text (read in
 * the widget's locale when the request is made: "1.000" is 1000 in German, 1 in English). Sizes
 * typed here are read when typed (setEvidence).
 */
function bytesValue(text) {
  return /^\d+$/.test(text.trim()) ? Number(text) : text;
}

/** A size typed as text, read as the locale writes numbers (fields.js, readNumber). */
function bytesIn(locale, v) {
  if (typeof v !== 'string') return v;
  const r = readNumber(locale, v);
  if (r && !r.unreadable) return r.value;
  const n = Number(v);
  return !r && v.trim() !== '' && Number.isFinite(n) ? n : v;
}

const utf8 = new TextEncoder();

/** A text's length as the core counts it (maxLength): its UTF-8 bytes. */
function utf8Length(text) {
  return utf8.encode(text).length;
}

function emptyDoc(scheme = '') {
  return { format: FORMAT, version: 1, scheme, stage: '', audit: { firstDay: '', lastDay: '', type: '' }, findings: [] };
}

/**
 * Checks a client's non-conformity entries (correction, root cause, corrective action, evidence)
 * before they are sent: a table of findings, inline errors and warnings from the pack's
 * `validate` answer as the user types, "Save for later", "Ready to send", and "Submit", which
 * exports only the findings the pack says are ready. Everything is kept in localStorage (a
 * reload loses nothing); findings import from and export to JSON and CSV.
 *
 * @tag certcalc-submission-checker
 * @event {CustomEvent<CertcalcChangeDetail>} certcalc-change - The findings or the audit changed. detail: {scheme, locale, document}
 * @event {CustomEvent<CertcalcResultDetail>} certcalc-result - The core answered, or findings were submitted. detail: {op: 'validate' | 'deadlines', scheme, request, answer} or {op: 'submit', scheme, submission} (cancelable: preventDefault() stops the download)
 * @property {ValidateAnswer | { [member: string]: JsonValue } | ErrorEnvelope | null} validation - the last validate answer (a deadlines answer while the pack has no validate), or its error envelope (read only)
 * @property {ValidateRequest | { [field: string]: JsonValue } | null} request - the last request sent (read only)
 * @property {number | undefined} evidenceMaxBytes - the portal's upload limit in bytes, sent to validate (attribute evidence-max-bytes)
 * @csspart base - the wrapper
 * @csspart notice - a notice (the pack has no validate)
 * @csspart scheme-state - "superseded" beside the scheme picker's label, when the chosen version is
 * @csspart audit - the audit fields
 * @csspart toolbar - import, export, submit, clear all
 * @csspart table - the table of findings
 * @csspart empty - the line shown while there is no finding
 * @csspart editor - the editor of one finding
 * @csspart print-findings - printed only: every finding's response, one after another (drawn when printing first starts)
 * @csspart print-finding - printed only: one finding's response (data-id: its id)
 * @csspart print-text - printed only: a finding's text, whole (a textarea prints only the lines it shows)
 * @csspart field - one field
 * @csspart warning - a warning message
 * @csspart date-picker - the calendar button of a date input (with button)
 * @csspart send-by - the date the client must send the finding by, with what it is
 * @csspart deadlines - the finding's deadlines with days left
 * @csspart dialog - the confirmation dialog
 */
export class CertcalcSubmissionChecker extends CertcalcElement {
  // validate is in the full module only: a page whose first widget is a checker starts on it
  // (web/src/core.js, getCertcalc), rather than on the calculator's and then the full one.
  static _fullModule = true;

  // On a phone (the container under 34rem) the finding's id is its Edit button (named "Edit
  // NC-1" as the other is), with its grade and state under it, and the columns of clauses,
  // grades, states and Edit buttons go: five columns of Dutch or German do not fit in 390 px. A
  // short id is not broken at its hyphen ("NC-" above "1"); a long one may be. The evidence rows
  // stack there, each cell under its own label: three inputs and a Remove button side by side
  // need about 480 px, and at 360 px Remove and the sizes sat out of sight, past the region's
  // edge, where nothing told the user to scroll.
  static styles = [
    ...CertcalcElement.styles,
    css`
      .editor { border-left: 4px solid var(--_accent); }
      .card.grid[part='audit'] { grid-template-columns: repeat(auto-fill, minmax(min(18rem, 100%), 1fr)); }
      .editor .grid { grid-template-columns: repeat(auto-fill, minmax(min(18rem, 100%), 1fr)); }
      :host { container-type: inline-size; }
      table[part=table] th .id-edit, table[part=table] .narrow-only, .evidence .cell-label { display: none; }
      @container (max-width: 34rem) {
        .col-clause, .col-state, .due-date, .col-actions, .col-grade { display: none; }
        .toolbar .grow { display: none; }
        table[part=table] th .id-edit { display: inline-block; padding-inline: 0.4rem; font-weight: 600; }
        table[part=table] th .id-text { display: none; }
        table[part=table] .narrow-only { display: inline; }
        table[part=table] .id-grade, table[part=table] .id-state { display: block; font-weight: 400; margin-top: 0.2rem; }
        /* Wraps, though a short id does not (th.short-id): "corrective measure requested" on one
           line, or German "Korrekturmaßnahme" whole, is wider than the column has room for. */
        table[part=table] .id-state { color: var(--_muted); font-size: 0.875em; white-space: normal; overflow-wrap: anywhere; hyphens: auto; }
        .evidence table, .evidence tbody, .evidence tr, .evidence th, .evidence td { display: block; }
        .evidence thead {
          position: absolute; left: 0; top: 0; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
        }
        .evidence tr { padding-block: 0.35rem; border-bottom: 1px solid var(--_border); }
        .evidence td { border: none; padding: 0.15rem 0; }
        .evidence td input { min-width: 0; }
        .evidence .cell-label { display: block; font-weight: 600; font-size: 0.875em; }
      }
      table[part=table] td button { max-width: 10rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      table[part=table] th.short-id, table[part=table] th.short-id .id-edit { white-space: nowrap; }
      table[part=table] th .id-edit { max-width: 100%; overflow-wrap: anywhere; text-align: left; }
      .editor .long { grid-column: 1 / -1; }
      tr.selected td, tr.selected th { background: #e8f1fb; }
      tr.submitted td, tr.submitted th { color: var(--_muted); }
      .toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      .toolbar .grow { flex: 1; }
      .file { position: relative; display: inline-block; }
      .file input { position: absolute; inset: 0; opacity: 0; width: 100%; cursor: pointer; }
      .file span {
        display: inline-flex; align-items: center; padding: 0.4rem 0.85rem; min-height: 2.25rem;
        border-radius: calc(var(--_radius) - 2px); border: 1px solid var(--_border); background: var(--_surface);
      }
      .file:focus-within span { outline: 3px solid var(--_focus); outline-offset: 2px; }
      dialog { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 1.25rem; max-width: 32rem; }
      dialog::backdrop { background: rgba(0, 0, 0, 0.35); }
      .evidence td input { min-width: 7rem; }
      .issues-count { display: flex; gap: 0.25rem; flex-wrap: wrap; }
      .outside { display: block; color: var(--_muted); font-size: 0.9em; }
      .print-finding { margin-top: 1rem; }
      .print-finding h4 { break-after: avoid-page; }
      .print-finding dl { margin: 0; display: grid; grid-template-columns: minmax(8rem, 25%) 1fr; gap: 0.2rem 0.75rem; }
      .print-finding dt { font-weight: 600; break-after: avoid-page; }
      .print-finding dd { margin: 0; }
      .print-finding ul { margin: 0; padding-left: 1.1rem; }
      .print-text { white-space: pre-wrap; overflow-wrap: anywhere; }
      /* The printed NC response: every finding's texts whole, one finding after another (a
         textarea prints only the lines it shows); the editor, which holds one of them, and
         controls that do nothing on paper are left out. */
      @media print {
        .editor { display: none; }
        button, .file, .date-input input.native, dialog, [data-hint] { display: none !important; }
        .scroll { overflow: visible; }
        .col-actions { display: none; }
        tr { break-inside: avoid-page; }
      }
    `,
  ];

  static properties = {
    ...CertcalcElement.properties,
    /** Names the localStorage slot, so that several checkers on one origin keep apart. */
    storageKey: { type: String, attribute: 'storage-key', reflect: true },
    /** cm (corrective measure proposal), oe (objective evidence) or empty (everything due at submission). */
    stage: { type: String, reflect: true },
    /** The upload limit of the portal the findings go to, in bytes (sent to validate when the pack takes it). */
    evidenceMaxBytes: { type: Number, attribute: 'evidence-max-bytes', reflect: true },
    _doc: { state: true },
    _selected: { state: true },
    _status2: { state: true },
    _confirm: { state: true },
  };

  constructor() {
    super();
    this.storageKey = 'default';
    /** @type {'cm' | 'oe' | ''} */
    this.stage = '';
    this._doc = emptyDoc();
    this._selected = -1;
    this.tell();
    this._confirm = null;
    this._describedFor = '';
    this._describe = null;
    this._validateSpec = null;
    /**
     * The last validate (or deadlines) answer, or its error envelope.
     * @type {ValidateAnswer | { [member: string]: JsonValue } | ErrorEnvelope | null}
     * @readonly
     */
    this.validation = null;
    /**
     * The last request sent.
     * @type {ValidateRequest | { [field: string]: JsonValue } | null}
     * @readonly
     */
    this.request = null;
    this._storageOk = true;
    this._loaded = false;
    /**
     * By finding index, the fields of a finding added here that the user has not been to yet
     * (field names, `evidence/<j>/<key>`): their issues are shown, but they are not marked
     * invalid until the user types in or leaves them, or saves or sends the finding.
     * @type {(Set<string> | undefined)[]}
     */
    this._pristine = [];
    /** The finding whose issue counts are said once the next check is done (-1: none). */
    this._countsFor = -1;
    /**
     * Evidence sizes as typed, by `<finding>/<row>`: the text, its locale and the number it was
     * read as. The draft keeps the number; the text is shown while that locale is.
     * @type {Map<string, {text: string, locale: string, value: number, grouped: boolean}>}
     */
    this._typedBytes = new Map();
    /**
     * Dates typed other than YYYY-MM-DD ("15-03-2025" in Dutch), by `audit/<key>` or
     * `<finding>/<field>`: the draft keeps the date read, the text is shown while its locale is.
     * @type {Map<string, {text: string, locale: string, value: string}>}
     */
    this._typedDates = new Map();
    /** Audit entries the user has not been to yet: not marked invalid until then (see _pristine). */
    this._auditPristine = new Set(AUDIT_KEYS);
    this._onStorage = (e) => {
      if (e.key === this.slot) this.reload();
    };
    /** Whether the printed response (renderPrintFindings) is drawn: from the first print on. */
    this._printView = false;
    this._beforePrint = () => this.showPrintView();
    this._onPrintMedia = (e) => {
      if (e.matches) this.showPrintView();
    };
  }

  /**
   * Draws the printed response now. beforeprint: the page is laid out for print as soon as the
   * listeners return, so it is drawn at once, not at Lit's next update. A print media query
   * that starts to match (an emulated print, a print the browser started without beforeprint)
   * draws it too.
   */
  showPrintView() {
    if (this._printView) return;
    this._printView = true;
    this.requestUpdate();
    if (this.hasUpdated) this.performUpdate();
  }

  get slot() {
    return `certcalc:findings:${this.storageKey || 'default'}`;
  }

  /**
   * The draft: {format, version, scheme, stage, audit: {firstDay, lastDay, type}, findings};
   * setting it replaces (and stores) it.
   * @type {SubmissionDocument}
   */
  get document() {
    return this._doc;
  }

  set document(doc) {
    this._doc = this.normalizeDoc(doc);
    this._pristine = [];
    this.resetVisits();
    this.persist();
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('storage', this._onStorage);
    window.addEventListener('beforeprint', this._beforePrint);
    // "only print" matches as print alone does; the word alone in quotes would read as a UI
    // text's key to tests/node/translations.test.js, which checks that this script carries those.
    this._printMedia = window.matchMedia('only print');
    this._printMedia.onchange = this._onPrintMedia;
    if (this._printMedia.matches) this._printView = true;
    this.reload();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('storage', this._onStorage);
    window.removeEventListener('beforeprint', this._beforePrint);
    if (this._printMedia) this._printMedia.onchange = null;
  }

  /**
   * Loads the full module (validate): on the first check, or early when the user first enters
   * the form (`early`). A failure is shown above the form, which stays as it is; the next check
   * tries again. A failure of the early load alone is not shown: the alert would move the form
   * under a pointer that is still pressed, and the click that entered the form would miss its
   * button. The check that needs the module shows it.
   * @param {{ early?: boolean }} [how]
   */
  loadFull({ early = false } = {}) {
    if (!early) this._fullWanted = true;
    if (this._fullLoading || fullModuleReady()) return;
    this._fullLoading = true;
    loadFullModule().then(
      () => {
        this._fullLoading = false;
        this._fullError = null;
      },
      (e) => {
        this._fullLoading = false;
        if (!this._fullWanted) return;
        this._fullError = e;
        this.requestUpdate();
      },
    );
  }

  normalizeDoc(doc) {
    const d = doc && typeof doc === 'object' ? doc : {};
    const list = Array.isArray(d) ? d : Array.isArray(d.findings) ? d.findings : [];
    return {
      format: FORMAT,
      version: 1,
      scheme: typeof d.scheme === 'string' ? d.scheme : '',
      stage: typeof d.stage === 'string' ? d.stage : '',
      audit: {
        firstDay: typeof d.audit?.firstDay === 'string' ? d.audit.firstDay : '',
        lastDay: typeof d.audit?.lastDay === 'string' ? d.audit.lastDay : '',
        type: typeof d.audit?.type === 'string' ? d.audit.type : '',
      },
      findings: list.map((f, i) => normalizeFinding(f, i)),
    };
  }

  reload() {
    const r = readJson(this.slot);
    this._storageOk = r.ok;
    this._doc = r.ok && r.value ? this.normalizeDoc(r.value) : emptyDoc(this.scheme);
    this._pristine = [];
    this.resetVisits();
    if (this._doc.scheme && !this.scheme) this.scheme = this._doc.scheme;
    if (this._doc.stage && !this.stage) this.stage = this._doc.stage;
    this._loaded = true;
    this._describedFor = '';
    this.requestUpdate();
  }

  /**
   * A draft read or set anew: its findings' fields count as visited (_pristine), and so do its
   * audit entries once it has findings or they hold something.
   */
  resetVisits() {
    this._typedBytes.clear();
    this._typedDates.clear();
    const audit = this._doc.audit;
    this._auditPristine = new Set(this._doc.findings.length ? [] : AUDIT_KEYS.filter((k) => !audit[k]));
  }

  persist() {
    this._storageOk = writeJson(this.slot, this._doc);
  }

  willUpdate(changed) {
    // The scheme and stage given as attributes reach the draft at the first update, which comes
    // before the module is ready (returning first lost a stage="cm" written in the page).
    if (this._loaded && changed.has('scheme') && this.scheme && this._doc.scheme !== this.scheme) {
      this._doc = { ...this._doc, scheme: this.scheme };
      this.persist();
    }
    if (this._loaded && changed.has('stage') && (this.stage || '') !== this._doc.stage) {
      this._doc = { ...this._doc, stage: this.stage || '' };
      this.persist();
    }
    if (this._status !== 'ready' || !this._loaded) return;
    const scheme = this.effectiveScheme('validate');
    const key = `${scheme}|${this.effectiveLocale}|${this._packs}`;
    if (key !== this._describedFor) {
      this._describedFor = key;
      // The whole pack: validate's fields, and the audit types and grades its other operations know.
      this._describe = scheme ? this.call('describe', { scheme }) : null;
      const ops = this._describe && !this._describe.error ? this._describe.operations || {} : {};
      this._validateSpec = ops.validate?.fields || null;
      this._deadlinesSpec = ops.deadlines?.fields || null;
      this._unsupported = scheme && !this._validateSpec ? this._describe?.error || this.call('describe', { scheme, op: 'validate' }).error : null;
    }
    // Check again only when something the answer depends on changed (not on every render).
    const inputs = JSON.stringify([this._describedFor, this.effectiveToday, this.evidenceMaxBytes ?? null, this._doc]);
    if (inputs !== this._checkedFor) {
      this._checkedFor = inputs;
      this.check();
    }
  }

  /** The finding fields the pack describes (or the contract's). */
  get itemFields() {
    const findings = this._validateSpec?.find((f) => f.name === 'findings');
    return findings?.items?.fields?.length ? findings.items.fields : CONTRACT_FIELDS;
  }

  itemField(name) {
    return this.itemFields.find((f) => f.name === name);
  }

  get auditFields() {
    return this._validateSpec?.find((f) => f.name === 'audit')?.fields || null;
  }

  get grades() {
    const g = this.itemField('grade')?.values;
    if (g?.length) return g;
    const d = this._deadlinesSpec?.find((f) => f.name === 'findings')?.items?.fields?.find((f) => f.name === 'grade')?.values;
    if (d?.length) return d;
    const data = this._describe?.data?.findingGrades;
    return Array.isArray(data) && data.length ? data : ['critical', 'major', 'minor'];
  }

  /** Audit types: validate's own list, else the first operation of the pack that lists them. */
  get auditTypes() {
    const own = this.auditFields?.find((f) => f.name === 'type')?.values;
    if (own?.length) return own;
    const ops = this._describe?.operations || {};
    for (const op of ['deadlines', 'grade', 'schedule', 'duration']) {
      const v = ops[op]?.fields?.find((f) => f.name === 'auditType')?.values;
      if (v?.length) return v.filter((x) => x !== 'cycle');
    }
    return AUDIT_TYPES;
  }

  /** A finding as the validate request wants it: only described fields, empty dates left out. */
  requestFinding(f) {
    const allowed = new Set(this.itemFields.map((x) => x.name));
    const out = {};
    for (const k of TEXT_FIELDS) {
      if (!allowed.has(k)) continue;
      const spec = this.itemField(k);
      const v = f[k] ?? '';
      if ((spec?.type === 'date' || spec?.type === 'enum') && v === '') continue;
      out[k] = this.isDate(k) ? readDate(this.effectiveLocale, v) ?? v : v;
    }
    if (allowed.has('state') && f.state) out.state = f.state;
    if (allowed.has('evidence')) {
      out.evidence = (f.evidence || []).map((e) => ({
        name: e.name ?? '',
        mediaType: e.mediaType ?? '',
        bytes: typeof e.bytes === 'number' ? e.bytes : e.bytes === '' ? 0 : bytesIn(this.effectiveLocale, e.bytes),
      }));
    }
    return out;
  }

  buildRequest() {
    const scheme = this.effectiveScheme('validate');
    const spec = this._validateSpec || [];
    const has = (n) => spec.some((f) => f.name === n);
    const req = { scheme };
    const audit = {};
    const day = (v) => readDate(this.effectiveLocale, v) ?? v;
    if (this._doc.audit.firstDay && this.auditFields?.some((f) => f.name === 'firstDay')) audit.firstDay = day(this._doc.audit.firstDay);
    if (this._doc.audit.lastDay) audit.lastDay = day(this._doc.audit.lastDay);
    if (this._doc.audit.type) audit.type = this._doc.audit.type;
    req.audit = audit;
    if (has('today')) req.today = this.effectiveToday;
    if (has('stage') && this._doc.stage) req.stage = this._doc.stage;
    if (has('evidenceMaxBytes') && this.evidenceMaxBytes > 0) req.evidenceMaxBytes = this.evidenceMaxBytes;
    req.findings = this._doc.findings.map((f) => this.requestFinding(f));
    return req;
  }

  /** Runs validate (or, while the pack has none, deadlines) over the whole draft. */
  check() {
    const scheme = this.effectiveScheme('validate');
    this.validation = null;
    this.request = null;
    this._auditAnswer = null;
    if (!scheme) return;
    if (this._doc.findings.length === 0) {
      // The audit alone: validate checks its dates without findings. Kept apart from
      // `validation`, which stays empty (no finding, no answer to report).
      const audit = this._doc.audit;
      if (this._validateSpec && (audit.firstDay || audit.lastDay) && fullModuleReady()) this._auditAnswer = this.call('validate', this.buildRequest());
      else if (this._validateSpec && (audit.firstDay || audit.lastDay)) this.loadFull();
      return;
    }
    if (this._validateSpec) {
      // The page starts on the calculator module; validate comes with the full one, which
      // announces itself as a pack change when loaded, and this runs again (willUpdate).
      if (!fullModuleReady()) {
        this.loadFull();
        return;
      }
      this.request = this.buildRequest();
      this.validation = this.call('validate', this.request);
      this._emitResult = 'validate';
      if (this._countsFor >= 0) this.announce(this.countsSummary(this._countsFor));
      this._countsFor = -1;
    } else if (this._deadlinesSpec && this._doc.audit.lastDay) {
      const req = { scheme, lastAuditDay: readDate(this.effectiveLocale, this._doc.audit.lastDay) ?? this._doc.audit.lastDay };
      if (this._deadlinesSpec.some((f) => f.name === 'findings'))
        req.findings = this._doc.findings.filter((f) => f.grade).map((f) => ({ id: f.id, grade: f.grade }));
      this.request = req;
      this.validation = this.call('deadlines', req);
      this._emitResult = 'deadlines';
      this._countsFor = -1;
    }
  }

  updated() {
    if (this._emitResult) {
      const op = this._emitResult;
      this._emitResult = null;
      this.emit('certcalc-result', { op, scheme: this.request?.scheme, request: this.request, answer: this.validation });
    }
    if (this._confirm) {
      const dlg = this.renderRoot.querySelector('dialog');
      if (dlg && !dlg.open) {
        dlg.showModal();
        dlg.querySelector('[data-cancel]')?.focus();
      }
    }
  }

  /** Finding i's issue counts in one sentence for the status region ("NC-1: 2 errors, 1 warning"). */
  countsSummary(i) {
    const f = this._doc.findings[i];
    const r = this.resultFor(i);
    if (!f || !r) return '';
    const issues = [...this.issuesFor(i).values()].flat();
    const errors = issues.filter((x) => (x.severity || 'error') === 'error').length;
    const warnings = issues.filter((x) => x.severity === 'warning').length;
    const parts = [];
    if (errors) parts.push(this.t('errorsCount', { n: errors }));
    if (warnings) parts.push(this.t('warningsCount', { n: warnings }));
    if (!parts.length) parts.push(this.t(r.ready ? 'ready' : 'notReady'));
    return `${f.id}: ${parts.join(', ')}`;
  }

  /** Whether field `key` of finding i is one the user has not been to yet (see _pristine). */
  isPristine(i, key) {
    return Boolean(this._pristine[i]?.has(key));
  }

  /** The user typed in or left field `key` of finding i: its issues now mark it invalid. */
  touch(i, key) {
    if (this._pristine[i]?.delete(key)) this.requestUpdate();
  }

  /** The validate answer's entry for finding i (answers keep the request's order). */
  resultFor(i) {
    const v = this.validation;
    if (!v || v.error || !Array.isArray(v.findings)) return null;
    if (this.request?.findings && v.findings.length === this.request.findings.length) return v.findings[i] || null;
    return v.findings.find((r) => r.id === this._doc.findings[i]?.id) || null;
  }

  /**
   * Whether finding i was sent and is the certification body's to answer: the pack's workflow
   * leaves the client no action in its state (`cm-submitted`, `cm-confirmed`, `closed`; none
   * before the body asks for clarification). Its entries then stay as sent: the submission
   * downloaded is what the body has, and the pack offers no way to send it again.
   */
  isSent(i) {
    const r = this.resultFor(i);
    if (r) return Array.isArray(r.actions) && r.actions.length === 0 && !(r.issues || []).some((x) => x.code === 'unknown_state');
    // No answer yet (after a reload, validate comes with the full module, which may still be on
    // its way): the pack's workflow as describe gives it says whether the stored state leaves the
    // client any action, so a sent finding is never editable, not even for a moment.
    return this.sentByWorkflow(this._doc.findings[i]?.state);
  }

  /** Whether the described workflow offers the client no action in this state (a known one). */
  sentByWorkflow(state) {
    const w = this._describe?.operations?.validate?.form?.workflow;
    if (!state || !Array.isArray(w?.states) || !w.states.includes(state) || !Array.isArray(w.transitions)) return false;
    const stage = this._doc.stage || '';
    return !w.transitions.some((t) => t?.actor !== 'cb' && Array.isArray(t.from) && t.from.includes(state)
      && (!stage || !Array.isArray(t.stages) || t.stages.includes(stage)));
  }

  /** Issues of finding i by field path ('rootCause', 'evidence/0/mediaType'). */
  issuesFor(i) {
    const map = new Map();
    const add = (k, issue) => map.set(k, [...(map.get(k) || []), issue]);
    const r = this.resultFor(i);
    for (const issue of r?.issues || []) add(issue.field || '', this.labelledIssue(issue, true));
    const e = this.validation?.error;
    const m = e && /^\/findings\/(\d+)(?:\/(.*))?$/.exec(e.path || '');
    if (m && Number(m[1]) === i) add(m[2] || '', { severity: 'error', message: this.tooLongAt(e.path) ?? this.labelled(e.message, e.path), code: e.code });
    for (const name of TEXT_FIELDS) {
      const own = this.isDate(name) && this.unreadDate(`/findings/${i}/${name}`);
      if (own) map.set(name, [...(map.get(name) || []).filter((x) => x.severity === 'warning'), this.dateWords(null, `/findings/${i}/${name}`)]);
      // Said as the user types, for every field over its limit: the core refuses the whole
      // request at its first such field (invalid_field, its words above), and names no other.
      const long = this.tooLong(i, name);
      if (long && !(m && Number(m[1]) === i && m[2] === name)) add(name, { severity: 'error', message: long, code: 'too_long' });
    }
    return map;
  }

  /**
   * The widget's words for finding i's text field `name` when it is longer than the pack takes
   * (describe's maxLength, which the core counts in UTF-8 bytes: "é" is two), else null. Counted
   * in characters, and in what they count for where that differs.
   * @param {number} i @param {string} name
   */
  tooLong(i, name) {
    const max = this.itemField(name)?.maxLength;
    const v = this._doc.findings[i]?.[name];
    if (typeof max !== 'number' || typeof v !== 'string' || this.isDate(name)) return null;
    // A UTF-16 unit is at least one byte and at most three (a pair is four): most texts need no count.
    if (v.length * 3 <= max) return null;
    const bytes = utf8Length(v);
    if (bytes <= max) return null;
    const n = [...v].length;
    const field = this.label(name);
    return bytes === n ? this.t('textTooLong', { field, n, max }) : this.t('textTooLongBytes', { field, n, bytes, max });
  }

  /** tooLong at a request path (`/findings/0/rootCause`), or null. */
  tooLongAt(path) {
    const m = /^\/findings\/(\d+)\/(\w+)$/.exec(String(path ?? ''));
    return m && TEXT_FIELDS.includes(m[2]) ? this.tooLong(Number(m[1]), m[2]) : null;
  }

  /**
   * A core message that names its field by the request's path ("findings/0/evidence/0/bytes must
   * be a whole number from 0 to 1000000000000") names it as the form does ("Size in bytes
   * (evidence 1) must be ... 1,000,000,000,000", fields.js, labelledPath), at the message's start
   * or further on ("a date calculated from audit/lastDay ..."). Other messages are left as they are.
   * @param {string} message @param {string} path a JSON pointer ("/findings/0/evidence/0/bytes")
   */
  labelled(message, path) {
    return labelledPath(message, path, this.effectiveLocale, (s) => this.pathLabel(s), true);
  }

  /**
   * How the form names a path of the validate request: a finding's field
   * (`findings/0/rootCause`) and an evidence entry's (`findings/0/evidence/1/bytes`: "Size in
   * bytes (evidence 2)") as findingPathLabel does, an audit entry (`audit/lastDay`) by the
   * audit's labels; null for any other.
   * @param {string[]} segments
   */
  pathLabel(segments) {
    const [head, key, ...rest] = segments;
    if (head === 'findings' && /^\d+$/.test(key ?? '')) return this.findingPathLabel(rest);
    const audit = { firstDay: 'auditFirstDay', lastDay: 'auditLastDay', type: 'auditType' };
    if (head === 'audit' && segments.length === 2 && Object.hasOwn(audit, key)) return { label: this.t(audit[key]) };
    return null;
  }

  /** As pathLabel, for a path within a finding: an issue's `field` (`rootCause`, `evidence/0/bytes`). */
  findingPathLabel(segments) {
    const [name, index, key] = segments;
    if (segments.length === 1 && /^\w+$/.test(name ?? '')) return { label: this.label(name), spec: this.itemField(name) ?? null };
    if (segments.length === 3 && name === 'evidence' && /^\d+$/.test(index) && Object.hasOwn(EVIDENCE_LABELS, key)) {
      return {
        label: this.t('evidenceFieldOf', { field: this.t(EVIDENCE_LABELS[key]), n: Number(index) + 1 }),
        spec: (this.itemField('evidence')?.items?.fields || []).find((f) => f.name === key) ?? null,
      };
    }
    return null;
  }

  /**
   * An issue of the validate answer as the widget shows it: a message that puts its field first
   * by the issue's `field` (a user pack's `{field}` given the field's name: "rootCause is needed
   * before sending") names it by the form's label instead ("Root cause is needed before
   * sending"), as the core's own messages are (labelled). `inFinding`: a finding's issue, whose
   * `field` is within the finding; else the submission's (`audit/lastDay`, `findings/0/grade`).
   * The answer itself (`validation`, certcalc-result) keeps the pack's words.
   */
  labelledIssue(issue, inFinding) {
    const field = typeof issue?.field === 'string' ? issue.field : '';
    let message = labelledPath(issue?.message, field, this.effectiveLocale,
      (s) => (inFinding ? this.findingPathLabel(s) : this.pathLabel(s)));
    // The core's deadline_unknown sits on the finding's grade but says why in the request's own
    // terms ("... a date calculated from audit/lastDay falls outside ..."): such a path is the
    // submission's, named by the audit's labels.
    if (inFinding && issue?.code === 'deadline_unknown' && typeof message === 'string') {
      for (const [, p] of message.matchAll(/(?:^|[\s(])([a-z]\w*(?:\/\w+)+)/g)) {
        message = labelledPath(message, p, this.effectiveLocale, (s) => this.pathLabel(s), true);
      }
    }
    return message === issue?.message ? issue : { ...issue, message };
  }

  /** Deadlines of finding i: from validate, or from the deadlines answer (days left computed here). */
  deadlinesFor(i) {
    const v = this.validation;
    if (!v || v.error) return [];
    if (this._validateSpec) return this.resultFor(i)?.deadlines || [];
    const id = this._doc.findings[i]?.id;
    return (v.deadlines || [])
      .filter((d) => d.findingId === id)
      .map((d) => ({ ...d, daysLeft: daysBetween(this.effectiveToday, d.dueDate || d.to) }));
  }

  // ----------------------------------------------------------------------------------- editing

  mutate(mutate, { content = true } = {}) {
    const doc = structuredClone(this._doc);
    mutate(doc);
    this._doc = doc;
    this.persist();
    this.tell();
    if (content) this.emit('certcalc-change', { scheme: this.effectiveScheme('validate'), locale: this.effectiveLocale, document: this._doc });
  }

  setAudit(key, value) {
    this._auditPristine.delete(key);
    const stored = key === 'type' ? value : this.typedDate(`audit/${key}`, value);
    this.mutate((d) => {
      d.audit[key] = stored;
    });
  }

  /** Whether a finding's field holds a date. */
  isDate(name) {
    return DATES.has(name) || this.itemField(name)?.type === 'date';
  }

  /**
   * A date as typed, as the draft keeps it: YYYY-MM-DD when read in the widget's locale
   * ("15-03-2025" in Dutch, format.js readDate), the text being remembered for display (dateText);
   * else the text as typed, which the widget refuses in words (unreadDate).
   */
  typedDate(key, text) {
    const locale = this.effectiveLocale;
    const value = readDate(locale, text);
    if (value && value !== text.trim()) this._typedDates.set(key, { text, locale, value });
    else this._typedDates.delete(key);
    return value ?? text;
  }

  /** A stored date as its input shows it: as typed while its locale is shown, else as stored. */
  dateText(key, stored) {
    const typed = this._typedDates.get(key);
    return typed && typed.value === stored && typed.locale === this.effectiveLocale ? typed.text : String(stored ?? '');
  }

  /**
   * The widget's words for a date in the draft that it cannot read (neither YYYY-MM-DD nor, where
   * the locale writes dates so, day-month-year), at a request path (`/audit/lastDay`,
   * `/findings/0/plannedCompletion`), or null. The core's would call the text no real date
   * ("15 maart 2025 is geen bestaande datum"), or name the request contract.
   */
  unreadDate(path) {
    const [head, a, b] = String(path ?? '').replace(/^\//, '').split('/');
    const v = head === 'audit' && (a === 'firstDay' || a === 'lastDay') && b === undefined ? this._doc.audit[a]
      : head === 'findings' && b && this.isDate(b) ? this._doc.findings[Number(a)]?.[b] : undefined;
    if (typeof v !== 'string' || v.trim() === '' || readDate(this.effectiveLocale, v)) return null;
    const named = this.pathLabel([head, a, ...(b ? [b] : [])]);
    return `${named?.label ?? b ?? a} ${this.t('dateNotAsWritten', { text: v.trim() })}`;
  }

  /** An issue or error at `path`, in the widget's words when its date cannot be read (unreadDate). */
  dateWords(issue, path) {
    const own = (issue?.severity ?? 'error') === 'error' ? this.unreadDate(path) : null;
    return own ? { severity: 'error', message: own, code: 'date_not_as_written' } : issue;
  }

  setStage(value) {
    this.stage = value;
    this.mutate((d) => {
      d.stage = value;
    });
  }

  setField(i, key, value) {
    if (this.isSent(i)) return;
    this.touch(i, key);
    this._countsFor = i;
    const stored = this.isDate(key) ? this.typedDate(`${i}/${key}`, value) : value;
    this.mutate((d) => {
      const f = d.findings[i];
      f[key] = stored;
    });
  }

  setEvidence(i, j, key, value) {
    if (this.isSent(i)) return;
    this.touch(i, `evidence/${j}/${key}`);
    this._countsFor = i;
    let stored = value;
    if (key === 'bytes') {
      // Read now, in the locale it is typed in: "12,345" is 12345 in English and would be 12.345
      // in Dutch after a switch. Text that is no number here is kept as typed.
      const locale = this.effectiveLocale;
      const r = value.trim() === '' ? null : readNumber(locale, value);
      stored = value === '' ? '' : r && !r.unreadable ? r.value : bytesValue(value);
      if (typeof stored === 'number') this._typedBytes.set(`${i}/${j}`, { text: value, locale, value: stored, grouped: !!r?.grouped });
      else this._typedBytes.delete(`${i}/${j}`);
    }
    this.mutate((d) => {
      d.findings[i].evidence[j][key] = stored;
    });
  }

  /** An evidence size as the input shows it: as typed while its locale is shown, else as the locale writes it. */
  bytesText(i, j) {
    const v = this._doc.findings[i]?.evidence[j]?.bytes;
    if (typeof v !== 'number') return String(v ?? '');
    const l = this.effectiveLocale;
    const typed = this._typedBytes.get(`${i}/${j}`);
    if (typed && typed.value === v) {
      if (typed.locale === l) return typed.text;
      if (typed.grouped) return formatNumber(l, v);
    }
    return plainNumber(l, v);
  }

  addEvidenceRow(i) {
    if (this.isSent(i)) return;
    const j = this._doc.findings[i].evidence.length;
    const pristine = (this._pristine[i] ??= new Set());
    for (const key of ['name', 'mediaType', 'bytes']) pristine.add(`evidence/${j}/${key}`);
    this._countsFor = i;
    this.mutate((d) => {
      d.findings[i].evidence.push({ name: '', mediaType: '', bytes: '' });
    });
    // Into the new row, as "Add a finding" moves into the new finding (not left on the button,
    // where a second Space would add another row).
    this.updateComplete.then(() => /** @type {HTMLElement | null} */ (this.renderRoot.querySelector(`#${this.uid}-ev-${j}-name`))?.focus());
  }

  addEvidenceFiles(i, files) {
    if (this.isSent(i)) return;
    this._countsFor = i;
    this.mutate((d) => {
      for (const file of files) d.findings[i].evidence.push({ name: file.name, mediaType: file.type || 'application/octet-stream', bytes: file.size });
    });
  }

  removeEvidence(i, j) {
    if (this.isSent(i)) return;
    // The rows after it move up, and so do the marks of the fields not visited yet.
    const pristine = this._pristine[i];
    if (pristine) {
      this._pristine[i] = new Set([...pristine].flatMap((k) => {
        const m = /^evidence\/(\d+)\/(.*)$/.exec(k);
        if (!m) return [k];
        const n = Number(m[1]);
        return n === j ? [] : [n > j ? `evidence/${n - 1}/${m[2]}` : k];
      }));
    }
    this._countsFor = i;
    this.mutate((d) => {
      d.findings[i].evidence.splice(j, 1);
    });
    // Not left on the next row's Remove (a second Enter would remove that one too): the previous
    // row's file name (the new first row's), or "Add an evidence row" once there is none.
    const left = this._doc.findings[i].evidence.length;
    this.updateComplete.then(() => {
      const target = left
        ? this.renderRoot.querySelector(`#${this.uid}-ev-${Math.max(0, j - 1)}-name`)
        : this.renderRoot.querySelector('[data-add-evidence]');
      /** @type {HTMLElement | null} */ (target)?.focus();
    });
  }

  nextId() {
    const ids = new Set(this._doc.findings.map((f) => f.id));
    let n = this._doc.findings.length + 1;
    while (ids.has(`NC-${n}`)) n++;
    return `NC-${n}`;
  }

  addFinding() {
    // No grade until the user gives the one of the audit report, where the pack's checks ask for
    // it: a guessed one could be "critical", and the checker would warn of a certificate at stake.
    // A pack whose requests cannot leave it out checks nothing else without one: its last grade.
    const grades = this.grades;
    const grade = this.itemField('grade')?.required ? grades[grades.length - 1] : '';
    this.mutate((d) => {
      d.findings.push(normalizeFinding({ id: this.nextId(), grade }, d.findings.length));
    });
    // Empty, and nobody has been to its fields yet: nothing is marked invalid until they are.
    this._pristine[this._doc.findings.length - 1] = new Set(TEXT_FIELDS);
    this.select(this._doc.findings.length - 1, 'id');
  }

  select(i, focusField) {
    this._selected = i;
    this.updateComplete.then(() => {
      const target = focusField
        ? this.renderRoot.querySelector(`#${this.uid}-e-${focusField}`)
        : this.renderRoot.querySelector('.editor h3');
      target?.focus();
    });
  }

  closeEditor() {
    const i = this._selected;
    this._selected = -1;
    // Back to the Edit button shown (on a phone, the finding's id).
    this.updateComplete.then(() => {
      const buttons = [`#${this.uid}-edit-${i}`, `#${this.uid}-id-edit-${i}`].map((sel) => this.renderRoot.querySelector(sel));
      /** @type {HTMLElement | undefined} */ (buttons.find((b) => b?.getClientRects().length) ?? buttons[0])?.focus();
    });
  }

  /** Applies a workflow action of the pack ('save', 'ready', 'submit') to finding i. */
  act(i, action) {
    const r = this.resultFor(i);
    const a = r?.actions?.find((x) => x.action === action);
    const to = a?.to ?? (action === 'save' ? 'saved' : null);
    // Saving or sending asks for the check: every field with an error is marked from now on.
    this._pristine[i] = undefined;
    this._auditPristine.clear();
    this.mutate((d) => {
      if (to) d.findings[i].state = to;
    });
    // The time is written when shown: in the locale shown then.
    if (action === 'save') this.tell('savedAt', { time: new Date() });
    else this.tell('findingNowIn', { id: this._doc.findings[i]?.id ?? '', state: to || 'ready' });
    this.keepFocus(`[part=editor] [data-action=${action}]`, () => this.renderRoot.querySelector('.editor h3'));
  }

  /**
   * The button just pressed may be disabled by what it did (Ready to send, Submit): focus would
   * fall to the page's <body>, so it goes to `fallback()` instead.
   * @param {string} selector @param {() => Element | null | undefined} fallback
   */
  keepFocus(selector, fallback) {
    this.updateComplete.then(() => {
      const b = /** @type {HTMLButtonElement | null} */ (this.renderRoot.querySelector(selector));
      if (b && !b.disabled) return;
      /** @type {HTMLElement | null | undefined} */ (fallback())?.focus();
    });
  }

  // ----------------------------------------------------------------------- import and export

  download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  fileStem() {
    return `certcalc-findings-${this.effectiveScheme('validate') || 'draft'}-${this.effectiveToday}`;
  }

  exportJson() {
    this.download(`${this.fileStem()}.json`, 'application/json', JSON.stringify(this._doc, null, 2) + '\n');
  }

  exportCsv() {
    const rows = [CSV_COLUMNS];
    for (const f of this._doc.findings)
      rows.push(CSV_COLUMNS.map((c) => (c === 'evidence' ? (f.evidence.length ? JSON.stringify(f.evidence) : '') : (f[c] ?? ''))));
    this.download(`${this.fileStem()}.csv`, 'text/csv', toCsv(rows));
  }

  /**
   * The line under the toolbar: what an action did, or (`error`) why it did nothing; said in the
   * status region too, instead of the issue counts said there before. Kept as a text key and its
   * parameters, so that it follows the locale when another is chosen (`statusText`). No key: none.
   * `notes` ([key, params] pairs) follow it, as a warning: what the action left out or found odd.
   * @param {string} [key] @param {Record<string, unknown>} [params] @param {boolean} [error]
   * @param {[string, Record<string, unknown>][]} [notes]
   */
  tell(key = '', params = {}, error = false, notes = []) {
    this._status2 = key ? { key, params, error, notes } : null;
    clearTimeout(this._liveTimer);
    this._live = '';
  }

  /** The status line in the locale shown now (a time in that locale's notation). */
  statusText() {
    const s = this._status2;
    if (!s) return '';
    return [this.statusSentence(s.key, s.params), ...(s.notes || []).map(([k, p]) => this.statusSentence(k, p))].join(' ');
  }

  statusSentence(key, given = {}) {
    const params = { ...given };
    if (params.time instanceof Date)
      params.time = new Intl.DateTimeFormat(this.effectiveLocale, { hour: '2-digit', minute: '2-digit' }).format(params.time);
    if (typeof params.state === 'string') params.state = this.stateLabel(params.state);
    return key.startsWith('state_') ? this.stateLabel(key.slice(6)) : this.t(key, params);
  }

  async importFile(input) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    let text;
    try {
      text = await file.text();
    } catch {
      this.tell('importFailed', {}, true);
      return;
    }
    this.importText(text, file.name);
  }

  /**
   * Takes the findings of a JSON or CSV text into the draft (merge.js: a finding here with a
   * row's id is updated from it, the others are added); returns how many rows were read.
   */
  importText(text, name = '') {
    const trimmed = text.replace(/^\uFEFF/, '').trim();
    let doc;
    /** The file's findings as written, for the fields each gives. */
    let list = [];
    /** Names in the file that are no field of a finding (columns, or members in JSON). */
    let ignored = [];
    let version;
    let fileScheme = '';
    if (/\.json$/i.test(name) || trimmed.startsWith('{') || trimmed.startsWith('[')) {
      let raw;
      try {
        raw = JSON.parse(trimmed);
      } catch {
        this.tell('importNotJson', {}, true);
        return 0;
      }
      list = Array.isArray(raw) ? raw : Array.isArray(raw?.findings) ? raw.findings : [];
      ignored = [...new Set(list.flatMap((f) => (f && typeof f === 'object' ? Object.keys(f) : [])))].filter((k) => !CSV_COLUMNS.includes(k));
      if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
        if ('version' in raw && raw.version !== 1) version = typeof raw.version === 'number' || typeof raw.version === 'string' ? raw.version : JSON.stringify(raw.version);
        if (typeof raw.scheme === 'string') fileScheme = raw.scheme;
      }
      doc = this.normalizeDoc(raw);
    } else {
      const rows = parseCsv(text);
      const header = (rows.shift() || []).map((h) => h.trim());
      // Not a findings table (a PDF, a letter): no column it could be read from.
      if (!header.some((h) => CSV_COLUMNS.includes(h))) {
        this.tell('importNoFindings', {}, true);
        return 0;
      }
      ignored = [...new Set(header.filter((h) => h && !CSV_COLUMNS.includes(h)))];
      list = rows.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ''])));
      doc = this.normalizeDoc({ findings: list });
    }
    // A spreadsheet writes dates as its locale does ("31-12-2026" from Dutch Excel): read in the
    // importing locale, as typed dates are; one that does not read stays, refused in words.
    for (const f of doc.findings) for (const k of TEXT_FIELDS) if (this.isDate(k) && f[k]) f[k] = readDate(this.effectiveLocale, f[k]) ?? f[k];
    for (const k of ['firstDay', 'lastDay']) if (doc.audit[k]) doc.audit[k] = readDate(this.effectiveLocale, doc.audit[k]) ?? doc.audit[k];
    if (doc.findings.length === 0) {
      // A format this checker does not know says so, not "no findings".
      if (version !== undefined) this.tell('importVersion', { version }, true);
      else this.tell('importNoFindings', {}, true);
      return 0;
    }
    const n = doc.findings.length;
    /** @type {[string, Record<string, unknown>][]} */
    const notes = [];
    if (version !== undefined) notes.push(['importVersionNote', { version }]);
    if (ignored.length) notes.push(['importIgnored', { n: ignored.length, names: ignored.map((k) => this.t('importName', { name: k })).join(', ') }]);
    // Another scheme's findings are added (the user may move them over), but its audit belongs to
    // another audit: not taken over.
    const here = this.effectiveScheme('validate') || this._doc.scheme;
    const other = Boolean(fileScheme && here && fileScheme !== here);
    const given = [...AUDIT_KEYS.filter((k) => doc.audit[k]), ...(doc.stage ? ['stage'] : [])];
    const current = (d, k) => (k === 'stage' ? d.stage : d.audit[k]);
    if (other) {
      notes.push(['importOtherScheme', { file: this.schemeName(fileScheme), scheme: this.schemeName(here) }]);
      if (given.length) notes.push(['importAuditLeft', {}]);
    } else {
      if (given.some((k) => !current(this._doc, k))) notes.push(['importAuditTaken', {}]);
      if (given.some((k) => current(this._doc, k) && current(this._doc, k) !== (k === 'stage' ? doc.stage : doc.audit[k]))) notes.push(['importAuditKept', {}]);
    }
    const rows = doc.findings.map((finding, k) => {
      const raw = list[k] && typeof list[k] === 'object' ? list[k] : {};
      return { finding, given: new Set(Object.keys(raw).filter((c) => CSV_COLUMNS.includes(c))), hasId: raw.id != null && String(raw.id) !== '' };
    });
    const merged = mergeFindings(this._doc.findings, rows, { sent: (i) => this.isSent(i), foreign: other });
    // What the import did comes first, then what it left out or found odd.
    const done = [];
    const matched = merged.updated.length + merged.unchanged + merged.kept.length;
    if (merged.updated.length) done.push(['importUpdated', { n: merged.updated.length }]);
    if (merged.unchanged) done.push(['importUnchanged', { n: merged.unchanged }]);
    if (matched) done.push(merged.added ? ['importAdded', { n: merged.added }] : ['importNoneAdded', {}]);
    if (merged.kept.length) done.push(['importSentKept', { n: merged.kept.length, names: merged.kept.join(', ') }]);
    if (merged.renamed.length)
      done.push(['importRenamed', { n: merged.renamed.length, names: merged.renamed.map(([id, renamed]) => this.t('importRenamedPair', { id, renamed })).join(', ') }]);
    for (const i of merged.updated) for (const key of [...this._typedBytes.keys()]) if (key.startsWith(`${i}/`)) this._typedBytes.delete(key);
    this.mutate((d) => {
      d.findings = merged.findings;
      if (other) return;
      if (!d.audit.firstDay && doc.audit.firstDay) d.audit.firstDay = doc.audit.firstDay;
      if (!d.audit.lastDay && doc.audit.lastDay) d.audit.lastDay = doc.audit.lastDay;
      if (!d.audit.type && doc.audit.type) d.audit.type = doc.audit.type;
      if (!d.stage && doc.stage) d.stage = doc.stage;
    });
    if (!this.scheme && doc.scheme && this.schemeInfo(doc.scheme)) this.scheme = doc.scheme;
    const [first, ...rest] = matched ? done : [['imported', { n }], ...done];
    this.tell(first[0], first[1], false, [...rest, ...notes]);
    return n;
  }

  /** Exports the findings the pack says may be submitted, and marks them submitted. */
  submit() {
    const v = this.validation;
    const ids = new Set(v?.submit?.findings || []);
    if (!v?.submit?.allowed || ids.size === 0) {
      this.tell('nothingReady', {}, true);
      return;
    }
    const chosen = [];
    this._pristine = [];
    this._doc.findings.forEach((f, i) => {
      if (ids.has(f.id)) chosen.push({ i, f, to: this.resultFor(i)?.actions?.find((a) => a.action === 'submit')?.to });
    });
    const submission = {
      format: 'certcalc-submission',
      version: 1,
      scheme: this.effectiveScheme('validate'),
      stage: this._doc.stage || undefined,
      // The first day only when given (drafts saved before it existed have none).
      audit: this._doc.audit.firstDay ? this._doc.audit : { lastDay: this._doc.audit.lastDay, type: this._doc.audit.type },
      submittedOn: this.effectiveToday,
      findings: chosen.map(({ f, to }) => ({ ...this.requestFinding(f), ...(to ? { state: to } : {}) })),
    };
    const proceed = this.emit('certcalc-result', { op: 'submit', scheme: submission.scheme, submission }, true);
    if (proceed) this.download(`certcalc-submission-${submission.scheme}-${this.effectiveToday}.json`, 'application/json', JSON.stringify(submission, null, 2) + '\n');
    this._auditPristine.clear();
    this.mutate((d) => {
      for (const { i, to } of chosen) if (to) d.findings[i].state = to;
    });
    this.tell('submitted', { n: chosen.length });
    // The open finding's heading, else the first submitted finding's Edit button shown.
    const first = chosen[0]?.i ?? 0;
    this.keepFocus('[data-submit]', () =>
      this.renderRoot.querySelector('.editor h3') ??
      [`#${this.uid}-edit-${first}`, `#${this.uid}-id-edit-${first}`].map((sel) => this.renderRoot.querySelector(sel)).find((b) => b?.getClientRects().length));
  }

  askClearAll() {
    this._confirm = { kind: 'all' };
  }

  askDelete(i) {
    this._confirm = { kind: 'one', index: i };
  }

  confirm(yes) {
    const c = this._confirm;
    this.renderRoot.querySelector('dialog')?.close();
    this._confirm = null;
    if (!yes || !c) return;
    if (c.kind === 'all') {
      this._doc = emptyDoc(this.effectiveScheme('validate'));
      this._pristine = [];
      this.resetVisits();
      this.persist();
      this._selected = -1;
      this.tell('cleared');
      this.emit('certcalc-change', { scheme: this._doc.scheme, locale: this.effectiveLocale, document: this._doc });
      this.updateComplete.then(() => this.renderRoot.querySelector('[data-add]')?.focus());
    } else {
      const id = this._doc.findings[c.index]?.id ?? '';
      this._pristine.splice(c.index, 1);
      this.mutate((d) => {
        d.findings.splice(c.index, 1);
      });
      this.tell('findingDeleted', { id });
      this._selected = -1;
      this.updateComplete.then(() => this.renderRoot.querySelector('[data-add]')?.focus());
    }
  }

  // --------------------------------------------------------------------------------- rendering

  /**
   * A finding's field as the form labels it: the pack's own label (describe's `data.labels`, for
   * validate or for every operation), else the checker's, else the widgets' (fieldLabel), else
   * its name humanized (`supplierName`: "Supplier name").
   */
  label(name) {
    const own = packFieldLabel(this.effectiveLocale, name, this._describe?.data, 'validate');
    if (own) return own;
    const key = `f_${name}`;
    const s = this.t(key);
    return s === key ? fieldLabel(this.effectiveLocale, name, this._describe?.data, 'validate') : s;
  }

  stateLabel(state) {
    if (!state) return this.t('state_draft');
    const key = `state_${state}`;
    const s = this.t(key);
    return s === key ? humanize(state).toLowerCase() : s;
  }

  render() {
    const status = this.renderStatus('validate');
    const scheme = this.effectiveScheme('validate');
    return html`<div class="base" part="base" lang=${this.effectiveLocale} @focusin=${() => this.loadFull({ early: true })}>
      <h2 id="${this.uid}-title">${this.t('checkerTitle')}</h2>
      ${status ?? html`
        ${this.renderPicker('validate', scheme)}
        ${this._fullError ? this.renderLoadError(this._fullError) : nothing}
        ${this._validateSpec ? nothing : html`<div class="notice" role="status" part="notice">${this.t('checksUnavailable')} ${this._unsupported?.message ?? ''}</div>`}
        ${this._storageOk ? html`<p class="muted">${this.t('autosaved')}</p>` : html`<p class="notice warning" role="alert">${this.t('storageUnavailable')}</p>`}
        ${this.renderAudit()}
        ${this.renderToolbar()}
        ${this.renderSubmissionIssues()}
        ${this.renderTable()}
        ${this._selected >= 0 && this._selected < this._doc.findings.length ? this.renderEditor(this._selected) : nothing}
        ${this.renderPrintFindings()}
        ${this._status2 ? html`<p class="notice ${this._status2.error ? 'error' : this._status2.notes?.some(([k]) => !INFO_NOTES.has(k)) ? 'warning' : 'ok'}" part="status" aria-hidden="true">${this.statusText()}</p>` : nothing}
        ${this.renderDialog()}`}
      ${this.renderLive([this.statusText(), this._live].filter(Boolean).join(' '))}
    </div>`;
  }

  renderAudit() {
    const l = this.effectiveLocale;
    const fields = this.auditFields;
    const typeValues = this.auditTypes;
    void fields;
    const stageValues = this._validateSpec?.find((f) => f.name === 'stage')?.values;
    // What is wrong with an audit entry: the request's error at its path, or the pack's issues on
    // the submission that name it (field "audit/lastDay"), next to the input as well as above.
    // Without findings, the audit's own check, said only at entries the user has been to.
    const answer = this.validation ?? this._auditAnswer;
    const err = answer?.error;
    const visited = (p) => !this._auditPristine.has(p.slice('/audit/'.length));
    const issuesAt = (p) => (answer === this._auditAnswer && !visited(p) ? [] : this.unreadDate(p)
      ? [...(answer?.issues || []).filter((i) => `/${i.field}` === p && i.severity === 'warning').map((i) => this.labelledIssue(i, false)), this.dateWords(null, p)]
      : [
          ...(err && err.path === p ? [{ message: this.labelled(err.message, p), severity: 'error' }] : []),
          ...(answer?.issues || []).filter((i) => `/${i.field}` === p).map((i) => this.labelledIssue(i, false)),
        ]);
    const errAt = (p) => {
      const list = issuesAt(p);
      return list.length ? html`<div id="${this.uid}-err${p.replace(/\//g, '-')}">${list.map((i) => html`<p class="msg ${i.severity === 'warning' ? 'warning' : 'error'}" part="${i.severity === 'warning' ? 'warning' : 'error'}">${i.message}</p>`)}</div>` : nothing;
    };
    const inv = (p) => (visited(p) && issuesAt(p).some((i) => i.severity !== 'warning') ? 'true' : 'false');
    const desc = (p) => (issuesAt(p).length ? `${this.uid}-err${p.replace(/\//g, '-')}` : nothing);
    // Leaving an entry counts as having been there.
    const left = (e) => {
      const key = /** @type {HTMLElement} */ (e.target).closest?.('[data-audit]')?.getAttribute('data-audit');
      if (key && this._auditPristine.delete(key)) this.requestUpdate();
    };
    return html`<div class="card grid" part="audit" @focusout=${left}>
      ${this.auditFields?.some((f) => f.name === 'firstDay') ? html`<div class="field" data-audit="firstDay"><label for="${this.uid}-a-firstDay">${this.t('auditFirstDay')}</label>
        ${dateInput({ id: `${this.uid}-a-firstDay`, value: this.dateText('audit/firstDay', this._doc.audit.firstDay), locale: l, label: this.t('auditFirstDay'),
          invalid: inv('/audit/firstDay') === 'true', describedBy: desc('/audit/firstDay'),
          onValue: (v) => this.setAudit('firstDay', v) })}${errAt('/audit/firstDay')}</div>` : nothing}
      <div class="field" data-audit="lastDay"><label for="${this.uid}-a-lastDay">${this.t('auditLastDay')}</label>
        ${dateInput({ id: `${this.uid}-a-lastDay`, value: this.dateText('audit/lastDay', this._doc.audit.lastDay), locale: l, label: this.t('auditLastDay'),
          invalid: inv('/audit/lastDay') === 'true', describedBy: desc('/audit/lastDay'),
          onValue: (v) => this.setAudit('lastDay', v) })}${errAt('/audit/lastDay')}</div>
      <div class="field" data-audit="type"><label for="${this.uid}-a-type">${this.t('auditType')}</label>
        <select id="${this.uid}-a-type" part="input" aria-invalid=${inv('/audit/type')} aria-describedby=${desc('/audit/type')}
          @change=${(e) => this.setAudit('type', e.target.value)}>
          <option value="" .selected=${!this._doc.audit.type}>${this.t('choose')}</option>
          ${typeValues.map((v) => html`<option value=${v} .selected=${this._doc.audit.type === v}>${valueLabel(l, 'auditType', v, this._describe?.data)}</option>`)}
        </select>${errAt('/audit/type')}</div>
      ${stageValues ? html`<div class="field"><label for="${this.uid}-a-stage">${this.t('stage')}</label>
        <select id="${this.uid}-a-stage" part="input" @change=${(e) => this.setStage(e.target.value)}>
          <option value="" .selected=${!this._doc.stage}>${this.t('stageAll')}</option>
          ${stageValues.map((v) => html`<option value=${v} .selected=${this._doc.stage === v}>${this.t('stage_' + v) === 'stage_' + v ? v : this.t('stage_' + v)}</option>`)}
        </select></div>` : nothing}
    </div>`;
  }

  renderToolbar() {
    const v = this.validation;
    const n = v?.submit?.allowed ? (v.submit.findings || []).length : 0;
    return html`<div class="toolbar" part="toolbar">
      <button type="button" class="primary" part="button" data-add @click=${() => this.addFinding()}>${this.t('addFinding')}</button>
      <label class="file" part="button"><input type="file" accept=".json,.csv,application/json,text/csv"
        @change=${(e) => this.importFile(e.target)} /><span>${this.t('importFile')}</span></label>
      <button type="button" part="button" @click=${() => this.exportJson()} ?disabled=${!this._doc.findings.length}>${this.t('exportJson')}</button>
      <button type="button" part="button" @click=${() => this.exportCsv()} ?disabled=${!this._doc.findings.length}>${this.t('exportCsv')}</button>
      <span class="grow"></span>
      <button type="button" class="primary" part="button" data-submit ?disabled=${n === 0} @click=${() => this.submit()}>${this.t('submit', { n })}</button>
      <button type="button" class="danger" part="button" data-clear ?disabled=${!this._doc.findings.length && !this._doc.audit.lastDay}
        @click=${() => this.askClearAll()}>${this.t('clearAll')}</button>
    </div>`;
  }

  renderSubmissionIssues() {
    const v = this.validation;
    if (!v) return nothing;
    if (v.error) {
      const m = /^\/findings\/(\d+)/.exec(v.error.path || '');
      return html`<div class="notice error" role="alert" part="error">${m ? html`${this._doc.findings[Number(m[1])]?.id}: ` : nothing}${this.unreadDate(v.error.path) ?? this.tooLongAt(v.error.path) ?? this.labelled(v.error.message, v.error.path)}</div>`;
    }
    const list = (Array.isArray(v.issues) ? v.issues : []).map((i) => this.dateWords(i, `/${i.field ?? ''}`));
    if (!list.length) return nothing;
    return html`<div class="notice ${list.some((i) => i.severity !== 'warning') ? 'error' : 'warning'}" part="error">
      <strong>${this.t('submissionIssues')}</strong>
      <ul>${list.map((i) => html`<li class=${i.severity || 'error'}>${this.labelledIssue(i, false).message}${i.rule ? html` <cite class="cite" lang=${packLang(this.effectiveLocale)}>(${i.rule})</cite>` : nothing}${this.renderOutside(i)}</li>`)}</ul></div>`;
  }

  renderTable() {
    const findings = this._doc.findings;
    if (!findings.length) return html`<p class="muted" part="empty">${this.t('noFindings')}</p>`;
    const l = this.effectiveLocale;
    return html`<div class="scroll"><table part="table"><caption>${this.t('findings')} (${findings.length})</caption>
      <thead><tr><th scope="col">${this.t('f_id')}<span class="narrow-only"> / ${this.t('f_grade')} / ${this.t('f_state')}</span></th><th scope="col" class="col-clause">${this.t('f_clause')}</th><th scope="col" class="col-grade">${this.t('f_grade')}</th>
        <th scope="col" class="col-state">${this.t('f_state')}</th><th scope="col">${this.t('check')}</th><th scope="col">${this.t('nextDeadline')}</th>
        <th scope="col" class="col-actions"><span class="sr-only">${this.t('actions')}</span></th></tr></thead>
      <tbody>${findings.map((f, i) => {
        const r = this.resultFor(i);
        const issues = [...this.issuesFor(i).values()].flat();
        const errors = issues.filter((x) => (x.severity || 'error') === 'error').length;
        const warnings = issues.filter((x) => x.severity === 'warning').length;
        // The date the client must send by, where the pack gives one; else the nearest of the
        // client's own deadlines, else the body's next step (shown as a date, never as late).
        const dated = this.deadlinesFor(i).filter((d) => typeof d.daysLeft === 'number').sort((a, b) => a.daysLeft - b.daysLeft);
        const next = r?.sendBy && typeof r.sendBy.daysLeft === 'number'
          ? { daysLeft: r.sendBy.daysLeft, dueDate: r.sendBy.date }
          : dated.find((d) => d.party !== 'body') ?? dated.find((d) => d.daysLeft >= 0) ?? dated[dated.length - 1];
        const state = r?.state ?? f.state;
        return html`<tr class="${i === this._selected ? 'selected' : ''} ${/submitted|confirmed|closed/.test(state || '') ? 'submitted' : ''}" data-id=${f.id}>
          <th scope="row" class=${f.id.length <= 12 ? 'short-id' : ''}><span class="id-text">${f.id}</span><button type="button" part="button" class="id-edit" id="${this.uid}-id-edit-${i}"
            aria-label=${this.t('edit', { id: f.id })} aria-expanded=${i === this._selected ? 'true' : 'false'}
            @click=${() => (i === this._selected ? this.closeEditor() : this.select(i))}>${f.id}</button>${f.grade
            ? html`<span class="narrow-only id-grade">${valueLabel(l, 'grade', f.grade, this._describe?.data)}</span>` : nothing}<span class="narrow-only id-state" data-state=${state || ''}>${this.stateLabel(state)}</span></th><td class="col-clause">${f.clause}</td><td class="col-grade">${f.grade ? valueLabel(l, 'grade', f.grade, this._describe?.data) : ''}</td>
          <td class="col-state" data-state=${state || ''}>${this.stateLabel(state)}</td>
          <td><span class="issues-count">
            ${r?.ready ? html`<span class="badge ok" data-ready>${this.t('ready')}</span>` : this._validateSpec && r ? html`<span class="badge">${this.t('notReady')}</span>` : nothing}
            ${errors ? html`<span class="badge error">${this.t('errorsCount', { n: errors })}</span>` : nothing}
            ${warnings ? html`<span class="badge warning">${this.t('warningsCount', { n: warnings })}</span>` : nothing}</span></td>
          <td>${next ? html`<span class=${next.party === 'body' ? 'muted' : next.daysLeft < 0 ? 'badge error' : next.daysLeft <= 7 ? 'badge warning' : ''}
            data-party=${next.party ?? 'client'}>${formatDaysLeft(l, next.daysLeft, next.party)}</span>
            <span class="muted due-date">${formatDate(l, next.dueDate || next.to)}</span>` : ''}</td>
          <td class="col-actions"><button type="button" part="button" id="${this.uid}-edit-${i}" aria-expanded=${i === this._selected ? 'true' : 'false'}
            @click=${() => (i === this._selected ? this.closeEditor() : this.select(i))}>${this.t('edit', { id: f.id })}</button></td>
        </tr>`;
      })}</tbody></table></div>`;
  }

  /**
   * Every finding's response as printed: its id, each field the editor shows (texts whole), its
   * state, deadlines and evidence names, one finding after another. Print only, and drawn only
   * once printing has started (showPrintView): a hidden copy of every text would weigh on every
   * keystroke's render for nothing.
   */
  renderPrintFindings() {
    const findings = this._doc.findings;
    if (!this._printView || !findings.length) return nothing;
    const l = this.effectiveLocale;
    const names = TEXT_FIELDS.filter((n) => n !== 'id' && (!this._validateSpec || this.itemField(n)));
    const value = (f, n) => {
      const v = f[n] ?? '';
      if (v === '') return this.t('none');
      if (n === 'grade' || this.itemField(n)?.type === 'enum') return valueLabel(l, n, v, this._describe?.data);
      return this.isDate(n) ? formatDate(l, v) : v;
    };
    return html`<div class="print-only print-findings" part="print-findings">
      <h3>${this.t('printFindingsTitle')}</h3>
      ${findings.map((f, i) => {
        const r = this.resultFor(i);
        const deadlines = this.deadlinesFor(i);
        return html`<section class="print-finding" part="print-finding" data-id=${f.id}>
          <h4>${this.t('editing', { id: f.id })}</h4>
          <dl>
            <dt>${this.t('f_state')}</dt><dd>${this.stateLabel(r?.state ?? f.state)}</dd>
            ${names.map((n) => html`<dt>${this.label(n)}</dt><dd class=${LONG.has(n) ? 'print-text' : ''} part=${LONG.has(n) ? 'print-text' : nothing} data-field=${n}>${value(f, n)}</dd>`)}
            ${r?.sendBy || deadlines.length ? html`<dt>${this.t('f_deadlines')}</dt><dd><ul>
              ${r?.sendBy ? html`<li>${r.sendBy.message}</li>` : nothing}
              ${deadlines.map((d) => html`<li>${deadlineName(d)}${bodyStepMark(l, d)}: ${deadlineWhen(l, d)}</li>`)}</ul></dd>` : nothing}
            <dt>${this.t('f_evidence')}</dt><dd data-field="evidence">${f.evidence.length
              ? html`<ul>${f.evidence.map((e) => html`<li>${e.name || this.t('none')}</li>`)}</ul>` : this.t('none')}</dd>
          </dl>
        </section>`;
      })}
    </div>`;
  }

  renderInput(i, name, issues, sent = false) {
    const f = this._doc.findings[i];
    const spec = this.itemField(name) || CONTRACT_FIELDS.find((x) => x.name === name);
    const id = `${this.uid}-e-${name}`;
    const list = issues.get(name) || [];
    const invalid = list.some((x) => (x.severity || 'error') === 'error') && !this.isPristine(i, name);
    const helpId = spec?.help || spec?.rule ? `${id}-help` : '';
    const msgId = list.length ? `${id}-msg` : '';
    const describedBy = [helpId, msgId].filter(Boolean).join(' ') || nothing;
    const l = this.effectiveLocale;
    const on = (e) => this.setField(i, name, e.target.value);
    let control;
    if (name === 'grade' && spec?.type !== 'enum') {
      control = html`<select id=${id} part="input" ?disabled=${sent} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${describedBy} @change=${on}>
        <option value="" .selected=${!f[name]}>${this.t('choose')}</option>
        ${(this.grades.includes(f[name]) || !f[name] ? this.grades : [...this.grades, f[name]]).map((v) => html`<option value=${v} .selected=${f[name] === v}>${valueLabel(l, name, v, this._describe?.data)}</option>`)}</select>`;
    } else if (spec?.type === 'enum') {
      control = html`<select id=${id} part="input" ?disabled=${sent} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${describedBy} @change=${on}>
        <option value="" .selected=${!f[name]}>${this.t('choose')}</option>
        ${(spec.values || []).map((v) => html`<option value=${v} .selected=${f[name] === v}>${valueLabel(l, name, v, this._describe?.data)}</option>`)}</select>`;
    } else if (spec?.type === 'date' || DATES.has(name)) {
      control = dateInput({ id, value: this.dateText(`${i}/${name}`, f[name]), locale: l, label: this.label(name), invalid, describedBy, readonly: sent, onValue: (v) => this.setField(i, name, v) });
    } else if (LONG.has(name) || (!SHORT.has(name) && (spec?.maxLength ?? 0) > 300)) {
      // No maxlength: the browser would cut a longer paste without a word, and the user lose the
      // rest. The text is kept whole and the length refused in words (tooLong).
      control = html`<textarea id=${id} part="input" rows="3" ?readonly=${sent} .value=${f[name] ?? ''}
        aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${describedBy} @input=${on}></textarea>`;
    } else {
      control = html`<input id=${id} part="input" type="text" ?readonly=${sent} .value=${f[name] ?? ''}
        aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${describedBy} @input=${on} />`;
    }
    return html`<div class="field ${LONG.has(name) ? 'long' : ''}" part="field" data-field=${name}>
      <label for=${id} part="label">${this.label(name)}</label>
      ${control}
      ${helpId ? html`<p class="help" id=${helpId}>${spec.help || ''}${spec.rule ? html` <cite class="cite" lang=${packLang(l)}>(${spec.rule})</cite>` : nothing}</p>` : nothing}
      ${list.length ? html`<div id=${msgId}>${list.map((x) => this.renderIssue(x))}</div>` : nothing}
    </div>`;
  }

  renderIssue(x) {
    const sev = x.severity === 'warning' ? 'warning' : 'error';
    return html`<p class="msg ${sev}" part=${sev} data-code=${x.code || ''}>${x.message}${x.rule ? html`<cite class="cite" lang=${packLang(this.effectiveLocale)}>(${x.rule})</cite>` : nothing}${this.renderOutside(x)}</p>`;
  }

  /**
   * The documents an issue cites that are not the scheme's own, by their short titles. The
   * scheme's own documents are those its operations are founded on: what the `rule` of each
   * operation in describe cites. A check the packs share (rules/shared/form-quality-checks.json)
   * cites others' too: on a BRCGS finding the ProCert portal FAQ (copy, blame and length checks)
   * and the A CERT FSSC 22000 regulation (the clause check). A source with neither a file nor an
   * address is named by no answer as a document (certcalc's own policies, "certcalc policy: ...").
   * Nothing when the pack's operations cite no document (nothing to tell its own by).
   */
  outsideSources(issue) {
    const cites = Array.isArray(issue?.cites) ? issue.cites : [];
    const own = this.ownDocuments();
    if (!cites.length || !own.size) return [];
    const sources = Array.isArray(this._describe?.scheme?.sources) ? this._describe.scheme.sources : [];
    const names = [];
    for (const c of cites) {
      if (own.has(c)) continue;
      const src = sources.find((s) => s && (s.file ?? s.url) === c);
      const name = src && (src.short || src.title);
      if (name && !names.includes(name)) names.push(name);
    }
    return names;
  }

  /** What the pack's operations cite (describe: each operation's `rule`): the scheme's own documents. */
  ownDocuments() {
    const d = this._describe;
    if (this._own?.describe !== d) {
      const set = new Set();
      for (const op of Object.values(d?.operations || {})) for (const c of Array.isArray(op?.cites) ? op.cites : []) set.add(c);
      this._own = { describe: d, set };
    }
    return this._own.set;
  }

  /** Under an issue citing documents outside the scheme: which ones. */
  renderOutside(x) {
    const names = this.outsideSources(x);
    return names.length
      ? html`<span class="outside" data-outside>${this.t('outsideScheme', { n: names.length })} <span lang=${packLang(this.effectiveLocale)}>${names.join('; ')}</span></span>`
      : nothing;
  }

  renderEditor(i) {
    const f = this._doc.findings[i];
    const issues = this.issuesFor(i);
    const r = this.resultFor(i);
    const names = TEXT_FIELDS.filter((n) => !this._validateSpec || this.itemField(n));
    const shown = new Set([...names, 'evidence']);
    const other = [...issues.entries()].filter(([k]) => !shown.has(k) && !k.startsWith('evidence/') && k !== 'evidence');
    const canReady = !!r?.actions?.some((a) => a.action === 'ready');
    const sent = this.isSent(i);
    // Why Ready to send is off: errors (or no answer yet), or the finding is ready already.
    const hasErrors = [...issues.values()].flat().some((x) => (x.severity || 'error') === 'error');
    const hint = sent ? this.t('sentLocked') : canReady ? '' : !this._validateSpec ? this.t('checksUnavailable') : hasErrors || !r ? this.t('readyHint') : r.ready || r.state === 'ready' ? this.t('readyAlready') : '';
    // Saving is local: always possible unless the pack's answer leaves it out (e.g. once submitted).
    const canSave = !r || !!r.actions?.some((a) => a.action === 'save');
    const l = this.effectiveLocale;
    const deadlines = this.deadlinesFor(i);
    // Leaving a field counts as having been there (see _pristine).
    const left = (e) => {
      const el = /** @type {HTMLElement} */ (e.target);
      const key = el.closest?.('[data-touch]')?.getAttribute('data-touch') ?? el.closest?.('.field[data-field]')?.getAttribute('data-field');
      if (key) this.touch(i, key);
    };
    return html`<div class="card editor" part="editor" role="region" aria-labelledby="${this.uid}-editor-title" @focusout=${left}>
      <div class="row spread"><h3 id="${this.uid}-editor-title" tabindex="-1" aria-describedby="${this.uid}-editor-state">${this.t('editing', { id: f.id })}</h3>
        <span class="badge" id="${this.uid}-editor-state" data-state=${r?.state ?? f.state ?? ''}>${this.stateLabel(r?.state ?? f.state)}</span></div>
      ${other.length ? html`<div class="notice warning"><strong>${this.t('otherIssues')}</strong>${other.flatMap(([, list]) => list).map((x) => this.renderIssue(x))}</div>` : nothing}
      ${r?.sendBy ? html`<p class="send-by" part="send-by" data-basis=${r.sendBy.basis}>${r.sendBy.message}${typeof r.sendBy.daysLeft === 'number'
        ? html` · <span data-days-left=${r.sendBy.daysLeft}>${formatDaysLeft(l, r.sendBy.daysLeft)}</span>` : nothing}${r.sendBy.rule ? html` <cite class="cite" lang=${packLang(l)}>(${r.sendBy.rule})</cite>` : nothing}</p>` : nothing}
      ${deadlines.length ? html`<ul class="deadlines" part="deadlines">${deadlines.map((d) => html`<li>
        <strong>${deadlineName(d)}</strong>${bodyStepMark(l, d)}: ${deadlineWhen(l, d)}
        ${typeof d.daysLeft === 'number' ? html`· <span data-days-left=${d.daysLeft}>${formatDaysLeft(l, d.daysLeft, d.party)}</span>` : nothing}${d.rule ? html` <cite class="cite" lang=${packLang(l)}>(${d.rule})</cite>` : nothing}</li>`)}</ul>` : nothing}
      <div class="grid">${names.map((n) => this.renderInput(i, n, issues, sent))}</div>
      ${!this._validateSpec || this.itemField('evidence') ? this.renderEvidence(i, issues, sent) : nothing}
      <div class="row">
        <button type="button" part="button" data-action="save" ?disabled=${!canSave} @click=${() => this.act(i, 'save')}>${this.t('saveForLater')}</button>
        <button type="button" class="primary" part="button" data-action="ready" ?disabled=${!canReady}
          aria-describedby=${hint ? `${this.uid}-ready-hint` : nothing} @click=${() => this.act(i, 'ready')}>${this.t('readyToSend')}</button>
        <button type="button" part="button" @click=${() => this.closeEditor()}>${this.t('close')}</button>
        <span class="grow"></span>
        <button type="button" class="danger" part="button" @click=${() => this.askDelete(i)}>${this.t('deleteFinding')}</button>
      </div>
      ${hint ? html`<p class="muted" id="${this.uid}-ready-hint" data-hint>${hint}</p>` : nothing}
    </div>`;
  }

  renderEvidence(i, issues, sent = false) {
    const f = this._doc.findings[i];
    const top = issues.get('evidence') || [];
    const cell = (j, key, type) => {
      const path = `evidence/${j}/${key}`;
      const list = issues.get(path) || [];
      const id = `${this.uid}-ev-${j}-${key}`;
      const label = `${this.t(key === 'name' ? 'evidenceName' : key === 'mediaType' ? 'evidenceType' : 'evidenceBytes')} ${j + 1}`;
      // Sizes in a text input too (fields.js: a number input loses what it cannot read yet).
      const value = key === 'bytes' ? this.bytesText(i, j) : String(f.evidence[j][key] ?? '');
      // The visible label of a stacked row on a phone; the input's own name says the row.
      return html`<td><span class="cell-label" aria-hidden="true">${this.t(EVIDENCE_LABELS[key])}</span><input id=${id} type="text" ?readonly=${sent} inputmode=${type === 'number' ? 'numeric' : nothing} aria-label=${label} .value=${value}
          data-touch=${path} aria-invalid=${list.some((x) => x.severity !== 'warning') && !this.isPristine(i, path) ? 'true' : 'false'}
          aria-describedby=${list.length ? `${id}-msg` : nothing} @input=${(e) => this.setEvidence(i, j, key, e.target.value)} />
        ${list.length ? html`<div id="${id}-msg">${list.map((x) => this.renderIssue(x))}</div>` : nothing}</td>`;
    };
    return html`<fieldset class="evidence" part="field" data-field="evidence"><legend>${this.t('f_evidence')}</legend>
      <p class="help">${this.t('evidenceNote')}</p>
      ${top.map((x) => this.renderIssue(x))}
      ${f.evidence.length ? html`<div class="scroll" tabindex="0" role="region" aria-label=${this.t('f_evidence')}><table><thead><tr><th scope="col">${this.t('evidenceName')}</th><th scope="col">${this.t('evidenceType')}</th>
        <th scope="col">${this.t('evidenceBytes')}</th>${sent ? nothing : html`<th scope="col"><span class="sr-only">${this.t('actions')}</span></th>`}</tr></thead>
        <tbody>${f.evidence.map((_, j) => html`<tr>${cell(j, 'name', 'text')}${cell(j, 'mediaType', 'text')}${cell(j, 'bytes', 'number')}
          ${sent ? nothing : html`<td><button type="button" class="danger" part="button" @click=${() => this.removeEvidence(i, j)}>${this.t('removeEvidence', { n: j + 1 })}</button></td>`}</tr>`)}</tbody></table></div>` : nothing}
      ${sent ? nothing : html`<div class="row">
        <label class="file" part="button"><input type="file" multiple @change=${(e) => {
          this.addEvidenceFiles(i, [...(e.target.files || [])]);
          e.target.value = '';
        }} /><span>${this.t('addEvidenceFiles')}</span></label>
        <button type="button" part="button" data-add-evidence @click=${() => this.addEvidenceRow(i)}>${this.t('addEvidenceRow')}</button>
      </div>`}
    </fieldset>`;
  }

  renderDialog() {
    const c = this._confirm;
    if (!c) return nothing;
    const all = c.kind === 'all';
    const id = all ? '' : this._doc.findings[c.index]?.id;
    return html`<dialog part="dialog" aria-labelledby="${this.uid}-dlg-title" aria-describedby="${this.uid}-dlg-text"
        @cancel=${(e) => {
          e.preventDefault();
          this.confirm(false);
        }}>
      <h3 id="${this.uid}-dlg-title">${all ? this.t('confirmClearTitle') : this.t('confirmDeleteTitle', { id })}</h3>
      <p id="${this.uid}-dlg-text">${all ? this.t('confirmClearText', { n: this._doc.findings.length }) : ''}</p>
      <div class="row">
        <button type="button" part="button" data-cancel @click=${() => this.confirm(false)}>${this.t('cancel')}</button>
        <button type="button" class="danger primary" part="button" data-confirm @click=${() => this.confirm(true)}>${all ? this.t('confirmClearYes') : this.t('confirmDeleteYes')}</button>
      </div>
    </dialog>`;
  }
}
