// The embeddable bundle: importing it registers every <certcalc-*> element (a second copy on the
// page registers nothing and does not throw) and exports the page-level hooks.
// Every element's English strings next to each other, as they were in one file: gzip finds the
// texts that repeat within its window (about 0.7 KB gzip less than each beside its element).
import './translations/en-shared.js';
import './translations/en-duration-quote.js';
import './translations/en-grade-dates.js';
import './translations/en-submission-checker.js';
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
