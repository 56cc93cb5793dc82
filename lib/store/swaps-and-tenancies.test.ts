/**
 * Meter replacements and tenancies: consumption continues across a swap exactly (old meter's
 * final register, new meter's start register), a meter cannot be placed in two apartments,
 * tenancies of one apartment do not overlap, and the certification rule.
 */
import assert from 'node:assert/strict';
import { addYears, certifiedUntil } from './certification';
import { sampleReading } from './sample-readings';
import { SystemOfRecord } from './system-of-record';

const APARTMENT = { property: 'Eken 1', building: 'Storgatan 1', number: '1101', objectId: 'OBJ-1101', livingArea: '74.5' };

describe('meter replacements', () => {
  let store: SystemOfRecord;
  beforeEach(() => {
    store = SystemOfRecord.open(':memory:');
    const point = store.registry.upsertMeteringPoint(store.registry.upsertApartment(APARTMENT), 'cold-water', 'kitchen');
    store.registry.placeMeter(point, { serial: '11111111', manufacturer: 'PAD', medium: 'water', installDate: '2015-03-01' });
  });
  afterEach(() => store.close());

  it('carries consumption across a swap: old final − old start + new end − new start', () => {
    store.appendReadings([
      sampleReading({ serial: '11111111', timestamp: '2025-01-31T23:00:00Z', mantissa: '812345', exponent: -3 }), // 812.345 m3
      sampleReading({ serial: '11111111', timestamp: '2025-02-10T06:00:00Z', mantissa: '815000', exponent: -3 }),
    ]);
    store.transaction(() => store.replacements.replace({
      oldSerial: '11111111', at: '2025-02-14T10:00:00Z', oldFinal: '816.100', newStart: '0.002',
      newMeter: { serial: '22222222', manufacturer: 'PAD', installDate: '2025-02-14' },
    }));
    store.appendReadings([sampleReading({ serial: '22222222', timestamp: '2025-02-28T23:00:00Z', mantissa: '41502', exponent: -4 })]); // 4.1502 m3
    const february = store.replacements.consumption('22222222', '2025-01-31T23:00:00Z', '2025-02-28T23:00:00Z');
    // (816.100 − 812.345) + (4.1502 − 0.002) = 3.755 + 4.1482
    assert.deepEqual(february, { value: '7.9032', unit: 'm3', meters: ['11111111', '22222222'] });
    const placed = store.registry.placedMeters();
    assert.deepEqual(placed.map((p) => [p.meter.serial, p.objectId, p.meter.certified_until]), [['22222222', 'OBJ-1101', '2035-02-14']]);
  });

  it('counts from the new start when the new meter has no reading yet', () => {
    store.appendReadings([sampleReading({ serial: '11111111', timestamp: '2025-02-01T00:00:00Z', mantissa: '100', exponent: 0 })]);
    store.replacements.replace({ oldSerial: '11111111', at: '2025-02-14T10:00:00Z', oldFinal: '101.5', newStart: '0', newMeter: { serial: '22222222' } });
    assert.equal(store.replacements.consumption('11111111', '2025-02-01T00:00:00Z', '2025-02-28T00:00:00Z').value, '1.5');
  });

  it('refuses a second swap of the same meter, a swap before the meter was put up, a negative register, a meter placed in another apartment', () => {
    store.replacements.replace({ oldSerial: '11111111', at: '2025-02-14T10:00:00Z', oldFinal: '1', newStart: '0', newMeter: { serial: '22222222' } });
    assert.throws(() => store.replacements.replace({ oldSerial: '11111111', at: '2025-03-01T00:00:00Z', oldFinal: '1', newStart: '0', newMeter: { serial: '33333333' } }),
      /already replaced/);
    assert.throws(() => store.replacements.replace({ oldSerial: '22222222', at: '2025-02-14T09:00:00Z', oldFinal: '1', newStart: '0', newMeter: { serial: '33333333' } }),
      /meter 22222222 was put up at 2025-02-14T10:00:00.000Z; its swap must be later/);
    assert.throws(() => store.replacements.replace({ oldSerial: '22222222', at: '2025-03-01T00:00:00Z', oldFinal: '-1', newStart: '0', newMeter: { serial: '33333333' } }),
      /old final register -1 is negative/);
    const other = store.registry.upsertMeteringPoint(store.registry.upsertApartment({ ...APARTMENT, number: '1102', objectId: 'OBJ-1102' }), 'cold-water', '');
    assert.throws(() => store.registry.placeMeter(other, { serial: '22222222', medium: 'water' }), /already placed in apartment OBJ-1101/);
  });
});

describe('tenancies', () => {
  let store: SystemOfRecord;
  beforeEach(() => {
    store = SystemOfRecord.open(':memory:');
    store.registry.upsertApartment(APARTMENT);
  });
  afterEach(() => store.close());

  it('records move-in and move-out and finds the tenancies of a month', () => {
    store.tenancies.add({ objectId: 'OBJ-1101', contractId: 'K-1', moveIn: '2023-04-01' });
    store.tenancies.end('K-1', '2025-03-15');
    store.tenancies.add({ objectId: 'OBJ-1101', contractId: 'K-2', moveIn: '2025-03-16' });
    assert.deepEqual(store.tenancies.during('OBJ-1101', '2025-03-01', '2025-03-31').map((t) => [t.contractId, t.moveIn, t.moveOut, t.tenantName]),
      [['K-1', '2023-04-01', '2025-03-15', null], ['K-2', '2025-03-16', null, null]]);
    assert.deepEqual(store.tenancies.during('OBJ-1101', '2025-04-01', '2025-04-30').map((t) => t.contractId), ['K-2']);
  });

  it('refuses overlaps, unknown apartments and bad dates', () => {
    store.tenancies.add({ objectId: 'OBJ-1101', contractId: 'K-1', moveIn: '2023-04-01' });
    assert.throws(() => store.tenancies.add({ objectId: 'OBJ-1101', contractId: 'K-2', moveIn: '2025-03-16' }), /overlaps contract K-1/);
    assert.throws(() => store.tenancies.add({ objectId: 'OBJ-9', contractId: 'K-3', moveIn: '2025-03-16' }), /no apartment with object id OBJ-9/);
    assert.throws(() => store.tenancies.add({ objectId: 'OBJ-1101', contractId: 'K-4', moveIn: '2025-02-30' }), /move-in date '2025-02-30'/);
    assert.throws(() => store.tenancies.end('K-1', '2020-01-01'), /before move-in/);
  });
});

describe('certification lifetime (10/5/18 years)', () => {
  it('small water 10 years, large water 5, electricity 18, other media none', () => {
    assert.equal(certifiedUntil('cold-water', '2020-06-15'), '2030-06-15');
    assert.equal(certifiedUntil('hot-water', '2020-06-15', 'small'), '2030-06-15');
    assert.equal(certifiedUntil('water', '2020-06-15', 'large'), '2025-06-15');
    assert.equal(certifiedUntil('electricity', '2020-06-15'), '2038-06-15');
    assert.equal(certifiedUntil('heat', '2020-06-15'), undefined);
    assert.equal(certifiedUntil('water', undefined), undefined);
  });

  it('29 February moves to 28 February in a common year', () => {
    assert.equal(addYears('2024-02-29', 10), '2034-02-28');
    assert.equal(addYears('2024-02-29', 4), '2028-02-29');
    assert.throws(() => addYears('2024-13-01', 1), /not a date/);
  });
});
