/**
 * imd-modbus-meter and imd-modbus-server inside the Node-RED runtime (test helper): the meter
 * node reads the pymodbus simulator on input and sends Reading[]; a missing unit reaches a
 * Catch node; its admin endpoint lists the device maps for the editor; the server node takes
 * Reading[] in, serves it (20.4 °C → 204) over TCP or as an RTU slave on a pty, and frees its port on close.
 */
import { strict as assert } from 'node:assert';
import helper = require('node-red-node-test-helper');
import meterNode = require('../../nodes/imd-modbus-meter/imd-modbus-meter');
import serverNode = require('../../nodes/imd-modbus-server/imd-modbus-server');
import { ModbusBus, deviceMap, deviceMaps, type ModbusBusConfig } from '../../adapters/protocols/modbus';
import { ptyPair, socatMissing } from '../support/pty-pair';
import { until } from '../lonworks/lon-peers';
import { PYMODBUS_MISSING, hasPymodbus, startMeterSim, type MeterSim } from './peers';
import { createServer } from 'node:net';
import { requirePeer } from '../support/peer-required';
import { freePort } from '../support/free-port';

const catchNode = require('@node-red/nodes/core/common/25-catch.js');
helper.init(require.resolve('node-red'));
type Msg = Record<string, any>;

describe('imd-modbus-meter / imd-modbus-server nodes', function () {
  this.timeout(20_000);
  afterEach((done) => { helper.unload().then(() => done(), done); });

  it('imd-modbus-meter reads the simulator on input; a silent unit goes to Catch', async function () {
    requirePeer(this, hasPymodbus() ? undefined : PYMODBUS_MISSING);
    const port = await freePort();
    const sim: MeterSim = await startMeterSim('tcp', port, { 3: deviceMap('abb-b23').test!.dump });
    try {
      const node = { type: 'imd-modbus-meter', z: 'f', bus: 'tcp', host: '127.0.0.1', port: String(port), device: 'abb-b23', meterId: '7012345', timeout: '300' };
      const flow = [
        { id: 'f', type: 'tab' }, { id: 'm', ...node, unit: '3', wires: [['out']] }, { id: 'bad', ...node, unit: '9', wires: [['out']] },
        { id: 'out', type: 'helper', z: 'f' }, { id: 'c', type: 'catch', z: 'f', scope: null, uncaught: false, wires: [['caught']] }, { id: 'caught', type: 'helper', z: 'f' },
      ];
      await helper.load([meterNode, catchNode], flow);
      const out: Msg[] = [];
      const caught: Msg[] = [];
      helper.getNode('out').on('input', (msg: Msg) => out.push(msg));
      helper.getNode('caught').on('input', (msg: Msg) => caught.push(msg));
      helper.getNode('m').receive({ payload: 'go' });
      helper.getNode('bad').receive({ payload: 'go' });
      await until(() => out.length === 1 && caught.length === 1, 5000);
      assert.equal(out[0]!.payload[0].raw.mantissa, '2500000');
      assert.equal(out[0]!.topic, '7012345');
      assert.match(caught[0]!.error.message, /abb-b23 unit 9 .*no response \(timeout\)/);
    } finally {
      sim.stop();
    }
  });

  it('imd-modbus-meter lists the device maps for the editor at GET /imd-modbus/devices', async () => {
    await helper.load([meterNode], [{ id: 'f', type: 'tab' }]);
    const res = await helper.request().get('/imd-modbus/devices').expect(200);
    assert.deepEqual(res.body.map((d: { id: string }) => d.id), deviceMaps().map((m) => m.id));
    assert.deepEqual(res.body.find((d: { id: string }) => d.id === 'kamstrup-omnipower'),
      { id: 'kamstrup-omnipower', vendor: 'Kamstrup', model: 'OMNIPOWER (Modbus module)', registers: 8, template: true });
  });

  /** Loads a server node with `config`, gives it a 20.4 °C reading and reads it back through `bus`. */
  async function serveAndRead(config: Record<string, string>, bus: ModbusBusConfig): Promise<void> {
    const flow = [{ id: 'f', type: 'tab' }, { id: 's', type: 'imd-modbus-server', z: 'f', apartments: JSON.stringify([{ rooms: ['T1'], hotWater: [] }]), ...config }];
    await helper.load([serverNode], flow);
    const at = new Date().toISOString();
    const reading = { meter: { id: 'T1' }, quantity: 'temperature', value: 20.4, unit: 'C', storage: 0, tariff: 0, timestamp: at, flags: [] };
    helper.getNode('s').receive({ payload: [reading] });
    const client = new ModbusBus(bus, { timeoutMs: 300 });
    const deadline = Date.now() + 5000;
    let served: Uint8Array | undefined;
    while (!served) { // the server listens a moment after the flow starts
      served = await client.transaction((read) => read(1, 'holding', 100, 1)).catch(() => undefined);
      assert.ok(served || Date.now() < deadline, 'the server did not answer within 5 s');
    }
    await client.close();
    assert.deepEqual([...served], [0, 204]);
    await helper.unload();
  }

  it('imd-modbus-server as an RTU slave (transport rtu, 8N1 on a pty) serves unit 1', async function () {
    requirePeer(this, socatMissing());
    const pty = await ptyPair();
    try {
      await serveAndRead({ transport: 'rtu', path: pty.a, baud: '9600', parity: 'none' }, { kind: 'rtu', path: pty.b, baudRate: 9600, parity: 'none' });
    } finally {
      await pty.close();
    }
  });

  it('imd-modbus-server serves the readings it gets and frees the port on close', async function () {
    const port = await freePort();
    await serveAndRead({ port: String(port) }, { kind: 'tcp', host: '127.0.0.1', port });
    const probe = createServer();
    await new Promise<void>((resolve, reject) => { probe.once('error', reject); probe.listen(port, '127.0.0.1', resolve); });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
});
