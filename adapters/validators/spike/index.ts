/**
 * Validator plugin `spike`: an hour or day as large as a week's normal use (learned per meter).
 */
import { describeRule } from '../../../lib/validation/describe';
import { spike } from './spike-rule';

export const rule = spike;
export const descriptor = describeRule(spike, ['SABO IMD specification: rimlighetskontroll (timvärde ≈ veckoförbrukning)']);
