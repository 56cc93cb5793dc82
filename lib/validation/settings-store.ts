/**
 * Rule settings kept in the system of record (table validation_settings, append-only): load
 * the versioned list of changes, and record a new change — checked first, so a bad special
 * rule never lands in the history.
 */
import type { SystemOfRecord } from '../store';
import { RuleSettings, type SettingChange, type VersionedChange } from './settings';
import type { ValidatorRule } from './types';

export function loadSettings(store: SystemOfRecord): RuleSettings {
  const rows = store.db.prepare('SELECT * FROM validation_settings ORDER BY version').all() as Array<Record<string, any>>;
  return new RuleSettings(rows.map((r): VersionedChange => ({
    version: r.version, at: r.at, by: r.by, rule: r.rule, scope: JSON.parse(r.scope), setting: r.setting,
    value: r.value === null ? null : r.setting === 'severity' ? r.value : Number(r.value), ...(r.reason ? { reason: r.reason } : {}),
  })));
}

export function recordSetting(store: SystemOfRecord, change: SettingChange, rules: readonly ValidatorRule[]): VersionedChange {
  return store.transaction(() => {
    const v = loadSettings(store).change(change, rules);
    store.db.prepare('INSERT INTO validation_settings (version, at, by, rule, scope, setting, value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(v.version, v.at, v.by, v.rule, JSON.stringify(v.scope), v.setting, v.value === null ? null : String(v.value), v.reason ?? null);
    return v;
  });
}
