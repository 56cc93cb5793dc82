/**
 * The SNVT definitions we decode, as data: one row per standard network variable type
 * (LonMark SNVT Master List; scaling A × 10^B × (raw + C)). Adding a scalar SNVT is one row
 * here and a vector in snvt-codec.test.ts; the codec is generic. Decisions on rows the notes
 * marked "verify" are in README.md (SNVT table).
 */
import type { Quantity } from '../../../lib/reading';

/** Wire encoding of a scalar SNVT; all big-endian (LonTalk: "long" = 16 bit, "quad" = 32 bit). */
export type SnvtEncoding = 'u16' | 's16' | 's32' | 'f32';

export interface SnvtDefinition {
  name: string;
  /** The SNVT index (type number in XIF files and the SNVT Master List). */
  index: number;
  encoding: SnvtEncoding;
  /** Scaling A × 10^B × (raw + C): A and C integers, so value = mantissa × 10^B exactly. */
  a: number;
  b: number;
  c: number;
  /** The SNVT's own unit (raw.unit of a reading): 'kWh', 'Wh', 'l', 'kl', 'ml', 'l/s', … */
  unit: string;
  /** What the value measures unless the NV map says otherwise. */
  quantity: Quantity;
  /** Valid range in the SNVT's unit (after scaling); outside → flag 'out-of-range'. */
  min: number;
  max: number;
  /** Raw value meaning "invalid / not available" (decoded as null with flag 'invalid-value'). */
  invalid?: number;
}

const FLOAT_MAX = 3.40282e38;

const row = (name: string, index: number, encoding: SnvtEncoding, scale: [number, number, number],
  unit: string, quantity: Quantity, min: number, max: number, invalid?: number): SnvtDefinition =>
  ({ name, index, encoding, a: scale[0], b: scale[1], c: scale[2], unit, quantity, min, max, ...(invalid === undefined ? {} : { invalid }) });

const UNSCALED: [number, number, number] = [1, 0, 0];
const TENTHS: [number, number, number] = [1, -1, 0];
const HUNDREDTHS: [number, number, number] = [1, -2, 0];

export const SNVT_TABLE: readonly SnvtDefinition[] = [
  row('SNVT_count', 8, 'u16', UNSCALED, '', 'dimensionless', 0, 65535),
  row('SNVT_count_inc', 9, 's16', UNSCALED, '', 'dimensionless', -32768, 32767),
  row('SNVT_elec_kwh', 13, 'u16', UNSCALED, 'kWh', 'energy', 0, 65535),
  row('SNVT_elec_whr', 14, 'u16', TENTHS, 'Wh', 'energy', 0, 6553.5),
  row('SNVT_flow', 15, 'u16', UNSCALED, 'l/s', 'volume-flow', 0, 65534, 0xffff),
  row('SNVT_power', 27, 'u16', TENTHS, 'W', 'power', 0, 6553.5),
  row('SNVT_power_kilo', 28, 'u16', TENTHS, 'kW', 'power', 0, 6553.5),
  row('SNVT_temp', 39, 'u16', [1, -1, -2740], 'C', 'temperature', -274, 6279.5),
  row('SNVT_vol', 41, 'u16', TENTHS, 'l', 'volume', 0, 6553.5),
  row('SNVT_vol_kilo', 42, 'u16', TENTHS, 'kl', 'volume', 0, 6553.5),
  row('SNVT_vol_mil', 43, 'u16', TENTHS, 'ml', 'volume', 0, 6553.5),
  row('SNVT_count_f', 51, 'f32', UNSCALED, '', 'dimensionless', 0, FLOAT_MAX),
  row('SNVT_flow_f', 53, 'f32', UNSCALED, 'l/s', 'volume-flow', -FLOAT_MAX, FLOAT_MAX),
  row('SNVT_temp_f', 63, 'f32', UNSCALED, 'C', 'temperature', -273.17, 1e38),
  row('SNVT_vol_f', 65, 'f32', UNSCALED, 'l', 'volume', 0, 1e38),
  row('SNVT_elec_whr_f', 68, 'f32', UNSCALED, 'Wh', 'energy', 0, 1e38),
  row('SNVT_lev_percent', 81, 's16', [5, -3, 0], '%', 'dimensionless', -163.84, 163.83, 0x7fff),
  row('SNVT_temp_p', 105, 's16', HUNDREDTHS, 'C', 'temperature', -273.17, 327.66, 0x7fff),
  row('SNVT_elec_kwh_l', 146, 's32', TENTHS, 'kWh', 'energy', -214748364.8, 214748364.7),
  row('SNVT_flow_p', 161, 'u16', HUNDREDTHS, 'm3/h', 'volume-flow', 0, 655.34, 0xffff),
];

/** Data bytes of each encoding. */
export const ENCODING_SIZE: Record<SnvtEncoding, number> = { u16: 2, s16: 2, s32: 4, f32: 4 };

const BY_NAME = new Map(SNVT_TABLE.map((d) => [d.name.toLowerCase(), d]));

/** The definition of an SNVT by name (case-insensitive, "SNVT_" prefix optional), or undefined. */
export function findSnvt(name: string): SnvtDefinition | undefined {
  const key = name.toLowerCase();
  return BY_NAME.get(key) ?? BY_NAME.get(`snvt_${key}`);
}
