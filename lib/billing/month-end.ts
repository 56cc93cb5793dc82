/**
 * The boundary register rule: the value of a register at an instant B (a month end, a move-out
 * day's end) from the ledger's readings around it.
 * 1. A reading exactly at B is used as it is ('exact').
 * 2. Else, with a reading before B and one after B no more than `maxGapHours` apart (default
 *    24 h), the value is interpolated linearly between them by time, exactly, and rounded (half
 *    away from zero) to the finer resolution of the two readings ('interpolated').
 * 3. Else the last reading at or before B is used and the value is flagged 'boundary-gap'
 *    (a longer gap: the month's consumption slides into the next month), or, with no reading
 *    before B at all, flagged 'no-reading' and not billed.
 * Registers never run backwards in this rule: an "after" reading lower than the "before" one
 * is not interpolated (rule 3, flagged).
 */
import { addDecimal, compare, decimalsOf, divide, multiply, subtractDecimal, type Decimal } from './exact';

export interface RegisterSample { at: number; value: Decimal }

export type BoundaryMethod = 'exact' | 'interpolated' | 'last-before' | 'none';

export interface BoundaryValue {
  value?: Decimal;
  method: BoundaryMethod;
  /** The readings used (ms UTC). */
  from?: number;
  to?: number;
  flag?: 'boundary-gap' | 'no-reading';
}

export const DEFAULT_MAX_GAP_HOURS = 24;

export function boundaryValue(boundary: number, before: RegisterSample | undefined, after: RegisterSample | undefined,
  maxGapHours = DEFAULT_MAX_GAP_HOURS): BoundaryValue {
  if (!before) return { method: 'none', flag: 'no-reading' };
  if (before.at === boundary) return { value: before.value, method: 'exact', from: before.at };
  if (after && after.at - before.at <= maxGapHours * 3_600_000 && compare(after.value, before.value) >= 0) {
    const decimals = Math.max(decimalsOf(before.value), decimalsOf(after.value));
    const rise = subtractDecimal(after.value, before.value);
    const part = divide(multiply(rise, { digits: BigInt(boundary - before.at), exponent: 0 }), { digits: BigInt(after.at - before.at), exponent: 0 }, decimals);
    return { value: addDecimal(before.value, part), method: 'interpolated', from: before.at, to: after.at };
  }
  return { value: before.value, method: 'last-before', from: before.at, flag: 'boundary-gap' };
}
