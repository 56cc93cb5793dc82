/**
 * Exact decimals for register values: a BigInt of digits and a power of ten. Registers are
 * added and subtracted (consumption, swaps) without ever passing through a binary float, and
 * the result is printed as plain decimal text ('1234.567').
 */
import { ConfigError } from '../errors';
import { conversionOf } from '../units';

export interface Decimal { digits: bigint; exponent: number }

const DECIMAL_TEXT = /^(-?)(\d+)(?:[.,](\d+))?$/;

/** Parses '1234.567' (or '1234,567', Swedish); throws ConfigError for anything else. */
export function parseDecimal(text: string): Decimal {
  const m = DECIMAL_TEXT.exec(text.trim());
  if (!m) throw new ConfigError(`'${text}' is not a decimal number`);
  const fraction = m[3] ?? '';
  return { digits: BigInt(`${m[1]}${m[2]}${fraction}`), exponent: -fraction.length };
}

/** Plain decimal text, trailing fraction zeros kept as the exponent says ('12.500' stays). */
export function formatDecimal(d: Decimal): string {
  if (d.exponent >= 0) return (d.digits * 10n ** BigInt(d.exponent)).toString();
  const negative = d.digits < 0n;
  const text = (negative ? -d.digits : d.digits).toString().padStart(-d.exponent + 1, '0');
  const point = text.length + d.exponent;
  return `${negative ? '-' : ''}${text.slice(0, point)}.${text.slice(point)}`;
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const e = Math.min(a.exponent, b.exponent);
  return [a.digits * 10n ** BigInt(a.exponent - e), b.digits * 10n ** BigInt(b.exponent - e), e];
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y, exponent] = align(a, b);
  return { digits: x + y, exponent };
}

export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y, exponent] = align(a, b);
  return { digits: x - y, exponent };
}

export const ZERO: Decimal = { digits: 0n, exponent: 0 };

/**
 * A stored register (mantissa × 10^exponent in the meter's unit) in its canonical unit, exactly
 * — possible when the conversion is a power of ten (Wh → kWh, l → m3); undefined otherwise
 * (J, GJ …) or when the mantissa is not an integer (a 32-bit real's shortest decimal is parsed too).
 */
export function canonicalRegister(mantissa: string, exponent: number, rawUnit: string): Decimal | undefined {
  const c = conversionOf(rawUnit);
  if (c.factor !== 1 || c.offset !== 0) return undefined;
  let d: Decimal;
  try { d = parseDecimal(mantissa); } catch { return undefined; }
  return { digits: d.digits, exponent: d.exponent + exponent + c.shift };
}
