/**
 * The example flow "Validate and review readings" run in the Node-RED runtime (debug nodes
 * swapped for test helpers, IMD_DATA a temporary folder): the readings inject is validated,
 * stored and its blocking finding held; the review injects list, show and approve it, and a
 * second decision on the same item reaches the errors debug through the Catch node.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import helper = require('node-red-node-test-helper');
import reviewNode = require('../../nodes/imd-review/imd-review');
import storeNode = require('../../nodes/imd-store/imd-store');
import validateNode = require('../../nodes/imd-validate/imd-validate');
import { repoRoot } from '../support/repo-root';
import type { Msg } from './node-harness';

const CORE = ['20-inject', '25-catch', '90-comment'].map((f) => require(`@node-red/nodes/core/common/${f}.js`));
const FLOW = path.join(repoRoot(), 'flows', 'examples', 'Validate and review readings.json');

describe('example flow "Validate and review readings"', function () {
  let dir: string;
  const saved = process.env.IMD_DATA;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'imd-example-'));
    process.env.IMD_DATA = dir;
  });
  afterEach(async () => {
    await helper.unload();
    if (saved === undefined) delete process.env.IMD_DATA; else process.env.IMD_DATA = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('validates, stores and holds the readings, and reviews the held item', async () => {
    const flow = (JSON.parse(readFileSync(FLOW, 'utf8')) as Msg[]).map((n) => (n.type === 'debug' ? { id: n.id, z: n.z, name: n.name, type: 'helper' } : n));
    await helper.load([validateNode, storeNode, reviewNode, ...CORE], flow as helper.TestFlows);
    const debug: Record<string, Msg[]> = {};
    let arrived: () => void = () => undefined;
    for (const n of flow.filter((d) => d.type === 'helper')) {
      debug[n.name] = [];
      helper.getNode(n.id).on('input', (m: Msg) => { debug[n.name]!.push(m); arrived(); });
    }
    const until = (name: string, count: number) => new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name}: ${debug[name]!.length} of ${count} messages`)), 5000);
      arrived = () => { if (debug[name]!.length >= count) { clearTimeout(timer); resolve(); } };
      arrived();
    });
    const click = (name: string) => helper.getNode(flow.find((n) => n.type === 'inject' && n.name === name)!.id).receive({});

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
