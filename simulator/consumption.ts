/**
 * How an apartment uses water and electricity over time, and the monotonic registers that
 * follow from it. A day's use = yearly total / 365 × season × weekday/weekend × the
 * household's mood that day (a hash of seed, register and day, with an occasional week away);
 * within the day it follows an hourly profile (morning and evening peaks). The register at a
 * moment is the exact sum since installation, so it depends on simulated time only.
 */
import { hashUnit } from './random';
import { cetDay, dayOfYear, weekday } from './sim-time';

export interface UsageProfile {
  /** Relative use per hour 0–23 (CET) on Monday–Friday and on Saturday–Sunday. */
  weekday: readonly number[];
  weekend: readonly number[];
  /** A weekend day's use relative to a weekday's. */
  weekendFactor: number;
  /** Amplitude of the seasonal swing: use is (1 + a) × average in mid-January, (1 − a) in mid-July. */
  seasonalAmplitude: number;
  /** Share of a normal day still used on a day of a week away (fridge, standby). */
  awayFactor: number;
}

/** Water: showers in the morning, cooking, dishes and showers in the evening. */
export const WATER_PROFILE: UsageProfile = {
  weekday: [1, 0.5, 0.3, 0.3, 0.5, 2, 8, 10, 6, 3, 2, 2, 3, 2, 2, 2, 3, 5, 7, 8, 7, 6, 4, 2],
  weekend: [2, 1, 0.5, 0.3, 0.3, 0.5, 1, 3, 6, 8, 7, 5, 5, 4, 3, 3, 4, 5, 6, 7, 7, 6, 4, 3],
  weekendFactor: 1.15,
  seasonalAmplitude: 0.1,
  awayFactor: 0.02,
};

/** Household electricity: a base load (fridge, standby) with morning and evening peaks. */
export const ELECTRICITY_PROFILE: UsageProfile = {
  weekday: [3, 2.5, 2.5, 2.5, 2.5, 3, 5, 7, 5, 3.5, 3, 3, 3.5, 3, 3, 3.5, 5, 8, 10, 10, 9, 8, 6, 4],
  weekend: [4, 3, 2.5, 2.5, 2.5, 2.5, 3, 4, 6, 7, 6, 5, 6, 5, 4.5, 4.5, 5, 7, 9, 10, 9, 8, 6, 5],
  weekendFactor: 1.1,
  seasonalAmplitude: 0.25,
  awayFactor: 0.3,
};

const AWAY_WEEK_SHARE = 0.04;

/** Cumulative share of the day's use at each hour boundary (25 entries, 0 … 1). */
function cumulative(hours: readonly number[]): number[] {
  const total = hours.reduce((a, b) => a + b, 0);
  const out = [0];
  for (const h of hours) out.push(out[out.length - 1]! + h / total);
  return out;
}

export interface RegisterSpec {
  seed: number;
  /** Distinguishes this register's randomness from every other one in the building. */
  key: number;
  /** Average use per year, in the register's unit (m3, kWh). */
  yearly: number;
  profile: UsageProfile;
  /** CET day number (see cetDay) at whose midnight the meter was installed, reading `initial`. */
  installedDay: number;
  initial: number;
}

/** A monotonic register: `at(ms)` is a pure function of time. */
export class Register {
  private readonly weekdayShares: number[];
  private readonly weekendShares: number[];
  /** The sum of whole days up to (not including) `cachedDay`: reading forward is incremental. */
  private cachedDay: number;
  private cachedSum = 0;

  constructor(private readonly spec: RegisterSpec) {
    this.weekdayShares = cumulative(spec.profile.weekday);
    this.weekendShares = cumulative(spec.profile.weekend);
    this.cachedDay = spec.installedDay;
  }

  /** Use during one CET day. */
  dayUse(day: number): number {
    const p = this.spec.profile;
    const weekend = weekday(day) % 6 === 0;
    const weekNorm = 7 / (5 + 2 * p.weekendFactor);
    const season = 1 + p.seasonalAmplitude * Math.cos((2 * Math.PI * (dayOfYear(day) - 15)) / 365);
    const away = hashUnit(this.spec.seed, this.spec.key, Math.floor((day + 4) / 7), 1) < AWAY_WEEK_SHARE;
    const mood = away ? p.awayFactor : 0.5 + hashUnit(this.spec.seed, this.spec.key, day);
    return (this.spec.yearly / 365) * season * weekNorm * (weekend ? p.weekendFactor : 1) * mood;
  }

  /** Share of a day's use done by `fraction` of that day, and the share of the hour it is in. */
  private shareBy(day: number, fraction: number): { done: number; hour: number } {
    const shares = weekday(day) % 6 === 0 ? this.weekendShares : this.weekdayShares;
    const h = fraction * 24;
    const at = Math.min(23, Math.floor(h));
    const hour = shares[at + 1]! - shares[at]!;
    return { done: shares[at]! + hour * (h - at), hour };
  }

  /** The register at `ms`, in its unit (not yet rounded to the meter's resolution). */
  at(ms: number): number {
    const { day, fraction } = cetDay(ms);
    if (day < this.spec.installedDay) return this.spec.initial;
    while (this.cachedDay < day) this.cachedSum += this.dayUse(this.cachedDay++);
    while (this.cachedDay > day) this.cachedSum -= this.dayUse(--this.cachedDay);
    return this.spec.initial + this.cachedSum + this.dayUse(day) * this.shareBy(day, fraction).done;
  }

  /** Average use per hour in the hour that holds `ms`, for instantaneous power or flow. */
  hourlyRateAt(ms: number): number {
    const { day, fraction } = cetDay(ms);
    if (day < this.spec.installedDay) return 0;
    return this.dayUse(day) * this.shareBy(day, fraction).hour;
  }
}
