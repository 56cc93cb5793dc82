/**
 * Validator plugin `status-flags`: error bits, corrupt telegrams, alarms, low battery, impossible rates.
 */
import { describeRule } from '../../../lib/validation/describe';
import { statusFlags } from './status-flags-rule';

export const rule = statusFlags;
export const descriptor = describeRule(statusFlags, ['EN 13757-3 status byte and error flags', 'SABO IMD specification: pulsfel, larmpunkt; batterivarning']);
