import { define } from '../define.js';
import { CertcalcDurationQuote } from './duration-quote.component.js';

export { CertcalcDurationQuote };
export default define('certcalc-duration-quote', CertcalcDurationQuote);
