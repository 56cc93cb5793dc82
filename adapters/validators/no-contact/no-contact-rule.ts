/**
 * no-contact: a meter silent for longer than `silentHours` (a gap in its readings, or silence
 * up to now, or a registered meter never heard), and a collection unit / gateway whose meters
 * all fall silent together — reported once for the gateway, not once per meter. A meter
 * replaced by a registered swap is expected to be silent after the swap. The contract asks for
 * action within 7 days of lost contact with a master unit.
 */
import { fmt, HOUR_MS, iso } from '../../../lib/validation/series-tools';
import type { MeterSeries } from '../../../lib/validation/series';
import type { RuleContext, ValidatorRule } from '../../../lib/validation/types';

interface Silence { meter: string; via: string; from: number; to: number }

function silences(s: MeterSeries, ctx: RuleContext, windowStart: number): Silence[] {
  const p = ctx.parameters(s.meter, s.medium);
  const info = ctx.registry.find(s.meter, s.manufacturer);
  const limit = p.silentHours! * HOUR_MS;
  const out: Silence[] = [];
  const add = (from: number, to: number): void => {
    const end = info?.replacedBy ? Math.min(to, info.replacedBy.at) : to;
    const start = info?.replaces ? Math.max(from, info.replaces.at) : from;
    if (end - start > limit) out.push({ meter: s.meter, via: s.via, from: start, to: end });
  };
  if (s.length === 0) return out;
  if (info) add(windowStart, s.at[0]!);
  for (let i = 1; i < s.length; i++) if (s.at[i]! - s.at[i - 1]! > limit) add(s.at[i - 1]!, s.at[i]!);
  add(s.at[s.length - 1]!, ctx.now);
  return out;
}

/** Hours in which at least `share` of a gateway's meters were silent, as runs [from, to). */
function gatewayOutages(meters: number, list: Silence[], share: number, minMs: number): Array<[number, number]> {
  const firstHour = Math.floor(Math.min(...list.map((x) => x.from)) / HOUR_MS);
  const lastHour = Math.ceil(Math.max(...list.map((x) => x.to)) / HOUR_MS);
  const delta = new Int32Array(lastHour - firstHour + 2);
  for (const x of list) { delta[Math.ceil(x.from / HOUR_MS) - firstHour]++; delta[Math.floor(x.to / HOUR_MS) - firstHour]--; }
  const runs: Array<[number, number]> = [];
  let count = 0, start = -1;
  for (let h = 0; h < delta.length; h++) {
    count += delta[h]!;
    const down = count >= Math.max(2, share * meters);
    if (down && start < 0) start = h;
    if (!down && start >= 0) { if ((h - start) * HOUR_MS >= minMs) runs.push([(firstHour + start) * HOUR_MS, (firstHour + h) * HOUR_MS]); start = -1; }
  }
  return runs;
}

function check(all: readonly MeterSeries[], ctx: RuleContext): void {
  let windowStart = ctx.now;
  for (const s of all) if (s.length > 0) windowStart = Math.min(windowStart, s.at[0]!);
  const byGateway = new Map<string, MeterSeries[]>();
  for (const s of all) if (s.via) byGateway.set(s.via, [...(byGateway.get(s.via) ?? []), s]);
  const silent = all.flatMap((s) => silences(s, ctx, windowStart));
  const covered = new Set<Silence>();
  for (const [via, meters] of byGateway) {
    const p = ctx.parameters(via, 'other');
    const list = silent.filter((x) => x.via === via);
    if (meters.length < p.gatewayMinMeters! || list.length === 0) continue;
    for (const [from, to] of gatewayOutages(meters.length, list, p.gatewayShare!, p.silentHours! * HOUR_MS)) {
      for (const x of list) if (x.from >= from - 2 * HOUR_MS && x.to <= to + 2 * HOUR_MS) covered.add(x);
      ctx.emit({ meter: via, from: iso(from), to: iso(to), severity: 'warning', check: 'gateway',
        message: `gateway ${via} silent: ${meters.length} meter(s) without contact for ${fmt((to - from) / HOUR_MS, 0)} h` });
    }
  }
  for (const x of silent) {
    if (covered.has(x)) continue;
    ctx.emit({ meter: x.meter, from: iso(x.from), to: iso(x.to), severity: 'warning', check: 'meter',
      message: `meter without contact for ${fmt((x.to - x.from) / HOUR_MS, 0)} h${x.to === ctx.now ? ' (still silent)' : ''}` });
  }
  if (!ctx.registry.known) return;
  const heard = new Set(all.map((s) => s.meter));
  for (const m of ctx.registry.meters) {
    if (heard.has(m.serial) || (m.replacedBy && m.replacedBy.at <= windowStart)) continue;
    ctx.emit({ meter: m.serial, from: iso(windowStart), to: iso(ctx.now), severity: 'warning', check: 'never-heard', message: `registered ${m.medium} meter of apartment ${m.objectId} never heard in this period` });
  }
}

export const noContact: ValidatorRule = {
  id: 'no-contact',
  title: { en: 'No contact', sv: 'Utan kontakt' },
  description: {
    en: 'A meter silent longer than allowed, or a whole collection unit / gateway silent (one alarm, not one per meter)',
    sv: 'En mätare tyst längre än tillåtet, eller en hel insamlingsenhet / gateway tyst (ett larm, inte ett per mätare)',
  },
  severity: 'warning',
  media: [],
  parameters: [
    { name: 'silentHours', unit: 'h', default: 24, description: { en: 'silence longer than this is no contact', sv: 'tystnad längre än detta är utan kontakt' } },
    { name: 'gatewayShare', unit: 'share', default: 0.8, description: { en: 'share of a gateway\'s meters silent together that makes it the gateway', sv: 'andel av en gateways mätare som tystnar samtidigt och gör det till gatewayen' } },
    { name: 'gatewayMinMeters', unit: 'meters', default: 3, description: { en: 'gateways with fewer meters are judged per meter', sv: 'gatewayer med färre mätare bedöms per mätare' } },
  ],
  checkAll: check,
};
