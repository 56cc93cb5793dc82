/**
 * Billing periods are Europe/Stockholm calendar months: '2026-10' runs from 1 October 00:00
 * Swedish time to 1 November 00:00 Swedish time (an instant in CEST or CET, whichever is in
 * force). A contract day (move-in, move-out) is a whole Swedish day: it starts at 00:00
 * Swedish time and a move-out day ends at 00:00 of the next day.
 */
import { ConfigError } from '../errors';
import { wallTimeToUtc } from '../collection/stockholm-time';

export interface Period { year: number; month: number }

const PERIOD = /^(\d{4})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function parsePeriod(text: string): Period {
  const m = PERIOD.exec(text);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) throw new ConfigError(`period '${text}' is not YYYY-MM`);
  return { year: Number(m[1]), month };
}

export function formatPeriod(p: Period): string {
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

export function nextPeriod(p: Period): Period {
  return p.month === 12 ? { year: p.year + 1, month: 1 } : { year: p.year, month: p.month + 1 };
}

export function previousPeriod(p: Period): Period {
  return p.month === 1 ? { year: p.year - 1, month: 12 } : { year: p.year, month: p.month - 1 };
}

/** 'YYYY-MM-DD' of a calendar date (month 1–12). */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(p: Period): number {
  return new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
}

export function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

export function firstDay(p: Period): string {
  return isoDate(p.year, p.month, 1);
}

export function lastDay(p: Period): string {
  return isoDate(p.year, p.month, daysInMonth(p));
}

const dayStarts = new Map<string, number>();

/** The instant a Swedish calendar day starts (00:00 Europe/Stockholm), ms UTC (memoised: the time-zone look-up is slow). */
export function dayStart(date: string): number {
  let at = dayStarts.get(date);
  if (at === undefined) {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    dayStarts.set(date, at = wallTimeToUtc({ year, month, day, hour: 0, minute: 0 }));
  }
  return at;
}

const nextDates = new Map<string, string>();

/** The day after a 'YYYY-MM-DD' date (memoised). */
export function nextDate(date: string): string {
  let next = nextDates.get(date);
  if (next === undefined) nextDates.set(date, next = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10));
  return next;
}

/** Whole days from `from` to `to`, both inclusive ('2026-10-01', '2026-10-15' → 15). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The month's start and end instants (ms UTC): [start, end). */
export function periodBounds(p: Period): { start: number; end: number } {
  return { start: dayStart(firstDay(p)), end: dayStart(firstDay(nextPeriod(p))) };
}
