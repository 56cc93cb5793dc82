/**
 * Validator plugin `counter`: backwards, rollover, reset, swap (registered or not).
 */
import { describeRule } from '../../../lib/validation/describe';
import { counter } from './counter-rule';

export const rule = counter;
export const descriptor = describeRule(counter, ['SABO IMD specification: mätarställningen oförändrad genom kedjan', 'lib/store meter_replacements']);
