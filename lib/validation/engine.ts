/**
 * The rules engine: runs every enabled rule over the meter series — per-meter checks over each
 * series, cross-meter checks (apartments, gateways, identities) over all of them — with the
 * parameters and severity each meter's special rules give, and returns the findings sorted by
 * meter, time and rule. The rules themselves are plugins (adapters/validators).
 */
import { RegistryView } from './registry-view';
import type { MeterSeries } from './series';
import { RuleSettings, type Placement, type Resolved } from './settings';
import type { Finding, Medium, RuleContext, ValidatorRule } from './types';

export interface ValidationInput {
  series: MeterSeries[];
  registry?: RegistryView;
  /** End of the evaluation window (ms); default: the newest reading time. */
  now?: number;
}

function newestTime(series: readonly MeterSeries[]): number {
  let now = 0;
  for (const s of series) if (s.length > 0) now = Math.max(now, s.at[s.length - 1]!);
  return now;
}

/** Takes the registry's medium for every series whose meter it knows. */
function withRegistryMedia(series: MeterSeries[], registry: RegistryView): MeterSeries[] {
  for (const s of series) {
    const info = registry.find(s.meter, s.manufacturer);
    if (info && info.medium !== 'other') s.medium = info.medium;
  }
  return series;
}

export function validate(input: ValidationInput, rules: readonly ValidatorRule[], settings = new RuleSettings()): Finding[] {
  const registry = input.registry ?? RegistryView.empty();
  const series = withRegistryMedia(input.series, registry);
  const now = input.now ?? newestTime(series);
  const findings: Finding[] = [];
  for (const rule of rules) {
    const cache = new Map<string, Resolved>();
    const resolve = (meter: string, medium: Medium): Resolved => {
      const key = `${meter}|${medium}`;
      let r = cache.get(key);
      if (!r) {
        const info = registry.find(meter);
        const placement: Placement = { meter, medium, building: info?.building, property: info?.property };
        r = settings.resolve(rule, placement);
        cache.set(key, r);
      }
      return r;
    };
    const mediumOf = new Map(series.map((s) => [s.meter, s.medium]));
    const ctx: RuleContext = {
      registry, now,
      parameters: (meter, medium) => resolve(meter, medium).parameters,
      severity: (meter, medium, fallback) => resolve(meter, medium).severity ?? fallback,
      emit: (f) => {
        const r = resolve(f.meter, mediumOf.get(f.meter) ?? registry.find(f.meter)?.medium ?? 'other');
        if (r.enabled) findings.push({ ...f, rule: rule.id, severity: r.severity ?? f.severity });
      },
    };
    if (rule.checkMeter) {
      for (const s of series) {
        if ((rule.media.length === 0 || rule.media.includes(s.medium)) && s.length > 0) rule.checkMeter(s, ctx);
      }
    }
    rule.checkAll?.(series, ctx);
  }
  return findings.sort((a, b) => (a.meter < b.meter ? -1 : a.meter > b.meter ? 1 : 0) || a.from.localeCompare(b.from) || a.rule.localeCompare(b.rule));
}
