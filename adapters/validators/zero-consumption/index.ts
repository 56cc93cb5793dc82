/**
 * Validator plugin `zero-consumption`: no use for days — vacancy or dead meter.
 */
import { describeRule } from '../../../lib/validation/describe';
import { zeroConsumption } from './zero-consumption-rule';

export const rule = zeroConsumption;
export const descriptor = describeRule(zeroConsumption, ['SABO IMD specification: nollförbrukning rapporteras']);
