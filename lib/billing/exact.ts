/**
 * Exact decimal arithmetic for billing, on top of the store's BigInt decimals: multiplication,
 * division and rounding to a number of decimals. Rounding is always half away from zero
 * (Swedish commercial rounding: 0.005 kr → 0.01 kr, −0.005 kr → −0.01 kr). Money is a Decimal
 * rounded to öre (2 decimals) — see money.ts; no binary float ever holds a billing value.
 */
import { ConfigError } from '../errors';
import { addDecimal, formatDecimal, parseDecimal, subtractDecimal, ZERO, type Decimal } from '../store/decimal';

export { addDecimal, formatDecimal, parseDecimal, subtractDecimal, ZERO, type Decimal };

/** A Decimal from text or an integer ('1.161', 50). */
export function dec(value: string | number | Decimal): Decimal {
  if (typeof value === 'object') return value;
  if (typeof value === 'number' && !Number.isInteger(value)) throw new ConfigError(`${value}: give fractional numbers as text, not floats`);
  return parseDecimal(String(value));
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { digits: a.digits * b.digits, exponent: a.exponent + b.exponent };
}

/** Integer division of BigInts, rounded half away from zero. */
function divideRounded(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new ConfigError('division by zero');
  const negative = (n < 0n) !== (d < 0n);
  const [an, ad] = [n < 0n ? -n : n, d < 0n ? -d : d];
  const q = (2n * an + ad) / (2n * ad);
  return negative ? -q : q;
}

/** `a` rounded to `decimals` fraction digits, half away from zero. */
export function round(a: Decimal, decimals: number): Decimal {
  const shift = a.exponent + decimals;
  if (shift >= 0) return { digits: a.digits * 10n ** BigInt(shift), exponent: -decimals };
  return { digits: divideRounded(a.digits, 10n ** BigInt(-shift)), exponent: -decimals };
}

/** a ÷ b rounded to `decimals` fraction digits, half away from zero. */
export function divide(a: Decimal, b: Decimal, decimals: number): Decimal {
  // a/b = (a.d / b.d) × 10^(a.e − b.e); scale the numerator so the quotient lands at 10^−decimals.
  const scale = a.exponent - b.exponent + decimals;
  const n = scale >= 0 ? a.digits * 10n ** BigInt(scale) : a.digits;
  const d = scale >= 0 ? b.digits : b.digits * 10n ** BigInt(-scale);
  return { digits: divideRounded(n, d), exponent: -decimals };
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = addDecimal(total, v);
  return total;
}

export function negate(a: Decimal): Decimal {
  return { digits: -a.digits, exponent: a.exponent };
}

/** −1, 0 or 1 as a compares to b. */
export function compare(a: Decimal, b: Decimal): number {
  const d = subtractDecimal(a, b).digits;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function isZero(a: Decimal): boolean {
  return a.digits === 0n;
}

/** Decimal text with exactly `decimals` fraction digits (rounding half away from zero). */
export function fixed(a: Decimal, decimals: number): string {
  return formatDecimal(round(a, decimals));
}

/** Text of a decimal without trailing fraction zeros ('58.050' → '58.05', '2.000' → '2'). */
export function plain(a: Decimal): string {
  let { digits, exponent } = a;
  while (exponent < 0 && digits % 10n === 0n) { digits /= 10n; exponent++; }
  return formatDecimal({ digits, exponent });
}

/** The number of fraction digits a decimal is written with (its resolution). */
export function decimalsOf(a: Decimal): number {
  return Math.max(0, -a.exponent);
}
