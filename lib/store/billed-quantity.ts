/**
 * The register a medium's consumption is counted on: volume (m³) for water, energy (kWh) for
 * electricity, heat and cooling — what the monthly close bills and what a meter swap carries
 * over by default.
 */
export type BilledQuantity = 'volume' | 'energy';

export const CANONICAL_UNIT: Readonly<Record<BilledQuantity, 'm3' | 'kWh'>> = { volume: 'm3', energy: 'kWh' };

const QUANTITY_OF_MEDIUM: Readonly<Record<string, BilledQuantity>> = {
  'cold-water': 'volume', 'hot-water': 'volume', water: 'volume', 'warm-water': 'volume',
  electricity: 'energy', heat: 'energy', cooling: 'energy', 'heat-cooling': 'energy',
};

/** The billed register of a medium (a metering point's or a meter's), or undefined when it is not billed (room sensors …). */
export function billedQuantityOf(medium: string): BilledQuantity | undefined {
  return QUANTITY_OF_MEDIUM[medium];
}
