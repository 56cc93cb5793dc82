/**
 * `imd rules list|set|history`: the special rules (särskilda regler) of the validation rules in
 * the system of record — a parameter, the severity or enabled of one rule overridden for a
 * medium, a property, a building or a meter. Changes are versioned and never edited (who, when,
 * what, why); `list` shows the overrides in effect, `history` every change.
 */
import { RULES } from '../../adapters/validators';
import { ConfigError } from '../../lib/errors';
import { databasePath, SystemOfRecord } from '../../lib/store';
import { loadSettings, MEDIA, recordSetting, type Medium, type Scope, type VersionedChange } from '../../lib/validation';
import { ExitCode, type Command } from '../command';
import { parseArguments } from '../parse-arguments';

const SCOPE_KINDS = ['medium', 'property', 'building', 'meter'] as const;

/** `all`, or `<kind>:<value>` for one of SCOPE_KINDS (a medium must be a known one). */
function parseScope(text: string): Scope {
  if (text === 'all') return {};
  const colon = text.indexOf(':');
  const kind = text.slice(0, colon) as typeof SCOPE_KINDS[number];
  const value = text.slice(colon + 1).trim();
  if (colon < 0 || !SCOPE_KINDS.includes(kind) || value === '') {
    throw new ConfigError(`--scope '${text}' is not all or ${SCOPE_KINDS.map((k) => `${k}:<${k === 'medium' ? 'medium' : 'id'}>`).join(', ')}`);
  }
  if (kind === 'medium' && !MEDIA.includes(value as Medium)) throw new ConfigError(`--scope medium '${value}' is not one of ${MEDIA.join(', ')}`);
  return { [kind]: value };
}

/** The scope as --scope takes it: all, or kind:value pairs joined by commas. */
function formatScope(scope: Scope): string {
  const parts = SCOPE_KINDS.filter((k) => scope[k] !== undefined).map((k) => `${k}:${scope[k]}`);
  return parts.length === 0 ? 'all' : parts.join(',');
}

const line = (c: VersionedChange): string => `${JSON.stringify({
  version: c.version, at: c.at, by: c.by, rule: c.rule, scope: formatScope(c.scope), setting: c.setting, value: c.value, reason: c.reason ?? null,
})}\n`;

/** The newest change of every (rule, scope, setting) whose value is still set: the overrides in effect. */
function inEffect(history: readonly VersionedChange[]): VersionedChange[] {
  const newest = new Map<string, VersionedChange>();
  for (const c of history) newest.set(`${c.rule}\n${formatScope(c.scope)}\n${c.setting}`, c);
  return [...newest.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, c]) => c).filter((c) => c.value !== null);
}

/** A value from the command line: `default` removes the override; numbers for parameters and enabled. */
function parseValue(setting: string, text: string): number | string | null {
  if (text === 'default') return null;
  if (text.trim() === '') throw new ConfigError('--value is empty (give a value, or default to remove the override)');
  return setting === 'severity' || !Number.isFinite(Number(text)) ? text : Number(text);
}

export const rules: Command = {
  name: 'rules',
  summary: 'special rules of the validation: list the overrides in effect, set one, show the history',
  usage: `Usage: imd rules list [--as-of <version>] [--data <dir>]
       imd rules set --rule <id> --scope <scope> --setting <name> --value <v> --by <who> [--reason <why>] [--data <dir>]
       imd rules history [--as-of <version>] [--data <dir>]

list     one JSON line per override in effect (the newest change of each rule, scope and setting):
         {"version","at","by","rule","scope","setting","value","reason"}
set      records a change and prints it with its version; nothing is recorded when it is invalid
history  every change, oldest first, in the same shape (who, when, what, why)
--as-of    the configuration as it was at that version (list, history)

--rule     ${RULES.map((r) => r.id).join(', ')}
--scope    all | medium:<${MEDIA.join('|')}> | property:<id> | building:<id> | meter:<serial>
           (the most specific scope wins: meter > building > property > medium > all)
--setting  a parameter of the rule (adapters/validators/<rule>/README.md), severity or enabled
--value    a number; for severity info|warning|block; enabled 1 or 0; "default" removes the override
The database is <dir>/imd.sqlite (default IMD_DATA, else ./data); "imd validate --data" and the
imd-validate node apply these rules.

Exit status: 0; 2 for a bad command line or an invalid rule, scope, setting or value.`,

  async run(args, io) {
    const { values, positionals } = parseArguments({ args, allowPositionals: true, options: {
      data: { type: 'string' }, 'as-of': { type: 'string' }, rule: { type: 'string' }, scope: { type: 'string' },
      setting: { type: 'string' }, value: { type: 'string' }, by: { type: 'string' }, reason: { type: 'string' },
    } });
    const [action, ...extra] = positionals;
    if (extra.length > 0) throw new ConfigError(`unexpected argument '${extra[0]}'`);
    if (!['list', 'set', 'history'].includes(action ?? '')) throw new ConfigError('give list, set or history');
    const asOf = values['as-of'] === undefined ? undefined : Number(values['as-of']);
    if (asOf !== undefined && !(Number.isInteger(asOf) && asOf >= 0)) throw new ConfigError(`--as-of '${values['as-of']}' is not a version number`);
    const missing = action === 'set' ? (['rule', 'scope', 'setting', 'value', 'by'] as const).filter((o) => values[o] === undefined) : [];
    if (missing.length > 0) throw new ConfigError(`set needs ${missing.map((o) => `--${o}`).join(', ')}`);
    const scope = action === 'set' ? parseScope(values.scope!) : {};
    const store = SystemOfRecord.open(databasePath(values.data));
    try {
      if (action === 'set') {
        const change = { rule: values.rule!, scope, setting: values.setting!, value: parseValue(values.setting!, values.value!), by: values.by! };
        io.stdout.write(line(recordSetting(store, { ...change, ...(values.reason ? { reason: values.reason } : {}) }, RULES)));
      } else {
        const settings = asOf === undefined ? loadSettings(store) : loadSettings(store).asOf(asOf);
        const changes = action === 'list' ? inEffect(settings.history()) : settings.history();
        for (const c of changes) io.stdout.write(line(c));
      }
    } finally {
      store.close();
    }
    return ExitCode.success;
  },
};
