/**
 * Validator plugin `no-contact`: silent meters and silent gateways (one alarm per gateway).
 */
import { describeRule } from '../../../lib/validation/describe';
import { noContact } from './no-contact-rule';

export const rule = noContact;
export const descriptor = describeRule(noContact, ['SABO IMD specification: övervakning av insamlingsenheter; avtal: åtgärd inom 7 dygn']);
