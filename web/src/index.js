// The embeddable bundle: importing it registers every <certcalc-*> element (a second copy on the
// page registers nothing and does not throw) and exports the page-level hooks.
import './components/duration-quote.js';
import './components/grade-dates.js';
import './components/submission-checker.js';
import './components/locale-switcher.js';

export {
  setWasmUrl, wasmUrl, setCalcWasmUrl, calcWasmUrl, loadFullModule, setAssetsUrl, assetsUrl, getCertcalc, loadPack,
  preloadAll, setPageLocale, getPageLocale, LOCALES,
} from './core.js';
export { define } from './define.js';
export { CertcalcDurationQuote } from './components/duration-quote.component.js';
export { CertcalcGradeDates } from './components/grade-dates.component.js';
export { CertcalcSubmissionChecker } from './components/submission-checker.component.js';
export { CertcalcLocaleSwitcher } from './components/locale-switcher.component.js';
