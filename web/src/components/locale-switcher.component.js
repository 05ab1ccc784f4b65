import { LitElement, html, css } from 'lit';
import { LOCALES, getPageLocale, onPageLocaleChange, setPageLocale, normalizeLocale, warnUnsupportedLocale } from '../core.js';
import { t, LOCALE_NAMES, hasTranslations, loadTranslations } from '../i18n.js';
import { baseStyles } from '../styles.js';

/**
 * Picks the page locale (en, nl, it, de, fr). Every widget without a `locale` attribute of its
 * own follows it, and asks the core again so that computed messages come in that language.
 * The choice is kept in localStorage.
 *
 * @tag certcalc-locale-switcher
 * @event {CustomEvent<CertcalcChangeDetail>} certcalc-change - The user picked a locale. detail: {locale}
 * @csspart base - the wrapper
 * @csspart label - the label
 * @csspart input - the select
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
export class CertcalcLocaleSwitcher extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host { display: inline-block; background: transparent; }
      .base { display: inline-flex; gap: 0.5rem; align-items: center; }
      select { width: auto; }
    `,
  ];

  static properties = {
    /** The page locale; setting it switches every widget that follows the page. */
    locale: { type: String, reflect: true },
  };

  constructor() {
    super();
    /** @type {'en' | 'nl' | 'it' | 'de' | 'fr'} */
    this.locale = getPageLocale();
  }

  connectedCallback() {
    super.connectedCallback();
    this._unsub = onPageLocaleChange((l) => {
      this.locale = l;
    });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._unsub?.();
  }

  willUpdate(changed) {
    if (changed.has('locale')) {
      const l = normalizeLocale(this.locale);
      if (l && l !== getPageLocale()) setPageLocale(l);
      if (!l) warnUnsupportedLocale(this, this.locale);
    }
  }

  pick(value) {
    const l = normalizeLocale(value);
    if (!l) return;
    this.locale = l;
    setPageLocale(l);
    this.dispatchEvent(new CustomEvent('certcalc-change', { detail: { locale: l }, bubbles: true, composed: true }));
  }

  render() {
    const current = normalizeLocale(this.locale) || 'en';
    if (!hasTranslations(current)) loadTranslations(current).then(() => this.requestUpdate(), () => {});
    return html`<div class="base" part="base" lang=${current}>
      <label for="locale" part="label">${t(current, 'language')}</label>
      <select id="locale" part="input" @change=${(e) => this.pick(e.target.value)}>
        ${LOCALES.map((l) => html`<option value=${l} lang=${l} .selected=${l === current}>${LOCALE_NAMES[l]}</option>`)}
      </select>
    </div>`;
  }
}
