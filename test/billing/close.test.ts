/**
 * The monthly close of the fixture building, computed by hand: exact month ends, an
 * interpolated month end, a swap mid-month, a move-out / vacancy / move-in, a month-end gap,
 * a held meter carried to the next month, models 1–3, prices incl. VAT, frozen closes and
 * correction closes.
 */
import assert from 'node:assert/strict';
import { closeMonth, Closes, heldFromList, Tariffs, type CloseLine } from '../../lib/billing';
import type { SystemOfRecord } from '../../lib/store';
import { fixtureBuilding, NOVEMBER_END, OCTOBER_END, OCTOBER_START, PROPERTY, registerReading, TARIFF } from './fixture-building';

const pick = (lines: CloseLine[], objectId: string, medium: string, contractId?: string | null) =>
  lines.filter((l) => l.objectId === objectId && l.medium === medium && (contractId === undefined || l.contractId === contractId));
const brief = (l: CloseLine) => [l.contractId, l.from, l.to, l.consumption, l.billedQuantity, l.net, l.vat, l.gross, l.status];

describe('billing: monthly close of the fixture building', () => {
  let store: SystemOfRecord;
  afterEach(() => store.close());

  it('prices a plain month exactly (1101: cold water, hot water at 48.70 kr/m³, electricity at 1.1128 + 25 % VAT)', () => {
    store = fixtureBuilding();
    const { lines } = closeMonth(store, { property: PROPERTY, period: '2026-10' });
    assert.deepEqual(brief(pick(lines, 'OBJ-1101', 'cold-water')[0]!), ['K-1101', '2026-10-01', '2026-10-31', '4.250', '4.250', '46.75', '11.69', '58.44', 'billed']);
    assert.deepEqual(brief(pick(lines, 'OBJ-1101', 'hot-water')[0]!), ['K-1101', '2026-10-01', '2026-10-31', '2.345', '2.345', '114.20', '28.55', '142.75', 'billed']);
    assert.deepEqual(brief(pick(lines, 'OBJ-1101', 'electricity')[0]!), ['K-1101', '2026-10-01', '2026-10-31', '180.5', '180.5', '200.86', '50.22', '251.08', 'billed']);
    assert.equal(pick(lines, 'OBJ-1101', 'hot-water')[0]!.unitPrice, '48.7');
  });

  it('carries consumption across a mid-month swap and interpolates a month end between readings', () => {
    store = fixtureBuilding();
    const { lines } = closeMonth(store, { property: PROPERTY, period: '2026-10' });
    const cw = pick(lines, 'OBJ-1102', 'cold-water')[0]!;
    // (345.678 − 345.000) + (1.512 − 0.010) = 2.180 m³
    assert.deepEqual([cw.meters, cw.startRegister, cw.endRegister, ...brief(cw).slice(3)], [['11021001', '11021009'], '345.000', '1.512', '2.180', '2.180', '23.98', '6.00', '29.98', 'billed']);
    const hw = pick(lines, 'OBJ-1102', 'hot-water')[0]!;
    // 22:00Z 21.100, 00:00Z 21.200 → 23:00Z (00:00 CET) 21.150; 1.150 m³ × 48.70 = 56.005 → 56.01
    assert.deepEqual([hw.endRegister, ...brief(hw).slice(3)], ['21.150', '1.150', '1.150', '56.01', '14.00', '70.01', 'billed']);
  });

  it('splits at move-out and move-in by readings (vacancy not billed), or pro rata by days', () => {
    store = fixtureBuilding();
    const byReadings = pick(closeMonth(store, { property: PROPERTY, period: '2026-10' }).lines, 'OBJ-1103', 'cold-water');
    assert.deepEqual(byReadings.map(brief), [
      ['K-1103A', '2026-10-01', '2026-10-15', '2.000', '2.000', '22.00', '5.50', '27.50', 'billed'],
      [null, '2026-10-16', '2026-10-19', '0.100', '0.100', '0.00', '0.00', '0.00', 'vacant'],
      ['K-1103B', '2026-10-20', '2026-10-31', '1.500', '1.500', '16.50', '4.13', '20.63', 'billed'],
    ]);
    const byDays = pick(closeMonth(store, { property: PROPERTY, period: '2026-10', split: 'days' }).lines, 'OBJ-1103', 'cold-water');
    // 3.600 m³ × 15/31 = 1.742, × 4/31 = 0.465, remainder 1.393
    assert.deepEqual(byDays.map((l) => [l.contractId, l.consumption]), [['K-1103A', '1.742'], [null, '0.465'], ['K-1103B', '1.393']]);
  });

  it('flags a month-end gap (last reading before), and holds a held meter, carrying it to the next close', () => {
    store = fixtureBuilding();
    const held = heldFromList({ '2026-10': ['11041002'] });
    const october = closeMonth(store, { property: PROPERTY, period: '2026-10', held }).lines;
    const el = pick(october, 'OBJ-1104', 'electricity')[0]!;
    assert.deepEqual([el.endRegister, el.flags, ...brief(el).slice(3)], ['150.0', ['boundary-gap'], '50.0', '50.0', '55.64', '13.91', '69.55', 'billed']);
    const hw = pick(october, 'OBJ-1104', 'hot-water')[0]!;
    assert.deepEqual([hw.status, hw.gross], ['held', '0.00']);
    store.appendReadings([registerReading('11041002', 'hot-water', NOVEMBER_END, '11.500')]);
    const november = closeMonth(store, { property: PROPERTY, period: '2026-11', held }).lines;
    const carried = pick(november, 'OBJ-1104', 'hot-water')[0]!;
    // 1 October … 30 November: 11.500 − 10.000
    assert.deepEqual(brief(carried), ['K-1104', '2026-10-01', '2026-11-30', '1.500', '1.500', '73.05', '18.26', '91.31', 'billed']);
    // re-closing October without the hold must not bill what November already carried
    const again = pick(closeMonth(store, { property: PROPERTY, period: '2026-10' }).lines, 'OBJ-1104', 'hot-water')[0]!;
    assert.deepEqual([again.status, again.flags], ['held', ['carried-forward']]);
  });

  it('model 1 charges or credits the difference from the quota (0.7 m³/m²·year pro rata by days); model 3 bills nothing', () => {
    store = fixtureBuilding(':memory:', { ...TARIFF, model: 1 });
    const hw = pick(closeMonth(store, { property: PROPERTY, period: '2026-10' }).lines, 'OBJ-1101', 'hot-water')[0]!;
    // quota 0.7 × 74.5 × 31 / 365 = 4.429 m³; 2.345 − 4.429 = −2.084 m³ → −101.49 kr net (a bonus)
    assert.deepEqual([hw.quota, hw.billedQuantity, hw.net, hw.vat, hw.gross], ['4.429', '-2.084', '-101.49', '-25.37', '-126.86']);
    assert.equal(pick(closeMonth(store, { property: PROPERTY, period: '2026-10' }).lines, 'OBJ-1101', 'cold-water')[0]!.quota, null);
    new Tariffs(store.db).set(PROPERTY, '2026-07-01', { ...TARIFF, model: 3 });
    const info = closeMonth(store, { property: PROPERTY, period: '2026-10' }).lines;
    assert.ok(info.every((l) => l.status !== 'billed'));
    assert.equal(pick(info, 'OBJ-1101', 'hot-water')[0]!.gross, '142.75'); // still shown in kr
  });

  it('prices given incl. VAT (Stockholm 56 kr/m³): gross first, then net and VAT', () => {
    store = fixtureBuilding(':memory:', { ...TARIFF, pricesIncludeVat: true, hotWater: { heatPricePerKWh: '0.77', kWhPerM3: '58', coldWaterPricePerM3: '11.30' } });
    const hw = pick(closeMonth(store, { property: PROPERTY, period: '2026-10' }).lines, 'OBJ-1101', 'hot-water')[0]!;
    // 2.345 × 55.96 = 131.2262 → 131.23 gross; 131.23 / 1.25 = 104.984 → 104.98 net; VAT 26.25
    assert.deepEqual([hw.unitPrice, hw.net, hw.vat, hw.gross], ['55.96', '104.98', '26.25', '131.23']);
  });

  it('bills energy-based hot water: measured heat kWh × heat price + m³ × cold-water price', () => {
    store = fixtureBuilding(':memory:', { ...TARIFF, hotWater: { method: 'energy', heatPricePerKWh: '0.65', coldWaterPricePerM3: '11.00' } });
    store.appendReadings([registerReading('11011002', 'hot-water', OCTOBER_START, '1000.0', true), registerReading('11011002', 'hot-water', OCTOBER_END, '1136.0', true)]);
    const hw = pick(closeMonth(store, { property: PROPERTY, period: '2026-10' }).lines, 'OBJ-1101', 'hot-water');
    // 136.0 kWh × 0.65 = 88.40; 2.345 m³ × 11.00 = 25.795 → 25.80
    assert.deepEqual(hw.map((l) => [l.quantity, l.unit, l.consumption, l.unitPrice, l.net, l.gross]),
      [['energy', 'kWh', '136.0', '0.65', '88.40', '110.50'], ['volume', 'm3', '2.345', '11', '25.80', '32.25']]);
  });

  it('replaces a draft, keeps a frozen close that comes out the same, and makes a correction close when it changes', () => {
    store = fixtureBuilding();
    const first = closeMonth(store, { property: PROPERTY, period: '2026-10' });
    assert.equal(first.outcome, 'new');
    assert.equal(closeMonth(store, { property: PROPERTY, period: '2026-10' }).outcome, 'replaced-draft');
    const closes = new Closes(store.db);
    const draft = closes.latest(PROPERTY, '2026-10')!;
    closes.freeze(draft.id);
    assert.equal(closeMonth(store, { property: PROPERTY, period: '2026-10' }).outcome, 'unchanged');
    new Tariffs(store.db).set(PROPERTY, '2026-07-01', { ...TARIFF, coldWater: { pricePerM3: '12.00' } });
    const corrected = closeMonth(store, { property: PROPERTY, period: '2026-10' });
    assert.deepEqual([corrected.outcome, corrected.close.version, corrected.close.kind, corrected.close.corrects], ['correction', 2, 'correction', draft.id]);
  });
});
