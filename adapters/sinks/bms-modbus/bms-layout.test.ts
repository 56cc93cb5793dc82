/**
 * The BMS map's CSV export against its golden file (fixtures/map-2-apartments.csv, reviewed as
 * a diff), and the documented address of apartment k's room temperature.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../../test/support/repo-root';
import { apartmentAddress, checkLayout, mapCsv } from './bms-layout';

describe('BMS register map layout', () => {
  it('exports the CSV of fixtures/map-2-apartments.csv', () => {
    const golden = readFileSync(path.join(repoRoot(__dirname), 'adapters', 'sinks', 'bms-modbus', 'fixtures', 'map-2-apartments.csv'), 'utf8');
    assert.equal(mapCsv(checkLayout(2)), golden);
  });

  it('puts apartment k\'s room temperature at 100 + 10·(k−1)', () => {
    assert.deepEqual([1, 2, 12].map((k) => apartmentAddress(checkLayout(12), k)), [100, 110, 210]);
    assert.equal(apartmentAddress(checkLayout(3, 200), 3, 'status'), 223);
    assert.throws(() => checkLayout(7000), /do not fit/);
  });
});
