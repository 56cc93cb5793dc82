/**
 * Information lines (Stockholm model 3: consumption priced in kr, nothing charged) in the
 * export, on the fixture building's October close: left out unless the profile says
 * `informationLines: 'include'` (the receipt mail then says they were left out); included
 * under their own charge codes, summed apart from the billed totals in the receipt and its
 * mail; and in correction closes, differences by the same rules as billed lines, each against
 * its own kind. The close's figures are computed by hand in close.test.ts; the differences here.
 */
import assert from 'node:assert/strict';
import { exporterById } from '../../adapters/exporters';
import { closeMonth, exportClose, exportLines, receiptMail, Tariffs, type CloseRecord } from '../../lib/billing';
import { ConfigError } from '../../lib/errors';
import type { SystemOfRecord } from '../../lib/store';
import { fixtureBuilding, OCTOBER_END, PROPERTY, registerReading, TARIFF } from './fixture-building';

const csv = exporterById('generic-csv');
const MODEL_3 = { ...TARIFF, model: 3 as const };

/** The close exported in generic CSV with these profile overrides: the receipt and the exported lines. */
async function exported(store: SystemOfRecord, close: CloseRecord, overrides: Record<string, unknown> = {}) {
  const profile = csv.profile(overrides);
  const { receipt } = await exportClose(store, close, csv, profile);
  return { receipt, lines: [...exportLines(store, close, profile)] };
}

const brief = (l: { status: string; objectId: string; chargeCode: string; billedQuantity: string | null; net: string; vat: string; gross: string }) =>
  [l.status, l.objectId, l.chargeCode, l.billedQuantity, l.net, l.vat, l.gross];

describe('billing: information lines (model 3) in the export', () => {
  let store: SystemOfRecord;
  afterEach(() => store?.close());
  const october = () => closeMonth(store, { property: PROPERTY, period: '2026-10' }).close;

  it('are left out by default: an empty file, no information sums, and the mail says why', async () => {
    store = fixtureBuilding(':memory:', MODEL_3);
    const { receipt, lines } = await exported(store, october());
    assert.deepEqual([lines, receipt.lines, receipt.total.gross, receipt.information], [[], 0, '0.00', undefined]);
    assert.deepEqual(receipt.closeStatus, { information: 9, vacant: 1 });
    assert.match(receiptMail(receipt).text, /^Information lines: 9 in the close, not in the files \(the profile's informationLines is "omit"\)$/m);
  });

  it('with informationLines "include": own charge codes, information sums apart from the billed ones, both in the mail', async () => {
    store = fixtureBuilding(':memory:', MODEL_3);
    const { receipt, lines } = await exported(store, october(), { informationLines: 'include', informationChargeCodes: { 'hot-water': 'VVINFO' } });
    assert.deepEqual([...new Set(lines.map((l) => `${l.status} ${l.medium} ${l.chargeCode}`))],
      ['information cold-water KV-INFO', 'information electricity EL-INFO', 'information hot-water VVINFO']);
    // billed: nothing; information: the nine lines of close.test.ts, 584.64 + 146.18 = 730.82 kr
    assert.deepEqual([receipt.lines, receipt.byMedium, receipt.total], [9, {}, { net: '0.00', vat: '0.00', gross: '0.00' }]);
    assert.deepEqual(receipt.information!.total, { net: '584.64', vat: '146.18', gross: '730.82' });
    // hot water 1101 + 1102 + 1104: 2.345 + 1.150 + 1.000 = 4.495 m³; net 114.20 + 56.01 + 48.70 = 218.91;
    // VAT 28.55 + 14.00 + 12.18 = 54.73; gross 142.75 + 70.01 + 60.88 = 273.64
    assert.deepEqual(receipt.information!.byMedium['hot-water'], { lines: 3, quantity: '4.495', unit: 'm3', net: '218.91', vat: '54.73', gross: '273.64' });
    const text = receiptMail(receipt).text;
    const [billed, information] = text.split(/^Information lines per medium.*$/m);
    assert.match(billed!, /^ {2}total +0 +0\.00 +0\.00 +0\.00$/m);
    assert.match(information!, /^ {2}hot-water +3 +4\.495 m3 +218\.91 +54\.73 +273\.64$/m);
    assert.match(information!, /^ {2}total +9 +584\.64 +146\.18 +730\.82$/m);
  });

  it('an information charge code equal to the billed one is refused', async () => {
    store = fixtureBuilding(':memory:', MODEL_3);
    await assert.rejects(exported(store, october(), { informationLines: 'include', informationChargeCodes: { 'cold-water': 'KV' } }),
      (err: Error) => err instanceof ConfigError && /gives cold-water information lines the billed charge code 'KV'; they must differ/.test(err.message));
  });

  it('a correction of an exported model-3 month exports the information difference, as information', async () => {
    store = fixtureBuilding(':memory:', MODEL_3);
    await exported(store, october(), { informationLines: 'include' });
    // 1104's electricity ended at the last reading before the month end (150.0, boundary-gap); a reading at the
    // month end arrives: 152.0 kWh. Was 50.0 kWh × 1.1128 = 55.64 net, VAT 13.91, gross 69.55; now 52.0 × 1.1128
    // = 57.8656 → 57.87, VAT 14.4675 → 14.47, gross 72.34: the difference +2.0 kWh, 2.23 net, 0.56 VAT, 2.79 gross.
    store.appendReadings([registerReading('11041003', 'electricity', OCTOBER_END, '152.0')]);
    const correction = closeMonth(store, { property: PROPERTY, period: '2026-10' });
    assert.equal(correction.outcome, 'correction');
    const { receipt, lines } = await exported(store, correction.close, { informationLines: 'include' });
    assert.deepEqual(lines.map((l) => [...brief(l), l.consumption, l.flags]), [['information', 'OBJ-1104', 'EL-INFO', '2.0', '2.23', '0.56', '2.79', '2.0', ['correction']]]);
    assert.deepEqual([receipt.total.gross, receipt.information!.total], ['0.00', { net: '2.23', vat: '0.56', gross: '2.79' }]);
    assert.deepEqual((await exported(store, correction.close)).lines, []);
  });

  it('a month turned from billed to information after its export: the charge credited in full, the information in full', async () => {
    store = fixtureBuilding();
    await exported(store, october());
    new Tariffs(store.db).set(PROPERTY, '2026-07-01', MODEL_3);
    const correction = closeMonth(store, { property: PROPERTY, period: '2026-10' }).close;
    const { receipt, lines } = await exported(store, correction, { informationLines: 'include' });
    const first = lines.filter((l) => l.objectId === 'OBJ-1101' && l.medium === 'cold-water');
    // 1101 cold water, 4.250 m³ × 11 = 46.75 + 11.69 VAT = 58.44: informed, and the earlier charge credited
    assert.deepEqual(first.map(brief), [['information', 'OBJ-1101', 'KV-INFO', '4.250', '46.75', '11.69', '58.44'], ['billed', 'OBJ-1101', 'KV', '-4.250', '-46.75', '-11.69', '-58.44']]);
    assert.deepEqual([lines.length, receipt.total, receipt.information!.total],
      [18, { net: '-584.64', vat: '-146.18', gross: '-730.82' }, { net: '584.64', vat: '146.18', gross: '730.82' }]);
    const omitted = await exported(store, correction);
    assert.deepEqual([omitted.lines.length, omitted.receipt.total.gross, omitted.receipt.information], [9, '-730.82', undefined]);
  });
});
