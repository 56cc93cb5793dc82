/**
 * Validator plugin `identity`: one id in two apartments, heard twice, heard but not registered.
 */
import { describeRule } from '../../../lib/validation/describe';
import { identity } from './identity-rule';

export const rule = identity;
export const descriptor = describeRule(identity, ['SABO IMD specification: mätarens identitet följer värdet genom kedjan']);
