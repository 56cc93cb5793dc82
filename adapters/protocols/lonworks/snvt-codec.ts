/**
 * Generic SNVT codec over the data table in snvt-table.ts: NV data bytes (big-endian) ↔ value.
 * Integer SNVTs stay exact: raw.mantissa = A × (raw + C), raw.exponent = B, in the SNVT's unit;
 * the canonical value is that decimal shifted into the hub's unit (kWh, m3, W, m3/h, C, '').
 * Invalid sentinels give value null and flag 'invalid-value'; values outside the SNVT's range
 * keep their value and get flag 'out-of-range'.
 */
import { DecodeError, ConfigError } from '../../../lib/errors';
import { toHex } from '../../../lib/hex';
import type { CanonicalUnit, Quantity, QualityFlag, RawValue } from '../../../lib/reading';
import { conversionOf, scaleDecimal, type UnitConversion } from '../../../lib/units';
import { real32Text } from '../mbus/app/data-types';
import { ENCODING_SIZE, findSnvt, type SnvtDefinition } from './snvt-table';

/** One decoded NV value. */
export interface SnvtValue {
  type: string;
  quantity: Quantity;
  /** In `unit` (canonical); null when the NV carried the type's invalid sentinel or a NaN. */
  value: number | null;
  unit: CanonicalUnit;
  raw: RawValue;
  flags: QualityFlag[];
}

/** Canonical conversion: the lib/units conversion of a base unit, an extra decimal shift and an integer multiplier. */
interface SnvtConversion { base: UnitConversion; shift: number; multiplier: number }

/** SNVT units lib/units.ts does not list, expressed exactly through units it does. */
const SNVT_UNITS: Record<string, { unit: string; shift: number; multiplier: number }> = {
  'kl': { unit: 'm3', shift: 0, multiplier: 1 },
  'ml': { unit: 'l', shift: -3, multiplier: 1 },
  'l/s': { unit: 'l/h', shift: 0, multiplier: 3600 },
};

function conversionFor(unit: string): SnvtConversion {
  const extra = SNVT_UNITS[unit] ?? { unit, shift: 0, multiplier: 1 };
  return { base: conversionOf(extra.unit), shift: extra.shift, multiplier: extra.multiplier };
}

/** The definition of a type name, or a ConfigError listing how to find the supported ones. */
export function snvtDefinition(type: string): SnvtDefinition {
  const def = findSnvt(type);
  if (!def) throw new ConfigError(`unknown SNVT type '${type}' (imd lon decode --list shows the supported types)`);
  return def;
}

function readRaw(def: SnvtDefinition, view: DataView): number {
  switch (def.encoding) {
    case 'u16': return view.getUint16(0);
    case 's16': return view.getInt16(0);
    case 's32': return view.getInt32(0);
    case 'f32': return view.getFloat32(0);
  }
}

/** Decodes the data bytes of one NV of type `def` (exactly its size, else DecodeError 'length'). */
export function decodeSnvt(def: SnvtDefinition, data: Uint8Array): SnvtValue {
  const size = ENCODING_SIZE[def.encoding];
  if (data.length !== size) {
    throw new DecodeError(`${def.name}: expected ${size} data bytes, got ${data.length}`, Math.min(data.length, size), 'length');
  }
  const raw = readRaw(def, new DataView(data.buffer, data.byteOffset, data.length));
  const bytes = toHex(data);
  const conv = conversionFor(def.unit);
  const flags: QualityFlag[] = [];
  const isFloat = def.encoding === 'f32';
  const mantissa = isFloat ? real32Text(raw) : String(def.a * (raw + def.c));
  const rawValue: RawValue = { mantissa, exponent: def.b, unit: def.unit, encoding: isFloat ? 'real' : 'int', bytes };
  const result: SnvtValue = { type: def.name, quantity: def.quantity, value: null, unit: conv.base.unit, raw: rawValue, flags };
  if (raw === def.invalid || !Number.isFinite(raw)) {
    flags.push('invalid-value');
    return result;
  }
  const inOwnUnit = scaleDecimal(Number(mantissa), def.b);
  if (inOwnUnit < def.min || inOwnUnit > def.max) flags.push('out-of-range');
  result.value = scaleDecimal(Number(mantissa) * conv.multiplier, def.b + conv.base.shift + conv.shift);
  return result;
}

/** Decodes by type name (ConfigError for an unknown type). */
export function decodeSnvtByName(type: string, data: Uint8Array): SnvtValue {
  return decodeSnvt(snvtDefinition(type), data);
}

/**
 * Encodes a value given in the SNVT's own unit (e.g. litres for SNVT_vol) into its NV data
 * bytes, rounding to the type's resolution; `null` encodes the invalid sentinel. For fixtures,
 * the simulator and tests; a value outside the raw range is a ConfigError.
 */
export function encodeSnvt(def: SnvtDefinition, value: number | null): Uint8Array {
  const data = new Uint8Array(ENCODING_SIZE[def.encoding]);
  const view = new DataView(data.buffer);
  if (def.encoding === 'f32') {
    view.setFloat32(0, value ?? Number.NaN);
    return data;
  }
  let raw: number;
  if (value === null) {
    if (def.invalid === undefined) throw new ConfigError(`${def.name} has no invalid value`);
    raw = def.invalid;
  } else {
    raw = Math.round(scaleDecimal(value, -def.b) / def.a) - def.c;
  }
  const [low, high] = def.encoding === 'u16' ? [0, 0xffff] : def.encoding === 's16' ? [-0x8000, 0x7fff] : [-0x80000000, 0x7fffffff];
  if (!(raw >= low && raw <= high)) throw new ConfigError(`${def.name}: ${value} ${def.unit} is outside the encodable range`);
  if (def.encoding === 'u16') view.setUint16(0, raw);
  else if (def.encoding === 's16') view.setInt16(0, raw);
  else view.setInt32(0, raw);
  return data;
}
