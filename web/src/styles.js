// Styles shared by every widget. Theming: the --certcalc-* custom properties below (set them on
// the element or any ancestor) and the ::part() names documented in docs/web.md.
import { css } from 'lit';

export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--certcalc-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--certcalc-font-size, 1rem);
    line-height: 1.45;
    color: var(--certcalc-color-text, #1f2328);
    background: var(--certcalc-color-background, #ffffff);
    --_accent: var(--certcalc-color-accent, #0b5cad);
    --_accent-contrast: var(--certcalc-color-accent-contrast, #ffffff);
    --_muted: var(--certcalc-color-muted, #57606a);
    --_border: var(--certcalc-color-border, #c4ccd5);
    --_surface: var(--certcalc-color-surface, #f4f6f8);
    --_error: var(--certcalc-color-error, #b42318);
    --_warning-text: var(--certcalc-color-warning, #6b4500);
    --_warning-bg: var(--certcalc-color-warning-background, #fff4d6);
    --_success: var(--certcalc-color-success, #1a7f37);
    --_radius: var(--certcalc-radius, 6px);
    --_space: var(--certcalc-spacing, 0.75rem);
    --_focus: var(--certcalc-focus-color, #0b5cad);
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: inherit; }
  h2, h3, h4 { line-height: 1.25; margin: 0 0 calc(var(--_space) * 0.75); }
  h2 { font-size: 1.3em; }
  h3 { font-size: 1.1em; }
  h4 { font-size: 1em; }
  p { margin: 0 0 calc(var(--_space) * 0.75); }
  .base { display: grid; gap: calc(var(--_space) * 1.25); grid-template-columns: minmax(0, 1fr); }
  .base > *, .card > * { min-width: 0; }
  .card {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    background: var(--certcalc-color-background, #ffffff);
  }
  .muted, .help { color: var(--_muted); font-size: 0.875em; }
  .cite { color: var(--_muted); font-size: 0.8em; font-style: normal; }
  .grid { display: grid; gap: var(--_space); grid-template-columns: repeat(auto-fill, minmax(min(15rem, 100%), 1fr)); align-content: start; }
  .field { display: grid; gap: 0.2rem; align-content: start; }
  .field > label, .label, legend, .picker-head > label { font-weight: 600; }
  .picker-head { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: baseline; }
  .field .opt { font-weight: 400; color: var(--_muted); font-size: 0.85em; }
  input, select, textarea, button { font: inherit; color: inherit; }
  input:not([type='checkbox']):not([type='radio']):not([type='file']), select, textarea {
    width: 100%;
    padding: 0.4rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--certcalc-color-input-background, #ffffff);
    min-height: 2.25rem;
  }
  textarea { min-height: 4.5rem; resize: vertical; }
  .date-input { position: relative; display: flex; gap: 0.25rem; align-items: stretch; }
  .date-input input.typed { flex: 1 1 auto; min-width: 0; font-variant-numeric: tabular-nums; }
  .date-input button.pick { flex: 0 0 auto; display: inline-flex; align-items: center; justify-content: center; padding: 0 0.55rem; }
  .date-input input.native {
    position: absolute; right: 0; bottom: 0; width: 1px; height: 1px; min-height: 0;
    padding: 0; border: 0; opacity: 0; pointer-events: none;
  }
  input[type='checkbox'], input[type='radio'] { width: 1.1rem; height: 1.1rem; margin: 0; accent-color: var(--_accent); }
  .check { display: flex; gap: 0.5rem; align-items: center; font-weight: 600; }
  [aria-invalid='true'] { border-color: var(--_error) !important; box-shadow: inset 0 0 0 1px var(--_error); }
  :focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
  input:focus-visible, select:focus-visible, textarea:focus-visible { outline-offset: 0; }
  button {
    cursor: pointer;
    padding: 0.4rem 0.85rem;
    min-height: 2.25rem;
    border-radius: calc(var(--_radius) - 2px);
    border: 1px solid var(--_border);
    background: var(--_surface);
  }
  button.primary { background: var(--_accent); color: var(--_accent-contrast); border-color: var(--_accent); }
  button.danger { color: var(--_error); border-color: var(--_error); background: var(--certcalc-color-background, #fff); }
  button.danger.primary { background: var(--_error); color: #fff; }
  button:disabled { cursor: not-allowed; opacity: 0.55; }
  button.icon { padding: 0.2rem 0.6rem; min-width: 2.25rem; }
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  .spread { justify-content: space-between; }
  .msg { margin: 0.15rem 0 0; font-size: 0.875em; }
  .msg.error { color: var(--_error); }
  .msg.warning { color: var(--_warning-text); }
  .msg .cite { margin-left: 0.25rem; }
  .notice {
    border-radius: var(--_radius);
    padding: 0.6rem 0.8rem;
    border: 1px solid var(--_border);
    background: var(--_surface);
  }
  .notice.warning { background: var(--_warning-bg); border-color: #e0b54a; color: var(--_warning-text); }
  .notice.error { background: #fdecea; border-color: var(--_error); color: var(--_error); }
  .notice.ok { background: #e9f6ec; border-color: var(--_success); color: #14532d; }
  .notice ul { margin: 0.25rem 0 0; padding-left: 1.2rem; }
  table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
  caption { text-align: left; font-weight: 600; padding-bottom: 0.35rem; }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--_border); vertical-align: top; overflow-wrap: break-word; }
  @media (max-width: 30rem) { th, td { padding: 0.3rem 0.25rem; font-size: 0.9em; } }
  th { font-weight: 600; }
  thead th { background: var(--_surface); }
  td.num, th.num { text-align: right; white-space: nowrap; }
  tfoot td, tfoot th { font-weight: 700; border-top: 2px solid var(--_border); }
  .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(9.5rem, 100%), 1fr)); gap: 0.5rem; margin: 0; }
  .figure { background: var(--_surface); border-radius: var(--_radius); padding: 0.5rem 0.7rem; margin: 0; }
  .figure dt { font-size: 0.85em; color: var(--_muted); }
  .figure dd { margin: 0; font-size: 1.15em; font-weight: 650; font-variant-numeric: tabular-nums; }
  .figure.total { background: var(--_accent); color: var(--_accent-contrast); }
  .figure.total dt { color: inherit; opacity: 0.9; }
  .figure.total dd { font-size: 1.6em; }
  /* relative: what is positioned inside (screen-reader-only text) scrolls with it, else it
     would stick out of the widget and widen a phone's page */
  .scroll { overflow-x: auto; max-width: 100%; position: relative; }
  .nowrap { white-space: nowrap; }
  .sr-only {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .badge {
    display: inline-block; padding: 0.05rem 0.45rem; border-radius: 999px; font-size: 0.8em;
    border: 1px solid var(--_border); background: var(--_surface); white-space: nowrap;
  }
  .badge.error { color: var(--_error); border-color: var(--_error); background: #fdecea; }
  .badge.warning { color: var(--_warning-text); border-color: #e0b54a; background: var(--_warning-bg); }
  .badge.ok { color: #14532d; border-color: var(--_success); background: #e9f6ec; }
  fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.5rem 0.75rem 0.75rem; margin: 0; min-width: 0; }
  legend { padding: 0 0.25rem; }
  .print-only { display: none; }
  @media print {
    :host { color: #000; background: #fff; }
    .screen-only { display: none !important; }
    .print-only { display: block; }
    .card { border: none; padding: 0; }
    .figure.total { background: none; color: #000; border: 2px solid #000; }
    th { background: none; }
  }
`;
