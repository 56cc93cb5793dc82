/**
 * Acceptance, through the command line only (bin/imd.js as child processes, as a script would):
 * a fresh data folder; `imd registry import` of a meter list (two properties); `imd tenancy
 * import` with a move-out and a move-in mid-month; `imd store` of readings at the month
 * boundaries and at the move days (00:00 Swedish time); `imd registry swap` mid-month (one from
 * its arguments, one from a swap report);
 * `imd tariff set` (model 2 with VAT on top; model 1 with prices incl. VAT; model 3); `imd bill
 * --out` in generic-csv (model 3's information lines with a --profile that includes them).
 * Every figure below is computed by hand in the comments.
 *
 * October 2026 (DST ends on the 25th): the month runs from 1 Oct 00:00 CEST = 2026-09-30T22:00Z
 * to 1 Nov 00:00 CET = 2026-10-31T23:00Z. A move-out on the 15th ends at 16 Oct 00:00 CEST =
 * 2026-10-15T22:00Z; a move-in on the 27th starts at 27 Oct 00:00 CET = 2026-10-26T23:00Z.
 * Rounding: each line's net to öre half away from zero, VAT on the rounded net, gross = net +
 * VAT; totals are sums of the rounded lines.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/repo-root';
import { parseNdjson, spawnImd } from '../support/run-imd';
import { registerReading } from './fixture-building';

const FIXTURES = path.join(repoRoot(), 'test', 'billing', 'fixtures', 'scenario');
const S = '2026-09-30T22:00:00Z';
const E = '2026-10-31T23:00:00Z';
const MOVE_OUT_EDGE = '2026-10-15T22:00:00Z';
const MOVE_IN_EDGE = '2026-10-26T23:00:00Z';
const NOVEMBER_END = '2026-11-30T23:00:00Z';

/** serial, metering point, time, register (the meter list's media: KV/VV/El). */
const READINGS: Array<[string, string, string, string]> = [
  ['30010001', 'cold-water', S, '250.000'], ['30010001', 'cold-water', E, '254.150'],
  ['30010002', 'hot-water', S, '95.000'], ['30010002', 'hot-water', E, '96.870'],
  // 1001 electricity: swapped on 20 Oct 08:00 CEST (swaps.csv: old final 8301,5, new start 0,0)
  ['30010003', 'electricity', S, '8200.0'], ['30010009', 'electricity', E, '68.5'],
  // 1002 cold water: the old meter, read in the morning of the swap day, swapped at 09:30 CEST; the new meter at the month end
  ['30020001', 'cold-water', S, '512.000'], ['30020001', 'cold-water', '2026-10-14T06:00:00Z', '512.300'],
  ['30020009', 'cold-water', E, '2.519'],
  ['30020002', 'hot-water', S, '80.000'], ['30020002', 'hot-water', E, '81.250'],
  ['30030001', 'cold-water', S, '300.000'], ['30030001', 'cold-water', MOVE_OUT_EDGE, '302.200'],
  ['30030001', 'cold-water', MOVE_IN_EDGE, '302.450'], ['30030001', 'cold-water', E, '303.100'],
  ['30030002', 'hot-water', S, '120.000'], ['30030002', 'hot-water', MOVE_OUT_EDGE, '121.000'],
  ['30030002', 'hot-water', MOVE_IN_EDGE, '121.010'], ['30030002', 'hot-water', E, '121.400'],
  ['40010001', 'cold-water', S, '60.000'], ['40010001', 'cold-water', E, '65.300'], ['40010001', 'cold-water', NOVEMBER_END, '69.000'],
  ['40010002', 'hot-water', S, '30.000'], ['40010002', 'hot-water', E, '33.500'], ['40010002', 'hot-water', NOVEMBER_END, '36.000'],
];

type Row = Record<string, string>;

/** The generic-csv file: ',' separated, a header row, no field here needs quotes. */
function readBillingCsv(file: string): Row[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => l.split(','));
  return lines.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i]!])));
}

const COLUMNS = ['objectId', 'contractId', 'from', 'to', 'medium', 'meters', 'consumption', 'quota', 'billedQuantity', 'unitPrice', 'net', 'vat', 'gross'] as const;
const pick = (r: Row) => COLUMNS.map((c) => r[c]);

describe('billing acceptance through the command line (registry, tenancies, readings, swap, tariffs, bill)', function () {
  this.timeout(60_000);
  let data: string;
  const imd = (...args: string[]) => {
    const run = spawnImd([...args, '--data', data]);
    assert.equal(run.code, 0, `imd ${args.join(' ')}: ${run.stderr}`);
    return run.stdout;
  };
  /** `imd bill` in generic-csv into a folder of its own; `profile`: overrides given with --profile. */
  const bill = (property: string, period: string, profile?: Record<string, unknown>) => {
    const out = path.join(data, 'out', `${property}-${period}${profile ? '-profiled' : ''}`);
    const profileArgs = profile ? ['--profile', path.join(data, `profile-${property}-${period}.json`)] : [];
    if (profile) writeFileSync(profileArgs[1]!, JSON.stringify(profile));
    const receipt = JSON.parse(imd('bill', '--period', period, '--property', property, '--format', 'generic-csv', '--out', out, ...profileArgs));
    return { receipt, rows: readBillingCsv(path.join(out, receipt.files[0].name)) };
  };

  before(() => {
    data = mkdtempSync(path.join(tmpdir(), 'imd-scenario-'));
    assert.deepEqual(JSON.parse(imd('registry', 'import', path.join(FIXTURES, 'meters.csv'))), { apartments: 4, meters: 9 });
    // ISO-8859-1, headers Tillträde / Avflyttning: K-1003A moves out on the 15th, K-1003B moves in on the 27th
    assert.deepEqual(JSON.parse(imd('tenancy', 'import', path.join(FIXTURES, 'tenancies.csv'))), { tenancies: 5, added: 5, updated: 0, unchanged: 0 });
    const readings = path.join(data, 'readings.ndjson');
    writeFileSync(readings, READINGS.map(([serial, point, at, value]) => JSON.stringify(registerReading(serial, point, at, value))).join('\n'));
    assert.deepEqual(JSON.parse(imd('store', readings)), { readings: READINGS.length, inserted: READINGS.length, duplicates: 0, rejected: 0 });
    // the installer's swap report: 14 Oct 09:30 Swedish time (CEST) = 07:30Z, registers with decimal commas
    assert.deepEqual(JSON.parse(imd('registry', 'swap', '--old', '30020001', '--new', '30020009', '--at', '2026-10-14 09:30',
      '--old-final', '512,345', '--new-start', '0,012', '--manufacturer', 'KAM')), {
      objectId: 'B2-1002', medium: 'cold-water', placement: 'Bad', oldSerial: '30020001', newSerial: '30020009',
      at: '2026-10-14T07:30:00.000Z', quantity: 'volume', unit: 'm3', oldFinal: '512.345', newStart: '0.012',
    });
    // a swap report: the electricity meter, 20 Oct 08:00 CEST = 06:00Z; its register is energy in kWh (by the medium)
    assert.deepEqual(parseNdjson(imd('registry', 'swap', '--file', path.join(FIXTURES, 'swaps.csv'))).map((s) => [s.newSerial, s.at, s.quantity, s.unit, s.oldFinal]),
      [['30010009', '2026-10-20T06:00:00.000Z', 'energy', 'kWh', '8301.5']]);
    imd('tariff', 'set', '--property', 'Björken 2', '--from', '2026-07-01', '--file', path.join(FIXTURES, 'tariff-bjorken-model2.json'));
    imd('tariff', 'set', '--property', 'Tallen 1', '--from', '2026-07-01', '--file', path.join(FIXTURES, 'tariff-tallen-model1.json'));
    imd('tariff', 'set', '--property', 'Tallen 1', '--from', '2026-11-01', '--file', path.join(FIXTURES, 'tariff-tallen-model3.json'));
  });
  after(() => rmSync(data, { recursive: true, force: true }));

  it('lists what was recorded: the tenancies of the apartment with the move, the swap', () => {
    assert.deepEqual(parseNdjson(imd('tenancy', 'list', '--object', 'B2-1003')).map((t) => [t.contractId, t.moveIn, t.moveOut]),
      [['K-1003A', '2018-06-01', '2026-10-15'], ['K-1003B', '2026-10-27', null]]);
    assert.deepEqual(parseNdjson(imd('registry', 'swaps')).map((s) => [s.oldSerial, s.newSerial, s.at]),
      [['30020001', '30020009', '2026-10-14T07:30:00.000Z'], ['30010003', '30010009', '2026-10-20T06:00:00.000Z']]);
  });

  it('model 2, prices excl. VAT: swap sum, move-out/move-in pieces, per-line öre rounding, VAT on the rounded net', () => {
    // Prices: cold water 12.40 kr/m³; hot water 0.72 kr/kWh × (1.161 × 50 K = 58.05 kWh/m³) + 12.40 = 41.796 + 12.40
    // = 54.196 kr/m³; electricity 0.6125 + 0.2450 + 0.4390 = 1.2965 kr/kWh; VAT 25 % on top.
    const { receipt, rows } = bill('Björken 2', '2026-10');
    assert.deepEqual(rows.map(pick), [
      // 1001 cold: 254.150 − 250.000 = 4.150 m³ × 12.40 = 51.46; VAT 51.46 × 0.25 = 12.865 → 12.87 (half away from zero); gross 64.33
      ['B2-1001', 'K-1001', '2026-10-01', '2026-10-31', 'cold-water', '30010001', '4.150', '', '4.150', '12.4', '51.46', '12.87', '64.33'],
      // 1001 electricity across its swap: (8301.5 − 8200.0) + (68.5 − 0.0) = 101.5 + 68.5 = 170.0 kWh × 1.2965 = 220.405
      // → 220.41 (a tie; half-even would say 220.40); VAT 55.1025 → 55.10; gross 275.51
      ['B2-1001', 'K-1001', '2026-10-01', '2026-10-31', 'electricity', '30010003 30010009', '170.0', '', '170.0', '1.2965', '220.41', '55.10', '275.51'],
      // 1001 hot: 96.870 − 95.000 = 1.870 m³ × 54.196 = 101.34652 → 101.35; VAT 25.3375 → 25.34; gross 126.69
      ['B2-1001', 'K-1001', '2026-10-01', '2026-10-31', 'hot-water', '30010002', '1.870', '', '1.870', '54.196', '101.35', '25.34', '126.69'],
      // 1002 cold across the swap: old end − old start + new end − new start = (512.345 − 512.000) + (2.519 − 0.012)
      // = 0.345 + 2.507 = 2.852 m³ (the old meter's 06:00 reading 512.300 is not an edge); × 12.40 = 35.3648 → 35.36;
      // VAT 8.84; gross 44.20
      ['B2-1002', 'K-1002', '2026-10-01', '2026-10-31', 'cold-water', '30020001 30020009', '2.852', '', '2.852', '12.4', '35.36', '8.84', '44.20'],
      // 1002 hot: 81.250 − 80.000 = 1.250 m³ × 54.196 = 67.745 → 67.75 (a tie; half-even 67.74); VAT 16.9375 → 16.94; gross 84.69
      ['B2-1002', 'K-1002', '2026-10-01', '2026-10-31', 'hot-water', '30020002', '1.250', '', '1.250', '54.196', '67.75', '16.94', '84.69'],
      // 1003 cold, K-1003A 1–15 Oct: 302.200 − 300.000 = 2.200 m³ × 12.40 = 27.28; VAT 6.82; gross 34.10
      ['B2-1003', 'K-1003A', '2026-10-01', '2026-10-15', 'cold-water', '30030001', '2.200', '', '2.200', '12.4', '27.28', '6.82', '34.10'],
      // (16–26 Oct vacant: 302.450 − 302.200 = 0.250 m³, the owner's; not in the file)
      // K-1003B 27–31 Oct: 303.100 − 302.450 = 0.650 m³ × 12.40 = 8.06; VAT 2.015 → 2.02; gross 10.08
      ['B2-1003', 'K-1003B', '2026-10-27', '2026-10-31', 'cold-water', '30030001', '0.650', '', '0.650', '12.4', '8.06', '2.02', '10.08'],
      // 1003 hot, K-1003A: 121.000 − 120.000 = 1.000 m³ × 54.196 = 54.196 → 54.20; VAT 13.55; gross 67.75
      ['B2-1003', 'K-1003A', '2026-10-01', '2026-10-15', 'hot-water', '30030002', '1.000', '', '1.000', '54.196', '54.20', '13.55', '67.75'],
      // (vacant 121.010 − 121.000 = 0.010 m³) K-1003B: 121.400 − 121.010 = 0.390 m³ × 54.196 = 21.13644 → 21.14;
      // VAT 5.285 → 5.29 (a tie; half-even 5.28); gross 26.43
      ['B2-1003', 'K-1003B', '2026-10-27', '2026-10-31', 'hot-water', '30030002', '0.390', '', '0.390', '54.196', '21.14', '5.29', '26.43'],
    ]);
    // Totals are sums of the rounded lines:
    // net 51.46 + 220.41 + 101.35 + 35.36 + 67.75 + 27.28 + 8.06 + 54.20 + 21.14 = 587.01
    //   (the unrounded products add up to 586.99376 — rounding the sum would give 586.99);
    // VAT 12.87 + 55.10 + 25.34 + 8.84 + 16.94 + 6.82 + 2.02 + 13.55 + 5.29 = 146.77 (25 % of 587.01 would be 146.75);
    // gross 587.01 + 146.77 = 733.78. Cold water 4.150 + 2.852 + 2.200 + 0.650 = 9.852 m³ in 4 lines.
    assert.deepEqual(receipt.total, { net: '587.01', vat: '146.77', gross: '733.78' });
    assert.deepEqual(receipt.byMedium['cold-water'], { lines: 4, quantity: '9.852', unit: 'm3', net: '122.16', vat: '30.55', gross: '152.71' });
    assert.deepEqual(receipt.closeStatus, { billed: 9, vacant: 2 });
  });

  it('model 1, prices incl. VAT: the hot-water quota credited; model 3 the next month bills nothing, informs when the profile says so', () => {
    // Tallen 1, apartment 2001 (70 m²). Prices incl. VAT: cold 11.30 kr/m³; hot 0.77 × 58 + 11.30 = 55.96 kr/m³.
    const october = bill('Tallen 1', '2026-10');
    assert.deepEqual(october.rows.map(pick), [
      // cold (no quota): 65.300 − 60.000 = 5.300 m³; gross 5.300 × 11.30 = 59.89; net 59.89 ÷ 1.25 = 47.912 → 47.91;
      // VAT 59.89 − 47.91 = 11.98
      ['T1-2001', 'K-2001', '2026-10-01', '2026-10-31', 'cold-water', '40010001', '5.300', '', '5.300', '11.3', '47.91', '11.98', '59.89'],
      // hot: 33.500 − 30.000 = 3.500 m³; quota 0.7 m³/m²·year × 70 m² × 31/365 days = 4.16164… → 4.162 m³;
      // billed 3.500 − 4.162 = −0.662 m³; gross −0.662 × 55.96 = −37.04552 → −37.05; net −37.05 ÷ 1.25 = −29.64;
      // VAT −37.05 − (−29.64) = −7.41 (a credit: the bonus of model 1)
      ['T1-2001', 'K-2001', '2026-10-01', '2026-10-31', 'hot-water', '40010002', '3.500', '4.162', '-0.662', '55.96', '-29.64', '-7.41', '-37.05'],
    ]);
    // net 47.91 − 29.64 = 18.27; VAT 11.98 − 7.41 = 4.57; gross 59.89 − 37.05 = 22.84
    assert.deepEqual(october.receipt.total, { net: '18.27', vat: '4.57', gross: '22.84' });
    // November, model 3 (information only): 69.000 − 65.300 = 3.700 m³ cold, 36.000 − 33.500 = 2.500 m³ hot are
    // shown in the close, not billed: no line in the file, nothing in the totals.
    const november = bill('Tallen 1', '2026-11');
    assert.deepEqual(november.rows, []);
    assert.deepEqual([november.receipt.closeStatus, november.receipt.total], [{ information: 2 }, { net: '0.00', vat: '0.00', gross: '0.00' }]);
    // The same frozen close with "informationLines": "include": both lines, for the rent notice, under information
    // codes (hot water's from the profile, cold water's the default KV + -INFO). The model-3 tariff's prices are
    // excl. VAT: cold 11.30 kr/m³; hot 0.77 × 58 + 11.30 = 55.96 kr/m³.
    const informed = bill('Tallen 1', '2026-11', { informationLines: 'include', informationChargeCodes: { 'hot-water': 'VVINFO' } });
    assert.deepEqual(informed.rows.map((r) => [r.chargeCode, r.status, ...pick(r)]), [
      // cold: 3.700 m³ × 11.30 = 41.81; VAT 10.4525 → 10.45; gross 52.26
      ['KV-INFO', 'information', 'T1-2001', 'K-2001', '2026-11-01', '2026-11-30', 'cold-water', '40010001', '3.700', '', '3.700', '11.3', '41.81', '10.45', '52.26'],
      // hot: 2.500 m³ × 55.96 = 139.90; VAT 34.975 → 34.98 (a tie); gross 174.88
      ['VVINFO', 'information', 'T1-2001', 'K-2001', '2026-11-01', '2026-11-30', 'hot-water', '40010002', '2.500', '', '2.500', '55.96', '139.90', '34.98', '174.88'],
    ]);
    // billed sums stay nothing; the information sums: net 41.81 + 139.90 = 181.71, VAT 10.45 + 34.98 = 45.43, gross 227.14
    assert.deepEqual([informed.receipt.version, informed.receipt.total, informed.receipt.information.total],
      [1, { net: '0.00', vat: '0.00', gross: '0.00' }, { net: '181.71', vat: '45.43', gross: '227.14' }]);
    assert.deepEqual(informed.receipt.information.byMedium['cold-water'], { lines: 1, quantity: '3.700', unit: 'm3', net: '41.81', vat: '10.45', gross: '52.26' });
  });
});
