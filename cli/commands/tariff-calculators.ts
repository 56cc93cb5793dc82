/**
 * `imd tariff rent-reduction` and `imd tariff profitability`: the two calculators of an IMD
 * introduction — how much the base rent goes down (normal use × the tenant's price, from the
 * tariff in force or a given price) and the profitability check (lönsamhetsbedömning) from a
 * JSON file of yearly costs. Both print JSON with exact decimals rounded to öre.
 */
import {
  defaultNormalUse, fixed, parseDecimal, plain, profitability, rentReduction, tenantPrice, Tariffs, type Decimal, type NormalUse, type ProfitabilityInput,
} from '../../lib/billing';
import { readJsonFile } from '../../lib/config-file';
import { ConfigError, describeError } from '../../lib/errors';
import type { Database } from '../../lib/store/sqlite-driver';

export interface CalculatorOptions {
  property?: string; on?: string; medium?: string; price?: string; normal?: string; 'normal-per-year'?: string; area?: string; file?: string;
}

/** A decimal option (decimal comma accepted), or a ConfigError naming it. */
function decimalOption(value: string, option: string): Decimal {
  try {
    return parseDecimal(value.trim().replace(',', '.'));
  } catch (err) {
    throw new ConfigError(`${option} '${value}': ${describeError(err)}`);
  }
}

const money = (d: Decimal | null): string | null => (d ? fixed(d, 2) : null);

export function rentReductionOf(db: Database | undefined, o: CalculatorOptions): Record<string, unknown> {
  const medium = o.medium ?? 'hot-water';
  if (o.normal !== undefined && o['normal-per-year'] !== undefined) throw new ConfigError('give --normal (per m² and year) or --normal-per-year, not both');
  const normal: NormalUse | undefined = o.normal !== undefined ? { perM2Year: decimalOption(o.normal, '--normal') }
    : o['normal-per-year'] !== undefined ? { perYear: decimalOption(o['normal-per-year'], '--normal-per-year') } : defaultNormalUse(medium);
  if (!normal) throw new ConfigError(`${medium} has no normal use by default: give --normal <use per m² and year> or --normal-per-year <use per apartment>`);
  let price: Decimal;
  let source: string;
  if (o.price !== undefined) {
    [price, source] = [decimalOption(o.price, '--price'), 'given'];
  } else {
    if (!db || !o.property) throw new ConfigError('give --property (the tariff in force gives the price) or --price <kr per unit, VAT included>');
    const day = o.on ?? new Date().toISOString().slice(0, 10);
    const tariff = new Tariffs(db).inForce(o.property, day);
    [price, source] = [tenantPrice(tariff.document, medium), `tariff of ${o.property} from ${tariff.validFrom}`];
  }
  const area = o.area === undefined ? undefined : decimalOption(o.area, '--area');
  const r = rentReduction(price, normal, area);
  return {
    medium, price: plain(r.price), priceSource: source,
    ...('perM2Year' in normal ? { normalPerM2Year: plain(normal.perM2Year) } : { normalPerYear: plain(normal.perYear) }),
    livingArea: area ? plain(area) : null, perM2Year: money(r.perM2Year), perYear: money(r.perYear), perMonth: money(r.perMonth),
  };
}

const PROFITABILITY_FIELDS = ['investment', 'lifetimeYears', 'interestRate', 'maintenancePerYear', 'administrationPerYear',
  'rentReductionPerYear', 'mediaCostTodayPerYear', 'mediaCostWithImdPerYear'] as const satisfies ReadonlyArray<keyof ProfitabilityInput>;

export function profitabilityOf(file: string): Record<string, unknown> {
  const json = readJsonFile(file, 'profitability input', 'lib/billing/README.md') as Record<string, unknown>;
  const input = Object.fromEntries(PROFITABILITY_FIELDS.map((k) => {
    const v = json[k];
    if (typeof v !== 'string' && typeof v !== 'number') throw new ConfigError(`${file}: "${k}" is missing (a decimal as text, e.g. "300000")`);
    return [k, decimalOption(String(v), `${file}: "${k}"`)];
  })) as unknown as ProfitabilityInput;
  const r = profitability(input);
  return { imdCostPerYear: money(r.imdCostPerYear), savingPerYear: money(r.savingPerYear), resultPerYear: money(r.resultPerYear), profitable: r.profitable };
}
