/**
 * Register bytes → canonical readings: each register of a device map decoded exactly (raw
 * mantissa/exponent in the meter's unit, the bytes as sent) and converted to the canonical
 * unit; meter identity from the configuration (the Modbus registers carry no serial number).
 */
import { frameRef } from '../../../lib/frame-ref';
import { toHex } from '../../../lib/hex';
import type { MeterIdentity, Reading } from '../../../lib/reading';
import { conversionOf, toCanonical } from '../../../lib/units';
import type { DeviceMap, RegisterDef } from './device-map';
import { registerBytes, type ReadResponse } from './read-plan';
import { decodeRegister } from './register-codec';

/** Who the meter is, as configured (id/serial as printed on the meter). */
export interface MeterConfig {
  id: string;
  /** FLAG code; default: the device map's. */
  manufacturer?: string;
}

export interface ReadingContext {
  receivedAt: Date;
  /** Bus and unit, e.g. "tcp 127.0.0.1:502 unit 1". */
  via: string;
}

/** M-Bus medium code of electricity (EN 13757-3 Table 12), the medium every map here has. */
const MEDIUM_CODES: Record<string, number> = { electricity: 0x02 };

export function meterIdentity(map: DeviceMap, meter: MeterConfig): MeterIdentity {
  return { manufacturer: meter.manufacturer ?? map.manufacturer, id: meter.id, version: 0, medium: map.medium, mediumCode: MEDIUM_CODES[map.medium] ?? 0 };
}

function reading(r: RegisterDef, bytes: Uint8Array, base: Omit<Reading, 'quantity' | 'value' | 'unit' | 'raw' | 'tariff' | 'flags'>): Reading {
  const decoded = decodeRegister(bytes, r.type, r.wordOrder, r.byteOrder);
  const conversion = conversionOf(r.unit);
  const numeric = Number(decoded.text);
  const invalid = Number.isNaN(numeric) || r.invalid.includes(toHex(decoded.valueBytes));
  return {
    ...base, quantity: r.quantity, tariff: r.tariff, unit: conversion.unit,
    value: invalid ? null : toCanonical(numeric, r.exponent, conversion),
    raw: { mantissa: decoded.text, exponent: r.exponent, unit: r.unit, encoding: decoded.encoding, bytes: toHex(bytes) },
    ...(r.qualifiers.length > 0 ? { qualifiers: r.qualifiers } : {}),
    flags: invalid ? ['invalid-value'] : [],
  };
}

/** One reading per register of the map, in the map's register order. */
export function deviceReadings(map: DeviceMap, meter: MeterConfig, responses: readonly ReadResponse[], ctx: ReadingContext): Reading[] {
  const frame = frameRef(Buffer.concat(responses.map((r) => r.bytes)));
  const at = ctx.receivedAt.toISOString();
  const identity = meterIdentity(map, meter);
  return map.registers.map((r, record) => {
    const response = responses.find((res) => res.request.registers.includes(r));
    if (!response) throw new RangeError(`${map.id}: no response holds register ${r.name}`);
    return reading(r, registerBytes(response, r), {
      meter: identity, storage: 0, subunit: 0, function: 'instantaneous', timestamp: at, receivedAt: at,
      source: { protocol: 'modbus', frame, record, via: ctx.via },
    });
  });
}
