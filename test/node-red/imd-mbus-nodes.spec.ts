/**
 * imd-mbus-gateway, imd-mbus-poll and imd-mbus-scan inside the Node-RED runtime
 * (node-red-node-test-helper) against the real building simulator over TCP (no byte timing):
 * a poll of every meter is one message with every reading, a silent meter is a failure while
 * the rest are delivered, an unreachable gateway is one error naming it, the scan reports every
 * device, and closing frees the socket and aborts a running scan well within 15 s.
 */
import { strict as assert } from 'assert';
import type { EventEmitter } from 'events';
import helper = require('node-red-node-test-helper');
import gatewayNode = require('../../nodes/imd-mbus-gateway/imd-mbus-gateway');
import pollNode = require('../../nodes/imd-mbus-poll/imd-mbus-poll');
import scanNode = require('../../nodes/imd-mbus-scan/imd-mbus-scan');
import type { Reading } from '../../lib/reading';
import { describeDevices, startSimulator, type Simulator, type SimulatorOptions } from '../../simulator';

const catchNode = require('@node-red/nodes/core/common/25-catch.js');

helper.init(require.resolve('node-red'));

type Msg = Record<string, any>;
/** 2025-01-15 10:30 UTC: a fixed simulated time, so registers do not move during a test. */
const T0 = Date.UTC(2025, 0, 15, 10, 30);
const WAIT_MS = 35_000;

/**
 * Fast timing for a simulator without byte timing, with a reply window that survives a loaded
 * machine (every empty scan probe waits it out); a test of a slow bus passes its own.
 */
const FAST = { busBaud: 38400, timeout: 40, retries: 1 };

function flow(port: number, gateway: Msg, poll: Msg = {}) {
  return [
    { id: 'f1', type: 'tab' },
    { id: 'gw', type: 'imd-mbus-gateway', transport: 'tcp', host: '127.0.0.1', port, ...gateway },
    { id: 'poll', type: 'imd-mbus-poll', z: 'f1', gateway: 'gw', meters: 'all', interval: 0, wires: [['out']], ...poll },
    { id: 'scan', type: 'imd-mbus-scan', z: 'f1', gateway: 'gw', wires: [['out']] },
    { id: 'out', type: 'helper', z: 'f1' },
    { id: 'catcher', type: 'catch', z: 'f1', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper', z: 'f1' },
  ];
}

interface Run { out: Msg[]; caught: Msg[]; statuses: Msg[] }

/** Sends `payload` to node `id`, resolves with what came out once one message (out or caught) arrived and settled. */
async function trigger(id: string, payload: unknown): Promise<Run> {
  const run: Run = { out: [], caught: [], statuses: [] };
  const node = helper.getNode(id);
  (node as unknown as EventEmitter).on('call:status', (call: { args: Msg[] }) => run.statuses.push(call.args[0]!));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nothing from ${id} within ${WAIT_MS} ms`)), WAIT_MS);
    const arrived = (list: Msg[]) => (msg: Msg) => {
      list.push(msg);
      clearTimeout(timer);
      setTimeout(resolve, 100); // room for a second (wrong) message to show
    };
    helper.getNode('out').on('input', arrived(run.out));
    helper.getNode('caught').on('input', arrived(run.caught));
    node.receive({ payload });
  });
  return run;
}

/** TCP sockets open in this process (client and simulator ends alike). */
const tcpSockets = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

describe('imd-mbus-poll / imd-mbus-scan nodes on the simulator', function () {
  this.timeout(60_000);
  let sim: Simulator | undefined;

  async function start(options: Partial<SimulatorOptions> = {}, gateway: Msg = FAST, poll: Msg = {}): Promise<Simulator> {
    sim = await startSimulator({ apartments: 5, baud: 0, clock: () => T0, ...options });
    await helper.load([gatewayNode, pollNode, scanNode, catchNode], flow(sim.gateway.port, gateway, poll));
    return sim;
  }

  afterEach(async function () {
    await helper.unload();
    await sim?.close();
    sim = undefined;
  });

  it('polls "all" of a 5-apartment building into one message holding every reading', async function () {
    const { building, bus } = await start();
    const { out, caught, statuses } = await trigger('poll', 'all');
    assert.equal(caught.length, 0, caught[0]?.error?.message);
    assert.equal(out.length, 1);
    const readings: Reading[] = out[0]!.payload;
    const devices = describeDevices(bus);
    const records = building.meters.map((m) => m.telegramsAt(T0).flat().length);
    assert.equal(readings.length, records.reduce((a, b) => a + b, 0));
    devices.forEach((d, i) => {
      const mine = readings.filter((r) => r.meter.id === d.id && r.meter.manufacturer === d.manufacturer);
      assert.equal(mine.length, records[i], `readings of ${d.secondaryAddress}`);
    });
    assert.deepEqual(out[0]!.failures, []);
    assert.equal(out[0]!.topic, `tcp 127.0.0.1:${sim!.gateway.port}`);
    assert.deepEqual(statuses.at(-1), { fill: 'green', shape: 'dot', text: `20 m · ${readings.length} rec` });
  });

  it('lists a meter that does not answer in msg.failures and delivers the rest', async function () {
    const { bus } = await start({ faults: ['no-answer'] });
    const devices = describeDevices(bus);
    const silent = devices.find((d) => d.faults.includes('no-answer'))!;
    const { out, caught, statuses } = await trigger('poll', devices.map((d) => d.secondaryAddress));
    assert.equal(caught.length, 0);
    assert.deepEqual(out[0]!.failures.map((f: Msg) => [f.meter, f.code]), [[silent.secondaryAddress, 'no-answer']]);
    assert.match(out[0]!.failures[0].message, new RegExp(`^tcp 127\\.0\\.0\\.1:\\d+, meter ${silent.secondaryAddress}: no answer`));
    const heard = new Set((out[0]!.payload as Reading[]).map((r) => r.meter.id));
    assert.deepEqual([...heard].sort(), devices.filter((d) => d !== silent).map((d) => d.id).sort());
    assert.deepEqual(statuses.at(-1), { fill: 'yellow', shape: 'ring', text: '19/20 m' });
  });

  it('polls the configured meters on its interval, without input', async function () {
    await start({}, FAST, { meters: '1-3', interval: 1 });
    const msg = await new Promise<Msg>((resolve) => helper.getNode('out').once('input', resolve));
    assert.deepEqual(new Set((msg.payload as Reading[]).map((r) => r.meter.medium)), new Set(['cold-water', 'warm-water', 'electricity']));
    assert.deepEqual(msg.failures, []);
  });

  it('reports a gateway that is down as one error naming it, not one per meter', async function () {
    const { port } = (await start()).gateway;
    await sim!.close();
    const { out, caught, statuses } = await trigger('poll', [1, 2, 3]);
    assert.equal(out.length, 0);
    assert.equal(caught.length, 1);
    assert.equal(caught[0]!.error.message, `Error: tcp 127.0.0.1:${port}: gateway not answering (connection refused); 3 of 3 meters not read`);
    assert.equal(caught[0]!.error.source.type, 'imd-mbus-poll');
    assert.deepEqual(statuses.at(-1), { fill: 'red', shape: 'ring', text: 'gateway down' });
  });

  it('scans: the commissioning report lists every device of the building', async function () {
    const { bus } = await start({ apartments: 2, faults: ['shared-address'] });
    const { out, caught, statuses } = await trigger('scan', '');
    assert.equal(caught.length, 0);
    const report = out[0]!.payload as { found: Msg[]; unreadable: Msg[]; collisionsResolved: number; probes: number };
    assert.deepEqual(report.found.map((d) => d.secondaryAddress).sort(), describeDevices(bus).map((d) => d.secondaryAddress).sort());
    assert.deepEqual(report.unreadable, []);
    assert.ok(report.collisionsResolved > 0 && report.probes > report.found.length);
    assert.deepEqual(statuses.at(-1), { fill: 'green', shape: 'dot', text: '8 found' });
    assert.ok(statuses.some((s) => /^scanning/.test(s.text)), 'progress shown');
  });

  it('closing aborts a running scan and frees the socket within 15 s', async function () {
    const before = tcpSockets();
    await start({ baud: 2400 }, { busBaud: 2400, margin: 0 }); // slow bus: the scan still runs when the flow stops
    const scan = helper.getNode('scan');
    const sent: Msg[] = [];
    helper.getNode('out').on('input', (msg: Msg) => sent.push(msg));
    scan.receive({ payload: '' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.ok(tcpSockets() > before, 'the gateway connection is open');
    const started = Date.now();
    await helper.unload();
    assert.ok(Date.now() - started < 15_000, `close took ${Date.now() - started} ms`);
    for (const deadline = Date.now() + 5000; tcpSockets() > before && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 20));
    await sim!.close();
    sim = undefined;
    assert.equal(tcpSockets(), before, 'every socket closed');
    assert.deepEqual(sent, [], 'no report from an aborted scan');
    await helper.load([gatewayNode, pollNode, scanNode, catchNode], []); // afterEach unloads again
  });
});
