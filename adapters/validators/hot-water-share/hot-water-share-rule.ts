/**
 * hot-water-share: per apartment and month, hot water / (cold + hot water). Normally about
 * 0.4–0.5 (DOMAIN.md); far outside the band is suspicious — a meter on the wrong pipe, a stuck
 * or swapped meter. Needs the registry (which meters share an apartment) and enough use and
 * enough days read in the month to mean anything.
 */
import { dailyUse, cetDayStart, DAY_MS, fmt, iso } from '../../../lib/validation/series-tools';
import type { MeterSeries } from '../../../lib/validation/series';
import type { RuleContext, ValidatorRule } from '../../../lib/validation/types';

interface MonthUse { use: number; days: number; start: number; end: number }

/** Use per CET calendar month (key yyyy*12+month) with the number of days read. */
function monthlyUse(s: MeterSeries): Map<number, MonthUse> {
  const daily = dailyUse(s);
  const months = new Map<number, MonthUse>();
  for (let k = 0; k < daily.length; k++) {
    const use = daily.use[k]!;
    if (!Number.isFinite(use)) continue;
    const start = cetDayStart(daily.day[k]!);
    const d = new Date(start + 3_600_000);
    const key = d.getUTCFullYear() * 12 + d.getUTCMonth();
    const m = months.get(key) ?? { use: 0, days: 0, start, end: start };
    m.use += use;
    m.days++;
    m.end = start + DAY_MS;
    months.set(key, m);
  }
  return months;
}

function check(all: readonly MeterSeries[], ctx: RuleContext): void {
  const byMeter = new Map(all.map((s) => [s.meter, s]));
  for (const meters of ctx.registry.apartments().values()) {
    const cold = meters.filter((m) => m.medium === 'cold-water').map((m) => byMeter.get(m.serial)).filter((s): s is MeterSeries => !!s);
    const hot = meters.filter((m) => m.medium === 'hot-water').map((m) => byMeter.get(m.serial)).filter((s): s is MeterSeries => !!s);
    if (cold.length === 0 || hot.length === 0) continue;
    const p = ctx.parameters(hot[0]!.meter, 'hot-water');
    const sum = (series: MeterSeries[]) => {
      const total = new Map<number, MonthUse>();
      for (const s of series) for (const [k, m] of monthlyUse(s)) {
        const t = total.get(k);
        total.set(k, t ? { use: t.use + m.use, days: Math.min(t.days, m.days), start: Math.min(t.start, m.start), end: Math.max(t.end, m.end) } : { ...m });
      }
      return total;
    };
    const coldMonths = sum(cold);
    for (const [k, h] of sum(hot)) {
      const c = coldMonths.get(k);
      if (!c || h.days < p.minDays! || c.days < p.minDays! || h.use + c.use < p.minTotal!) continue;
      const share = h.use / (h.use + c.use);
      if (share >= p.low! && share <= p.high!) continue;
      ctx.emit({
        meter: hot[0]!.meter, from: iso(Math.min(h.start, c.start)), to: iso(Math.max(h.end, c.end)), severity: 'warning',
        message: `hot water is ${fmt(share * 100, 1)} % of the apartment's water this month (hot ${fmt(h.use)} m3, cold ${fmt(c.use)} m3; expected ${fmt(p.low! * 100, 0)}–${fmt(p.high! * 100, 0)} %)`,
      });
    }
  }
}

export const hotWaterShare: ValidatorRule = {
  id: 'hot-water-share',
  title: { en: 'Hot-water share', sv: 'Varmvattenandel' },
  description: {
    en: 'Hot water / (cold + hot water) per apartment and month outside the band (normally about 0.4–0.5)',
    sv: 'Varmvatten / (kall- + varmvatten) per lägenhet och månad utanför intervallet (normalt cirka 0,4–0,5)',
  },
  severity: 'warning',
  media: ['hot-water', 'cold-water'],
  parameters: [
    { name: 'low', unit: 'share', default: 0.2, description: { en: 'lowest plausible hot-water share', sv: 'lägsta rimliga varmvattenandel' } },
    { name: 'high', unit: 'share', default: 0.8, description: { en: 'highest plausible hot-water share', sv: 'högsta rimliga varmvattenandel' } },
    { name: 'minTotal', unit: 'm3', default: 1, description: { en: 'months with less water in total are not judged', sv: 'månader med mindre vatten totalt bedöms inte' } },
    { name: 'minDays', unit: 'days', default: 20, description: { en: 'days read in the month before it is judged', sv: 'avlästa dygn i månaden innan den bedöms' } },
  ],
  checkAll: check,
};
