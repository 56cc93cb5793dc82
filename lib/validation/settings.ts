/**
 * Rule configuration: every parameter has a default per medium (in the rule); special rules
 * (särskilda regler) override a parameter, the severity or whether the rule runs at all, for a
 * medium, a property, a building or one meter. Settings are a versioned list of changes — who,
 * when, what, why — never edited in place; the effective value is the most specific scope's
 * latest change (meter > building > property > medium > the rule's defaults).
 */
import { ConfigError } from '../errors';
import { SEVERITIES, type Medium, type Parameters, type Severity, type ValidatorRule } from './types';

export interface Scope { medium?: Medium; property?: string; building?: string; meter?: string }

/** What a change sets: a parameter's number, the rule's severity, or enabled (1/0); null removes the override. */
export interface SettingChange {
  rule: string;
  scope: Scope;
  /** A parameter name, 'severity' or 'enabled'. */
  setting: string;
  value: number | string | null;
  by: string;
  reason?: string;
}

export interface VersionedChange extends SettingChange { version: number; at: string }

/** Where a meter sits, for scope matching. */
export interface Placement { meter: string; medium: Medium; building?: string; property?: string }

export interface Resolved { parameters: Parameters; severity: Severity | undefined; enabled: boolean }

const specificity = (s: Scope): number => (s.meter ? 4 : s.building ? 3 : s.property ? 2 : s.medium ? 1 : 0);

function matches(s: Scope, p: Placement): boolean {
  return (!s.meter || s.meter === p.meter) && (!s.building || s.building === p.building)
    && (!s.property || s.property === p.property) && (!s.medium || s.medium === p.medium);
}

export class RuleSettings {
  private readonly changes: VersionedChange[];
  private ordered: VersionedChange[] | undefined;

  constructor(changes: readonly VersionedChange[] = []) {
    this.changes = [...changes].sort((a, b) => a.version - b.version);
  }

  get version(): number {
    return this.changes[this.changes.length - 1]?.version ?? 0;
  }

  /** Appends a change (checked against the rule); returns it with its version and time. */
  change(c: SettingChange, rules: readonly ValidatorRule[], at = new Date().toISOString()): VersionedChange {
    const rule = rules.find((r) => r.id === c.rule);
    if (!rule) throw new ConfigError(`unknown rule '${c.rule}' (known: ${rules.map((r) => r.id).join(', ')})`);
    if (!c.by) throw new ConfigError('a change needs who made it (by)');
    const known = c.setting === 'enabled' || c.setting === 'severity' || rule.parameters.some((p) => p.name === c.setting);
    if (!known) throw new ConfigError(`rule ${rule.id} has no setting '${c.setting}' (parameters: ${rule.parameters.map((p) => p.name).join(', ')}, severity, enabled)`);
    if (c.setting === 'severity' && c.value !== null && !SEVERITIES.includes(c.value as Severity)) throw new ConfigError(`severity must be one of ${SEVERITIES.join(', ')}`);
    if (c.setting !== 'severity' && c.value !== null && !Number.isFinite(Number(c.value))) throw new ConfigError(`${c.setting} must be a number`);
    const v: VersionedChange = { ...c, version: this.version + 1, at };
    this.changes.push(v);
    this.ordered = undefined;
    return v;
  }

  /** Every change, oldest first (the audit trail of the configuration). */
  history(): readonly VersionedChange[] {
    return this.changes;
  }

  /** The settings as they were at a version. */
  asOf(version: number): RuleSettings {
    return new RuleSettings(this.changes.filter((c) => c.version <= version));
  }

  /** The effective parameters, severity and enabled state of a rule for one meter. */
  resolve(rule: ValidatorRule, p: Placement): Resolved {
    const parameters: Record<string, number> = {};
    for (const spec of rule.parameters) parameters[spec.name] = spec.media?.[p.medium] ?? spec.default;
    let severity: Severity | undefined;
    let enabled = true;
    this.ordered ??= [...this.changes].sort((a, b) => specificity(a.scope) - specificity(b.scope) || a.version - b.version);
    for (const c of this.ordered) {
      if (c.rule !== rule.id || !matches(c.scope, p)) continue;
      if (c.setting === 'severity') severity = (c.value as Severity | null) ?? undefined;
      else if (c.setting === 'enabled') enabled = c.value === null || Number(c.value) !== 0;
      else {
        const spec = rule.parameters.find((s) => s.name === c.setting)!;
        parameters[c.setting] = c.value === null ? spec.media?.[p.medium] ?? spec.default : Number(c.value);
      }
    }
    return { parameters, severity, enabled };
  }
}
