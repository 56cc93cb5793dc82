/**
 * Every exporter's output for the fixture building's October close against its golden file in
 * adapters/exporters/<id>/fixtures/ (IMD_UPDATE_GOLDEN=1 rewrites them — review the diff), each
 * file opened by a real parser: the CSV profiles by exceljs's CSV reader (fast-csv) after
 * decoding their encoding, the workbook by exceljs, the XML by xmllint against our subset XSD
 * (skipped with a message when xmllint is missing) and by xmlbuilder2. The same close under
 * model 3, exported with `informationLines: 'include'`, against fixtures/information/: the same
 * nine lines as information — own charge codes, nothing in the billed totals.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { convert } from 'xmlbuilder2';
import { exporterById, exporters } from '../../adapters/exporters';
import { closeMonth, exportClose, type ExportFile } from '../../lib/billing';
import { repoRoot } from '../support/repo-root';
import { fixtureBuilding, PROPERTY, TARIFF } from './fixture-building';

const UPDATE = process.env.IMD_UPDATE_GOLDEN === '1';
const BILLED_LINES = 9;

/** The October close billed (model 2), or under model 3 with its information lines included. */
type Case = 'billed' | 'information';

async function exportFixture(id: string, kind: Case = 'billed'): Promise<ExportFile> {
  const store = kind === 'billed' ? fixtureBuilding() : fixtureBuilding(':memory:', { ...TARIFF, model: 3 });
  try {
    const { close } = closeMonth(store, { property: PROPERTY, period: '2026-10' });
    const exporter = exporterById(id);
    const profile = kind === 'billed' ? exporter.defaultProfile : exporter.profile({ informationLines: 'include' });
    const { files, receipt } = await exportClose(store, close, exporter, profile);
    assert.equal(receipt.lines, BILLED_LINES);
    // the same nine lines and 730.82 kr either way: billed, or information beside a billed total of nothing
    assert.deepEqual([receipt.total.gross, receipt.information?.total.gross], kind === 'billed' ? ['730.82', undefined] : ['0.00', '730.82']);
    return files[0]!;
  } finally {
    store.close();
  }
}

function golden(id: string, file: ExportFile, kind: Case = 'billed'): void {
  const at = path.join(repoRoot(), 'adapters', 'exporters', id, 'fixtures', ...kind === 'billed' ? [] : ['information'], file.name);
  if (UPDATE) {
    mkdirSync(path.dirname(at), { recursive: true });
    writeFileSync(at, file.bytes);
  }
  assert.ok(existsSync(at), `${at} missing: run with IMD_UPDATE_GOLDEN=1`);
  assert.ok(readFileSync(at).equals(file.bytes), `${id}: output differs from ${path.relative(repoRoot(), at)}`);
}

async function parseCsv(text: string, delimiter: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  const sheet = await wb.csv.read(Readable.from([text]), { parserOptions: { delimiter, quote: '"' }, map: (v: string) => v } as never);
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as string[]).slice(1).map((v) => (v === undefined ? '' : String(v)))));
  return rows;
}

describe('billing: exporters (golden files from the fixture building)', () => {
  const delimited = exporters.map((d) => d.id).filter((id) => !['excel', 'fi2xml'].includes(id));

  for (const id of delimited) {
    for (const kind of ['billed', 'information'] as const) {
      it(`${id}${kind === 'billed' ? '' : ', information lines (model 3)'}: matches its golden file and parses as CSV with the profile's encoding and decimal mark`, async () => {
        const file = await exportFixture(id, kind);
        golden(id, file, kind);
        const p = exporterById(id).defaultProfile;
        const text = p.encoding === 'utf-8' ? file.bytes.toString('utf8').replace(/^\uFEFF/, '') : iconv.decode(file.bytes, p.encoding);
        assert.equal(file.bytes[0] === 0xef, p.bom);
        const rows = await parseCsv(text, p.separator);
        assert.deepEqual(rows[0], p.columns.map((c) => c.header));
        assert.equal(rows.length, 1 + BILLED_LINES);
        const column = (field: string) => p.columns.findIndex((c) => c.field === field);
        const money = rows[1]![column('gross') >= 0 ? column('gross') : column('net')]!;
        assert.match(money, p.decimalMark === ',' ? /^-?\d+,\d\d$/ : /^-?\d+\.\d\d$/);
        assert.ok(text.includes(p.lineEnding));
        // an information line is unmistakable: its own charge code, its status where the layout has one, marked on the notice text
        const lines = rows.slice(1);
        assert.ok(lines.every((r) => r[column('chargeCode')]!.endsWith('-INFO') === (kind === 'information')));
        if (column('status') >= 0) assert.ok(lines.every((r) => r[column('status')] === kind));
        if (column('text') >= 0) assert.ok(lines.every((r) => r[column('text')]!.endsWith('(information, debiteras ej)') === (kind === 'information')));
      });
    }
  }

  it('excel: matches its golden file; exceljs reads the lines and the sums', async () => {
    const file = await exportFixture('excel');
    golden('excel', file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as never);
    const sheet = wb.getWorksheet('Debitering')!;
    assert.equal(sheet.rowCount, 1 + BILLED_LINES);
    assert.deepEqual((sheet.getRow(2).values as unknown[]).slice(1, 5), ['OBJ-1101', '1101', 'K-1101', 'cold-water']);
    const sums = wb.getWorksheet('Summa')!;
    const total = sums.getRow(sums.rowCount);
    assert.deepEqual([1, 2, 5, 6, 7].map((c) => total.getCell(c).value), ['Totalt', BILLED_LINES, 584.64, 146.18, 730.82]);
  });

  it('excel, information lines: Status "information", own charge codes; Summa keeps them apart from the billed total', async () => {
    const file = await exportFixture('excel', 'information');
    golden('excel', file, 'information');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as never);
    const sheet = wb.getWorksheet('Debitering')!;
    assert.equal(sheet.rowCount, 1 + BILLED_LINES);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    assert.deepEqual([row[4], row.at(-1)], ['KV-INFO', 'information']);
    const sums = wb.getWorksheet('Summa')!;
    const rows: unknown[][] = [];
    sums.eachRow({ includeEmpty: true }, (r) => rows.push([1, 2, 5, 6, 7].map((c) => r.getCell(c).value)));
    assert.deepEqual(rows.filter((r) => typeof r[0] === 'string' && r[0].startsWith('Totalt')),
      [['Totalt', 0, 0, 0, 0], ['Totalt information', BILLED_LINES, 584.64, 146.18, 730.82]]);
  });

  for (const kind of ['billed', 'information'] as const) {
    it(`fi2xml${kind === 'billed' ? '' : ', information lines as <fi2information>'}: matches its golden file, validates against fixtures/fi2imd-subset.xsd, parses with xmlbuilder2`, async function () {
      const file = await exportFixture('fi2xml', kind);
      golden('fi2xml', file, kind);
      const doc = convert(file.bytes.toString('utf8'), { format: 'object' }) as Record<string, any>;
      const message = doc.fi2imdmessage;
      assert.equal(message['@period'], '2026-10');
      const [debits, information] = [message.fi2debit ?? [], message.fi2information ?? []];
      assert.deepEqual([debits.length, information.length], kind === 'billed' ? [BILLED_LINES, 0] : [0, BILLED_LINES]);
      const totals = [message.fi2debittotal, message.fi2informationtotal].map((t) => t && [t['@lines'], t['@gross']]);
      assert.deepEqual(totals, kind === 'billed' ? [['9', '730.82'], undefined] : [['0', '0.00'], ['9', '730.82']]);
      if (kind === 'information') assert.equal(information[0].fi2debit_code, 'KV-INFO');
      if (spawnSync('xmllint', ['--version']).error) {
        console.log('      (xmllint not installed — apt-get install libxml2-utils — schema validation skipped)');
        return;
      }
      const dir = mkdtempSync(path.join(tmpdir(), 'fi2xml-'));
      writeFileSync(path.join(dir, file.name), file.bytes);
      const xsd = path.join(repoRoot(), 'adapters', 'exporters', 'fi2xml', 'fixtures', 'fi2imd-subset.xsd');
      execFileSync('xmllint', ['--noout', '--schema', xsd, path.join(dir, file.name)], { stdio: 'pipe' });
    });
  }

  it('a profile override changes separator, decimal mark, encoding and file name without code', async () => {
    const exporter = exporterById('generic-csv');
    const profile = exporter.profile({ separator: ';', decimalMark: ',', encoding: 'iso-8859-1', fileName: 'kund_{period}.txt', columns: [{ header: 'Belopp', field: 'gross' }, { header: 'Text', field: 'text' }] });
    const store = fixtureBuilding();
    try {
      const { close } = closeMonth(store, { property: PROPERTY, period: '2026-10' });
      const [file] = await exportClose(store, close, exporter, profile).then((r) => r.files);
      assert.equal(file!.name, 'kund_2026-10.txt');
      assert.equal(iconv.decode(file!.bytes, 'iso-8859-1').split('\n')[1], '58,44;Kallvatten 2026-10-01/2026-10-31');
      assert.throws(() => exporter.profile({ columns: [{ header: 'x', field: 'nope' }] }), /unknown field 'nope'/);
      assert.throws(() => exporter.profile({ informationLines: 'yes' }), /informationLines must be 'omit' or 'include'/);
      assert.throws(() => exporter.profile({ informationChargeCodes: { 'hot-water': '' } }), /informationChargeCodes must map a medium to a charge code/);
    } finally {
      store.close();
    }
  });
});
