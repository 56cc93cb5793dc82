/**
 * Shared inputs of the validation CLI and node tests: a meter list (one apartment, cold and hot
 * water) and four hours of readings in which the cold-water counter goes backwards (blocking)
 * and the hot-water meter reports a leak (warning).
 */
import type { Reading } from '../../lib/reading';

export const REGISTRY = 'Lägenhetsnummer;Objekt-id;Mätarnummer;Medium;Placering;Installationsdatum\n1101;A1;11110001;Kallvatten;Kök;2012-05-01\n1101;A1;11110002;Varmvatten;Kök;2021-05-01\n';

/** A main-register volume reading of one meter at an hour of 2025-03-01. */
export function reading(id: string, medium: string, hour: number, value: number, flags: string[] = []): Reading {
  const at = new Date(Date.UTC(2025, 2, 1, hour)).toISOString();
  return { meter: { manufacturer: 'SEN', id, version: 14, medium, mediumCode: 22 }, quantity: 'volume', value, unit: 'm3',
    raw: { mantissa: String(Math.round(value * 1000)), exponent: -3, unit: 'm3', encoding: 'bcd', bytes: '' }, storage: 0, tariff: 0, subunit: 0,
    function: 'instantaneous', timestamp: at, receivedAt: at, flags, source: { protocol: 'mbus', frame: 'x', via: 'gw-1' } } as Reading;
}

/** Cold water 11110001 runs backwards between hours 1 and 2; hot water 11110002 leaks at hour 2. */
export const READINGS: Reading[] = [
  ...[10, 10.01, 9.5, 9.51].map((v, h) => reading('11110001', 'water', h, v)),
  ...[3, 3.01, 3.02, 3.03].map((v, h) => reading('11110002', 'warm-water', h, v, h === 2 ? ['leak'] : [])),
];

/** READINGS as NDJSON, the input of `imd validate`. */
export const READINGS_NDJSON = READINGS.map((r) => JSON.stringify(r)).join('\n');
