/**
 * imd-store inside the Node-RED runtime (node-red-node-test-helper): a batch is committed
 * before the message goes on, a resent batch adds no rows, raw frames are archived, a bad
 * batch reaches a Catch node with nothing stored and nothing sent, and close closes the file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import helper = require('node-red-node-test-helper');
import storeNode = require('../../nodes/imd-store/imd-store');
import { frameRef } from '../../lib/frame-ref';
import { SystemOfRecord } from '../../lib/store';
import { sampleReading } from '../../lib/store/sample-readings';

const catchNode = require('@node-red/nodes/core/common/25-catch.js');

helper.init(require.resolve('node-red'));

type Msg = Record<string, any>;

describe('imd-store node', function () {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'imd-store-node-')); });
  afterEach(async () => {
    await helper.unload();
    rmSync(dir, { recursive: true, force: true });
  });

  async function load(): Promise<{ out: Msg[]; caught: Msg[]; send(msg: Msg): Promise<void> }> {
    const flow = [
      { id: 'f1', type: 'tab' },
      { id: 'store', type: 'imd-store', z: 'f1', data: dir, wires: [['out']] },
      { id: 'out', type: 'helper', z: 'f1' },
      { id: 'catcher', type: 'catch', z: 'f1', scope: null, uncaught: false, wires: [['caught']] },
      { id: 'caught', type: 'helper', z: 'f1' },
    ];
    await helper.load([storeNode, catchNode], flow);
    const out: Msg[] = [];
    const caught: Msg[] = [];
    let arrived: () => void = () => undefined;
    helper.getNode('out').on('input', (m: Msg) => { out.push(m); arrived(); });
    helper.getNode('caught').on('input', (m: Msg) => { caught.push(m); arrived(); });
    return {
      out, caught,
      send: (msg) => new Promise<void>((resolve) => { arrived = resolve; helper.getNode('store').receive(msg); }),
    };
  }

  const stats = () => {
    const sor = SystemOfRecord.open(path.join(dir, 'imd.sqlite'));
    try { return sor.stats(); } finally { sor.close(); }
  };

  it('passes the message on only after the batch is committed, and counts duplicates', async () => {
    const flow = await load();
    const batch = [sampleReading({ serial: '11111111' }), sampleReading({ serial: '22222222' })];
    await flow.send({ payload: batch, topic: 'poll' });
    assert.deepEqual(flow.out[0]!.stored, { inserted: 2, duplicates: 0 });
    assert.equal(flow.out[0]!.topic, 'poll');
    assert.deepEqual(stats(), { meters: 2, readings: 2, lastReadingAt: '2025-01-31T23:00:00.000Z' }, 'committed when the message left');
    await flow.send({ payload: batch });
    assert.deepEqual(flow.out[1]!.stored, { inserted: 0, duplicates: 2 });
    assert.equal(stats().readings, 2);
  });

  it('archives msg.frames in the same transaction', async () => {
    const flow = await load();
    const frame = Buffer.from('1040014116', 'hex');
    await flow.send({ payload: [sampleReading({ frame: frameRef(frame) })], frames: [frame] });
    const sor = SystemOfRecord.open(path.join(dir, 'imd.sqlite'));
    assert.deepEqual(Buffer.from(sor.frame(frameRef(frame))!), frame);
    sor.close();
  });

  it('sends nothing and stores nothing of a bad batch; the error reaches a Catch node', async () => {
    const flow = await load();
    await flow.send({ payload: [sampleReading(), { ...sampleReading({ serial: '3' }), timestamp: 'soon' }] });
    assert.equal(flow.out.length, 0);
    assert.match(flow.caught[0]!.error.message, /reading 1 timestamp 'soon' is not an ISO 8601 time/);
    await flow.send({ payload: 'not readings' });
    assert.match(flow.caught[1]!.error.message, /msg.payload must be an array of readings/);
    assert.deepEqual(stats(), { meters: 0, readings: 0, lastReadingAt: null });
  });
});
