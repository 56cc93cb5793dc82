/**
 * Units as meters send them, and their conversion to the hub's canonical units
 * (see CanonicalUnit in reading.ts). A conversion is a decimal shift (exact), then a factor
 * and an offset (only where the units are not decimal multiples: J, GJ, cal, minutes, °F …).
 */
import type { CanonicalUnit } from './reading';

export interface UnitConversion {
  unit: CanonicalUnit;
  /** Power of ten applied exactly (Wh → kWh is −3). */
  shift: number;
  factor: number;
  offset: number;
}

const conv = (unit: CanonicalUnit, shift = 0, factor = 1, offset = 0): UnitConversion =>
  ({ unit, shift, factor, offset });

const CONVERSIONS: Record<string, UnitConversion> = {
  'Wh': conv('kWh', -3), 'kWh': conv('kWh'), 'MWh': conv('kWh', 3),
  'J': conv('kWh', 0, 1 / 3.6e6), 'kJ': conv('kWh', 0, 1 / 3600), 'MJ': conv('kWh', 0, 1 / 3.6),
  'GJ': conv('kWh', 0, 1e6 / 3600), 'MCal': conv('kWh', 0, 4.1868e6 / 3.6e6),
  'kvarh': conv('kvarh'), 'kVAh': conv('kVAh'),
  'm3': conv('m3'), 'l': conv('m3', -3), 'ft3': conv('m3', 0, 0.028316846592),
  'US gal': conv('m3', 0, 0.003785411784),
  'kg': conv('kg'), 't': conv('kg', 3),
  's': conv('s'), 'min': conv('s', 0, 60), 'h': conv('s', 0, 3600), 'd': conv('s', 0, 86400),
  'W': conv('W'), 'kW': conv('W', 3), 'MW': conv('W', 6),
  'J/h': conv('W', 0, 1 / 3600), 'GJ/h': conv('W', 0, 1e9 / 3600),
  'kvar': conv('var', 3), 'kVA': conv('VA', 3),
  'm3/h': conv('m3/h'), 'm3/min': conv('m3/h', 0, 60), 'm3/s': conv('m3/h', 0, 3600),
  'l/h': conv('m3/h', -3), 'US gal/min': conv('m3/h', 0, 0.003785411784 * 60),
  'US gal/h': conv('m3/h', 0, 0.003785411784),
  'kg/h': conv('kg/h'),
  'C': conv('C'), 'K': conv('K'), 'F': conv('C', 0, 5 / 9, -32 * 5 / 9), 'F-diff': conv('K', 0, 5 / 9),
  'bar': conv('bar'), 'hca': conv('hca'), '%': conv('%'), 'V': conv('V'), 'A': conv('A'),
  'Hz': conv('Hz'), 'dBm': conv('dBm'),
};

const DIMENSIONLESS: UnitConversion = conv('');

/** Conversion of a meter unit to its canonical unit; unknown units are dimensionless. */
export function conversionOf(unit: string): UnitConversion {
  return CONVERSIONS[unit] ?? DIMENSIONLESS;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * mantissa × 10^exponent as the closest double: dividing by an exact power of ten for negative
 * exponents gives the correctly rounded result (16899 × 10^-3 → 16.899, not 16.899000000000001).
 */
export function scaleDecimal(mantissa: number, exponent: number): number {
  if (exponent === 0) return mantissa;
  if (exponent > 0) return exponent < POW10.length ? mantissa * POW10[exponent]! : mantissa * 10 ** exponent;
  return -exponent < POW10.length ? mantissa / POW10[-exponent]! : mantissa / 10 ** -exponent;
}

/** Value in the canonical unit of mantissa × 10^exponent [unit]. */
export function toCanonical(mantissa: number, exponent: number, c: UnitConversion): number {
  const v = scaleDecimal(mantissa, exponent + c.shift);
  return c.factor === 1 && c.offset === 0 ? v : v * c.factor + c.offset;
}
