/**
 * Schema migrations: a new database reaches the latest version; a version-1 database with
 * data is upgraded without losing or miscounting anything; a failing migration leaves the
 * database at its previous version; a database from a newer release is refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LATEST_VERSION, MIGRATIONS, migrate, schemaVersion } from './migrations';
import { openDatabase } from './sqlite-driver';
import { SystemOfRecord } from './system-of-record';

describe('schema migrations', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'imd-migrate-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are numbered 1, 2, … without gaps', () => {
    assert.deepEqual(MIGRATIONS.map((m) => m.version), MIGRATIONS.map((_, i) => i + 1));
  });

  it('bring an empty database to the latest version and record each one', () => {
    const db = openDatabase(':memory:');
    assert.equal(schemaVersion(db), 0);
    assert.deepEqual(migrate(db), MIGRATIONS.map((m) => m.version));
    assert.equal(schemaVersion(db), LATEST_VERSION);
    assert.deepEqual(migrate(db), [], 'a second run applies nothing');
    db.close();
  });

  it('upgrade a version-1 database with data, keeping every row and filling the new totals', () => {
    const file = path.join(dir, 'imd.sqlite');
    const v1 = openDatabase(file);
    migrate(v1, 1);
    v1.exec(`INSERT INTO meters (id, serial, manufacturer, medium) VALUES (1, '12345678', 'PAD', 'water');
      INSERT INTO registers (id, meter_id, quantity, storage, tariff, subunit, function) VALUES (1, 1, 'volume', 0, 0, 0, 'instantaneous');
      INSERT INTO readings (register_id, at, mantissa, exponent, raw_unit, encoding, raw_bytes, value, unit, frame, received_at)
      VALUES (1, 1735689600000, '12565', -3, 'm3', 'bcd', '653501', 12.565, 'm3', 'abc', 1735689600000),
             (1, 1735693200000, '12570', -3, 'm3', 'bcd', '703501', 12.57, 'm3', 'abd', 1735693200000);`);
    v1.close();

    const store = SystemOfRecord.open(file);
    assert.equal(schemaVersion(store.db), LATEST_VERSION);
    assert.deepEqual(store.stats(), { meters: 1, readings: 2, lastReadingAt: '2025-01-01T01:00:00.000Z' });
    assert.deepEqual(store.readingsOf('12345678').map((r) => r.mantissa), ['12565', '12570']);
    store.close();
  });

  it('leave the database at the previous version when a migration fails', () => {
    const db = openDatabase(':memory:');
    migrate(db, 1);
    db.exec('CREATE TABLE tenancies (x)'); // makes migration 2 fail half-way
    assert.throws(() => migrate(db), /tenancies already exists/);
    assert.equal(schemaVersion(db), 1);
    assert.equal((db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'meter_replacements'").get() as { n: number }).n, 0, 'rolled back');
    db.close();
  });

  it('refuse a database from a newer release', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    db.prepare('INSERT INTO schema_version VALUES (?, ?, ?)').run(LATEST_VERSION + 1, 'future', new Date().toISOString());
    assert.throws(() => migrate(db), new RegExp(`schema version ${LATEST_VERSION + 1}, newer than this release`));
    db.close();
  });
});
