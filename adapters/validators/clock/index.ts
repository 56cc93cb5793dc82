/**
 * Validator plugin `clock`: meter time far from collection time.
 */
import { describeRule } from '../../../lib/validation/describe';
import { clock } from './clock-rule';

export const rule = clock;
export const descriptor = describeRule(clock, ['SABO IMD specification: klocksynkronisering dagligen (NTP)', 'lib/collection/meter-time.ts']);
