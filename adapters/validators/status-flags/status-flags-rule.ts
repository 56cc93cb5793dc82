/**
 * status-flags: what the meter or the collection chain says is wrong — error bits (meter error,
 * permanent/temporary error, value during error), corrupt telegrams (CRC/checksum), pulse
 * errors, alarms from meter definitions (leak, burst, tamper, reverse flow, dry), low battery —
 * and pulse or register rates no meter can physically give. One finding per run of flagged
 * readings and per kind.
 */
import { FLAG, type FlagName } from '../../../lib/validation/flags';
import { fmt, forEachRun, HOUR_MS, iso } from '../../../lib/validation/series-tools';
import type { MeterSeries } from '../../../lib/validation/series';
import type { RuleContext, Severity, ValidatorRule } from '../../../lib/validation/types';

const KINDS: ReadonlyArray<{ flag: FlagName; severity: Severity; what: string }> = [
  { flag: 'meterError', severity: 'block', what: 'meter error bits set (error/permanent/temporary error, value during error)' },
  { flag: 'corrupt', severity: 'block', what: 'corrupt telegram (CRC/checksum)' },
  { flag: 'pulseError', severity: 'block', what: 'pulse error (corrupt pulses)' },
  { flag: 'leak', severity: 'warning', what: 'leak alarm' },
  { flag: 'burst', severity: 'warning', what: 'burst alarm' },
  { flag: 'tamper', severity: 'warning', what: 'tamper alarm' },
  { flag: 'reverseFlow', severity: 'warning', what: 'reverse flow' },
  { flag: 'dry', severity: 'warning', what: 'dry pipe' },
  { flag: 'alarm', severity: 'warning', what: 'meter alarm' },
  { flag: 'powerLow', severity: 'warning', what: 'low battery' },
];

function check(s: MeterSeries, ctx: RuleContext): void {
  const p = ctx.parameters(s.meter, s.medium);
  let any = 0;
  for (let i = 0; i < s.length; i++) any |= s.flags[i]!;
  for (const k of KINDS) {
    const bit = FLAG[k.flag];
    if ((any & bit) === 0) continue;
    forEachRun(s, (i) => (s.flags[i]! & bit) !== 0, (first, last) => ctx.emit({
      meter: s.meter, from: iso(s.at[first]!), to: iso(s.at[last]!), severity: k.severity, check: k.flag,
      message: `${k.what} in ${last - first + 1} reading(s)`,
    }), p.mergeHours! * HOUR_MS);
  }
  if (s.medium === 'room-temperature' || s.medium === 'other') return;
  const rate = (i: number): number => {
    const hours = i > 0 ? (s.at[i]! - s.at[i - 1]!) / HOUR_MS : 0;
    return hours > 0 && hours <= 2 ? (s.value[i]! - s.value[i - 1]!) / Math.max(hours, 0.25) : NaN;
  };
  forEachRun(s, (i) => rate(i) > p.maxPerHour!, (first, last) => ctx.emit({
    meter: s.meter, from: iso(s.at[first - 1]!), to: iso(s.at[last]!), severity: 'block', check: 'impossible-rate',
    message: `${fmt(rate(first))} per hour is more than the meter can give (${p.maxPerHour} per hour)`,
  }));
}

export const statusFlags: ValidatorRule = {
  id: 'status-flags',
  title: { en: 'Status and error flags', sv: 'Status- och felflaggor' },
  description: {
    en: 'Error bits, corrupt telegrams, pulse errors, leak/burst/tamper/reverse-flow alarms, low battery, impossible rates',
    sv: 'Felbitar, korrupta telegram, pulsfel, läckage-/sprick-/manipulations-/backflödeslarm, lågt batteri, omöjliga flöden',
  },
  severity: 'block',
  media: [],
  parameters: [
    { name: 'maxPerHour', unit: 'm3/h or kWh/h', default: 100, media: { 'cold-water': 5, 'hot-water': 5, 'electricity': 44, 'heat': 100 }, description: { en: 'the most a meter can register in an hour (water: above Q4 of an apartment meter; electricity: 63 A three-phase)', sv: 'det mesta en mätare kan registrera på en timme' } },
    { name: 'mergeHours', unit: 'h', default: 6, description: { en: 'flagged readings closer than this are one finding', sv: 'flaggade värden närmare än detta är ett fynd' } },
  ],
  checkMeter: check,
};
