/**
 * Money: kronor as exact Decimals rounded to whole öre (2 decimals), half away from zero.
 * Rounding rule, per line: net = round(quantity × unit price excl. VAT); VAT = round(net × rate);
 * gross = net + VAT. When the tariff's prices include VAT: gross = round(quantity × price incl.
 * VAT); net = round(gross ÷ (1 + rate)); VAT = gross − net. Totals are sums of the rounded
 * lines, never rounded again, so a file's total equals the sum of its lines to the öre.
 */
import { addDecimal, dec, divide, multiply, round, subtractDecimal, type Decimal } from './exact';

export const ORE_DECIMALS = 2;

export interface Amount { net: Decimal; vat: Decimal; gross: Decimal }

export const NO_AMOUNT: Amount = { net: dec('0.00'), vat: dec('0.00'), gross: dec('0.00') };

/** The amount of one line: `quantity` (exact) at `price` per unit, with VAT `rate`. */
export function lineAmount(quantity: Decimal, price: Decimal, rate: Decimal, priceIncludesVat: boolean): Amount {
  if (priceIncludesVat) {
    const gross = round(multiply(quantity, price), ORE_DECIMALS);
    const net = divide(gross, addDecimal(dec(1), rate), ORE_DECIMALS);
    return { net, vat: subtractDecimal(gross, net), gross };
  }
  const net = round(multiply(quantity, price), ORE_DECIMALS);
  const vat = round(multiply(net, rate), ORE_DECIMALS);
  return { net, vat, gross: addDecimal(net, vat) };
}

export function addAmounts(a: Amount, b: Amount): Amount {
  return { net: addDecimal(a.net, b.net), vat: addDecimal(a.vat, b.vat), gross: addDecimal(a.gross, b.gross) };
}

export function subtractAmounts(a: Amount, b: Amount): Amount {
  return { net: subtractDecimal(a.net, b.net), vat: subtractDecimal(a.vat, b.vat), gross: subtractDecimal(a.gross, b.gross) };
}
