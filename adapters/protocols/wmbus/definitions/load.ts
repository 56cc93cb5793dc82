/**
 * Loading meter definitions: the built-in ones (meters/) and any `*.json` in a user directory,
 * read at run time (no rebuild). A later definition with the same id replaces the earlier one.
 */
import { readdirSync } from 'node:fs';
import { readJsonFile } from '../../../../lib/config-file';
import * as path from 'node:path';
import { builtInDefinitions } from '../meters';
import type { WirelessTelegram } from '../types';
import { checkDefinition, detects, type MeterDefinition } from './definition';

export function loadDefinitions(userDirectory?: string): MeterDefinition[] {
  const byId = new Map<string, MeterDefinition>();
  builtInDefinitions.forEach((d, i) => { const def = checkDefinition(d, `built-in #${i}`); byId.set(def.id, def); });
  if (userDirectory) {
    for (const name of readdirSync(userDirectory).filter((n) => n.endsWith('.json')).sort()) {
      const file = path.join(userDirectory, name);
      const def = checkDefinition(readJsonFile(file, 'meter definition'), file);
      byId.set(def.id, def);
    }
  }
  return [...byId.values()];
}

/** The definition that detects this telegram's meter, if any. */
export function definitionFor(definitions: readonly MeterDefinition[], t: WirelessTelegram): MeterDefinition | undefined {
  return definitions.find((d) => detects(d, t));
}
