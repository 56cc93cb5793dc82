/**
 * The system of record: a batch is one transaction (all or nothing), the same reading twice is
 * one row, the register is stored exactly, unknown meters are kept, frames are archived by
 * reference, stats, and a reopened file still has everything.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { frameRef } from '../frame-ref';
import type { Reading } from '../reading';
import { sampleReading } from './sample-readings';
import { SystemOfRecord } from './system-of-record';

const hourly = (serial: string, n: number): Reading[] => Array.from({ length: n }, (_, i) =>
  sampleReading({ serial, timestamp: new Date(Date.UTC(2025, 0, 1, i)).toISOString(), mantissa: String(10000 + i) }));

describe('SystemOfRecord', () => {
  let store: SystemOfRecord;
  beforeEach(() => { store = SystemOfRecord.open(':memory:'); });
  afterEach(() => store.close());

  it('stores a batch and reports stats', () => {
    assert.deepEqual(store.stats(), { meters: 0, readings: 0, lastReadingAt: null });
    assert.deepEqual(store.appendReadings([...hourly('11111111', 24), ...hourly('22222222', 3)]), { inserted: 27, duplicates: 0 });
    assert.deepEqual(store.stats(), { meters: 2, readings: 27, lastReadingAt: '2025-01-01T23:00:00.000Z' });
  });

  it('is idempotent: the same readings again are duplicates, not rows', () => {
    store.appendReadings(hourly('11111111', 10));
    assert.deepEqual(store.appendReadings(hourly('11111111', 12)), { inserted: 2, duplicates: 10 });
    const twice = sampleReading();
    assert.deepEqual(store.appendReadings([twice, twice]), { inserted: 1, duplicates: 1 });
    assert.equal(store.stats().readings, 13);
  });

  it('keeps different registers at the same time apart (storage, tariff, function, qualifiers)', () => {
    const base = sampleReading();
    const variants: Reading[] = [base, { ...base, storage: 1 }, { ...base, tariff: 1 }, { ...base, function: 'maximum' },
      { ...base, qualifiers: ['accumulation-negative'] }, { ...base, quantity: 'energy' }];
    assert.equal(store.appendReadings(variants).inserted, 6);
  });

  it('stores the register exactly (mantissa text, exponent, raw unit, bytes) beside the canonical value', () => {
    store.appendReadings([sampleReading({ mantissa: '00012345678901234567890', exponent: -3 })]);
    const [row] = store.readingsOf('12345678');
    assert.deepEqual([row!.mantissa, row!.exponent, row!.rawUnit, row!.rawBytes], ['00012345678901234567890', -3, 'm3', '653501']);
    assert.equal(row!.frame, '3f0c9a1e6b2d4478');
    assert.equal(row!.at, '2025-01-31T23:00:00.000Z');
  });

  it('writes nothing of a batch that has one malformed reading', () => {
    const bad = { ...sampleReading({ serial: '99999999' }), timestamp: 'yesterday' };
    assert.throws(() => store.appendReadings([...hourly('11111111', 5), bad]), /reading 5 timestamp 'yesterday'/);
    assert.deepEqual(store.stats(), { meters: 0, readings: 0, lastReadingAt: null });
    assert.throws(() => store.appendReadings([{ meter: {} } as Reading]), /reading 0 is not a canonical Reading/);
    assert.equal(store.appendReadings(hourly('11111111', 5)).inserted, 5, 'the meter cache was not left pointing at rolled-back rows');
  });

  it('adopts a registry meter without manufacturer when its first reading names one', () => {
    store.registry.placeMeter(null, { serial: '12345678', medium: 'water' });
    store.appendReadings([sampleReading()]);
    assert.deepEqual(store.registry.metersBySerial('12345678').map((m) => [m.manufacturer, m.reading_count]), [['PAD', 1]]);
  });

  it('archives raw telegrams under their frame reference, once', () => {
    const bytes = Uint8Array.from([0x10, 0x40, 0x01, 0x41, 0x16]);
    const refs = store.archiveFrames([{ bytes, via: 'tcp:gw1' }, { bytes }]);
    assert.deepEqual(refs, [frameRef(bytes), frameRef(bytes)]);
    assert.deepEqual(store.frame(refs[0]!), bytes);
    assert.equal((store.db.prepare('SELECT count(*) AS n FROM frames').get() as { n: number }).n, 1);
  });

  it('acceptBatch resolves after commit (the store-and-forward downstream)', async () => {
    await store.acceptBatch({ readings: hourly('11111111', 3) });
    assert.equal(store.stats().readings, 3);
  });

  it('keeps everything in a file across close and reopen, in WAL mode with synchronous=FULL', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imd-store-'));
    try {
      const file = path.join(dir, 'sub', 'imd.sqlite');
      const first = SystemOfRecord.open(file);
      assert.equal(first.db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(first.db.pragma('synchronous', { simple: true }), 2);
      first.appendReadings(hourly('11111111', 48));
      first.close();
      const again = SystemOfRecord.open(file);
      assert.deepEqual(again.stats(), { meters: 1, readings: 48, lastReadingAt: '2025-01-02T23:00:00.000Z' });
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
