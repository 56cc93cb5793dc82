/**
 * `closeMonth`: the monthly close of one property against the system of record — the tariff in
 * force on the month's first day, what the previous close carried (held or unread points), the
 * lines computed (close.ts) and streamed into the store under the draft / frozen / correction
 * rules (close-store.ts), summed on the way, in one transaction. No close is held in memory
 * whole: `lines` reads them back from the store when asked.
 */
import type { SystemOfRecord } from '../store/system-of-record';
import { firstDay, formatPeriod, nextPeriod, parsePeriod, previousPeriod } from './calendar';
import { closeLines, type CloseLine } from './close';
import { StoreCloseSource } from './close-source';
import { Closes, type CloseRecord, type SaveOutcome } from './close-store';
import type { HeldValues } from './held';
import { DEFAULT_MAX_GAP_HOURS } from './month-end';
import type { SplitMethod } from './split';
import { Summariser, type CloseSummary } from './summary';
import { Tariffs } from './tariff-store';
import { modelOf } from './tariff';

export interface CloseMonthOptions {
  property: string;
  period: string;
  held?: HeldValues;
  split?: SplitMethod;
  maxGapHours?: number;
}

export interface ClosedMonth {
  close: CloseRecord;
  outcome: SaveOutcome;
  summary: CloseSummary;
  /** The close's lines, read from the store. */
  readonly lines: CloseLine[];
}

export function closeMonth(store: SystemOfRecord, o: CloseMonthOptions): ClosedMonth {
  const period = parsePeriod(o.period);
  const closes = new Closes(store.db);
  const tariff = new Tariffs(store.db).inForce(o.property, firstDay(period));
  const previous = closes.latest(o.property, formatPeriod(previousPeriod(period)));
  const carriedFrom = previous ? closes.carried(previous.id) : new Map<number, string>();
  const next = closes.latest(o.property, formatPeriod(nextPeriod(period)));
  const carriedForward = next ? closes.carriedInto(next.id, firstDay(nextPeriod(period))) : new Set<number>();
  const options = { model: modelOf(tariff.document), split: o.split ?? 'readings', maxGapHours: o.maxGapHours ?? DEFAULT_MAX_GAP_HOURS,
    pricesIncludeVat: tariff.document.pricesIncludeVat === true };
  const lines = closeLines(new StoreCloseSource(store), { ...o, period: formatPeriod(period), tariff, carriedFrom, carriedForward });
  const sums = new Summariser();
  const { close, outcome } = store.transaction(() => closes.save(o.property, formatPeriod(period), tariff.validFrom, options, lines, (l) => sums.add(l)));
  const summary = outcome === 'unchanged' ? new Summariser() : sums;
  if (outcome === 'unchanged') for (const l of closes.stream(close.id)) summary.add(l);
  return { close, outcome, summary: summary.result(), get lines() { return closes.lines(close.id); } };
}
