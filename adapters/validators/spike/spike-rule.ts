/**
 * spike: an hour or a day whose use is as large as a week's normal use is implausible
 * (DOMAIN.md). "Normal" is learned per meter from its own history — the median day of the
 * window — and, while the meter has fewer than `minDays` days of history (cold start), taken
 * from the medium's default; it never goes below `minDaily`, so a vacant apartment's first
 * shower is not a spike.
 */
import { dailyUse, DAY_MS, fmt, forEachRun, cetDayOf, cetDayStart, iso, median, HOUR_MS } from '../../../lib/validation/series-tools';
import type { MeterSeries } from '../../../lib/validation/series';
import type { RuleContext, ValidatorRule } from '../../../lib/validation/types';

function check(s: MeterSeries, ctx: RuleContext): void {
  const p = ctx.parameters(s.meter, s.medium);
  const daily = dailyUse(s);
  let learnedDays = 0;
  for (let k = 0; k < daily.length; k++) if (Number.isFinite(daily.use[k]!)) learnedDays++;
  const learned = learnedDays >= p.minDays! ? median(daily.use, daily.length) : p.coldStartDaily!;
  const normalDaily = Math.max(learned, p.minDaily!);
  const week = 7 * normalDaily;
  const unit = s.medium === 'electricity' || s.medium === 'heat' ? 'kWh' : 'm3';
  const hourLimit = p.hourShareOfWeek! * week;
  const hourUse = (i: number): number => (i > 0 && s.at[i]! - s.at[i - 1]! <= 1.5 * HOUR_MS ? s.value[i]! - s.value[i - 1]! : NaN);
  const spikeDays = new Set<number>();
  forEachRun(s, (i) => hourUse(i) >= hourLimit, (first, last) => {
    let use = 0;
    for (let i = first; i <= last; i++) use += hourUse(i);
    spikeDays.add(cetDayOf(s.at[last]!));
    ctx.emit({
      meter: s.meter, from: iso(s.at[first - 1]!), to: iso(s.at[last]!), severity: 'block', check: 'hour',
      message: `${fmt(use)} ${unit} in ${last - first + 1} hour(s) is ${fmt(use / week, 2)} × a normal week (${fmt(normalDaily)} ${unit}/day${learnedDays >= p.minDays! ? ' learned' : ', cold start'})`,
    });
  });
  for (let k = 0; k < daily.length; k++) {
    const use = daily.use[k]!;
    if (!(use >= p.dayShareOfWeek! * week) || spikeDays.has(daily.day[k]!)) continue;
    const start = cetDayStart(daily.day[k]!);
    ctx.emit({
      meter: s.meter, from: iso(start), to: iso(start + DAY_MS), severity: 'block', check: 'day',
      message: `${fmt(use)} ${unit} in one day is ${fmt(use / week, 2)} × a normal week (${fmt(normalDaily)} ${unit}/day)`,
    });
  }
}

export const spike: ValidatorRule = {
  id: 'spike',
  title: { en: 'Spike', sv: 'Orimlig förbrukningstopp' },
  description: {
    en: 'An hour or a day whose use is as large as a week\'s normal use, learned per meter from its own history',
    sv: 'En timme eller ett dygn med lika stor förbrukning som en normal vecka, inlärd per mätare ur dess egen historik',
  },
  severity: 'block',
  media: ['cold-water', 'hot-water', 'electricity', 'heat'],
  parameters: [
    { name: 'hourShareOfWeek', unit: 'share', default: 0.5, description: { en: 'an hour at or above this share of a normal week is a spike', sv: 'en timme med minst denna andel av en normal vecka är en topp' } },
    { name: 'dayShareOfWeek', unit: 'share', default: 1, description: { en: 'a day at or above this share of a normal week is a spike', sv: 'ett dygn med minst denna andel av en normal vecka är en topp' } },
    { name: 'minDays', unit: 'days', default: 7, description: { en: 'days of history before the normal use is learned', sv: 'dygn historik innan normalförbrukningen lärs in' } },
    { name: 'coldStartDaily', unit: 'm3 or kWh per day', default: 1, media: { 'cold-water': 0.3, 'hot-water': 0.2, 'electricity': 8, 'heat': 40 }, description: { en: 'normal daily use before enough history', sv: 'normal dygnsförbrukning innan tillräcklig historik finns' } },
    { name: 'minDaily', unit: 'm3 or kWh per day', default: 0.1, media: { 'cold-water': 0.05, 'hot-water': 0.03, 'electricity': 2, 'heat': 5 }, description: { en: 'the learned normal never goes below this', sv: 'den inlärda normalen går aldrig under detta' } },
  ],
  checkMeter: check,
};
