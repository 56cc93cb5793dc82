/**
 * The passive IP-852 listener on a real UDP socket on 127.0.0.1: NV update datagrams built with
 * the plugin's packet builders become readings, other packet types are counted as ignored,
 * unmapped NVs and authenticated packets are reported as failures, and stop() frees the port.
 */
import assert from 'node:assert/strict';
import { Ip852Listener, NvMap, buildIp852Packet } from '../../adapters/protocols/lonworks';
import type { DecodeError } from '../../lib/errors';
import type { Reading } from '../../lib/reading';
import { nvUpdateDatagram, sendUdp, until } from './lon-peers';

const MAP = new NvMap([
  { selector: 0x10, device: '1/12', type: 'SNVT_elec_kwh_l', meter: 'el-1001', medium: 'electricity' },
  { selector: 0x11, device: '1/12', type: 'SNVT_vol', meter: 'kv-1001', medium: 'cold-water' },
]);

describe('IP-852 listener over UDP on 127.0.0.1', () => {
  const readings: Reading[] = [];
  const failures: DecodeError[] = [];
  let listener: Ip852Listener;
  let port = 0;

  beforeEach(async () => {
    readings.length = 0;
    failures.length = 0;
    listener = new Ip852Listener({ map: MAP, port: 0, onReadings: (r) => readings.push(...r), onFailure: (e) => failures.push(e) });
    const bound = await listener.start();
    port = Number(/:(\d+)$/.exec(bound)![1]);
    assert.match(bound, /^udp 127\.0\.0\.1:\d+$/);
  });

  afterEach(() => listener.stop());

  it('turns NV update datagrams into readings and counts the rest', async () => {
    await sendUdp(port, [
      nvUpdateDatagram(0x10, 'SNVT_elec_kwh_l', 12345.6, 1),
      nvUpdateDatagram(0x11, 'SNVT_vol', 1000, 2), // 1000.0 l = 1 m3
      buildIp852Packet({ type: 0x04, sequence: 3, payload: new Uint8Array(0) }), // channel membership
      nvUpdateDatagram(0x12, 'SNVT_count', 1, 4), // not in the map
      nvUpdateDatagram(0x10, 'SNVT_elec_kwh_l', 1, 5, true), // MD5 flag set
    ]);
    await until(() => listener.counters.received === 5);
    assert.deepEqual(readings.map((r) => [r.meter.id, r.quantity, r.value, r.unit]), [['el-1001', 'energy', 12345.6, 'kWh'], ['kv-1001', 'volume', 1, 'm3']]);
    assert.match(readings[0]!.source.via!, /^ip852 127\.0\.0\.1:\d+$/);
    assert.deepEqual(failures.map((e) => e.code), ['unmapped', 'authentication-unsupported']);
    assert.match(failures[0]!.message, /NV selector 0x0012 from device 1\/12 in domain '4C' is not in the NV map/);
    assert.deepEqual(listener.counters, { received: 5, readings: 2, failed: 2, ignored: { 'channel-membership': 1 } });
  });

  it('frees the port on stop, so it can be bound again', async () => {
    await listener.stop();
    const again = new Ip852Listener({ map: MAP, port, onReadings: () => undefined, onFailure: () => undefined });
    assert.equal(await again.start(), `udp 127.0.0.1:${port}`);
    await again.stop();
  });

  it('rejects start when the port is taken', async () => {
    const second = new Ip852Listener({ map: MAP, port, onReadings: () => undefined, onFailure: () => undefined });
    await assert.rejects(second.start(), /EADDRINUSE/);
    await second.stop();
  });
});
