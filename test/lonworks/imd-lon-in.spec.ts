/**
 * imd-lon-in inside the Node-RED runtime (node-red-node-test-helper): real UDP datagrams to its
 * IP-852 listener come out as one batch of readings; an unmapped NV reaches a Catch node; a bad
 * NV map gives a red status without crashing; the IAP/MQ source takes its login from the
 * node's credentials; closing frees the UDP port.
 */
import { strict as assert } from 'assert';
import type { EventEmitter } from 'events';
import helper = require('node-red-node-test-helper');
import lonInNode = require('../../nodes/imd-lon-in/imd-lon-in');
import { Ip852Listener, NvMap } from '../../adapters/protocols/lonworks';
import { freeUdpPort, nvUpdateDatagram, sendUdp, startBroker, until } from './lon-peers';
import { connectAsync } from 'mqtt';

const catchNode = require('@node-red/nodes/core/common/25-catch.js');

helper.init(require.resolve('node-red'));

type Msg = Record<string, any>;

const MAP = JSON.stringify([
  { selector: '0x0010', device: '1/12', type: 'SNVT_elec_kwh_l', meter: 'el-1001', medium: 'electricity' },
  { selector: '0x0011', device: '1/12', type: 'SNVT_temp_p', meter: 'apt-1101' },
  { datapoint: 'nvoRoomTemp', type: 'SNVT_temp_p', meter: 'apt-1102' },
]);

function flow(node: Record<string, unknown>) {
  return [
    { id: 'f1', type: 'tab' },
    { id: 'lon', type: 'imd-lon-in', z: 'f1', map: MAP, batchMs: 100, ...node, wires: [['out']] },
    { id: 'out', type: 'helper', z: 'f1' },
    { id: 'catcher', type: 'catch', z: 'f1', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper', z: 'f1' },
  ];
}

async function load(node: Record<string, unknown>, credentials: Record<string, unknown> = {}) {
  await helper.load([lonInNode, catchNode], flow(node), { lon: credentials });
  const got = { out: [] as Msg[], caught: [] as Msg[], statuses: [] as Msg[] };
  (helper.getNode('lon') as unknown as EventEmitter).on('call:status', (call: { args: Msg[] }) => got.statuses.push(call.args[0]!));
  helper.getNode('out').on('input', (msg: Msg) => got.out.push(msg));
  helper.getNode('caught').on('input', (msg: Msg) => got.caught.push(msg));
  return got;
}

describe('imd-lon-in node', function () {
  afterEach(function (done) {
    helper.unload().then(() => done(), done);
  });

  it('sends NV updates received over UDP as one batch of readings', async function () {
    const port = await freeUdpPort();
    const got = await load({ source: 'ip852', port, host: '127.0.0.1' });
    await until(() => got.statuses.some((s) => String(s.text).startsWith('udp 127.0.0.1')));
    await sendUdp(port, [nvUpdateDatagram(0x10, 'SNVT_elec_kwh_l', 12345.6, 1), nvUpdateDatagram(0x11, 'SNVT_temp_p', 21.5, 2)]);
    await until(() => got.out.length === 1);
    const readings = got.out[0]!.payload as Msg[];
    assert.deepEqual(readings.map((r) => [r.meter.id, r.quantity, r.value, r.unit]), [['el-1001', 'energy', 12345.6, 'kWh'], ['apt-1101', 'temperature', 21.5, 'C']]);
    assert.equal(readings[0]!.source.protocol, 'lonworks');
    assert.deepEqual(got.statuses.at(-1), { fill: 'green', shape: 'dot', text: '2 rec' });
  });

  it('reports an unmapped NV to a Catch node once and counts it in the status', async function () {
    const port = await freeUdpPort();
    const got = await load({ source: 'ip852', port });
    await until(() => got.statuses.length > 0);
    await sendUdp(port, [nvUpdateDatagram(0x12, 'SNVT_count', 1, 1), nvUpdateDatagram(0x12, 'SNVT_count', 2, 2)]);
    await until(() => got.caught.length === 1 && got.statuses.at(-1)?.text === '0 rec · 2 err');
    assert.match(got.caught[0]!.error.message, /NV selector 0x0012 from device 1\/12 .* is not in the NV map/);
    assert.equal(got.caught[0]!.payload.code, 'unmapped');
  });

  it('shows a config error for a bad NV map and keeps the runtime running', async function () {
    const got = await load({ source: 'ip852', port: 0, map: '[{"selector":1,"type":"SNVT_nope","meter":"m"}]' });
    await until(() => got.statuses.length > 0);
    assert.deepEqual(got.statuses[0], { fill: 'red', shape: 'ring', text: 'config error' });
  });

  it('frees the UDP port when closed', async function () {
    const port = await freeUdpPort();
    const got = await load({ source: 'ip852', port });
    await until(() => got.statuses.length > 0);
    await helper.unload();
    const listener = new Ip852Listener({ map: new NvMap([]), port, onReadings: () => undefined, onFailure: () => undefined });
    await listener.start();
    await listener.stop();
  });

  it('subscribes to a SmartServer broker with the credentials and sends readings', async function () {
    const broker = await startBroker();
    try {
      const got = await load({ source: 'iap-mq', broker: broker.url, batchMs: 0 }, { username: 'imd', password: 'secret' });
      await until(() => got.statuses.some((s) => s.text === 'subscribed'));
      const publisher = await connectAsync(broker.url, { username: 'imd', password: 'secret' });
      await publisher.publishAsync('glp/0/sid1/ev/data', JSON.stringify({ message: 'r/if/s/0/nvoRoomTemp', data: 22.25 }));
      await publisher.endAsync();
      await until(() => got.out.length === 1);
      assert.deepEqual(got.out[0]!.payload.map((r: Msg) => [r.meter.id, r.value, r.unit]), [['apt-1102', 22.25, 'C']]);
      await helper.unload();
    } finally {
      await broker.close();
    }
  });
});
