/**
 * imd-validate inside the Node-RED runtime: valid readings on output 1, flagged readings with
 * msg.findings on output 2, the status counting both; with Hold, blocking findings land in the
 * review queue of the data folder (audited as held by imd-validate); a payload that is not
 * readings reaches a Catch node.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import validateNode = require('../../nodes/imd-validate/imd-validate');
import { SystemOfRecord } from '../../lib/store';
import { ReviewQueue } from '../../lib/validation';
import { loadNode, unloadNode } from './node-harness';
import { READINGS } from './review-fixtures';

describe('imd-validate node', function () {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'imd-validate-node-')); });
  afterEach(async () => {
    await unloadNode();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends valid readings on output 1 and flagged ones with their findings on output 2', async () => {
    const node = await loadNode(validateNode, { type: 'imd-validate', data: '', hold: false }, 2);
    await node.send({ payload: READINGS, topic: 'hour' });
    const [valid, flagged] = node.outputs;
    const findings = flagged![0]!.findings as Array<Record<string, string>>;
    assert.deepEqual(findings.map((f) => [f.meter, f.rule, f.severity]), [['11110001', 'counter', 'block'], ['11110002', 'status-flags', 'warning']]);
    for (const f of findings) assert.ok(f.message.length > 0 && f.from <= f.to, JSON.stringify(f));
    assert.deepEqual(flagged![0]!.payload.map((r: Record<string, any>) => [r.meter.id, r.timestamp.slice(11, 13), r.flags.at(-1)]),
      [['11110001', '01', 'validation:counter'], ['11110001', '02', 'validation:counter'], ['11110002', '02', 'validation:status-flags']]);
    assert.equal(valid![0]!.payload.length, 5);
    assert.equal(valid![0]!.topic, 'hour');
    assert.deepEqual(node.statuses.at(-1), { fill: 'red', shape: 'dot', text: '5 ok · 3 flagged · 1 block' });
  });

  it('sends a clean batch on output 1 only, status green', async () => {
    const node = await loadNode(validateNode, { type: 'imd-validate' }, 2);
    await node.send({ payload: READINGS.filter((r) => r.meter.id === '11110002' && r.flags.length === 0) });
    assert.deepEqual(node.outputs.map((o) => o.length), [1, 0]);
    assert.deepEqual(node.statuses.at(-1), { fill: 'green', shape: 'dot', text: '3 ok · 0 flagged · 0 block' });
  });

  it('holds blocking findings in the review queue of the data folder, once', async () => {
    const node = await loadNode(validateNode, { type: 'imd-validate', data: dir, hold: true }, 2);
    await node.send({ payload: READINGS });
    await node.send({ payload: READINGS });
    await unloadNode();
    const store = SystemOfRecord.open(path.join(dir, 'imd.sqlite'));
    try {
      const queue = new ReviewQueue(store);
      const held = queue.list();
      assert.deepEqual(held.map((i) => [i.meter, i.rule, i.status]), [['11110001', 'counter', 'held']], 'warnings are not held; the same finding once');
      assert.deepEqual(queue.show(held[0]!.id).decisions.map((d) => [d.action, d.by]), [['held', 'imd-validate']]);
    } finally {
      store.close();
    }
  });

  it('reports a payload that is not readings to a Catch node and sends nothing', async () => {
    const node = await loadNode(validateNode, { type: 'imd-validate' }, 2);
    await node.send({ payload: 'readings' });
    assert.match(node.caught[0]!.error.message, /msg.payload must be an array of readings/);
    assert.deepEqual(node.outputs.map((o) => o.length), [0, 0]);
    assert.equal(node.statuses.at(-1)!.fill, 'red');
  });
});
