/**
 * counter: a register that should only count up. A drop is a rollover (the register passed its
 * highest value and wrapped: info, the use is still known), a reset (back to about zero: the
 * meter restarted — block) or otherwise a counter that went backwards (block). Across meters:
 * a registered meter that falls silent while an unregistered meter of the same medium starts
 * near zero looks like a swap nobody registered (warning); a swap in the registry (mätarbyte) is
 * expected and reported as info only.
 */
import { fmt, HOUR_MS, DAY_MS, iso } from '../../../lib/validation/series-tools';
import type { MeterSeries } from '../../../lib/validation/series';
import type { Medium, RuleContext, ValidatorRule } from '../../../lib/validation/types';

function checkSeries(s: MeterSeries, ctx: RuleContext): void {
  const p = ctx.parameters(s.meter, s.medium);
  let prev = NaN, prevAt = 0;
  for (let i = 0; i < s.length; i++) {
    const v = s.value[i]!;
    if (Number.isNaN(v)) continue;
    if (v < prev - p.tolerance!) {
      const wrap = 10 ** Math.ceil(Math.log10(prev + 1e-9));
      const base = { meter: s.meter, from: iso(prevAt), to: iso(s.at[i]!) };
      if (prev >= p.rolloverShare! * wrap && v + wrap - prev <= (1 - p.rolloverShare!) * wrap) {
        ctx.emit({ ...base, severity: 'info', check: 'rollover', message: `register rolled over at ${fmt(wrap)}: ${fmt(prev)} → ${fmt(v)} (use ${fmt(v + wrap - prev)})` });
      } else if (v <= p.resetBelow!) {
        ctx.emit({ ...base, severity: 'block', check: 'reset', message: `register reset: ${fmt(prev)} → ${fmt(v)}` });
      } else {
        ctx.emit({ ...base, severity: 'block', check: 'backwards', message: `register went backwards by ${fmt(prev - v)}: ${fmt(prev)} → ${fmt(v)}` });
      }
    }
    prev = v;
    prevAt = s.at[i]!;
  }
}

const REGISTER_MEDIA: readonly Medium[] = ['cold-water', 'hot-water', 'electricity', 'heat'];

const firstValue = (s: MeterSeries): number => { for (let i = 0; i < s.length; i++) if (!Number.isNaN(s.value[i]!)) return s.value[i]!; return NaN; };

/** Registered swaps (info) and swaps nobody registered: a silent registered meter, a new unregistered one from ~0. */
function checkSwaps(all: readonly MeterSeries[], ctx: RuleContext): void {
  for (const info of ctx.registry.meters) {
    if (info.replacedBy) {
      ctx.emit({ meter: info.serial, from: iso(info.replacedBy.at), to: iso(info.replacedBy.at), severity: 'info', check: 'replaced', message: `replaced by meter ${info.replacedBy.serial} (registered swap)` });
    }
  }
  if (!ctx.registry.known) return;
  const newcomers = all.filter((s) => s.length > 0 && !ctx.registry.find(s.meter, s.manufacturer));
  for (const old of all) {
    const info = ctx.registry.find(old.meter, old.manufacturer);
    if (!info || info.replacedBy || old.length === 0 || !REGISTER_MEDIA.includes(old.medium)) continue;
    const lastAt = old.at[old.length - 1]!;
    if (ctx.now - lastAt < 2 * HOUR_MS) continue;
    const p = ctx.parameters(old.meter, old.medium);
    const successor = newcomers.find((n) => n.medium === old.medium && n.at[0]! >= lastAt && n.at[0]! - lastAt <= DAY_MS && firstValue(n) <= p.resetBelow!);
    if (!successor) continue;
    ctx.emit({
      meter: old.meter, from: iso(lastAt), to: iso(successor.at[0]!), severity: 'warning', check: 'swap',
      message: `meter seems replaced by unregistered meter ${successor.meter} (starts at ${fmt(firstValue(successor))}); register the swap (mätarbyte) with both readings`,
    });
  }
}

export const counter: ValidatorRule = {
  id: 'counter',
  title: { en: 'Register continuity', sv: 'Räkneverkets kontinuitet' },
  description: {
    en: 'Register went backwards, rolled over, was reset, or the meter was replaced (a registered swap is not an error)',
    sv: 'Räkneverket gick baklänges, slog runt, nollställdes eller mätaren byttes (ett registrerat mätarbyte är inget fel)',
  },
  severity: 'block',
  media: REGISTER_MEDIA,
  parameters: [
    { name: 'tolerance', unit: 'm3 or kWh', default: 0.001, media: { 'electricity': 0.01, 'heat': 0.01 }, description: { en: 'a drop up to this is read noise, not a fault', sv: 'en minskning upp till detta är avläsningsbrus' } },
    { name: 'resetBelow', unit: 'm3 or kWh', default: 1, media: { 'electricity': 10, 'heat': 10 }, description: { en: 'a drop to at most this is a reset', sv: 'en minskning till högst detta är en nollställning' } },
    { name: 'rolloverShare', unit: 'share', default: 0.95, description: { en: 'a drop from above this share of the next power of ten is a rollover', sv: 'en minskning från över denna andel av nästa tiopotens är ett varvslag' } },
  ],
  checkMeter: checkSeries,
  checkAll: checkSwaps,
};
