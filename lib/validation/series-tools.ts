/**
 * Helpers the rules share over columnar series: ISO times, runs of consecutive readings that
 * meet a condition (one finding per run, not one per reading), consumption per CET day, medians.
 * Tight loops over typed arrays; nothing here allocates per reading.
 */
import type { MeterSeries } from './series';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Consumption days are Swedish standard-time days (CET), as the simulator's and billing's. */
const CET_MS = HOUR_MS;

export const iso = (ms: number): string => new Date(ms).toISOString();
export const cetDayOf = (ms: number): number => Math.floor((ms + CET_MS) / DAY_MS);
export const cetDayStart = (day: number): number => day * DAY_MS - CET_MS;

/**
 * Calls `found(first, last)` for every run of readings where `test(i)` holds; readings further
 * apart than `maxGapMs` start a new run.
 */
export function forEachRun(s: MeterSeries, test: (i: number) => boolean, found: (first: number, last: number) => void, maxGapMs = Infinity): void {
  let first = -1;
  for (let i = 0; i < s.length; i++) {
    if (test(i)) {
      if (first >= 0 && s.at[i]! - s.at[i - 1]! > maxGapMs) { found(first, i - 1); first = -1; }
      if (first < 0) first = i;
    } else if (first >= 0) { found(first, i - 1); first = -1; }
  }
  if (first >= 0) found(first, s.length - 1);
}

export interface DailyUse {
  /** CET day numbers with a register value at their end (the last reading of the day). */
  day: Int32Array;
  /** Use during the day: last register of the day − last register of the previous day read; NaN across a gap or a drop. */
  use: Float64Array;
  length: number;
}

/** Consumption per CET day from a register series (drops and gaps give NaN, so learning skips them). */
export function dailyUse(s: MeterSeries): DailyUse {
  const day = new Int32Array(s.length > 0 ? cetDayOf(s.at[s.length - 1]!) - cetDayOf(s.at[0]!) + 1 : 0);
  const use = new Float64Array(day.length);
  let n = 0, lastValue = NaN, lastDay = -1;
  for (let i = 0; i < s.length; i++) {
    const v = s.value[i]!;
    if (Number.isNaN(v)) continue;
    const d = cetDayOf(s.at[i]!);
    const next = i + 1 < s.length ? cetDayOf(s.at[i + 1]!) : d + 1;
    if (next === d) continue; // not the day's last reading
    const diff = v - lastValue;
    day[n] = d;
    use[n] = d === lastDay + 1 && diff >= 0 ? diff : NaN;
    n++;
    lastValue = v;
    lastDay = d;
  }
  return { day, use, length: n };
}

/** The median of the finite values (NaN when there are none). */
export function median(values: Float64Array, length = values.length): number {
  const finite: number[] = [];
  for (let i = 0; i < length; i++) if (Number.isFinite(values[i]!)) finite.push(values[i]!);
  if (finite.length === 0) return NaN;
  finite.sort((a, b) => a - b);
  const mid = finite.length >> 1;
  return finite.length % 2 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
}

/** "12.345" with at most `digits` decimals, for messages. */
export const fmt = (n: number, digits = 3): string => String(Number(n.toFixed(digits)));
