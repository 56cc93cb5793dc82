/**
 * Swap reports from the files under fixtures/: Swedish headers below a title row, decimal
 * commas, Swedish wall time and ISO 8601 times, the register defaulting to the point's billed
 * one (m³ for water, kWh for electricity); every bad line reported; refusals only the database
 * sees (meter not placed, new meter in another apartment, already replaced) changing nothing;
 * an .xlsx with a date-and-time cell; and the command line's values checked by name.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { importListFile, listFixture as fixture, storeWithMeters } from '../../test/support/list-import';
import type { SystemOfRecord } from '../store';
import { readSwapFile, swapEntry, swapInstant } from './swap-entries';
import { importSwaps } from './swap-import';

const importFile = (store: SystemOfRecord, file: string) => importListFile(store, file, readSwapFile, importSwaps);

const placed = (store: SystemOfRecord) => store.registry.placedMeters().map((p) => `${p.objectId} ${p.medium} ${p.meter.serial}`);

describe('swap report import', () => {
  let store: SystemOfRecord;
  beforeEach(async () => { store = await storeWithMeters(); });
  afterEach(() => store.close());

  it('records every swap: decimal commas, Swedish time (09:30 CEST = 07:30Z), the register by medium', async () => {
    const swaps = await importFile(store, fixture('swaps.csv'));
    const expected = [
      { objectId: 'B2-1002', medium: 'cold-water', placement: 'Bad', oldSerial: '30020001', newSerial: '30020009', at: '2026-10-14T07:30:00.000Z',
        quantity: 'volume', unit: 'm3', oldFinal: '512.345', newStart: '0.012' },
      { objectId: 'B2-1001', medium: 'electricity', placement: 'Hall', oldSerial: '30010003', newSerial: '30010009', at: '2026-10-20T06:00:00.000Z',
        quantity: 'energy', unit: 'kWh', oldFinal: '8301.5', newStart: '0.0' },
    ];
    assert.deepEqual(swaps, expected);
    assert.deepEqual(store.replacements.list(), expected);
    assert.ok(placed(store).includes('B2-1002 cold-water 30020009') && !placed(store).includes('B2-1002 cold-water 30020001'));
  });

  it('reports every bad line with line, column and reason, and records nothing', async () => {
    assert.deepEqual(await importFile(store, fixture('swaps-bad.csv')), [
      `line 2, column "Bytestid": '2026-10-14' is not a time (YYYY-MM-DD HH:MM Swedish time, or ISO 8601 with Z or an offset)`,
      `line 3, column "Slutställning": '-1' is not a register value (a decimal number ≥ 0, e.g. 512,345)`,
      `line 4, column "Gammalt mätarnummer": serial '3002 0002' may hold only digits, letters and '-'`,
      `line 4, column "Bytestid": '2026-10-14 25:00' is not a time (YYYY-MM-DD HH:MM Swedish time, or ISO 8601 with Z or an offset)`,
      `line 4, column "Slutställning": '1.2.3' is not a register value (a decimal number ≥ 0, e.g. 512,345)`,
      'line 4, column "Startställning": empty; a value is required',
    ]);
    assert.deepEqual(store.replacements.list(), []);
  });

  it('refuses a meter not placed, a new meter in another apartment, a meter already replaced — and changes nothing', async () => {
    const before = placed(store);
    assert.deepEqual(await importFile(store, fixture('swaps-refused.csv')), [
      'line 2, column "old serial": meter 30099999 is not placed at a metering point',
      'line 3, column "new serial": meter 30010001 is already placed in apartment B2-1001',
    ]);
    assert.deepEqual(placed(store), before, 'line 4 (a good swap) was rolled back');
    await importFile(store, fixture('swaps.csv'));
    assert.deepEqual(await importFile(store, fixture('swaps.csv')), [
      'line 3, column "Gammalt mätarnummer": meter 30020001 was already replaced',
      'line 4, column "Gammalt mätarnummer": meter 30010003 was already replaced',
    ]);
    assert.equal(store.replacements.list().length, 2);
  });

  it('reads an .xlsx whose time is a date-and-time cell (Excel\'s wall clock = Swedish time)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imd-swaps-'));
    try {
      const workbook = new ExcelJS.Workbook();
      const ws = workbook.addWorksheet('Byten');
      ws.addRow(['Gammal mätare', 'Ny mätare', 'Tidpunkt', 'Slutavläsning', 'Startavläsning']);
      ws.addRow([30030001, 30030009, new Date(Date.UTC(2026, 11, 2, 13, 15)), 402.5, 0]);
      const file = path.join(dir, 'byten.xlsx');
      writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
      const [swap] = await importFile(store, file) as Array<{ at: string; oldFinal: string; newStart: string }>;
      assert.deepEqual([swap!.at, swap!.oldFinal, swap!.newStart], ['2026-12-02T12:15:00.000Z', '402.5', '0']); // 13:15 CET
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks command-line values by name; times with an offset, Z or in Swedish time', () => {
    const name = (key: string) => `--${key}`;
    const texts = { oldSerial: '30020001', newSerial: '30020009', at: '2026-10-14 09:30', oldFinal: '512,345', newStart: '0,012' };
    assert.equal(swapEntry(texts, name).oldFinal, '512.345');
    assert.throws(() => swapEntry({ ...texts, newStart: undefined }, name), /^ConfigError: --newStart is required$/);
    assert.throws(() => swapEntry({ ...texts, oldFinal: '5,1,2' }, name), /--oldFinal: '5,1,2' is not a register value/);
    assert.equal(swapInstant('2026-10-14T09:30:00+02:00'), '2026-10-14T07:30:00.000Z');
    assert.equal(swapInstant('2026-01-14T09:30'), '2026-01-14T08:30:00.000Z'); // CET
    assert.equal(swapInstant('2026-02-30 09:30'), undefined);
    assert.equal(swapInstant('14 oktober 2026'), undefined);
  });
});
