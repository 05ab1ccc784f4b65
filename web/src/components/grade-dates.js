import { define } from '../define.js';
import { CertcalcGradeDates } from './grade-dates.component.js';

export { CertcalcGradeDates };
export default define('certcalc-grade-dates', CertcalcGradeDates);
