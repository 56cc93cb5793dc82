/**
 * imd-billing-close → imd-export (with an imd-delivery config node, local folder) inside the
 * Node-RED runtime: the close's sums and schedule go out, the export delivers the file and
 * sends the receipt; automatic mode is due until delivered; a property without a tariff reaches
 * a Catch node.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import helper = require('node-red-node-test-helper');
import closeNode = require('../../nodes/imd-billing-close/imd-billing-close');
import deliveryNode = require('../../nodes/imd-delivery/imd-delivery');
import exportNode = require('../../nodes/imd-export/imd-export');
import { LocalFolderDelivery } from '../../adapters/transports/local-folder';
import { dueNow, runClose } from '../../nodes/imd-billing-close/close-runner';
import { runExport } from '../../nodes/imd-export/export-runner';
import { fixtureBuilding, PROPERTY } from './fixture-building';

const catchNode = require('@node-red/nodes/core/common/25-catch.js');

helper.init(require.resolve('node-red'));

type Msg = Record<string, any>;

describe('imd-billing-close and imd-export nodes', function () {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'imd-billing-node-'));
    fixtureBuilding(path.join(dir, 'imd.sqlite')).close();
  });
  afterEach(async () => {
    await helper.unload();
    rmSync(dir, { recursive: true, force: true });
  });

  it('closes a month, exports it in a format and delivers it with a receipt', async () => {
    const outbox = path.join(dir, 'outbox');
    const flow = [
      { id: 'f1', type: 'tab' },
      { id: 'close', type: 'imd-billing-close', z: 'f1', data: dir, property: PROPERTY, split: 'readings', wires: [['closed', 'export']] },
      { id: 'export', type: 'imd-export', z: 'f1', data: dir, format: 'generic-csv', delivery: 'd1', wires: [['out']] },
      { id: 'd1', type: 'imd-delivery', kind: 'local-folder', path: outbox },
      { id: 'closed', type: 'helper', z: 'f1' },
      { id: 'out', type: 'helper', z: 'f1' },
    ];
    await helper.load([closeNode, exportNode, deliveryNode, catchNode], flow);
    const closed = new Promise<Msg>((resolve) => helper.getNode('closed').once('input', resolve));
    const out = new Promise<Msg>((resolve) => helper.getNode('out').once('input', resolve));
    helper.getNode('close').receive({ period: '2026-10' });
    const c = await closed;
    assert.deepEqual([c.close.period, c.payload.total.gross, c.schedule.deadline], ['2026-10', '730.82', '2026-11-05']);
    const receipt = (await out).payload;
    assert.deepEqual([receipt.lines, receipt.total.gross, Boolean(receipt.deliveredAt)], [9, '730.82', true]);
    assert.deepEqual(readdirSync(outbox), ['imd_Eken_1_2026-10_v1.csv']);
  });

  it('automatic mode: the previous month is due from 06:00 on the 1st working day until delivered', async () => {
    const config = { data: dir, property: PROPERTY, auto: true };
    assert.equal(dueNow(config, Date.parse('2026-11-02T04:00:00Z')), false); // 05:00 CET, before the run hour
    assert.equal(dueNow(config, Date.parse('2026-11-02T08:00:00Z')), true);
    const { close } = runClose(config, { period: '2026-10' }, Date.parse('2026-11-02T08:00:00Z'));
    const outbox = path.join(dir, 'auto-outbox');
    await runExport({ data: dir, format: 'generic-csv' }, { close }, () => new LocalFolderDelivery(outbox));
    assert.equal(dueNow(config, Date.parse('2026-11-02T08:15:00Z')), false);
  });

  it('refuses broken profile overrides with an error naming them, and exports nothing', async () => {
    const { close } = runClose({ data: dir, property: PROPERTY }, { period: '2026-10' });
    await assert.rejects(runExport({ data: dir, format: 'vitec', profile: '{"separator": ";",' }, { close }), /^ConfigError: profile overrides: .*JSON/);
    assert.equal(runClose({ data: dir, property: PROPERTY }, { period: '2026-10' }).close.frozenAt, null, 'no export happened');
  });

  it('reports a close that cannot run to a Catch node', async () => {
    const flow = [
      { id: 'f1', type: 'tab' },
      { id: 'close', type: 'imd-billing-close', z: 'f1', data: dir, property: 'Ingen 9', wires: [[]] },
      { id: 'catcher', type: 'catch', z: 'f1', scope: null, uncaught: false, wires: [['caught']] },
      { id: 'caught', type: 'helper', z: 'f1' },
    ];
    await helper.load([closeNode, catchNode], flow);
    const caught = new Promise<Msg>((resolve) => helper.getNode('caught').once('input', resolve));
    helper.getNode('close').receive({ period: '2026-10' });
    assert.match((await caught).error.message, /no tariff for property 'Ingen 9'/);
  });
});
