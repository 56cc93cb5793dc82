/**
 * imd-review inside the Node-RED runtime, on a data folder with three held items: list, show,
 * approve, correct (billed in a named month) and exclude round trip, each decision in the same
 * audit trail `imd review show` prints; errors (unknown id, already decided, missing who or
 * why, unknown command) reach a Catch node, send nothing and change nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import reviewNode = require('../../nodes/imd-review/imd-review');
import { SystemOfRecord } from '../../lib/store';
import { ReviewQueue, type Finding } from '../../lib/validation';
import { parseNdjson, runImd } from '../support/run-imd';
import { loadNode, unloadNode, type Harness } from './node-harness';

const finding = (meter: string, rule: string): Finding => ({
  meter, rule, severity: 'block', from: '2025-03-01T01:00:00.000Z', to: '2025-03-01T02:00:00.000Z', message: `${rule} at ${meter}`,
});

describe('imd-review node', function () {
  let dir: string;
  let node: Harness;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'imd-review-node-'));
    const store = SystemOfRecord.open(path.join(dir, 'imd.sqlite'));
    try {
      new ReviewQueue(store).hold([finding('11110001', 'counter'), finding('11110002', 'spike'), finding('11110003', 'certification')]);
    } finally {
      store.close();
    }
    node = await loadNode(reviewNode, { type: 'imd-review', data: dir });
  });
  afterEach(async () => {
    await unloadNode();
    rmSync(dir, { recursive: true, force: true });
  });

  const last = () => node.outputs[0]!.at(-1)!;

  it('lists, shows, approves, corrects and excludes, each decision audited as imd review shows it', async () => {
    await node.send({ payload: 'list' });
    assert.deepEqual(last().payload.map((i: Record<string, unknown>) => [i.id, i.rule, i.status]),
      [[1, 'counter', 'held'], [2, 'spike', 'held'], [3, 'certification', 'held']]);
    assert.deepEqual(node.statuses.at(-1), { fill: 'yellow', shape: 'dot', text: '3 held for review' });
    await node.send({ topic: 'show', payload: { id: 1 } });
    assert.deepEqual(last().payload.decisions.map((d: Record<string, unknown>) => [d.action, d.by]), [['held', 'validation']]);

    await node.send({ topic: 'approve', payload: { id: 1, by: 'anna', reason: 'checked on site' } });
    assert.equal(last().payload.status, 'approved');
    await node.send({ topic: 'correct', payload: { id: '2', value: '0.02', reason: 'read on site', by: 'bo', billMonth: '2025-04' } });
    assert.equal(last().payload.status, 'corrected');
    await node.send({ topic: 'ignored', payload: { command: 'exclude', id: 3, by: 'bo', reason: 'meter replaced' } });
    assert.equal(last().payload.status, 'excluded');
    assert.deepEqual(node.statuses.at(-1), { fill: 'green', shape: 'dot', text: 'none held' });

    await node.send({ topic: 'list', payload: { status: 'all' } });
    assert.deepEqual(last().payload.map((i: Record<string, unknown>) => i.status), ['approved', 'corrected', 'excluded']);
    await node.send({ topic: 'list' });
    assert.deepEqual(last().payload, []);
    assert.equal(node.caught.length, 0);

    const shown = parseNdjson((await runImd(['review', 'show', '2', '--data', dir])).stdout)[0] as { decisions: Array<Record<string, unknown>> };
    assert.deepEqual(shown.decisions.map((d) => [d.action, d.by, d.reason, d.value, d.billMonth]),
      [['held', 'validation', 'spike: spike at 11110002', null, null], ['correct', 'bo', 'read on site', '0.02', '2025-04']]);
  });

  it('reports bad commands to a Catch node, sends nothing and audits nothing', async () => {
    await node.send({ topic: 'approve', payload: { id: 1, by: 'anna' } });
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ topic: 'show', payload: { id: 99 } }, /review show 99: no review item 99$/],
      [{ topic: 'approve', payload: { id: 1, by: 'bo' } }, /review approve 1: review item 1 is already approved$/],
      [{ topic: 'approve', payload: { id: 2 } }, /review approve needs msg.payload.by$/],
      [{ topic: 'exclude', payload: { id: 2, by: 'bo' } }, /review exclude needs msg.payload.reason$/],
      [{ topic: 'correct', payload: { id: 2, by: 'bo', value: 'ten', reason: 'x' } }, /review correct 2: .*ten/],
      [{ topic: 'correct', payload: { id: 2, by: 'bo', value: '1', reason: 'x', billMonth: 'April' } }, /bill month 'April' is not YYYY-MM/],
      [{ topic: 'show', payload: { id: 'first' } }, /id 'first' is not an item id/],
      [{ topic: 'list', payload: { status: 'open' } }, /status must be one of held, approved/],
      [{ topic: 'delete', payload: { id: 2 } }, /unknown review command 'delete'/],
    ];
    for (const [msg] of bad) await node.send(msg);
    assert.deepEqual(node.caught.map((m) => m.error.message).map((m, i) => bad[i]![1].test(m) || m), bad.map(() => true));
    assert.equal(node.outputs[0]!.length, 1, 'only the first approve was sent on');
    assert.equal(node.statuses.at(-1)!.fill, 'red');
    await node.send({ topic: 'show', payload: { id: 2 } });
    assert.deepEqual(last().payload.decisions.map((d: Record<string, unknown>) => d.action), ['held']);
  });
});
