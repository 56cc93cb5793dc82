/**
 * Loading meter definitions: the built-in ones (meters/) and any `*.json` in a user directory,
 * read at run time (no rebuild). A later definition with the same id replaces the earlier one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, describeError } from '../../../../lib/errors';
import { builtInDefinitions } from '../meters';
import type { WirelessTelegram } from '../types';
import { checkDefinition, detects, type MeterDefinition } from './definition';

export function loadDefinitions(userDirectory?: string): MeterDefinition[] {
  const byId = new Map<string, MeterDefinition>();
  builtInDefinitions.forEach((d, i) => { const def = checkDefinition(d, `built-in #${i}`); byId.set(def.id, def); });
  if (userDirectory) {
    for (const name of readdirSync(userDirectory).filter((n) => n.endsWith('.json')).sort()) {
      const file = path.join(userDirectory, name);
      let parsed: unknown;
      try { parsed = JSON.parse(readFileSync(file, 'utf8')); } catch (err) { throw new ConfigError(`meter definition ${file}: ${describeError(err)}`); }
      const def = checkDefinition(parsed, file);
      byId.set(def.id, def);
    }
  }
  return [...byId.values()];
}

/** The definition that detects this telegram's meter, if any. */
export function definitionFor(definitions: readonly MeterDefinition[], t: WirelessTelegram): MeterDefinition | undefined {
  return definitions.find((d) => detects(d, t));
}
