/**
 * The `imd bill` and `imd tariff` contract on the fixture building in a data folder: set and
 * show a tariff, bill a month into --out (files + receipt, receipt printed, exit 0), bill again
 * (same files, same receipt), deliver to a local folder with --deliver, and the usage errors.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/repo-root';
import { runImd } from '../support/run-imd';
import { fixtureBuilding, PROPERTY, TARIFF } from './fixture-building';

describe('billing: imd bill and imd tariff', () => {
  let data: string;
  before(() => {
    data = mkdtempSync(path.join(tmpdir(), 'imd-bill-'));
    fixtureBuilding(path.join(data, 'imd.sqlite')).close();
  });

  it('imd tariff set / show: stores a dated tariff and shows the prices it gives', async () => {
    const file = path.join(data, 'tariff-2027.json');
    writeFileSync(file, JSON.stringify({ ...TARIFF, coldWater: { pricePerM3: '12.50' } }));
    const set = await runImd(['tariff', 'set', '--data', data, '--property', PROPERTY, '--from', '2027-01-01', '--file', file]);
    assert.equal(set.code, 0, set.stderr);
    const shown = await runImd(['tariff', 'show', '--data', data, '--property', PROPERTY]);
    const { tariffs } = JSON.parse(shown.stdout);
    assert.deepEqual(tariffs.map((t: { validFrom: string }) => t.validFrom), ['2026-07-01', '2027-01-01']);
    assert.deepEqual(tariffs[0].prices.map((p: { medium: string; priceExclVat: string }) => [p.medium, p.priceExclVat]),
      [['cold-water', '11'], ['hot-water', '48.7'], ['electricity', '1.1128']]);
    const on = JSON.parse((await runImd(['tariff', 'show', '--data', data, '--property', PROPERTY, '--on', '2026-12-31'])).stdout);
    assert.equal(on.tariffs[0].validFrom, '2026-07-01');
    const example = path.join(repoRoot(), 'lib', 'billing', 'tariff-example.json');
    const shownExample = await runImd(['tariff', 'set', '--data', data, '--property', 'Exempel 1', '--from', '2026-01-01', '--file', example]);
    assert.deepEqual(JSON.parse(shownExample.stdout).prices.map((p: { priceExclVat: string }) => p.priceExclVat), ['11', '48.7', '1.1128', '0.8']);
    writeFileSync(file, '{"hotWater":{"heatPricePerKWh":"0.65"}}');
    const bad = await runImd(['tariff', 'set', '--data', data, '--property', PROPERTY, '--from', '2027-02-01', '--file', file]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /hotWater needs coldWaterPricePerM3/);
    writeFileSync(file, '{"vatRate": "0.25",');
    const broken = await runImd(['tariff', 'set', '--data', data, '--property', PROPERTY, '--from', '2027-02-01', '--file', file]);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /^imd tariff: tariff .*tariff-2027\.json: .*JSON/m);
    const missing = await runImd(['tariff', 'set', '--data', data, '--property', PROPERTY, '--from', '2027-02-01', '--file', `${file}.missing`]);
    assert.match(missing.stderr, /tariff .*tariff-2027\.json\.missing is missing \(see lib\/billing\/README\.md\)/);
  });

  it('imd bill --out writes the file and the receipt, prints the receipt; a second run is identical', async () => {
    const out = path.join(data, 'out');
    const args = ['bill', '--data', data, '--period', '2026-10', '--property', PROPERTY, '--format', 'vitec', '--out', out];
    const first = await runImd(args);
    assert.equal(first.code, 0, first.stderr);
    const receipt = JSON.parse(first.stdout);
    assert.deepEqual([receipt.period, receipt.property, receipt.lines, receipt.total.gross, receipt.byMedium['cold-water'].quantity],
      ['2026-10', PROPERTY, 9, '730.82', '9.930']);
    assert.deepEqual(readdirSync(out).sort(), ['VITEC_IMD_Eken_1_2026-10_1.txt', 'receipt-Eken_1-2026-10-v1-vitec.json']);
    assert.deepEqual(JSON.parse(readFileSync(path.join(out, 'receipt-Eken_1-2026-10-v1-vitec.json'), 'utf8')), receipt);
    const second = await runImd(args);
    assert.equal(second.stdout, first.stdout);
  });

  it('imd bill --deliver puts the file into the configured local folder and marks the receipt delivered', async () => {
    const outbox = path.join(data, 'outbox');
    writeFileSync(path.join(data, 'delivery.json'), JSON.stringify({ type: 'local-folder', path: outbox }));
    const run = await runImd(['bill', '--data', data, '--period', '2026-10', '--property', PROPERTY, '--format', 'momentum', '--deliver']);
    assert.equal(run.code, 0, run.stderr);
    const receipt = JSON.parse(run.stdout);
    assert.equal(receipt.target, `file://${path.join(outbox, 'in')}`);
    assert.ok(receipt.deliveredAt);
    assert.deepEqual(readdirSync(path.join(outbox, 'in')), ['momentum_imd_Eken_1_2026-10_v1.csv']);
  });

  it('imd bill --when-due (a daily cron job): waits for the 1st working day, bills and delivers once, reports carried lines and the deadline', async () => {
    const own = mkdtempSync(path.join(tmpdir(), 'imd-bill-due-'));
    fixtureBuilding(path.join(own, 'imd.sqlite')).close();
    writeFileSync(path.join(own, 'delivery.json'), JSON.stringify({ type: 'local-folder', path: path.join(own, 'outbox') }));
    writeFileSync(path.join(own, 'held.json'), JSON.stringify({ '2026-10': ['11041002'] }));
    const cron = (now: string) => runImd(['bill', '--data', own, '--when-due', '--now', now, '--property', PROPERTY, '--format', 'generic-csv', '--deliver',
      '--held', path.join(own, 'held.json')]);
    const sunday = await cron('2026-11-01T12:00:00+01:00');
    assert.equal(sunday.code, 0, sunday.stderr);
    assert.deepEqual(JSON.parse(sunday.stdout), { skipped: true, period: '2026-10', runFrom: '2026-11-02', deadline: '2026-11-05', workingDaysLeft: 4,
      state: 'waiting', message: '2026-10 closes on 2026-11-02' });
    const deadlineDay = await cron('2026-11-05T09:00:00+01:00');
    assert.equal(deadlineDay.code, 0, deadlineDay.stderr);
    const receipt = JSON.parse(deadlineDay.stdout);
    assert.deepEqual([receipt.period, receipt.lines, Boolean(receipt.deliveredAt)], ['2026-10', 8, true]);
    assert.equal(deadlineDay.stderr, 'imd bill: 1 held or unread line(s) of 2026-10 not billed, carried to the next close\n'
      + 'imd bill: 1 held or unread value(s) in 2026-10; the deadline is today, 2026-11-05\n');
    const again = await cron('2026-11-05T10:00:00+01:00');
    assert.equal(JSON.parse(again.stdout).message, '2026-10 delivered; next close from the first working day of next month');
    assert.equal((await runImd(['bill', '--data', own, '--when-due', '--period', '2026-10', '--property', PROPERTY, '--format', 'vitec', '--deliver'])).code, 2);
    assert.equal((await runImd(['bill', '--data', own, '--when-due', '--now', 'yesterday', '--property', PROPERTY, '--format', 'vitec', '--deliver'])).code, 2);
  });

  it('imd tariff rent-reduction and profitability: the DOMAIN figures, from a given price or the tariff in force (VAT included)', async () => {
    const calc = async (args: string[]) => {
      const r = await runImd(['tariff', ...args]);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout);
    };
    const recommendation = await calc(['rent-reduction', '--price', '49', '--area', '77']); // 0.7 × 49 = 34.30 kr/m²; × 77 m² = 2 641.10; ÷ 12 = 220.09
    assert.deepEqual([recommendation.perM2Year, recommendation.perYear, recommendation.perMonth], ['34.30', '2641.10', '220.09']);
    // the fixture's hot water: 48.70 kr/m³ + 25 % = 60.875; 0.7 × 60.875 = 42.6125 → 42.61 kr/m²; 40 m²: 1 704.50 a year, 142.04 a month
    const hot = await calc(['rent-reduction', '--data', data, '--property', PROPERTY, '--on', '2026-10-01', '--area', '40']);
    assert.deepEqual([hot.price, hot.priceSource, hot.perM2Year, hot.perYear, hot.perMonth], ['60.875', `tariff of ${PROPERTY} from 2026-07-01`, '42.61', '1704.50', '142.04']);
    // electricity (0.5 + 0.1808 + 0.432) × 1.25 = 1.391 kr/kWh; 2 000 kWh a year = 2 782 kr; per m² of 77: 36.13
    const el = await calc(['rent-reduction', '--data', data, '--property', PROPERTY, '--on', '2026-10-01', '--medium', 'electricity', '--normal-per-year', '2000', '--area', '77']);
    assert.deepEqual([el.price, el.perYear, el.perM2Year], ['1.391', '2782.00', '36.13']);
    const costs = path.join(data, 'costs.json');
    writeFileSync(costs, JSON.stringify({ investment: '300000', lifetimeYears: '15', interestRate: '0.04', maintenancePerYear: '5000',
      administrationPerYear: '8000', rentReductionPerYear: '34.30', mediaCostTodayPerYear: '120000', mediaCostWithImdPerYear: '80000' }));
    assert.deepEqual(await calc(['profitability', '--file', costs]), { imdCostPerYear: '39034.30', savingPerYear: '40000.00', resultPerYear: '965.70', profitable: true });
    writeFileSync(costs, JSON.stringify({ investment: '300000' }));
    const incomplete = await runImd(['tariff', 'profitability', '--file', costs]);
    assert.equal(incomplete.code, 1);
    assert.match(incomplete.stderr, /costs\.json: "lifetimeYears" is missing/);
    assert.equal((await runImd(['tariff', 'rent-reduction', '--price', '49', '--medium', 'electricity'])).code, 2, 'electricity has no default normal use');
  });

  it('usage errors exit 2; an unknown property exits 1', async () => {
    assert.equal((await runImd(['bill', '--data', data, '--period', '2026-10', '--property', PROPERTY, '--format', 'vitec'])).code, 2);
    assert.equal((await runImd(['bill', '--data', data, '--period', '2026-13', '--property', PROPERTY, '--format', 'vitec', '--out', data])).code, 2);
    assert.equal((await runImd(['bill', '--data', data, '--period', '2026-10', '--property', PROPERTY, '--format', 'nope', '--out', data])).code, 2);
    const unknown = await runImd(['bill', '--data', data, '--period', '2026-10', '--property', 'Ingen 9', '--format', 'vitec', '--out', data]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no tariff for property 'Ingen 9'/);
  });
});
