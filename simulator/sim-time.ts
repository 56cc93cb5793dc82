/**
 * Simulated time for the building: a clock (milliseconds since 1970, like Date.now) and the
 * calendar facts the consumption profiles and the meters' own clocks need. Profiles count days
 * in Swedish standard time (CET, UTC+1) all year, so a day is always 24 hours; the meters'
 * date/time records give Swedish local time (CET/CEST) with the summer-time bit.
 */
import type { MeterDateTime } from '../adapters/protocols/mbus/app/encoder';

/** Milliseconds since 1970-01-01T00:00Z; the simulator's "now". */
export type Clock = () => number;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const CET_OFFSET_MS = HOUR_MS;

/** Day number in CET (day 0 = 1970-01-01) and the fraction of that day elapsed. */
export function cetDay(ms: number): { day: number; fraction: number } {
  const t = (ms + CET_OFFSET_MS) / DAY_MS;
  const day = Math.floor(t);
  return { day, fraction: t - day };
}

/** 0 = Sunday … 6 = Saturday, for a CET day number. */
export function weekday(day: number): number {
  return (day + 4) % 7; // 1970-01-01 was a Thursday
}

/** Day of the year 0–365 for a CET day number. */
export function dayOfYear(day: number): number {
  const date = new Date(day * DAY_MS);
  return Math.floor((day * DAY_MS - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS);
}

const stockholm = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm', hourCycle: 'h23',
  year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', timeZoneName: 'short',
});

/** Recent minutes already formatted (Intl is slow; thousands of meters read the same minutes). */
const byMinute = new Map<number, MeterDateTime>();
const CACHED_MINUTES = 256;

/** Swedish local date and time of `ms` as a type F date/time (CEST sets the summer-time bit). */
export function swedishDateTime(ms: number): MeterDateTime {
  const minute = Math.floor(ms / 60_000);
  const cached = byMinute.get(minute);
  if (cached) return { ...cached };
  if (byMinute.size >= CACHED_MINUTES) byMinute.clear();
  const parts: Record<string, string> = {};
  for (const p of stockholm.formatToParts(new Date(minute * 60_000))) parts[p.type] = p.value;
  const local: MeterDateTime = {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour), minute: Number(parts.minute),
    summerTime: parts.timeZoneName === 'GMT+2' || parts.timeZoneName === 'CEST',
  };
  byMinute.set(minute, local);
  return { ...local };
}

/** Start (ms) of the first day of the month that contains `ms`, in CET. */
export function monthStart(ms: number): number {
  const d = new Date(ms + CET_OFFSET_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - CET_OFFSET_MS;
}
