/**
 * The validation vocabulary (validering, rimlighetskontroll): a rule is a small plugin with an
 * id, a Swedish and an English description, parameters with per-medium defaults and a default
 * severity; it reads columnar meter series (series.ts) and emits findings. A finding names the
 * meter (or gateway), the period it covers, the rule, the severity and a human message.
 */
import type { MeterSeries } from './series';
import type { RegistryView } from './registry-view';

/** info: tell someone; warning: look at it; block: hold the value from billing until reviewed. */
export type Severity = 'info' | 'warning' | 'block';
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'block'];

/** The media the defaults are given for (the registry's media folded into these groups). */
export type Medium = 'cold-water' | 'hot-water' | 'electricity' | 'heat' | 'room-temperature' | 'other';
export const MEDIA: readonly Medium[] = ['cold-water', 'hot-water', 'electricity', 'heat', 'room-temperature', 'other'];

export interface Texts { sv: string; en: string }

export interface Finding {
  /** Meter serial, or the gateway for a gateway-wide finding. */
  meter: string;
  /** ISO 8601 UTC: the period the finding covers (from ≤ to). */
  from: string;
  to: string;
  rule: string;
  severity: Severity;
  /** English, for people: what, where, how much. */
  message: string;
  /** The rule's sub-case, e.g. counter: backwards | rollover | reset | swap | replaced. */
  check?: string;
}

export interface ParameterSpec {
  name: string;
  unit: string;
  description: Texts;
  /** Fallback for media without their own default. */
  default: number;
  media?: Partial<Record<Medium, number>>;
}

/** Resolved parameters of one rule for one meter (after special rules). */
export type Parameters = Readonly<Record<string, number>>;

export interface RuleContext {
  registry: RegistryView;
  /** The end of the evaluation window (ms): "now" for silence and certification. */
  now: number;
  /** Parameters of this rule for a meter (medium defaults, then property/building/meter overrides). */
  parameters(meter: string, medium: Medium): Parameters;
  /** Severity of this rule for a meter (default, or overridden by a special rule). */
  severity(meter: string, medium: Medium, fallback: Severity): Severity;
  emit(finding: Omit<Finding, 'rule'>): void;
}

export interface ValidatorRule {
  id: string;
  title: Texts;
  description: Texts;
  severity: Severity;
  /** Media the rule looks at; empty = all. */
  media: readonly Medium[];
  parameters: readonly ParameterSpec[];
  /** Per-meter check over its own series. */
  checkMeter?(series: MeterSeries, ctx: RuleContext): void;
  /** Cross-meter check (apartments, gateways, identities) over every series at once. */
  checkAll?(all: readonly MeterSeries[], ctx: RuleContext): void;
}
