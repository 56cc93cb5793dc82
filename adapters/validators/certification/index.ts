/**
 * Validator plugin `certification`: certification lifetime expired or due within 90 days.
 */
import { describeRule } from '../../../lib/validation/describe';
import { certification } from './certification-rule';

export const rule = certification;
export const descriptor = describeRule(certification, ['STAFS 2007:2 / Swedac (utesittningstid)', 'lib/store/certification.ts']);
