/**
 * Swedish wall time (Europe/Stockholm, CET/CEST) ⇄ UTC with the runtime's own time-zone data
 * (Intl), no library. Used for poll times ("06:00" means Swedish wall time all year) and for
 * meters whose date/time record gives local time. DST rules: a wall time that occurs twice (the
 * autumn hour 02:00–03:00) is the first, summer-time one unless told otherwise; a wall time that
 * does not exist (spring 02:00–03:00) is moved forward by the gap (02:30 → 03:30 CEST).
 */

export const SWEDISH_TIME_ZONE = 'Europe/Stockholm';

/** A wall-clock time; month 1–12, no time zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall time in `zone` at the instant `utcMs`. */
export function wallTimeAt(utcMs: number, zone = SWEDISH_TIME_ZONE): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** Milliseconds since 1970 of the wall time read as if it were UTC. */
function asUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0);
}

/** The zone's offset from UTC at `utcMs` (+1 h or +2 h in Sweden), whole seconds. */
export function utcOffsetMs(utcMs: number, zone = SWEDISH_TIME_ZONE): number {
  const whole = Math.floor(utcMs / 1000) * 1000;
  return asUtc(wallTimeAt(whole, zone)) - whole;
}

export interface ToUtcOptions {
  zone?: string;
  /** For a wall time that occurs twice: true (default) = the summer-time one, false = the later, standard-time one. */
  summerTime?: boolean;
}

/** The UTC instant of a wall time in `zone` (see the DST rules above). */
export function wallTimeToUtc(w: WallTime, options: ToUtcOptions = {}): number {
  const zone = options.zone ?? SWEDISH_TIME_ZONE;
  const naive = asUtc(w);
  const before = utcOffsetMs(naive - 12 * HOUR_MS, zone);
  const after = utcOffsetMs(naive + 12 * HOUR_MS, zone);
  const candidates = [...new Set([naive - before, naive - after])]
    .filter((t) => asUtc(wallTimeAt(t, zone)) === naive)
    .sort((a, b) => a - b);
  if (candidates.length === 0) return naive - before;
  return options.summerTime === false ? candidates[candidates.length - 1]! : candidates[0]!;
}

/** Parses "YYYY-MM-DDTHH:MM[:SS]" (the M-Bus date/time text) as a wall time; undefined when it is not one. */
export function parseWallTime(text: string): WallTime | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((s) => (s === undefined ? 0 : Number(s)));
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second! > 59) return undefined;
  return { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! };
}

/** The calendar day after `w` (time of day kept). */
export function nextDay(w: WallTime): WallTime {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
