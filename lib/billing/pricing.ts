/**
 * The price formulas of the Recommendation and the Stockholm guide, exact:
 * - heat to warm water: 1.161 kWh per m³ per K (ρ·cp/3600), so 7 → 57 °C is 58.05 ≈ 58 kWh/m³;
 * - hot-water price per m³ = heat price × kWh per m³ + cold-water price per m³;
 * - electricity per kWh = (energy + grid transfer variable part + energy tax) × (1 + VAT);
 * - rent reduction = normal use per m² and year × price (0.7 m³/m² · year for hot water);
 * - the profitability check (lönsamhetsbedömning).
 * Every function returns exact Decimals; rounding happens where money is made (money.ts).
 */
import { addDecimal, dec, divide, multiply, subtractDecimal, sum, type Decimal } from './exact';

/** kWh to heat one m³ of water by one kelvin: ρ · cp / 3600 = 1000 kg/m³ · 4.18 kJ/(kg·K) / 3600 ≈ 1.161. */
export const HEAT_PER_M3_K: Decimal = dec('1.161');

/** Normal hot-water use for the rent reduction: 0.7 m³ per m² living area and year. */
export const NORMAL_HOT_WATER_M3_PER_M2_YEAR: Decimal = dec('0.7');

/** Swedish standard VAT rate (mervärdesskatt) on sub-metered supplies: 25 %. */
export const STANDARD_VAT_RATE: Decimal = dec('0.25');

/** kWh needed to heat one m³ by ΔT kelvin: 1.161 × ΔT (exact: ΔT 50 → 58.05). */
export function heatingEnergyPerM3(deltaT: Decimal): Decimal {
  return multiply(HEAT_PER_M3_K, deltaT);
}

/** Hot-water price per m³ = heat price (kr/kWh) × kWh per m³ + cold-water price (kr/m³). */
export function hotWaterPricePerM3(heatPricePerKWh: Decimal, kWhPerM3: Decimal, coldWaterPricePerM3: Decimal): Decimal {
  return addDecimal(multiply(heatPricePerKWh, kWhPerM3), coldWaterPricePerM3);
}

export interface ElectricityPrice { energyPerKWh: Decimal; gridPerKWh: Decimal; energyTaxPerKWh: Decimal }

/** Electricity price per kWh before VAT: energy + grid transfer (variable part) + energy tax. */
export function electricityPriceExclVat(p: ElectricityPrice): Decimal {
  return sum([p.energyPerKWh, p.gridPerKWh, p.energyTaxPerKWh]);
}

/** A price with VAT added: price × (1 + rate). */
export function withVat(price: Decimal, vatRate: Decimal = STANDARD_VAT_RATE): Decimal {
  return multiply(price, addDecimal(dec(1), vatRate));
}

/** Rent reduction per m² and year = normal use per m² and year × price per unit (0.7 × 49 = 34.30 kr/m²). */
export function rentReductionPerM2Year(normalUsePerM2Year: Decimal, pricePerUnit: Decimal): Decimal {
  return multiply(normalUsePerM2Year, pricePerUnit);
}

/** Rent reduction per year for a whole apartment: normal yearly use × price (2 000 kWh × 1.391 = 2 782 kr). */
export function rentReductionPerYear(normalUsePerYear: Decimal, pricePerUnit: Decimal): Decimal {
  return multiply(normalUsePerYear, pricePerUnit);
}

export interface ProfitabilityInput {
  /** Installation cost of the metering system, kr. */
  investment: Decimal;
  /** Straight-line depreciation time, years. */
  lifetimeYears: Decimal;
  /** Yearly interest rate on the capital, e.g. 0.04; charged on the average tied-up capital (investment / 2). */
  interestRate: Decimal;
  maintenancePerYear: Decimal;
  administrationPerYear: Decimal;
  /** The yearly rent reduction given to the tenants, kr. */
  rentReductionPerYear: Decimal;
  /** What the owner pays for the media today, kr/year, and what it expects to pay with IMD (lower use). */
  mediaCostTodayPerYear: Decimal;
  mediaCostWithImdPerYear: Decimal;
}

export interface Profitability {
  /** Depreciation + capital cost + maintenance + administration + rent reduction, kr/year (2 decimals). */
  imdCostPerYear: Decimal;
  /** Media cost today − media cost with IMD, kr/year. */
  savingPerYear: Decimal;
  /** Saving − IMD cost; positive = profitable. */
  resultPerYear: Decimal;
  profitable: boolean;
}

/**
 * Lönsamhetsbedömning: depreciation (investment / lifetime) + capital cost (interest on half
 * the investment, the average tied-up capital under straight-line depreciation) + maintenance
 * + administration + rent reduction, against the media cost saved. Öre precision.
 */
export function profitability(i: ProfitabilityInput): Profitability {
  const depreciation = divide(i.investment, i.lifetimeYears, 2);
  const capital = divide(multiply(i.investment, i.interestRate), dec(2), 2);
  const imdCostPerYear = sum([depreciation, capital, i.maintenancePerYear, i.administrationPerYear, i.rentReductionPerYear]);
  const savingPerYear = subtractDecimal(i.mediaCostTodayPerYear, i.mediaCostWithImdPerYear);
  const resultPerYear = subtractDecimal(savingPerYear, imdCostPerYear);
  return { imdCostPerYear, savingPerYear, resultPerYear, profitable: resultPerYear.digits > 0n };
}
