/**
 * When a gateway is polled: 1–24 times a day at Swedish wall times ("06:00", "18:30") or every
 * N minutes from local midnight (N divides the day, 60–1440), each gateway shifted by its own
 * deterministic jitter (a hash of its id, within the spread window) so thousands of gateways
 * configured for "06:00" start over a quarter of an hour, not in the same second, and every
 * restart keeps the same offset.
 */
import { ConfigError } from '../errors';
import { nextDay, wallTimeAt, wallTimeToUtc, type WallTime } from './stockholm-time';

/** Poll times as "HH:MM" Swedish wall time, or an interval in minutes from local midnight. */
export type PollSchedule = { times: string[] } | { everyMinutes: number };

export const MIN_POLLS_PER_DAY = 1;
export const MAX_POLLS_PER_DAY = 24;
const MINUTES_PER_DAY = 1440;
/** Default jitter window: a quarter of an hour. */
export const DEFAULT_SPREAD_MS = 15 * 60_000;

/** A schedule checked and reduced to minutes after local midnight, ascending. */
export interface DailySlots {
  minutes: number[];
}

/** Validates a schedule; throws ConfigError naming the problem. */
export function dailySlots(schedule: PollSchedule): DailySlots {
  const minutes = 'times' in schedule ? schedule.times.map(parseClock) : intervalMinutes(schedule.everyMinutes);
  const unique = [...new Set(minutes)].sort((a, b) => a - b);
  if (unique.length < MIN_POLLS_PER_DAY || unique.length > MAX_POLLS_PER_DAY) {
    throw new ConfigError(`poll schedule: ${unique.length} polls a day; must be ${MIN_POLLS_PER_DAY}–${MAX_POLLS_PER_DAY}`);
  }
  return { minutes: unique };
}

function parseClock(text: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m) throw new ConfigError(`poll time "${text}": expected HH:MM (00:00–23:59, Swedish wall time)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function intervalMinutes(every: number): number[] {
  if (!Number.isInteger(every) || every < 60 || every > MINUTES_PER_DAY || MINUTES_PER_DAY % every !== 0) {
    throw new ConfigError(`poll interval ${every} min: must divide the day and give 1–24 polls (60, 72, 80, 90, 96, 120 … 1440)`);
  }
  return Array.from({ length: MINUTES_PER_DAY / every }, (_, i) => i * every);
}

/** The gateway's fixed offset within the spread window (FNV-1a of its id), in ms. */
export function jitterMs(gatewayId: string, spreadMs = DEFAULT_SPREAD_MS): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < gatewayId.length; i++) h = Math.imul(h ^ gatewayId.charCodeAt(i), 0x01000193) >>> 0;
  return Math.floor((h / 2 ** 32) * spreadMs);
}

/** The first poll strictly after `afterMs` (UTC ms): the next slot's wall time in UTC, plus the jitter. */
export function nextPollAt(slots: DailySlots, afterMs: number, jitter = 0): number {
  const base = afterMs - jitter;
  let day: WallTime = { ...wallTimeAt(base), hour: 0, minute: 0, second: 0 };
  for (let d = 0; d < 3; d++, day = nextDay(day)) {
    for (const m of slots.minutes) {
      const at = wallTimeToUtc({ ...day, hour: Math.floor(m / 60), minute: m % 60 });
      if (at > base) return at + jitter;
    }
  }
  throw new Error('nextPollAt: no slot within three days (unreachable for a valid schedule)');
}
