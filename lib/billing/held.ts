/**
 * Values held by validation (the review queue, lib/validation ReviewQueue) must not be billed.
 * The close asks a HeldValues which spans of which meters are held when a month closes; a
 * metering point whose close range (from its first unbilled day to the month's end) touches a
 * held span is not billed that month and is carried: a later close bills it from the first
 * unbilled day once nothing holds it. A corrected or excluded item replaces the meter's use over
 * its span in the close that bills that span — from the reviewer's bill month on, if one is named.
 */
import type { SystemOfRecord } from '../store/system-of-record';
import { ReviewQueue, type ReviewItem } from '../validation/review-queue';
import { parsePeriod, periodBounds } from './calendar';
import { parseDecimal, type Decimal } from './exact';

/** A meter's values over [from, to] (ms UTC) that must not be billed yet. */
export interface HeldSpan { meter: string; from: number; to: number }

export interface HeldValues {
  /** The spans held when `period` (YYYY-MM) of `property` closes (spans of earlier months too: a carried point may reach back). */
  heldSpans(property: string, period: string): HeldSpan[];
  /** Review decisions that replace a meter's use over a span: a corrected value, or null = excluded from billing. */
  adjustments?(property: string, period: string): ReviewAdjustment[];
}

/** A reviewed span of one meter: its use there is `value` (exact, the register's unit), or nothing when excluded. */
export interface ReviewAdjustment { meter: string; from: number; to: number; value: Decimal | null; reason: string }

export const NOTHING_HELD: HeldValues = { heldSpans: () => [] };

/** A fixed list of meters held over whole months, e.g. from a file or a test: { '2026-10': ['12345678'] }. */
export function heldFromList(byPeriod: Record<string, readonly string[]>): HeldValues {
  return {
    heldSpans(_property, period) {
      const { start, end } = periodBounds(parsePeriod(period));
      return (byPeriod[period] ?? []).map((meter) => ({ meter, from: start, to: end - 1 }));
    },
  };
}

const spanOf = (item: ReviewItem): HeldSpan => ({ meter: item.meter, from: Date.parse(item.from), to: Date.parse(item.to) });

/**
 * The review queue (any property: serials are unique per meter): items still 'held' that begin
 * before the month's end, and corrections the reviewer put in a later bill month — held until
 * then. Corrections due by this month and exclusions are the adjustments.
 */
export function heldByReviewQueue(store: SystemOfRecord): HeldValues {
  const corrections = (queue: ReviewQueue) => queue.list('corrected').map((item) => ({ item, decision: queue.show(item.id).decisions.at(-1)! }));
  const deferred = (billMonth: string | null, period: string) => billMonth !== null && billMonth > period;
  return {
    heldSpans(_property, period) {
      const { end } = periodBounds(parsePeriod(period));
      const queue = new ReviewQueue(store);
      const later = corrections(queue).filter(({ decision }) => deferred(decision.billMonth, period)).map(({ item }) => item);
      return [...queue.list('held'), ...later].filter((i) => Date.parse(i.from) < end).map(spanOf);
    },
    adjustments(_property, period) {
      const queue = new ReviewQueue(store);
      const corrected = corrections(queue).filter(({ decision }) => !deferred(decision.billMonth, period))
        .map(({ item, decision }) => ({ ...spanOf(item), value: decision.value === null ? null : parseDecimal(decision.value), reason: decision.reason ?? '' }));
      const excluded = queue.list('excluded').map((item) => ({ ...spanOf(item), value: null, reason: queue.show(item.id).decisions.at(-1)!.reason ?? '' }));
      return [...corrected, ...excluded];
    },
  };
}

/** Held when any of the sources holds it; the adjustments of all. */
export function heldByAny(...sources: HeldValues[]): HeldValues {
  return {
    heldSpans: (property, period) => sources.flatMap((s) => s.heldSpans(property, period)),
    adjustments: (property, period) => sources.flatMap((s) => s.adjustments?.(property, period) ?? []),
  };
}
