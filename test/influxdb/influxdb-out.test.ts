/**
 * imd-influxdb-out against a real InfluxDB 1.x (Debian's influxd) through a real Node-RED
 * runtime (scripts/start.js, flow deployed through the admin API: http in → imd-influxdb-out →
 * http response, so a 200 means "acknowledged": on disk in the node's buffer):
 * (a) readings end up in InfluxDB and are read back by query (count and values);
 * (b) influxd stopped mid-stream and started again: nothing lost, nothing doubled (a batch sent
 *     twice is one set of points);
 * (c) Node-RED SIGKILLed mid-stream while InfluxDB is down, then restarted: every acknowledged
 *     reading reaches InfluxDB from the disk buffer.
 * Skipped with a message when influxd is not installed (.ci/run installs it).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Reading } from '../../lib/reading';
import { repoRoot } from '../support/repo-root';
import { Influxd, influxdAvailable } from './influxd';
import { NodeRedProcess } from '../support/node-red-process';
import { requirePeer } from '../support/peer-required';

const DB = 'imd';
const BATCH = 100;
const template = (JSON.parse(fs.readFileSync(path.join(repoRoot(), 'adapters', 'sinks', 'influxdb', 'fixtures', 'readings.json'), 'utf8')) as Reading[])[0]!;
const START = Date.parse('2026-03-01T00:00:00Z');

/** Batch k: BATCH readings of 10 meters, each its own point (its own second), value = index. */
function batch(k: number): Reading[] {
  return Array.from({ length: BATCH }, (_, i) => {
    const n = k * BATCH + i;
    return { ...template, meter: { ...template.meter, id: String(20_000_000 + (n % 10)) }, value: n,
      raw: { ...template.raw, mantissa: String(n), exponent: 0 }, timestamp: new Date(START + n * 1000).toISOString() };
  });
}

function flow(influxUrl: string): object[] {
  const tab = 'f1000000000000a1';
  return [
    { id: tab, type: 'tab', label: 'influxdb test', disabled: false, info: '' },
    { id: 'f1000000000000a2', type: 'imd-influxdb', name: '', version: '1', url: influxUrl, database: DB,
      retentionPolicy: '', createDatabase: true, org: '', bucket: '' },
    { id: 'f1000000000000a3', type: 'http in', z: tab, name: '', url: '/readings', method: 'post', upload: false,
      swaggerDoc: '', x: 100, y: 40, wires: [['f1000000000000a4']] },
    { id: 'f1000000000000a4', type: 'imd-influxdb-out', z: tab, name: '', influxdb: 'f1000000000000a2', measurement: 'reading',
      batchSize: 20000, flushIntervalMs: 20, maxRetrySeconds: 1, bufferDir: '', x: 300, y: 40, wires: [['f1000000000000a5']] },
    { id: 'f1000000000000a5', type: 'http response', z: tab, name: '', statusCode: '', headers: {}, x: 500, y: 40, wires: [] },
  ];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  for (const deadline = Date.now() + ms; !(await check().catch(() => false));) {
    if (Date.now() > deadline) assert.fail(`${what}: not within ${ms} ms`);
    await sleep(100);
  }
}

describe('imd-influxdb-out → real InfluxDB 1.x through a real Node-RED', function () {
  this.timeout(60_000);
  let influx: Influxd;
  let red: NodeRedProcess;
  let dataDir = '';
  const post = (body: unknown) => fetch(`${red.base}readings`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  const send = async (k: number) => assert.equal((await post(batch(k))).status, 200, `batch ${k} acknowledged`);
  const count = () => influx.count(DB);

  before(async function () {
    requirePeer(this, influxdAvailable() ? undefined : 'influxd is not installed (apt-get install influxdb influxdb-client)');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imd-influx-red-'));
    influx = await Influxd.start();
    red = await NodeRedProcess.start(dataDir);
    await red.deploy(flow(influx.url), () => post([]));
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(`--- Node-RED log ---\n${red?.log}\n--- influxd log ---\n${influx?.log.slice(-3000)}`);
  });

  after(async function () {
    await red?.stop();
    await influx?.remove();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('(a) writes the readings it acknowledged; a query reads back their count and values', async function () {
    for (let k = 0; k < 10; k++) await send(k);
    await until('1000 points', async () => (await count()) === 1000);
    const series = await influx.query(DB, `SELECT value, raw_mantissa FROM reading WHERE meter = '20000003' ORDER BY time`);
    const expected = Array.from({ length: 100 }, (_, i) => 10 * i + 3);
    assert.deepEqual(series!.values.map((v) => v[1]), expected);
    assert.deepEqual(series!.values.map((v) => v[2]), expected.map(String));
    assert.equal(series!.values[0]![0], START + 3000);
  });

  it('(b) loses nothing and doubles nothing when influxd stops mid-stream and comes back', async function () {
    const sending = (async () => { for (let k = 10; k < 30; k++) { await send(k); await sleep(20); } })();
    await sleep(100);
    await influx.stop();
    await sending;
    await send(5); // a batch sent again: the same points
    await sleep(300);
    assert.ok((await fetch(`${influx.url}/ping`).catch(() => undefined)) === undefined, 'influxd was down');
    await influx.resume();
    await until('3000 points after the restart', async () => (await count()) >= 3000);
    await sleep(500);
    assert.equal(await count(), 3000);
  });

  it('(c) re-forwards everything it acknowledged after a SIGKILL mid-stream', async function () {
    await influx.stop();
    const acknowledged: number[] = [];
    const sending = (async () => {
      for (let k = 30; k < 60; k++) {
        const res = await post(batch(k)).catch(() => undefined);
        if (res?.status !== 200) return;
        acknowledged.push(k);
      }
    })();
    await until('some batches acknowledged', async () => acknowledged.length >= 5);
    await red.kill();
    await sending;
    assert.ok(acknowledged.length < 30, 'killed mid-stream');
    await influx.resume();
    await red.resume();
    const times = async () => new Set(((await influx.query(DB, `SELECT raw_mantissa FROM reading WHERE time >= ${(START + 30 * BATCH * 1000) * 1e6}`))?.values ?? []).map((v) => v[0] as number));
    await until(`${acknowledged.length * BATCH} acknowledged readings in InfluxDB`, async () => (await times()).size >= acknowledged.length * BATCH);
    const present = await times();
    const missing = acknowledged.flatMap((k) => batch(k)).filter((r) => !present.has(Date.parse(r.timestamp)));
    assert.deepEqual(missing.map((r) => r.timestamp), []);
  });
});
