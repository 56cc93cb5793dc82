/**
 * The example flow "Monthly billing" run in the Node-RED runtime (debug nodes swapped for test
 * helpers, IMD_DATA a temporary folder holding the fixture building and its tariff, the
 * delivery folder moved into it): "close last month" with msg.period closes October, the
 * export delivers the generic CSV and the receipt arrives — not mailed, as shipped; Automatic
 * mode is on; a property without data reaches the errors debug through the Catch node.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import closeNode = require('../../nodes/imd-billing-close/imd-billing-close');
import deliveryNode = require('../../nodes/imd-delivery/imd-delivery');
import exportNode = require('../../nodes/imd-export/imd-export');
import mailNode = require('../../nodes/imd-mail/imd-mail');
import { exampleDataDir, loadExample } from '../support/example-flow';
import { fixtureBuilding, PROPERTY } from './fixture-building';

describe('example flow "Monthly billing"', function () {
  const dataDir = exampleDataDir((dir) => fixtureBuilding(path.join(dir, 'imd.sqlite')).close());

  const load = () => loadExample('Monthly billing', [closeNode, exportNode, deliveryNode, mailNode],
    (n) => (n.type === 'imd-delivery' ? { ...n, path: path.join(dataDir(), 'billing-out') } : n));

  it('closes the month, delivers the billing file and shows the receipt, unmailed', async () => {
    const { debug, click, until } = await load();
    click('close last month', { period: '2026-10' });
    await until('receipt', 1);
    const receipt = debug.receipt![0]!.payload;
    assert.deepEqual([receipt.property, receipt.period, receipt.profile, receipt.lines, receipt.total.gross], [PROPERTY, '2026-10', 'generic-csv', 9, '730.82']);
    assert.equal(receipt.target, `file://${path.join(dataDir(), 'billing-out')}`);
    assert.equal(receipt.mailedAt, undefined);
    assert.deepEqual(readdirSync(path.join(dataDir(), 'billing-out')), ['imd_Eken_1_2026-10_v1.csv']);
    assert.equal(debug['close sums']![0]!.payload.total.gross, '730.82');
    assert.deepEqual(debug.errors, []);
  });

  it('is monthly by the close node\'s Automatic mode, mail ready but off; a property without data reaches the errors debug', async () => {
    const { nodes, debug, click, until } = await load();
    const [close, exporter, mail] = ['imd-billing-close', 'imd-export', 'imd-mail'].map((type) => nodes.find((n) => n.type === type)!);
    assert.deepEqual([close!.auto, close!.property], [true, PROPERTY]);
    assert.deepEqual([exporter!.mail, exporter!.mailTo, mail!.security], [mail!.id, '', 'starttls']);
    click('close last month', { period: '2026-10', property: 'Ingen 9' });
    await until('errors', 1);
    assert.match(debug.errors![0]!.error.message, /no tariff for property 'Ingen 9'/);
  });
});
