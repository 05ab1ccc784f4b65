// What every certcalc widget shares: the shared module, the scheme and locale attributes, the
// page locale, the scheme picker, and events that bubble out of the shadow root.
import { LitElement, html, nothing } from 'lit';
import {
  getCertcalc, getPageLocale, onPageLocaleChange, onPacksChange, normalizeLocale, localToday, isPrepared, prepare, warnUnsupportedLocale,
} from './core.js';
import { loadErrorDetail, loadTranslations, localizedDates, t } from './i18n.js';
import { baseStyles } from './styles.js';

/**
 * The lang attribute of a text a rule pack wrote (its title, publisher, citations): the packs'
 * texts are English (docs/api.md, "Rule assets"; a pack's `language` is that of its source
 * documents), so on a widget in another language they are marked `lang="en"`.
 */
export function packLang(locale) {
  return locale && locale !== 'en' ? 'en' : nothing;
}

/**
 * " (the certification body's step)" after the name of a deadline that is the body's (its
 * `party`), so that no one reads it as the client's own; nothing for the client's.
 */
export function bodyStepMark(locale, d) {
  return d.party === 'body' ? html` <span class="muted" data-party="body">(${t(locale, 'bodyStep')})</span>` : nothing;
}

/** How long typing must pause before a new answer is said in the live region (ms). */
const ANNOUNCE_DELAY = 350;

/** The scheme a widget without a `scheme` attribute uses, when loaded: the current FSSC 22000. */
export const DEFAULT_SCHEME = 'fssc22000-6';

let uid = 0;

/**
 * The base of the three calculators (duration quote, grade and dates, submission checker): the
 * scheme and locale attributes, the page locale, the scheme picker, loading states and events.
 * What it documents here every one of them has (custom-elements.json lists it on each).
 *
 * @property {'en' | 'nl' | 'it' | 'de' | 'fr'} effectiveLocale - the locale shown now (a new one shows once its messages are loaded; read only)
 * @property {Promise<boolean>} updateComplete - resolves once the widget shows what it was asked for: its pack and locale loaded and drawn (read only)
 * @csspart picker - the scheme picker (with its label and input)
 * @csspart label - a field's label
 * @csspart input - an input or select
 * @csspart button - a button
 * @csspart error - an error message (a field's, the core's, or what could not be loaded)
 * @csspart retry - the button that fetches a rule asset again after it could not be loaded (with button)
 * @csspart status - what the widget is doing (loading; the checker: what an action did)
 * @cssprop [--certcalc-font-family=system-ui] - all text
 * @cssprop [--certcalc-font-size=1rem] - the base size
 * @cssprop [--certcalc-color-text=#1f2328] - text
 * @cssprop [--certcalc-color-background=#ffffff] - element and card background
 * @cssprop [--certcalc-color-surface=#f4f6f8] - figure cards, table headers, buttons
 * @cssprop [--certcalc-color-border=#c4ccd5] - borders, inputs
 * @cssprop [--certcalc-color-muted=#57606a] - help texts, citations
 * @cssprop [--certcalc-color-accent=#0b5cad] - total card, grade, primary buttons
 * @cssprop [--certcalc-color-accent-contrast=#ffffff] - text on the accent
 * @cssprop [--certcalc-color-input-background=#ffffff] - inputs
 * @cssprop [--certcalc-color-error=#b42318] - errors, invalid inputs, danger buttons
 * @cssprop [--certcalc-color-warning=#6b4500] - warning text
 * @cssprop [--certcalc-color-warning-background=#fff4d6] - warning notices
 * @cssprop [--certcalc-color-success=#1a7f37] - ready badges
 * @cssprop [--certcalc-focus-color=#0b5cad] - the 3px focus ring
 * @cssprop [--certcalc-radius=6px] - corners
 * @cssprop [--certcalc-spacing=0.75rem] - gaps
 */
export class CertcalcElement extends LitElement {
  static styles = [baseStyles];

  /** Whether the element needs the full module (validate): a page it starts loads that alone. */
  static _fullModule = false;

  static properties = {
    /** Rule pack id, e.g. `fssc22000-5.1`. Empty: the first loaded pack that answers the widget's operation. */
    scheme: { type: String, reflect: true },
    /** en, nl, it, de or fr. Empty: the page locale (the locale switcher, else `<html lang>`, else en). */
    locale: { type: String, reflect: true },
    /** Hides the scheme picker (a portal that embeds one scheme). */
    hidePicker: { type: Boolean, attribute: 'hide-picker', reflect: true },
    /** The date the widget treats as today, YYYY-MM-DD (default: the browser's local date). */
    today: { type: String, reflect: true },
    _status: { state: true },
    _loadError: { state: true },
    _pageLocale: { state: true },
    _packs: { state: true },
    _live: { state: true },
  };

  constructor() {
    super();
    this.scheme = '';
    /** @type {'en' | 'nl' | 'it' | 'de' | 'fr' | ''} */
    this.locale = '';
    this.hidePicker = false;
    this.today = '';
    this._status = 'loading';
    this._loadError = null;
    this._pageLocale = getPageLocale();
    this._packs = 0;
    /** @type {import('../../wasm/certcalc.d.ts').Certcalc | null} */
    this.cc = null;
    /** @type {any[]} */
    this.schemeList = [];
    this.uid = `cc${++uid}`;
    /** The scheme and locale on screen: their pack and messages are loaded. @type {{scheme: string, locale: string} | null} */
    this._shown = null;
    this._preparing = '';
    this._failed = '';
    /** What the live region says; it is in the shadow root from the first render. */
    this._live = '';
    this._liveNote = '';
    this._liveTimer = 0;
  }

  connectedCallback() {
    super.connectedCallback();
    this._unsubs = [
      onPageLocaleChange((l) => {
        this._pageLocale = l;
      }),
      onPacksChange(() => {
        this._packs++;
        this.loadSchemes();
      }),
    ];
    if (!this.cc) this.loadModule();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    for (const u of this._unsubs || []) u();
    clearTimeout(this._liveTimer);
  }

  /**
   * The widget's one polite live region, present from the first render (a region added together
   * with its text is not read out): short labelled sentences, never the whole answer.
   */
  renderLive(text = this._liveLocale === this.effectiveLocale ? this._live : '') {
    return html`<p class="sr-only" role="status">${text}</p>`;
  }

  /** What the user just did ("Finding NC-2 removed."), said before the next answer's summary. */
  noteAction(text) {
    this._liveNote = text;
  }

  /**
   * Says `summary` (the new answer in one labelled sentence) in the live region once typing
   * pauses, after any noted action (said at once).
   */
  announce(summary = '') {
    const text = [this._liveNote, summary].filter(Boolean).join(' ');
    const now = Boolean(this._liveNote);
    this._liveNote = '';
    clearTimeout(this._liveTimer);
    // Said in the locale it was written in: once the widget shows another, the region is emptied
    // rather than left holding the old language (renderLive).
    const locale = this.effectiveLocale;
    const say = () => {
      this._live = text;
      this._liveLocale = locale;
    };
    if (now) say();
    else this._liveTimer = setTimeout(say, ANNOUNCE_DELAY);
  }

  async loadModule() {
    this._status = 'loading';
    try {
      this.cc = await getCertcalc(() => ({ scheme: this.scheme, locale: this.wantedLocale }), { full: this.constructor._fullModule });
      if (this.scheme) {
        // The core compiles a pack when a request first names it, and `schemes` compiles them
        // all: a widget that knows its scheme computes first and fills its picker afterwards.
        this._status = 'ready';
        await this.updateComplete;
        setTimeout(() => this.loadSchemes(), 0);
      } else {
        this.loadSchemes();
        this._status = 'ready';
      }
    } catch (e) {
      this._status = 'error';
      this._loadError = e;
      // The alert's texts are in the bundle; the rest of the widget (its title) follows the
      // locale asked for once that locale's strings are in, should they load.
      loadTranslations(this.wantedLocale).then(() => this.requestUpdate(), () => {});
    }
  }

  loadSchemes() {
    if (!this.cc) return;
    const answer = this.cc.schemes({});
    this.schemeList = Array.isArray(answer?.schemes) ? answer.schemes : [];
    this.requestUpdate();
  }

  /** The locale asked for: the attribute, else the page locale. */
  get wantedLocale() {
    const own = normalizeLocale(this.locale);
    if (!own && this.locale) warnUnsupportedLocale(this, this.locale);
    return own || this._pageLocale || 'en';
  }

  /**
   * The locale this widget answers in: the one asked for once its messages are loaded (until
   * then the widget keeps showing the previous one).
   */
  get effectiveLocale() {
    return this.settle(this._wantedScheme ?? this.scheme ?? '', this.wantedLocale).locale;
  }

  /**
   * The scheme and locale to show: the wanted ones when their rule assets are loaded, else what
   * is shown now, while they load (each pack and locale is fetched when first needed).
   */
  settle(scheme, locale) {
    if (isPrepared(scheme, locale)) {
      this._shown = { scheme, locale };
      return this._shown;
    }
    const key = `${scheme}|${locale}`;
    if (this._status === 'ready' && this._preparing !== key) {
      this._preparing = key;
      const done = prepare(scheme, locale).then(
        () => this.requestUpdate(),
        (e) => {
          if (this._preparing !== key) return;
          this._failed = key;
          this._loadError = e;
          this._status = 'error';
          // Its strings may have loaded after all (the pack failed): the title follows them.
          loadTranslations(locale).then(() => this.requestUpdate(), () => {});
        },
      );
      this._pendingPrepare = done;
      done.then(() => {
        if (this._pendingPrepare === done) this._pendingPrepare = null;
      });
    }
    return this._shown || { scheme: '', locale };
  }

  /** Resolves once the widget shows what it was asked for: its pack and locale loaded and drawn. */
  async getUpdateComplete() {
    let result = await super.getUpdateComplete();
    while (this._pendingPrepare) {
      await this._pendingPrepare;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  shouldUpdate(changed) {
    // A pack or locale that failed to load is tried again when the widget is asked for another.
    if (this._status === 'error' && this._failed && ['scheme', 'locale', '_pageLocale', '_packs'].some((k) => changed.has(k))) {
      this._failed = '';
      this._preparing = '';
      this._status = 'ready';
    }
    return super.shouldUpdate(changed);
  }

  /** The date used as today. */
  get effectiveToday() {
    return /^\d{4}-\d{2}-\d{2}$/.test(this.today || '') ? this.today : localToday();
  }

  /**
   * The pack the widget uses: the attribute, else the default scheme when it answers `op`, else
   * the first that answers `op`, else the first.
   */
  effectiveScheme(op) {
    const list = this.schemeList;
    const answers = (s) => (s.capabilities || []).includes(op);
    const want = this.scheme || (list.find((s) => s.id === DEFAULT_SCHEME && answers(s)) || list.find(answers) || list[0])?.id || '';
    this._wantedScheme = want;
    return this.settle(want, this.wantedLocale).scheme;
  }

  /** A scheme as the picker names it ("BRCGS Food Safety 9", "GMP+ FC scheme CR3.0 (1 jan 2024)"), else its id. */
  schemeName(id) {
    const s = this.schemeInfo(id);
    return s ? `${s.scheme || s.title} ${this.versionText(s)}`.trim() : id;
  }

  /**
   * A pack's `version` as the widget shows it: a date in it written as the widget's locale writes
   * dates (GMP+ "CR3.0 (1 January 2024)" is "CR3.0 (1 jan 2024)" in Dutch, "CR3.0 (Jan 1, 2024)"
   * in English, as every other date of the widgets).
   */
  versionText(s) {
    return localizedDates(this.effectiveLocale, s?.version ?? '') ?? '';
  }

  schemeInfo(id) {
    const d = this._describe?.scheme;
    return this.schemeList.find((s) => s.id === id) || (d && d.id === id ? d : null);
  }

  /** @param {string} key @param {Record<string, unknown>} [params] */
  t(key, params) {
    return t(this.effectiveLocale, key, params);
  }

  /**
   * Calls the core in the widget's locale; every answer is a plain object (an error envelope
   * on failure, never a throw).
   */
  call(op, request, options = {}) {
    if (!this.cc) return { error: { code: 'not_loaded', message: this.t('loading'), path: '' } };
    try {
      const locale = this.effectiveLocale;
      const answer = this.cc.call(op, { ...request, locale }, { today: this.effectiveToday, ...options });
      // A pack the widget did not show before (an imported document's): load it, then redraw.
      if (answer?.error?.code === 'not_loaded' && request?.scheme) this.settle(request.scheme, locale);
      return answer;
    } catch (e) {
      return { error: { code: 'internal_error', message: String(e?.message || e), path: '' } };
    }
  }

  /** Dispatches a bubbling, composed event; returns false when a listener called preventDefault. */
  emit(name, detail, cancelable = false) {
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
  }

  /**
   * Loading and load-failure states; null once the module is ready. `op` orders the scheme
   * picker, which stays when only a pack or a locale's texts failed: the module works, and the
   * user can pick another scheme or try again. A failure is said in the locale asked for, even
   * while the widget still shows another (the one asked for may be what failed to load).
   */
  renderStatus(op) {
    if (this._status === 'loading' || (this._status === 'ready' && !this._shown && this._preparing))
      return html`<p class="muted" role="status" part="status">${this.t('loading')}</p>`;
    if (this._status === 'error' && this.cc && this._failed) {
      const l = this.wantedLocale;
      return html`${this.renderPicker(op, this._wantedScheme)}<div class="notice error" role="alert" part="error" lang=${l}>
        <strong>${t(l, 'assetFailed')}</strong> <span>${loadErrorDetail(l, this._loadError)}</span>
        <button type="button" part="button retry" @click=${() => this.retryLoad()}>${t(l, 'tryAgain')}</button></div>`;
    }
    if (this._status === 'error') return this.renderLoadError(this._loadError);
    return null;
  }

  /** Fetches what failed to load once more (back online, the server fixed). */
  retryLoad() {
    this._failed = '';
    this._preparing = '';
    this._status = 'ready';
    this.requestUpdate();
  }

  /**
   * What could not be loaded (the module, a rule asset, UI strings), as an alert in the locale
   * asked for: its texts need nothing fetched (translations/load.js), and the locale's own strings
   * or messages may be what failed, the rest of the widget then showing the locale it had.
   */
  renderLoadError(error) {
    const l = this.wantedLocale;
    return html`<div class="notice error" role="alert" part="error" lang=${l}>
        <strong>${t(l, 'loadFailed')}</strong> <span>${loadErrorDetail(l, error)}</span></div>`;
  }

  /** The scheme picker; `op` puts the packs that answer it first. */
  renderPicker(op, current) {
    if (this.hidePicker) return nothing;
    const id = `${this.uid}-scheme`;
    const list = [...this.schemeList].sort((a, b) => {
      const ca = (a.capabilities || []).includes(op) ? 0 : 1;
      const cb = (b.capabilities || []).includes(op) ? 0 : 1;
      // A superseded version after the current ones.
      const sa = a.status === 'superseded' ? 1 : 0;
      const sb = b.status === 'superseded' ? 1 : 0;
      // Ids are ASCII: code-unit order, without the collator localeCompare starts (ICU, tens of ms).
      return ca - cb || sa - sb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    // A select shows one line and cuts its end on a phone: the superseded state, at the end of
    // the option, is also shown beside the label, where it wraps.
    const superseded = list.find((s) => s.id === current)?.status === 'superseded';
    // A pack's id (English, technical) only where two packs would read the same, such as a
    // portal's own pack of a built-in scheme and version.
    const names = new Map(list.map((s) => [s.id, this.schemeName(s.id)]));
    const shared = (id) => list.some((s) => s.id !== id && names.get(s.id) === names.get(id));
    return html`<div class="field picker" part="picker">
      <div class="picker-head"><label for=${id} part="label">${this.t('scheme')}</label>${superseded
        ? html`<span class="badge" part="scheme-state" id="${id}-state">${this.t('superseded')}</span>`
        : nothing}</div>
      <select id=${id} part="input" aria-describedby=${superseded ? `${id}-state` : nothing} @change=${(e) => this.pickScheme(e.target.value)}>
        ${current && !list.some((s) => s.id === current) ? html`<option value=${current} selected>${current}</option>` : nothing}
        ${list.map((s) => html`<option value=${s.id} .selected=${s.id === current}>${names.get(s.id)}${shared(s.id) ? ` (${s.id})` : ''}${s.status === 'superseded' ? ` · ${this.t('superseded')}` : ''}</option>`)}
      </select></div>`;
  }

  /** The user picked another pack. */
  pickScheme(id) {
    // From now on the form holds what the user sees (carried over by field name), not the host's values.
    if ('values' in this && this.values) this.values = null;
    this.scheme = id;
    this.emit('certcalc-change', { scheme: id, locale: this.effectiveLocale });
  }

  /** The pack's provenance line and its not-verified notice. */
  renderSchemeInfo(id) {
    const s = this.schemeInfo(id);
    if (!s) return nothing;
    return html`<p class="muted" part="scheme-info" lang=${packLang(this.effectiveLocale)}>${s.title}${s.publisher ? html` · ${s.publisher}` : nothing}</p>
      ${s.verified === false ? html`<p class="notice warning" part="notice">${this.t('schemeNotVerified')}</p>` : nothing}`;
  }
}

/**
 * A list of {code, message, rule} (notes, warnings, reasons): the messages in the widget's
 * `locale`, their rules as the pack wrote them (English).
 */
export function renderMessages(list, cls = '', part = 'notes', locale = '') {
  if (!Array.isArray(list) || list.length === 0) return nothing;
  return html`<ul class="messages ${cls}" part=${part}>${list.map(
    (m) => html`<li>${m.message ?? m.code}${m.rule ? html` <cite class="cite" lang=${packLang(locale)}>(${m.rule})</cite>` : nothing}</li>`,
  )}</ul>`;
}
