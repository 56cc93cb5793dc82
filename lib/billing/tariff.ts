/**
 * Tariffs: dated price lists per property, as JSON (schema in lib/billing/README.md). A period
 * uses the tariff in force on its first day. Prices are decimal text (or JSON numbers, read
 * through their shortest decimal text) and are kept exact; `unitPrices` turns a tariff into
 * one price per medium and quantity, the hot-water and electricity formulas of pricing.ts
 * applied.
 */
import { ConfigError } from '../errors';
import { dec, type Decimal } from './exact';
import { electricityPriceExclVat, heatingEnergyPerM3, hotWaterPricePerM3, STANDARD_VAT_RATE } from './pricing';

/** Stockholm test models: 1 quota in the rent (difference charged or credited), 2 all use charged, 3 information only. */
export type BillingModel = 1 | 2 | 3;

type Num = string | number;

export interface TariffDocument {
  vatRate?: Num;
  /** true: the prices below include VAT (the net is derived); default false. */
  pricesIncludeVat?: boolean;
  model?: BillingModel;
  coldWater?: { pricePerM3: Num };
  hotWater?: {
    /** 'volume' (default): kr per m³ by the formula; 'energy': heat price per kWh measured + cold-water price per m³. */
    method?: 'volume' | 'energy';
    heatPricePerKWh: Num;
    /** Temperature rise cold → hot in K (default 50: 7 → 57 °C); ignored when kWhPerM3 is given. */
    deltaT?: Num;
    kWhPerM3?: Num;
    /** Cold-water part per m³; default coldWater.pricePerM3. */
    coldWaterPricePerM3?: Num;
  };
  electricity?: { energyPerKWh: Num; gridPerKWh: Num; energyTaxPerKWh: Num };
  heat?: { pricePerKWh: Num };
  /** Model 1: the quota in the rent per medium, in the medium's unit per m² living area and year (hot-water default 0.7). */
  quota?: Record<string, Num>;
  /** The billing system's charge code (avgiftstyp) per medium. */
  chargeCodes?: Record<string, string>;
}

export interface Tariff {
  property: string;
  /** First day in force, YYYY-MM-DD. */
  validFrom: string;
  document: TariffDocument;
}

/** One priced component of a metering point: medium + quantity → price per canonical unit. */
export interface UnitPrice { medium: string; quantity: 'volume' | 'energy'; unit: 'm3' | 'kWh'; price: Decimal; chargeCode: string }

export const DEFAULT_CHARGE_CODES: Record<string, string> = { 'cold-water': 'KV', 'hot-water': 'VV', electricity: 'EL', heat: 'VARME' };

function num(value: unknown, where: string): Decimal {
  if (typeof value !== 'string' && typeof value !== 'number') throw new ConfigError(`tariff: ${where} must be a decimal number`);
  const d = dec(String(value));
  if (d.digits < 0n) throw new ConfigError(`tariff: ${where} must not be negative`);
  return d;
}

/** Checks a parsed tariff JSON; returns it typed or throws ConfigError naming the field. */
export function checkTariff(doc: unknown): TariffDocument {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError('tariff: the file must hold one JSON object');
  const t = doc as TariffDocument;
  if (t.vatRate !== undefined) num(t.vatRate, 'vatRate');
  if (t.model !== undefined && ![1, 2, 3].includes(t.model)) throw new ConfigError('tariff: model must be 1, 2 or 3');
  if (t.coldWater) num(t.coldWater.pricePerM3, 'coldWater.pricePerM3');
  if (t.hotWater) {
    if (t.hotWater.method !== undefined && !['volume', 'energy'].includes(t.hotWater.method)) throw new ConfigError("tariff: hotWater.method must be 'volume' or 'energy'");
    num(t.hotWater.heatPricePerKWh, 'hotWater.heatPricePerKWh');
    if (t.hotWater.coldWaterPricePerM3 === undefined && !t.coldWater) throw new ConfigError('tariff: hotWater needs coldWaterPricePerM3 or a coldWater price');
  }
  if (t.electricity) for (const k of ['energyPerKWh', 'gridPerKWh', 'energyTaxPerKWh'] as const) num(t.electricity[k], `electricity.${k}`);
  if (t.heat) num(t.heat.pricePerKWh, 'heat.pricePerKWh');
  for (const [medium, q] of Object.entries(t.quota ?? {})) num(q, `quota.${medium}`);
  return t;
}

export const vatRateOf = (t: TariffDocument): Decimal => (t.vatRate === undefined ? STANDARD_VAT_RATE : num(t.vatRate, 'vatRate'));
export const modelOf = (t: TariffDocument): BillingModel => t.model ?? 2;

/** Hot water's kWh per m³: the given figure, else 1.161 × ΔT (ΔT default 50 K). */
export function kWhPerM3Of(hw: NonNullable<TariffDocument['hotWater']>): Decimal {
  return hw.kWhPerM3 !== undefined ? num(hw.kWhPerM3, 'hotWater.kWhPerM3') : heatingEnergyPerM3(num(hw.deltaT ?? 50, 'hotWater.deltaT'));
}

/** The priced components per medium (a medium without a price has none and is not billed). */
export function unitPrices(t: TariffDocument): UnitPrice[] {
  const code = (medium: string): string => t.chargeCodes?.[medium] ?? DEFAULT_CHARGE_CODES[medium] ?? medium;
  const prices: UnitPrice[] = [];
  const cold = t.coldWater ? num(t.coldWater.pricePerM3, 'coldWater.pricePerM3') : undefined;
  if (cold) prices.push({ medium: 'cold-water', quantity: 'volume', unit: 'm3', price: cold, chargeCode: code('cold-water') });
  if (t.hotWater) {
    const heatPrice = num(t.hotWater.heatPricePerKWh, 'hotWater.heatPricePerKWh');
    const coldPart = t.hotWater.coldWaterPricePerM3 !== undefined ? num(t.hotWater.coldWaterPricePerM3, 'hotWater.coldWaterPricePerM3') : cold!;
    if (t.hotWater.method === 'energy') {
      prices.push({ medium: 'hot-water', quantity: 'energy', unit: 'kWh', price: heatPrice, chargeCode: code('hot-water') });
      prices.push({ medium: 'hot-water', quantity: 'volume', unit: 'm3', price: coldPart, chargeCode: code('hot-water') });
    } else {
      prices.push({ medium: 'hot-water', quantity: 'volume', unit: 'm3', price: hotWaterPricePerM3(heatPrice, kWhPerM3Of(t.hotWater), coldPart), chargeCode: code('hot-water') });
    }
  }
  if (t.electricity) {
    const e = t.electricity;
    const price = electricityPriceExclVat({ energyPerKWh: num(e.energyPerKWh, 'electricity'), gridPerKWh: num(e.gridPerKWh, 'electricity'), energyTaxPerKWh: num(e.energyTaxPerKWh, 'electricity') });
    prices.push({ medium: 'electricity', quantity: 'energy', unit: 'kWh', price, chargeCode: code('electricity') });
  }
  if (t.heat) prices.push({ medium: 'heat', quantity: 'energy', unit: 'kWh', price: num(t.heat.pricePerKWh, 'heat.pricePerKWh'), chargeCode: code('heat') });
  return prices;
}

/** Model 1's quota per m² and year for a medium, or undefined (hot water defaults to 0.7 m³). */
export function quotaOf(t: TariffDocument, medium: string): Decimal | undefined {
  const q = t.quota?.[medium];
  if (q !== undefined) return num(q, `quota.${medium}`);
  return medium === 'hot-water' ? dec('0.7') : undefined;
}
