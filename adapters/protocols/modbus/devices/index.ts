/**
 * The built-in device maps, one import line per meter model (add a model = one JSON file here
 * plus one line). `deviceMaps()` validates them and adds any `*.json` from a user directory,
 * read at run time without a rebuild; a later map with the same id replaces the earlier one.
 */
import { readdirSync } from 'node:fs';
import { readJsonFile } from '../../../../lib/config-file';
import * as path from 'node:path';
import { ConfigError } from '../../../../lib/errors';
import { checkDeviceMap, type DeviceMap } from '../device-map';
import abbB21 from './abb-b21.json';
import abbB23 from './abb-b23.json';
import abbB24 from './abb-b24.json';
import carloGavazziEm24 from './carlo-gavazzi-em24.json';
import carloGavazziEm340 from './carlo-gavazzi-em340.json';
import eastronSdm120 from './eastron-sdm120.json';
import eastronSdm630 from './eastron-sdm630.json';
import kamstrupOmnipower from './kamstrup-omnipower.json';
import schneiderIem3x55 from './schneider-iem3x55.json';

const BUILT_IN: readonly unknown[] = [
  eastronSdm120, eastronSdm630, abbB21, abbB23, abbB24, carloGavazziEm24, carloGavazziEm340, schneiderIem3x55, kamstrupOmnipower,
];

/** Every device map: the built-in ones, then those in `userDirectory` (if given). */
export function deviceMaps(userDirectory?: string): DeviceMap[] {
  const byId = new Map<string, DeviceMap>();
  BUILT_IN.forEach((parsed, i) => { const map = checkDeviceMap(parsed, `built-in #${i}`); byId.set(map.id, map); });
  if (userDirectory) {
    for (const name of readdirSync(userDirectory).filter((n) => n.endsWith('.json')).sort()) {
      const map = loadDeviceMapFile(path.join(userDirectory, name));
      byId.set(map.id, map);
    }
  }
  return [...byId.values()];
}

/** A map as the editor and `imd modbus devices` list it. */
export interface DeviceSummary {
  id: string;
  vendor: string;
  model: string;
  registers: number;
  template: boolean;
}

export function deviceSummaries(maps: readonly DeviceMap[] = deviceMaps()): DeviceSummary[] {
  return maps.map((m) => ({ id: m.id, vendor: m.vendor, model: m.model, registers: m.registers.length, template: m.template }));
}

/** One device map file, validated. */
export function loadDeviceMapFile(file: string): DeviceMap {
  return checkDeviceMap(readJsonFile(file, 'device map'), file);
}

/** The map with this id; ConfigError naming the known ids otherwise. */
export function deviceMap(id: string, maps: readonly DeviceMap[] = deviceMaps()): DeviceMap {
  const map = maps.find((m) => m.id === id);
  if (!map) throw new ConfigError(`unknown device model '${id}' (known: ${maps.map((m) => m.id).join(', ')})`);
  return map;
}
