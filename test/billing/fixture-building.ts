/**
 * The fixed fixture building for billing tests and golden files: property "Eken 1", four
 * apartments, October 2026 (the month DST ends), with every case the close must handle —
 * plain month (1101), a cold-water meter swap and an interpolated month end (1102), a
 * move-out, a vacancy and a move-in (1103), a month-end gap and a held meter (1104). The
 * hand-computed expectations live in close.test.ts.
 */
import type { Reading } from '../../lib/reading';
import { SystemOfRecord } from '../../lib/store';
import { Tariffs, type TariffDocument } from '../../lib/billing';

export const PROPERTY = 'Eken 1';
/** 2026-10-01 00:00 CEST and 2026-11-01 00:00 CET. */
export const OCTOBER_START = '2026-09-30T22:00:00Z';
export const OCTOBER_END = '2026-10-31T23:00:00Z';
export const NOVEMBER_END = '2026-11-30T23:00:00Z';
export const DECEMBER_END = '2026-12-31T23:00:00Z';

/** 0.65 kr/kWh × 58 kWh/m³ + 11 kr/m³ = 48.70 kr/m³ hot water; electricity (0.5 + 0.1808 + 0.432) × 1.25 = 1.391 kr/kWh. */
export const TARIFF: TariffDocument = {
  vatRate: '0.25', model: 2,
  coldWater: { pricePerM3: '11.00' },
  hotWater: { heatPricePerKWh: '0.65', kWhPerM3: '58' },
  electricity: { energyPerKWh: '0.5000', gridPerKWh: '0.1808', energyTaxPerKWh: '0.4320' },
};

const MEDIUM_OF_POINT: Record<string, { medium: string; quantity: 'volume' | 'energy'; unit: 'm3' | 'kWh' }> = {
  'cold-water': { medium: 'water', quantity: 'volume', unit: 'm3' },
  'hot-water': { medium: 'warm-water', quantity: 'volume', unit: 'm3' },
  electricity: { medium: 'electricity', quantity: 'energy', unit: 'kWh' },
};

/** A register reading: `value` is exact decimal text in the canonical unit (`energy` = the point's heat register in kWh). */
export function registerReading(serial: string, point: string, at: string, value: string, energy = false): Reading {
  const m = energy ? { ...MEDIUM_OF_POINT[point]!, quantity: 'energy' as const, unit: 'kWh' as const } : MEDIUM_OF_POINT[point]!;
  const [whole, fraction = ''] = value.split('.');
  return {
    meter: { manufacturer: 'KAM', id: serial, version: 1, medium: m.medium, mediumCode: 7 },
    quantity: m.quantity, value: Number(value), unit: m.unit,
    raw: { mantissa: `${whole}${fraction}`.replace(/^0+(?=\d)/, ''), exponent: -fraction.length, unit: m.unit, encoding: 'bcd', bytes: '00' },
    storage: 0, tariff: 0, subunit: 0, function: 'instantaneous', timestamp: at, receivedAt: at, flags: [],
    source: { protocol: 'mbus', frame: '0000000000000000', record: 0, via: 'fixture' },
  };
}

function place(store: SystemOfRecord, number: string, livingArea: string, meters: Array<[string, string]>): void {
  const apartment = store.registry.upsertApartment({ property: PROPERTY, building: 'Storgatan 1', number, objectId: `OBJ-${number}`, livingArea });
  for (const [point, serial] of meters) {
    store.registry.placeMeter(store.registry.upsertMeteringPoint(apartment, point, ''), { serial, manufacturer: 'KAM', medium: MEDIUM_OF_POINT[point]!.medium });
  }
}

/** The building with October's readings; `file` ':memory:' by default. */
export function fixtureBuilding(file = ':memory:', tariff: TariffDocument = TARIFF): SystemOfRecord {
  const store = SystemOfRecord.open(file);
  const r = registerReading;
  store.transaction(() => {
    place(store, '1101', '74.5', [['cold-water', '11011001'], ['hot-water', '11011002'], ['electricity', '11011003']]);
    place(store, '1102', '52', [['cold-water', '11021001'], ['hot-water', '11021002']]);
    place(store, '1103', '61.0', [['cold-water', '11031001']]);
    place(store, '1104', '40', [['hot-water', '11041002'], ['electricity', '11041003']]);
    store.tenancies.add({ objectId: 'OBJ-1101', contractId: 'K-1101', moveIn: '2020-01-01' });
    store.tenancies.add({ objectId: 'OBJ-1102', contractId: 'K-1102', moveIn: '2021-03-01' });
    store.tenancies.add({ objectId: 'OBJ-1103', contractId: 'K-1103A', moveIn: '2018-05-01', moveOut: '2026-10-15' });
    store.tenancies.add({ objectId: 'OBJ-1103', contractId: 'K-1103B', moveIn: '2026-10-20' });
    store.tenancies.add({ objectId: 'OBJ-1104', contractId: 'K-1104', moveIn: '2022-06-01' });
    store.appendReadings([
      r('11011001', 'cold-water', OCTOBER_START, '100.000'), r('11011001', 'cold-water', OCTOBER_END, '104.250'),
      r('11011002', 'hot-water', OCTOBER_START, '50.000'), r('11011002', 'hot-water', OCTOBER_END, '52.345'),
      r('11011003', 'electricity', OCTOBER_START, '5000.0'), r('11011003', 'electricity', OCTOBER_END, '5180.5'),
      r('11021001', 'cold-water', OCTOBER_START, '345.000'),
      r('11021002', 'hot-water', OCTOBER_START, '20.000'),
      r('11021002', 'hot-water', '2026-10-31T22:00:00Z', '21.100'), r('11021002', 'hot-water', '2026-11-01T00:00:00Z', '21.200'),
      r('11031001', 'cold-water', OCTOBER_START, '200.000'), r('11031001', 'cold-water', '2026-10-15T22:00:00Z', '202.000'),
      r('11031001', 'cold-water', '2026-10-19T22:00:00Z', '202.100'), r('11031001', 'cold-water', OCTOBER_END, '203.600'),
      r('11041002', 'hot-water', OCTOBER_START, '10.000'), r('11041002', 'hot-water', OCTOBER_END, '11.000'),
      r('11041003', 'electricity', OCTOBER_START, '100.0'), r('11041003', 'electricity', '2026-10-28T23:00:00Z', '150.0'),
      r('11041003', 'electricity', '2026-11-03T23:00:00Z', '160.0'),
    ]);
    store.replacements.replace({ oldSerial: '11021001', at: '2026-10-14T10:00:00Z', oldFinal: '345.678', newStart: '0.010',
      newMeter: { serial: '11021009', manufacturer: 'KAM' } });
    store.appendReadings([r('11021009', 'cold-water', OCTOBER_END, '1.512')]);
    new Tariffs(store.db).set(PROPERTY, '2026-07-01', tariff);
  });
  return store;
}
