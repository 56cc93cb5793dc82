/**
 * identity: who a value belongs to. One meter id placed in two apartments (the registry lists
 * it twice, under two manufacturers), or heard as two different meters (two manufacturers or
 * media with one id) — values could be billed to the wrong tenant (block); and a meter heard
 * but not registered, whose values belong to no apartment (warning).
 */
import { iso } from '../../../lib/validation/series-tools';
import type { MeterSeries } from '../../../lib/validation/series';
import type { RuleContext, ValidatorRule } from '../../../lib/validation/types';

function span(list: readonly MeterSeries[], ctx: RuleContext): { from: string; to: string } {
  let from = ctx.now, to = 0;
  for (const s of list) if (s.length > 0) { from = Math.min(from, s.at[0]!); to = Math.max(to, s.at[s.length - 1]!); }
  return to === 0 ? { from: iso(ctx.now), to: iso(ctx.now) } : { from: iso(from), to: iso(to) };
}

function check(all: readonly MeterSeries[], ctx: RuleContext): void {
  const heard = new Map<string, MeterSeries[]>();
  for (const s of all) heard.set(s.meter, [...(heard.get(s.meter) ?? []), s]);
  const reported = new Set<string>();
  for (const m of ctx.registry.meters) {
    const rows = ctx.registry.withSerial(m.serial);
    const apartments = [...new Set(rows.map((r) => r.objectId))];
    if (apartments.length < 2 || reported.has(m.serial)) continue;
    reported.add(m.serial);
    ctx.emit({ meter: m.serial, ...span(heard.get(m.serial) ?? [], ctx), severity: 'block', check: 'two-apartments',
      message: `meter id ${m.serial} is placed in apartments ${apartments.join(' and ')} (${rows.map((r) => r.manufacturer || '?').join(', ')})` });
  }
  for (const [serial, list] of heard) {
    const unregistered = ctx.registry.known ? list.filter((s) => !ctx.registry.find(s.meter, s.manufacturer) || ctx.registry.withSerial(serial).length < list.length) : [];
    if (list.length > 1 && !reported.has(serial)) {
      reported.add(serial);
      ctx.emit({ meter: serial, ...span(list, ctx), severity: 'block', check: 'heard-twice',
        message: `meter id ${serial} heard as ${list.length} meters (${list.map((s) => `${s.manufacturer || '?'} ${s.medium}`).join(', ')})` });
    } else if (unregistered.length > 0 && list.length === 1) {
      ctx.emit({ meter: serial, ...span(list, ctx), severity: 'warning', check: 'unregistered',
        message: `${list[0]!.medium} meter ${serial} (${list[0]!.manufacturer || '?'}) heard but not registered: its values belong to no apartment` });
    }
  }
}

export const identity: ValidatorRule = {
  id: 'identity',
  title: { en: 'Meter identity', sv: 'Mätaridentitet' },
  description: {
    en: 'One meter id in two apartments or heard as two meters; a meter heard but not registered',
    sv: 'Ett mätar-id i två lägenheter eller hört som två mätare; en mätare som hörs men inte är registrerad',
  },
  severity: 'block',
  media: [],
  parameters: [],
  checkAll: check,
};
