/**
 * The example flow "Validate and review readings" run in the Node-RED runtime (debug nodes
 * swapped for test helpers, IMD_DATA a temporary folder): the readings inject is validated,
 * stored and its blocking finding held; the review injects list, show and approve it, and a
 * second decision on the same item reaches the errors debug through the Catch node.
 */
import assert from 'node:assert/strict';
import reviewNode = require('../../nodes/imd-review/imd-review');
import storeNode = require('../../nodes/imd-store/imd-store');
import validateNode = require('../../nodes/imd-validate/imd-validate');
import { exampleDataDir, loadExample } from '../support/example-flow';
import type { Msg } from './node-harness';

describe('example flow "Validate and review readings"', function () {
  exampleDataDir();

  it('validates, stores and holds the readings, and reviews the held item', async () => {
    const { debug, click, until } = await loadExample('Validate and review readings', [validateNode, storeNode, reviewNode]);
    click('readings');
    await until('stored', 2);
    await until('findings', 1);
    assert.deepEqual(debug.findings![0]!.findings.map((f: Msg) => [f.meter, f.rule, f.severity]), [['11110001', 'counter', 'block'], ['11110002', 'status-flags', 'warning']]);
    assert.equal(debug.stored!.reduce((n, m) => n + m.stored.inserted, 0), 8, 'valid and flagged readings stored');

    click('list held');
    await until('review', 1);
    assert.deepEqual(debug.review![0]!.payload.map((i: Msg) => [i.id, i.meter, i.rule]), [[1, '11110001', 'counter']]);
    click('show item 1');
    await until('review', 2);
    assert.deepEqual(debug.review![1]!.payload.decisions.map((d: Msg) => [d.action, d.by]), [['held', 'imd-validate']]);
    click('approve item 1');
    await until('review', 3);
    assert.equal(debug.review![2]!.payload.status, 'approved');
    click('exclude item 1');
    await until('errors', 1);
    assert.match(debug.errors![0]!.error.message, /review item 1 is already approved/);
  });
});
