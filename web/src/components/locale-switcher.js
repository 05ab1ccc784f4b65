import { define } from '../define.js';
import { CertcalcLocaleSwitcher } from './locale-switcher.component.js';

export { CertcalcLocaleSwitcher };
export default define('certcalc-locale-switcher', CertcalcLocaleSwitcher);
