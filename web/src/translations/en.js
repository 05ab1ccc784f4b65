// All of the widgets' English UI chrome: what certcalc-widgets.js carries and what every other
// locale's file holds the keys of (tests/node/translations.test.js). The strings live in the
// parts below so that each element's own script bundles only its own and the shared ones.
import shared from './en-shared.js';
import durationQuote from './en-duration-quote.js';
import gradeDates from './en-grade-dates.js';
import submissionChecker from './en-submission-checker.js';

export default { ...shared, ...durationQuote, ...gradeDates, ...submissionChecker };
