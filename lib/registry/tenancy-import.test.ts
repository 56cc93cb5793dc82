/**
 * Tenancy list import from the files under fixtures/: Swedish headers below a title row in an
 * ISO-8859-1 CSV, a rental system's re-export (a move-out, a new contract listed before the
 * one it follows) updating by contract id, the same file again changing nothing, every bad
 * line reported with line and column, refusals only the database sees (nothing changed), and
 * an .xlsx with English headers and Excel date cells.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { importListFile, listFixture as fixture, storeWithMeters } from '../../test/support/list-import';
import type { SystemOfRecord } from '../store';
import { readTenancyFile } from './tenancy-entries';
import { importTenancies } from './tenancy-import';

const importFile = (store: SystemOfRecord, file: string) => importListFile(store, file, readTenancyFile, importTenancies);

const brief = (store: SystemOfRecord) => store.tenancies.list().map((t) => [t.objectId, t.contractId, t.moveIn, t.moveOut, t.tenantName]);

const FIRST_IMPORT = [
  ['B2-1001', 'K-1001', '2019-04-01', null, null],
  ['B2-1002', 'K-1002', '2021-09-01', null, null],
  ['B2-1003', 'K-1003A', '2018-06-01', null, 'Åsa Öberg'],
];

describe('tenancy list import', () => {
  let store: SystemOfRecord;
  beforeEach(async () => { store = await storeWithMeters(); });
  afterEach(() => store.close());

  it('reads Swedish headers below a title row from an ISO-8859-1 CSV (detected), with the tenant name', async () => {
    assert.deepEqual(await importFile(store, fixture('tenancies-latin1.csv')), { tenancies: 3, added: 3, updated: 0, unchanged: 0 });
    assert.deepEqual(brief(store), FIRST_IMPORT);
    const forced = await readTenancyFile(fixture('tenancies-latin1.csv'), { encoding: 'iso-8859-1' });
    assert.deepEqual(forced.headers, { objectId: 'Objektnummer', contractId: 'Kontraktsnummer', tenantName: 'Hyresgäst', moveIn: 'Inflyttningsdatum', moveOut: 'Utflyttningsdatum' });
  });

  it('updates by contract id on a re-export (a move-out, a new contract listed first); the same file again changes nothing', async () => {
    await importFile(store, fixture('tenancies-latin1.csv'));
    assert.deepEqual(await importFile(store, fixture('tenancies-reexport.csv')), { tenancies: 4, added: 1, updated: 1, unchanged: 2 });
    assert.deepEqual(brief(store), [
      ...FIRST_IMPORT.slice(0, 2),
      ['B2-1003', 'K-1003A', '2018-06-01', '2026-10-15', 'Åsa Öberg'],
      ['B2-1003', 'K-1003B', '2026-10-27', null, null],
    ]);
    assert.deepEqual(await importFile(store, fixture('tenancies-reexport.csv')), { tenancies: 4, added: 0, updated: 0, unchanged: 4 });
    assert.equal(store.tenancies.list().length, 4);
  });

  it('reports every bad line with line, column and reason, and imports nothing', async () => {
    assert.deepEqual(await importFile(store, fixture('tenancies-bad-lines.csv')), [
      `line 3, column "Inflyttning": '2026-02-30' is not a date (YYYY-MM-DD)`,
      'line 4, column "Utflyttning": move-out 2026-04-30 is before move-in 2026-05-01',
      'line 5, column "Inflyttning": contract K-4 overlaps contract K-1 (line 2) in the same apartment',
      'line 6, column "Kontrakt": contract K-1 is already on line 2',
      'line 7, column "Objekt-id": empty; a value is required',
      `line 8, column "Inflyttning": '1 maj 2026' is not a date (YYYY-MM-DD)`,
    ]);
    assert.deepEqual(store.tenancies.list(), []);
  });

  it('refuses an unknown object id, an overlap with a stored contract and another apartment\'s contract, changing nothing', async () => {
    await importFile(store, fixture('tenancies-latin1.csv'));
    assert.deepEqual(await importFile(store, fixture('tenancies-refused.csv')), [
      'line 3, column "Objekt-id": no apartment with object id B2-9999',
      'line 4, column "Inflyttningsdatum": contract K-1001B overlaps contract K-1001 in the same apartment',
      'line 5, column "Kontraktsnummer": contract K-1003A is a tenancy of apartment B2-1003, not B2-1002',
    ]);
    assert.deepEqual(brief(store), FIRST_IMPORT, 'line 2 (K-1002 moving out) was rolled back');
  });

  describe('.xlsx', () => {
    let dir: string;
    beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'imd-tenancies-')); });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads English headers and Excel date cells (the re-export fixture as a workbook)', async () => {
      const csv = readFileSync(fixture('tenancies-reexport.csv'), 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/).slice(1);
      const workbook = new ExcelJS.Workbook();
      const ws = workbook.addWorksheet('Kontrakt');
      ws.addRow(['Object id', 'Contract id', 'Tenant name', 'Move-in', 'Move-out']);
      const date = (text: string) => (text ? new Date(`${text}T00:00:00Z`) : null);
      for (const [objectId, contractId, name, moveIn, moveOut] of csv.map((l) => l.split(';'))) {
        ws.addRow([objectId, contractId, name || null, date(moveIn!), date(moveOut!)]);
      }
      const file = path.join(dir, 'kontrakt.xlsx');
      writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
      assert.deepEqual(await importFile(store, file), { tenancies: 4, added: 4, updated: 0, unchanged: 0 });
      assert.deepEqual(brief(store).slice(2), [
        ['B2-1003', 'K-1003A', '2018-06-01', '2026-10-15', 'Åsa Öberg'],
        ['B2-1003', 'K-1003B', '2026-10-27', null, null],
      ]);
    });
  });
});
