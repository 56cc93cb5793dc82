/**
 * Swedish working days (vardagar) for the billing schedule: Monday–Friday except the public
 * holidays of lag (1989:253) om allmänna helgdagar — the fixed ones and the Easter-based ones
 * (långfredagen, annandag påsk, Kristi himmelsfärdsdag), midsommardagen and alla helgons dag on
 * their Saturdays — plus the de-facto non-working eves treated like Sundays by Swedish banks
 * and offices (midsommarafton, julafton, nyårsafton). Easter by the Gregorian computus
 * (Meeus/Jones/Butcher).
 */
import { isoDate, nextDate, type Period } from './calendar';

/** Easter Sunday of a Gregorian year, 'YYYY-MM-DD'. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first date from `from` (inclusive) that falls on `weekday` (0 = Sunday … 6 = Saturday). */
function firstWeekday(from: string, weekday: number): string {
  const w = new Date(`${from}T00:00:00Z`).getUTCDay();
  return shift(from, (weekday - w + 7) % 7);
}

/** The non-working days of a year that are not weekends, by name. */
export function swedishHolidays(year: number): Map<string, string> {
  const easter = easterSunday(year);
  const midsummerEve = firstWeekday(isoDate(year, 6, 19), 5);
  const entries: Array<[string, string]> = [
    [isoDate(year, 1, 1), 'nyårsdagen'],
    [isoDate(year, 1, 6), 'trettondedag jul'],
    [shift(easter, -2), 'långfredagen'],
    [easter, 'påskdagen'],
    [shift(easter, 1), 'annandag påsk'],
    [isoDate(year, 5, 1), 'första maj'],
    [shift(easter, 39), 'Kristi himmelsfärdsdag'],
    [shift(easter, 49), 'pingstdagen'],
    [isoDate(year, 6, 6), 'Sveriges nationaldag'],
    [midsummerEve, 'midsommarafton'],
    [shift(midsummerEve, 1), 'midsommardagen'],
    [firstWeekday(isoDate(year, 10, 31), 6), 'alla helgons dag'],
    [isoDate(year, 12, 24), 'julafton'],
    [isoDate(year, 12, 25), 'juldagen'],
    [isoDate(year, 12, 26), 'annandag jul'],
    [isoDate(year, 12, 31), 'nyårsafton'],
  ];
  return new Map(entries);
}

const holidayCache = new Map<number, Map<string, string>>();

export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const year = Number(date.slice(0, 4));
  let holidays = holidayCache.get(year);
  if (!holidays) holidayCache.set(year, (holidays = swedishHolidays(year)));
  return !holidays.has(date);
}

/** The n-th working day (1-based) of a month, 'YYYY-MM-DD'. */
export function nthWorkingDay(p: Period, n: number): string {
  let date = isoDate(p.year, p.month, 1);
  let seen = 0;
  for (;;) {
    if (isWorkingDay(date) && ++seen === n) return date;
    date = nextDate(date);
  }
}

/** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = nextDate(from); d <= to; d = nextDate(d)) if (isWorkingDay(d)) n++;
  return n;
}
