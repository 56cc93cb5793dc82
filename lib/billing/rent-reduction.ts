/**
 * The rent-reduction calculator (hyressänkning when IMD is introduced): the base rent is lowered
 * by what a normal use costs at the price per unit the tenant will be charged — normal hot
 * water is 0.7 m³ per m² living area and year (DOMAIN "Billing"), electricity a yearly use per
 * apartment (e.g. 2 000 kWh). The price comes from the tariff in force, VAT included as the
 * tenant pays it, or is given (the Recommendation: the locality's price, not the building's own
 * cost). Figures are exact until each is rounded to öre, half away from zero.
 */
import { divide, dec, multiply, round, type Decimal } from './exact';
import { NORMAL_HOT_WATER_M3_PER_M2_YEAR, withVat } from './pricing';
import { unitPrices, vatRateOf, type TariffDocument } from './tariff';
import { ConfigError } from '../errors';

/** Normal use: per m² living area and year, or per apartment and year. */
export type NormalUse = { perM2Year: Decimal } | { perYear: Decimal };

export interface RentReduction {
  /** The price per unit it is based on, VAT included (exact). */
  price: Decimal;
  perM2Year: Decimal | null;
  perYear: Decimal | null;
  perMonth: Decimal | null;
}

const ORE = 2;
const MONTHS = dec(12);

/** The price per unit of a medium's volume (or energy, for electricity and heat) as the tenant pays it, VAT included. */
export function tenantPrice(t: TariffDocument, medium: string): Decimal {
  const prices = unitPrices(t).filter((u) => u.medium === medium);
  const unit = prices.find((u) => u.quantity === 'volume') ?? prices[0];
  if (!unit) throw new ConfigError(`the tariff has no price for ${medium}`);
  return t.pricesIncludeVat ? unit.price : withVat(unit.price, vatRateOf(t));
}

/** The default normal use of a medium: hot water 0.7 m³/m² · year; other media have none. */
export function defaultNormalUse(medium: string): NormalUse | undefined {
  return medium === 'hot-water' ? { perM2Year: NORMAL_HOT_WATER_M3_PER_M2_YEAR } : undefined;
}

/** Per m² and year, per year and per month for an apartment of `livingArea` m² (the figures needing an area are null without it). */
export function rentReduction(price: Decimal, normal: NormalUse, livingArea?: Decimal): RentReduction {
  const yearly = 'perYear' in normal ? multiply(normal.perYear, price) : livingArea ? multiply(multiply(normal.perM2Year, price), livingArea) : undefined;
  const perM2Year = 'perM2Year' in normal ? round(multiply(normal.perM2Year, price), ORE) : livingArea ? divide(yearly!, livingArea, ORE) : null;
  return { price, perM2Year, perYear: yearly ? round(yearly, ORE) : null, perMonth: yearly ? divide(yearly, MONTHS, ORE) : null };
}
