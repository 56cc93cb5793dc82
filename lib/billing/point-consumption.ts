/**
 * Consumption of one metering point between two instants, across meter replacements: the sum
 * over the meters that served it of (register at the end − register at the start). A swap's
 * recorded registers (old meter's final, new meter's start) are readings of their meters at the
 * swap instant, so they take part in the boundary rule like any other reading: a new meter with
 * no reading yet counts from its start register, a boundary just before a swap interpolates
 * towards the old meter's final register.
 */
import { addDecimal, subtractDecimal, ZERO, type Decimal } from './exact';
import type { BilledQuantity, CloseSource, Segment } from './close-source';
import { boundaryValue, type BoundaryValue, type RegisterSample } from './month-end';

export interface PointConsumption {
  value?: Decimal;
  /** Register values at the two ends (first meter's start, last meter's end), when read. */
  start?: Decimal;
  end?: Decimal;
  meters: string[];
  flags: string[];
}

const later = (a: RegisterSample | undefined, b: RegisterSample | undefined) => (!a ? b : !b ? a : a.at >= b.at ? a : b);
const earlier = (a: RegisterSample | undefined, b: RegisterSample | undefined) => (!a ? b : !b ? a : a.at <= b.at ? a : b);

/** A segment's register at instant `t` (within its service), by the boundary rule with the swap edges as readings. */
export function segmentValueAt(source: CloseSource, s: Segment, quantity: BilledQuantity, t: number, maxGapHours: number): BoundaryValue {
  const startEdge = s.start && s.start.quantity === quantity && s.start.at <= t ? s.start : undefined;
  const endEdge = s.end && s.end.quantity === quantity && s.end.at >= t ? s.end : undefined;
  let ledgerBefore = source.before(s.meterId, quantity, t);
  if (ledgerBefore && s.start && ledgerBefore.at < s.start.at) ledgerBefore = undefined; // a reading before this meter served here
  const before = later(ledgerBefore, startEdge);
  if (before && before.at === t) return boundaryValue(t, before, undefined, maxGapHours);
  const ledgerAfter = source.after(s.meterId, quantity, t);
  const after = earlier(ledgerAfter && (!s.end || ledgerAfter.at <= s.end.at) ? ledgerAfter : undefined, endEdge);
  return boundaryValue(t, before, after, maxGapHours);
}

/** The point's consumption of `quantity` over [from, to) (ms UTC). */
export function pointConsumption(source: CloseSource, segments: readonly Segment[], quantity: BilledQuantity,
  from: number, to: number, maxGapHours: number): PointConsumption {
  const result: PointConsumption = { meters: [], flags: [] };
  let total: Decimal | undefined = ZERO;
  for (const s of segments) {
    if ((s.start && s.start.at >= to) || (s.end && s.end.at <= from)) continue;
    const a = s.start && s.start.quantity === quantity && s.start.at >= from ? { value: s.start.value, method: 'exact' as const }
      : segmentValueAt(source, s, quantity, from, maxGapHours);
    const b = s.end && s.end.quantity === quantity && s.end.at <= to ? { value: s.end.value, method: 'exact' as const }
      : segmentValueAt(source, s, quantity, to, maxGapHours);
    for (const v of [a, b]) if ('flag' in v && v.flag && !result.flags.includes(v.flag)) result.flags.push(v.flag);
    if (result.meters.length === 0) result.start = a.value;
    result.end = b.value;
    result.meters.push(s.serial);
    total = total && a.value && b.value ? addDecimal(total, subtractDecimal(b.value, a.value)) : undefined;
  }
  if (result.meters.length === 0) result.flags.push('no-meter');
  else if (total) result.value = total;
  if (result.value && result.value.digits < 0n) result.flags.push('negative-consumption');
  return result;
}
