/**
 * room-temperature: a room outside normal room temperature (default 15–30 °C, the range in
 * which sensors must be within ±0.5 °C) is suspicious, and a sensor whose reading does not move
 * for days (a real room varies by tenths of a degree within hours) is stuck. One finding per
 * run of readings, not one per reading.
 */
import { fmt, forEachRun, HOUR_MS, iso } from '../../../lib/validation/series-tools';
import type { MeterSeries } from '../../../lib/validation/series';
import type { RuleContext, ValidatorRule } from '../../../lib/validation/types';

function check(s: MeterSeries, ctx: RuleContext): void {
  const p = ctx.parameters(s.meter, s.medium);
  const outside = (i: number): boolean => s.value[i]! < p.low! || s.value[i]! > p.high!;
  forEachRun(s, outside, (first, last) => {
    let extreme = s.value[first]!;
    for (let i = first; i <= last; i++) if (Math.abs(s.value[i]! - 22) > Math.abs(extreme - 22)) extreme = s.value[i]!;
    ctx.emit({ meter: s.meter, from: iso(s.at[first]!), to: iso(s.at[last]!), severity: 'warning', check: 'range',
      message: `room temperature ${fmt(extreme, 1)} °C outside ${p.low}–${p.high} °C (${last - first + 1} reading(s))` });
  }, 3 * HOUR_MS);
  const stuckMs = p.stuckHours! * HOUR_MS;
  let start = -1, min = Infinity, max = -Infinity;
  const close = (last: number): void => {
    if (start >= 0 && s.at[last]! - s.at[start]! >= stuckMs) {
      ctx.emit({ meter: s.meter, from: iso(s.at[start]!), to: iso(s.at[last]!), severity: 'warning', check: 'stuck',
        message: `sensor stuck at ${fmt(min, 2)} °C for ${fmt((s.at[last]! - s.at[start]!) / HOUR_MS, 0)} h (varied less than ${p.stuckBand} °C)` });
    }
  };
  for (let i = 0; i < s.length; i++) {
    const v = s.value[i]!;
    if (Number.isNaN(v)) continue;
    if (start >= 0 && Math.max(max, v) - Math.min(min, v) <= p.stuckBand!) { min = Math.min(min, v); max = Math.max(max, v); continue; }
    if (start >= 0) close(i - 1);
    start = i; min = v; max = v;
  }
  if (start >= 0) close(s.length - 1);
}

export const roomTemperature: ValidatorRule = {
  id: 'room-temperature',
  title: { en: 'Room temperature', sv: 'Rumstemperatur' },
  description: {
    en: 'Room temperature outside the normal range, or a sensor that does not vary for days (stuck)',
    sv: 'Rumstemperatur utanför normalt intervall, eller en givare som inte varierar på flera dygn (fastnat)',
  },
  severity: 'warning',
  media: ['room-temperature'],
  parameters: [
    { name: 'low', unit: '°C', default: 15, description: { en: 'lowest normal room temperature', sv: 'lägsta normala rumstemperatur' } },
    { name: 'high', unit: '°C', default: 30, description: { en: 'highest normal room temperature', sv: 'högsta normala rumstemperatur' } },
    { name: 'stuckHours', unit: 'h', default: 48, description: { en: 'no variation for this long is a stuck sensor', sv: 'ingen variation så här länge är en fastnad givare' } },
    { name: 'stuckBand', unit: 'K', default: 0.05, description: { en: 'variation up to this counts as none', sv: 'variation upp till detta räknas som ingen' } },
  ],
  checkMeter: check,
};
