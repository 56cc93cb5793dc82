/**
 * Values held by validation (the review queue, lib/validation ReviewQueue) must not be billed.
 * The close asks a HeldValues which meters are held for a period; a held metering point's
 * consumption is not billed that month and is carried: the next close bills it from the first
 * unbilled day, once the review approved it (an item still held keeps it carried). A corrected
 * or excluded item replaces the meter's use over its span in the close that bills that span.
 */
import type { SystemOfRecord } from '../store/system-of-record';
import { ReviewQueue } from '../validation/review-queue';
import { parsePeriod, periodBounds } from './calendar';
import { parseDecimal, type Decimal } from './exact';

export interface HeldValues {
  /** The serials of the meters whose values for `period` (YYYY-MM) of `property` are held for review. */
  heldMeters(property: string, period: string): ReadonlySet<string>;
  /** Review decisions that replace a meter's use over a span: a corrected value, or null = excluded from billing. */
  adjustments?(property: string, period: string): ReviewAdjustment[];
}

/** A reviewed span of one meter: its use there is `value` (exact, the register's unit), or nothing when excluded. */
export interface ReviewAdjustment { meter: string; from: number; to: number; value: Decimal | null; reason: string }

export const NOTHING_HELD: HeldValues = { heldMeters: () => new Set() };

/** A fixed list, e.g. from a file or a test: { '2026-10': ['12345678'] }. */
export function heldFromList(byPeriod: Record<string, readonly string[]>): HeldValues {
  return { heldMeters: (_property, period) => new Set(byPeriod[period] ?? []) };
}

/** The review queue's items still 'held' that overlap the period (any property: serials are unique per meter). */
export function heldByReviewQueue(store: SystemOfRecord): HeldValues {
  return {
    heldMeters(_property, period) {
      const { start, end } = periodBounds(parsePeriod(period));
      return new Set(new ReviewQueue(store).list('held').filter((i) => Date.parse(i.from) < end && Date.parse(i.to) >= start).map((i) => i.meter));
    },
    adjustments() {
      const queue = new ReviewQueue(store);
      return [...queue.list('corrected'), ...queue.list('excluded')].map((item) => {
        const decision = queue.show(item.id).decisions.at(-1)!;
        return { meter: item.meter, from: Date.parse(item.from), to: Date.parse(item.to),
          value: item.status === 'corrected' && decision.value !== null ? parseDecimal(decision.value) : null, reason: decision.reason ?? '' };
      });
    },
  };
}

/** Held when any of the sources holds it; the adjustments of all. */
export function heldByAny(...sources: HeldValues[]): HeldValues {
  return {
    heldMeters: (property, period) => new Set(sources.flatMap((s) => [...s.heldMeters(property, period)])),
    adjustments: (property, period) => sources.flatMap((s) => s.adjustments?.(property, period) ?? []),
  };
}
