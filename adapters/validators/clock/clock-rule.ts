/**
 * clock: the meter's own clock far from the collection unit's (clockOffsetSeconds from
 * lib/collection/meter-time, or the 'clock-drift' flag it sets). A drifting clock puts values
 * in the wrong hour, or the wrong month at a month end. One finding per run of readings.
 */
import { FLAG } from '../../../lib/validation/flags';
import { fmt, forEachRun, HOUR_MS, iso } from '../../../lib/validation/series-tools';
import type { MeterSeries } from '../../../lib/validation/series';
import type { RuleContext, ValidatorRule } from '../../../lib/validation/types';

function check(s: MeterSeries, ctx: RuleContext): void {
  const p = ctx.parameters(s.meter, s.medium);
  const off = (i: number): boolean => Math.abs(s.clockOffset[i]!) > p.maxOffsetSeconds! || (s.flags[i]! & FLAG.clockDrift) !== 0;
  forEachRun(s, off, (first, last) => {
    let worst = 0;
    for (let i = first; i <= last; i++) if (Math.abs(s.clockOffset[i]!) > Math.abs(worst)) worst = s.clockOffset[i]!;
    ctx.emit({ meter: s.meter, from: iso(s.at[first]!), to: iso(s.at[last]!), severity: 'warning',
      message: `meter clock ${worst === 0 ? 'flagged as drifting' : `off by ${fmt(worst / 60, 1)} min`} (allowed ${fmt(p.maxOffsetSeconds! / 60, 1)} min) in ${last - first + 1} reading(s)` });
  }, p.mergeHours! * HOUR_MS);
}

export const clock: ValidatorRule = {
  id: 'clock',
  title: { en: 'Meter clock', sv: 'Mätarens klocka' },
  description: {
    en: 'The meter\'s time is far from the collection time (implausible clock)',
    sv: 'Mätarens tid avviker mycket från insamlingstiden (orimlig klocka)',
  },
  severity: 'warning',
  media: [],
  parameters: [
    { name: 'maxOffsetSeconds', unit: 's', default: 300, description: { en: 'largest tolerated meter clock error', sv: 'största tillåtna fel i mätarens klocka' } },
    { name: 'mergeHours', unit: 'h', default: 25, description: { en: 'drifting readings closer than this are one finding', sv: 'avvikande värden närmare än detta är ett fynd' } },
  ],
  checkMeter: check,
};
