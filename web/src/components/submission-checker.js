import { define } from '../define.js';
import { CertcalcSubmissionChecker } from './submission-checker.component.js';

export { CertcalcSubmissionChecker };
export default define('certcalc-submission-checker', CertcalcSubmissionChecker);
