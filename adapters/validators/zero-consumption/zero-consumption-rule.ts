/**
 * zero-consumption: days in a row with no use at all. Reported, not necessarily an error: when
 * the apartment's other meters are quiet too it is probably a vacancy (info); when they run —
 * the other water meter for a water meter, the water for an electricity meter — the meter may
 * be dead or stuck (warning).
 */
import { cetDayStart, dailyUse, DAY_MS, iso, type DailyUse } from '../../../lib/validation/series-tools';
import type { MeterSeries } from '../../../lib/validation/series';
import type { Medium, RuleContext, ValidatorRule } from '../../../lib/validation/types';

/** Use of a series over CET days [fromDay, toDay]. */
function useOver(d: DailyUse, fromDay: number, toDay: number): number {
  let use = 0;
  for (let k = 0; k < d.length; k++) if (d.day[k]! >= fromDay && d.day[k]! <= toDay && Number.isFinite(d.use[k]!)) use += d.use[k]!;
  return use;
}

const siblingMedia = (m: Medium): Medium[] => (m === 'electricity' ? ['cold-water', 'hot-water'] : m === 'cold-water' ? ['hot-water'] : m === 'hot-water' ? ['cold-water'] : []);

function check(all: readonly MeterSeries[], ctx: RuleContext): void {
  const daily = new Map<MeterSeries, DailyUse>();
  const used = (s: MeterSeries): DailyUse => { let d = daily.get(s); if (!d) { d = dailyUse(s); daily.set(s, d); } return d; };
  const bySerial = new Map(all.map((s) => [s.meter, s]));
  for (const s of all) {
    if (!zeroConsumption.media.includes(s.medium) || s.length === 0) continue;
    const p = ctx.parameters(s.meter, s.medium);
    const d = used(s);
    const report = (first: number, last: number): void => {
      const days = d.day[last]! - d.day[first]! + 1;
      if (days < p.minDays!) return;
      const info = ctx.registry.find(s.meter, s.manufacturer);
      const siblings = info ? (ctx.registry.apartments().get(info.objectId) ?? [])
        .filter((m) => siblingMedia(s.medium).includes(m.medium)).map((m) => bySerial.get(m.serial)).filter((x): x is MeterSeries => !!x) : [];
      const running = siblings.filter((x) => useOver(used(x), d.day[first]!, d.day[last]!) > p.siblingUse! * days);
      const base = { meter: s.meter, from: iso(cetDayStart(d.day[first]!)), to: iso(cetDayStart(d.day[last]!) + DAY_MS) };
      if (running.length > 0) ctx.emit({ ...base, severity: 'warning', check: 'dead-meter', message: `no use for ${days} days while meter ${running[0]!.meter} of the same apartment ran: dead or stuck meter?` });
      else ctx.emit({ ...base, severity: 'info', check: 'vacancy', message: `no use for ${days} days${info ? ' (the apartment\'s other meters are quiet too: vacancy?)' : ''}` });
    };
    let first = -1;
    for (let k = 0; k < d.length; k++) {
      const zero = d.use[k] === 0;
      if (first >= 0 && (!zero || d.day[k]! !== d.day[k - 1]! + 1)) { report(first, k - 1); first = -1; }
      if (zero && first < 0) first = k;
    }
    if (first >= 0) report(first, d.length - 1);
  }
}

export const zeroConsumption: ValidatorRule = {
  id: 'zero-consumption',
  title: { en: 'Zero consumption', sv: 'Nollförbrukning' },
  description: {
    en: 'Days in a row without any use: a vacancy (info) or, when the apartment\'s other meters run, a dead meter (warning)',
    sv: 'Flera dygn i följd utan förbrukning: tom lägenhet (info) eller, när lägenhetens övriga mätare går, en död mätare (varning)',
  },
  severity: 'info',
  media: ['cold-water', 'hot-water', 'electricity', 'heat'],
  parameters: [
    { name: 'minDays', unit: 'days', default: 4, media: { 'electricity': 2 }, description: { en: 'days without use before it is reported', sv: 'dygn utan förbrukning innan det rapporteras' } },
    { name: 'siblingUse', unit: 'm3 or kWh per day', default: 0.02, description: { en: 'another meter of the apartment using more than this per day "runs"', sv: 'en annan mätare i lägenheten som förbrukar mer än detta per dygn "går"' } },
  ],
  checkAll: check,
};
