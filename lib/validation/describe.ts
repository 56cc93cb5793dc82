/**
 * A validator plugin's descriptor (lib/plugin) made from its rule: the title, the summary in
 * English and Swedish, and a configuration schema with every parameter, its unit and its
 * per-medium defaults, plus severity and enabled, which special rules may override too.
 */
import type { PluginDescriptor } from '../plugin';
import { SEVERITIES, type ValidatorRule } from './types';

export function describeRule(rule: ValidatorRule, references: string[]): PluginDescriptor {
  const properties: Record<string, unknown> = {
    severity: { enum: SEVERITIES, default: rule.severity },
    enabled: { type: 'boolean', default: true },
  };
  for (const p of rule.parameters) {
    properties[p.name] = { type: 'number', default: p.default, unit: p.unit, description: `${p.description.en} (${p.description.sv})`, mediaDefaults: p.media ?? {} };
  }
  const exampleConfig: Record<string, unknown> = Object.fromEntries(rule.parameters.map((p) => [p.name, p.default]));
  return {
    id: rule.id,
    kind: 'validator',
    title: `${rule.title.en} (${rule.title.sv})`,
    since: '0.3.0',
    summary: `${rule.description.en} — ${rule.description.sv}`,
    configSchema: { type: 'object', properties },
    exampleConfig,
    capabilities: [rule.checkMeter ? 'per-meter' : 'cross-meter'],
    references: ['DOMAIN.md "Validation"', ...references],
  };
}
