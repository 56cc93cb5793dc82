/**
 * The placement index: registered meters are found by serial (and manufacturer), unknown ones
 * are not, and meters registered after the first lookup are seen after the refresh interval.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MeterIdentity } from '../reading';
import { PlacementIndex } from './placement-index';
import { SystemOfRecord } from './system-of-record';

const meter = (id: string, manufacturer = 'PAD'): MeterIdentity => ({ id, manufacturer, version: 1, medium: 'water', mediumCode: 7 });

describe('placement index', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imd-placement-'));
    file = path.join(dir, 'imd.sqlite');
    const store = SystemOfRecord.open(file);
    const apartment = store.registry.upsertApartment({ property: 'Eken 1', building: 'Storgatan 1', number: '1101', objectId: 'OBJ-1101', livingArea: '74.5' });
    store.registry.placeMeter(store.registry.upsertMeteringPoint(apartment, 'cold-water', 'kitchen'), { serial: '11111111', manufacturer: 'PAD', medium: 'water' });
    store.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds a registered meter by serial and manufacturer, and nothing for others', () => {
    const index = new PlacementIndex(file);
    try {
      assert.deepEqual(index.placementOf(meter('11111111')), { property: 'Eken 1', building: 'Storgatan 1', apartment: '1101' });
      assert.equal(index.placementOf(meter('11111111', 'KAM')), undefined, 'same serial, other manufacturer');
      assert.equal(index.placementOf(meter('99999999')), undefined);
    } finally { index.close(); }
  });

  it('sees meters registered later once the refresh interval has passed', () => {
    let now = 0;
    const index = new PlacementIndex(file, 60_000, () => now);
    try {
      assert.equal(index.placementOf(meter('22222222')), undefined);
      const store = SystemOfRecord.open(file);
      const apartment = store.registry.upsertApartment({ property: 'Eken 1', building: 'Storgatan 1', number: '1102', objectId: 'OBJ-1102', livingArea: '60' });
      store.registry.placeMeter(store.registry.upsertMeteringPoint(apartment, 'cold-water', 'bath'), { serial: '22222222', manufacturer: 'PAD', medium: 'water' });
      store.close();
      now = 30_000;
      assert.equal(index.placementOf(meter('22222222')), undefined, 'not before the refresh');
      now = 60_000;
      assert.equal(index.placementOf(meter('22222222'))?.apartment, '1102');
    } finally { index.close(); }
  });
});
