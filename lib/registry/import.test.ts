/**
 * Registry import: header names in Swedish and English, every kind of bad line reported with
 * line, column and reason (missing column, bad medium, duplicate serial in the file, serial
 * already in another apartment, bad number), all or nothing, re-import idempotent, the
 * certification expiry filled in, export/import round trip (CSV and real .xlsx files) and
 * the commissioning report.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { SystemOfRecord } from '../store';
import { METER_COLUMNS } from './columns';
import { commissioningReport, heardMeterOf } from './commissioning';
import { parseCsv } from './csv';
import { entriesOf } from './entries';
import { importEntries, RegistryImportError } from './import';
import { readRegistryFile, writeRegistryFile } from './registry-file';
import { formatLineError } from './sheet';

const HEADER = 'Fastighet;Byggnad;Lägenhetsnummer;Objekt-id;Boarea;Mätarnummer;Medium;Placering;Tillverkare;Installationsdatum';
const GOOD = [HEADER,
  'Eken 1;Storgatan 1;1101;OBJ-1101;74,5;11111111;Kallvatten;Kök;KAM;2020-05-01',
  'Eken 1;Storgatan 1;1101;OBJ-1101;74,5;11111112;Varmvatten;Kök;KAM;2020-05-01',
  'Eken 1;Storgatan 1;1101;OBJ-1101;74,5;11111113;El;;ABB;2020-05-01',
  'Eken 1;Storgatan 1;1102;OBJ-1102;52;22222221;KV;Bad;;'].join('\n');

const problems = (csv: string) => entriesOf(METER_COLUMNS.sheet(parseCsv(csv))).errors.map(formatLineError);

function importCsv(store: SystemOfRecord, csv: string) {
  const parsed = entriesOf(METER_COLUMNS.sheet(parseCsv(csv)));
  if (parsed.errors.length > 0) throw new RegistryImportError(parsed.errors);
  return importEntries(store, parsed.entries);
}

describe('registry import', () => {
  let store: SystemOfRecord;
  let dir: string;
  beforeEach(() => { store = SystemOfRecord.open(':memory:'); dir = mkdtempSync(path.join(tmpdir(), 'imd-registry-')); });
  afterEach(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });

  it('imports a Swedish list: apartments, metering points, meters with the certification expiry', () => {
    assert.deepEqual(importCsv(store, GOOD), { apartments: 2, meters: 4 });
    const placed = store.registry.placedMeters();
    assert.deepEqual(placed.map((p) => [p.objectId, p.apartment, p.livingArea, p.medium, p.placement, p.meter.serial, p.meter.certified_until]), [
      ['OBJ-1101', '1101', '74.5', 'cold-water', 'Kök', '11111111', '2030-05-01'],
      ['OBJ-1101', '1101', '74.5', 'electricity', '', '11111113', '2038-05-01'],
      ['OBJ-1101', '1101', '74.5', 'hot-water', 'Kök', '11111112', '2030-05-01'],
      ['OBJ-1102', '1102', '52', 'cold-water', 'Bad', '22222221', null],
    ]);
    assert.deepEqual(importCsv(store, GOOD), { apartments: 2, meters: 4 }, 'a second import changes nothing');
    assert.equal(store.stats().meters, 4);
  });

  it('accepts English header names and "," separators, and keeps the model', () => {
    const csv = 'apartment,object id,meter serial,medium,placement,living area,model\n1101,OBJ-1,12345678,cold water,kitchen,60.5,Multical 21\n';
    assert.deepEqual(importCsv(store, csv), { apartments: 1, meters: 1 });
    assert.equal(store.registry.placedMeters()[0]!.meter.model, 'Multical 21');
  });

  it('reports a missing required column on the header line', () => {
    assert.deepEqual(problems('Lägenhetsnummer;Objekt-id;Medium\n1101;OBJ-1;KV'), [
      'line 1, column "Mätarnummer": required column missing (accepted names: Mätarnummer, Serienummer, Mätar-id, meter serial, serial, meter id, meter number)',
      'line 1, column "Placering": required column missing (accepted names: Placering, Plats, placement, location)',
    ]);
  });

  it('reports every bad cell with line, column and reason', () => {
    const csv = [HEADER,
      'Eken 1;Storgatan 1;1101;OBJ-1101;sjuttio;11111111;Vatn;Kök;KAMSTRUP;2020-13-01',
      'Eken 1;Storgatan 1;;OBJ-1102;50;11 11;KV;Kök;;'].join('\n');
    assert.deepEqual(problems(csv), [
      `line 2, column "Boarea": 'sjuttio' is not a number (m²)`,
      `line 2, column "Medium": unknown medium 'Vatn' (e.g. kallvatten, varmvatten, el, värme, cold-water, hot-water, electricity, heat)`,
      `line 2, column "Tillverkare": manufacturer 'KAMSTRUP' is not a three-letter code (e.g. KAM)`,
      `line 2, column "Installationsdatum": '2020-13-01' is not a date (YYYY-MM-DD)`,
      'line 3, column "Lägenhetsnummer": empty; a value is required',
      `line 3, column "Mätarnummer": serial '11 11' may hold only digits, letters and '-'`,
    ]);
  });

  it('reports a serial twice in the file, an object id with two apartments, two meters at one place', () => {
    const csv = [HEADER,
      'Eken 1;Storgatan 1;1101;OBJ-1101;74;11111111;KV;Kök;;',
      'Eken 1;Storgatan 1;1102;OBJ-1102;50;11111111;KV;Bad;;',
      'Eken 1;Storgatan 1;1103;OBJ-1101;50;33333333;KV;Bad;;',
      'Eken 1;Storgatan 1;1101;OBJ-1101;74;44444444;KV;Kök;;'].join('\n');
    assert.deepEqual(problems(csv), [
      'line 3, column "Mätarnummer": meter 11111111 is already on line 2',
      'line 4, column "Objekt-id": object id OBJ-1101 is apartment 1101 on line 2, here 1103',
      `line 5, column "Placering": apartment 1101 already has a cold-water meter at 'Kök' (line 2); give each its own placement`,
    ]);
  });

  it('refuses a serial already placed in another apartment and changes nothing (all or nothing)', () => {
    importCsv(store, GOOD);
    const before = store.registry.placedMeters();
    const csv = [HEADER,
      'Eken 1;Storgatan 1;1103;OBJ-1103;40;33333333;KV;Kök;;',
      'Eken 1;Storgatan 1;1104;OBJ-1104;40;22222221;KV;Kök;;'].join('\n');
    assert.throws(() => importCsv(store, csv), (err: RegistryImportError) => {
      assert.deepEqual(err.errors.map(formatLineError), ['line 3, column "Mätarnummer": meter 22222221 is already placed in apartment OBJ-1102']);
      return true;
    });
    assert.deepEqual(store.registry.placedMeters(), before, 'OBJ-1103 of line 2 was rolled back');
  });

  it('round-trips through CSV and real .xlsx files', async () => {
    importCsv(store, GOOD);
    for (const name of ['meters.csv', 'meters.xlsx']) {
      const file = path.join(dir, name);
      assert.equal(await writeRegistryFile(store, file), 4);
      const parsed = await readRegistryFile(file);
      assert.deepEqual(parsed.errors, [], name);
      const copy = SystemOfRecord.open(':memory:');
      importEntries(copy, parsed.entries);
      const rowIdsAside = (s: SystemOfRecord) => s.registry.placedMeters().map((p) => ({ ...p, meter: { ...p.meter, id: 0, metering_point_id: 0 } }));
      assert.deepEqual(rowIdsAside(copy), rowIdsAside(store), name);
      copy.close();
    }
  });

  it('reads an installer-made .xlsx with dates, numbers and a header below a title row', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Lista');
    ws.addRow(['Mätarlista Eken 1']);
    ws.addRow(['Apartment', 'Object id', 'Serial', 'Medium', 'Placement', 'Install date', 'Living area']);
    ws.addRow([1101, 'OBJ-1101', 12345678, 'Kallvatten', 'Kök', new Date(Date.UTC(2021, 2, 15)), 74.5]);
    ws.addRow([1102, 'OBJ-1102', 12345679, 'Fjärrvärme', 'Hall', 'igår', 50]);
    const file = path.join(dir, 'installer.xlsx');
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    const parsed = await readRegistryFile(file);
    assert.deepEqual(parsed.errors.map(formatLineError), [
      `line 4, column "Medium": unknown medium 'Fjärrvärme' (e.g. kallvatten, varmvatten, el, värme, cold-water, hot-water, electricity, heat)`,
      `line 4, column "Install date": 'igår' is not a date (YYYY-MM-DD)`,
    ]);
    ws.getRow(4).getCell(4).value = 'Värme';
    ws.getRow(4).getCell(6).value = null;
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
    const fixed = await readRegistryFile(file);
    assert.deepEqual(fixed.entries.map((e) => [e.line, e.apartment, e.serial, e.medium, e.installDate, e.livingArea]),
      [[3, '1101', '12345678', 'cold-water', '2021-03-15', '74.5'], [4, '1102', '12345679', 'heat', undefined, '50']]);
  });

  it('reports expected, heard and unknown meters for commissioning', () => {
    importCsv(store, GOOD);
    const lines = [{ id: '11111111', manufacturer: 'KAM', medium: 'water' }, { meter: { id: '11111113', manufacturer: 'ABB' } }, { id: '99999999' }, { other: 1 }];
    const report = commissioningReport(store, lines.map(heardMeterOf).filter((h) => h !== undefined));
    assert.equal(report.expected, 4);
    assert.deepEqual(report.heard.map((h) => h.serial), ['11111111', '11111113']);
    assert.deepEqual(report.missing.map((m) => [m.serial, m.objectId, m.medium]), [['11111112', 'OBJ-1101', 'hot-water'], ['22222221', 'OBJ-1102', 'cold-water']]);
    assert.deepEqual(report.unknown, [{ id: '99999999' }]);
  });
});
