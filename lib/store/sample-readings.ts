/**
 * Readings for the store's tests and benchmark: a canonical water-meter volume reading with
 * every field set, varied by meter, time and register. Not used at run time.
 */
import type { Reading } from '../reading';

export interface SampleOptions {
  serial?: string;
  manufacturer?: string;
  medium?: string;
  timestamp?: string;
  /** Register digits and exponent in m3 (default 12565 × 10^-3 m3 = 12.565 m3). */
  mantissa?: string;
  exponent?: number;
  quantity?: Reading['quantity'];
  frame?: string;
}

export function sampleReading(o: SampleOptions = {}): Reading {
  const mantissa = o.mantissa ?? '12565';
  const exponent = o.exponent ?? -3;
  return {
    meter: { manufacturer: o.manufacturer ?? 'PAD', id: o.serial ?? '12345678', version: 1, medium: o.medium ?? 'water', mediumCode: 7 },
    quantity: o.quantity ?? 'volume',
    value: Number(mantissa) * 10 ** exponent,
    unit: 'm3',
    raw: { mantissa, exponent, unit: 'm3', encoding: 'bcd', bytes: '653501' },
    storage: 0, tariff: 0, subunit: 0, function: 'instantaneous',
    timestamp: o.timestamp ?? '2025-01-31T23:00:00.000Z',
    receivedAt: o.timestamp ?? '2025-01-31T23:00:05.000Z',
    flags: [],
    source: { protocol: 'mbus', frame: o.frame ?? '3f0c9a1e6b2d4478', record: 0, via: 'tcp:127.0.0.1:10001' },
  };
}
