/**
 * The SmartServer IAP/MQ source against an in-process aedes MQTT broker on 127.0.0.1: datapoint
 * events published on glp/0/<sid>/ev/data become readings, events on other topics are not
 * received, and credentials are passed to the broker.
 */
import assert from 'node:assert/strict';
import { connectAsync } from 'mqtt';
import { IapMqSource, NvMap } from '../../adapters/protocols/lonworks';
import type { DecodeError } from '../../lib/errors';
import type { Reading } from '../../lib/reading';
import { startBroker, until, type Broker } from './lon-peers';

const MAP = new NvMap([
  { datapoint: 'nvoTotkWhImp', type: 'SNVT_elec_kwh_l', meter: 'el-3001', medium: 'electricity' },
  { datapoint: 'nvoRoomTemp', type: 'SNVT_temp_p', meter: 'apt-1102', medium: 'room-sensor' },
]);

describe('IAP/MQ source against an aedes broker', () => {
  let broker: Broker;
  before(async () => { broker = await startBroker(); });
  after(() => broker.close());

  it('subscribes to datapoint events and emits readings', async () => {
    const readings: Reading[] = [];
    const failures: DecodeError[] = [];
    let subscribed!: () => void;
    const ready = new Promise<void>((resolve) => { subscribed = resolve; });
    const source = new IapMqSource({
      map: MAP, url: broker.url, username: 'imd', password: 'secret',
      onReadings: (r) => readings.push(...r), onFailure: (e) => failures.push(e),
      onConnection: (connected) => { if (connected) subscribed(); },
    });
    assert.equal(await source.start(), `mqtt ${broker.url} glp/0/+/ev/data/#`);
    await ready;
    const publisher = await connectAsync(broker.url, { username: 'imd', password: 'secret' });
    await publisher.publishAsync('glp/0/17q3c5w/ev/data', JSON.stringify({ message: 'iem/if/meter/0/nvoTotkWhImp', data: 12345.6, headers: { ts: '2024-05-01T10:00:00.000Z' } }));
    await publisher.publishAsync('glp/0/17q3c5w/ev/data', JSON.stringify({ message: 'r12/if/sensor/0/nvoRoomTemp', data: 21.5 }));
    await publisher.publishAsync('glp/0/17q3c5w/ev/data', JSON.stringify({ message: 'r12/if/sensor/0/nvoOther', data: 1 }));
    await publisher.publishAsync('glp/0/17q3c5w/rq/dev', JSON.stringify({ message: 'r12/if/sensor/0/nvoRoomTemp', data: 99 }));
    await publisher.endAsync();
    await until(() => source.counters.received === 3);
    await source.stop();
    assert.deepEqual(readings.map((r) => [r.meter.id, r.value, r.unit, r.source.via]), [
      ['el-3001', 12345.6, 'kWh', 'glp/0/17q3c5w/ev/data'], ['apt-1102', 21.5, 'C', 'glp/0/17q3c5w/ev/data'],
    ]);
    assert.equal(readings[0]!.timestamp, '2024-05-01T10:00:00.000Z');
    assert.deepEqual(failures.map((e) => e.code), ['unmapped']);
    assert.equal(source.counters.received, 3);
  });

  it('reports a refused login through onConnection', async () => {
    const events: Array<[boolean, string | undefined]> = [];
    const source = new IapMqSource({
      map: MAP, url: broker.url, username: 'imd', password: 'wrong', reconnectSeconds: 60,
      onReadings: () => undefined, onFailure: () => undefined, onConnection: (c, d) => events.push([c, d]),
    });
    await source.start();
    await until(() => events.length > 0);
    await source.stop();
    assert.equal(events[0]?.[0], false);
    assert.match(String(events[0]?.[1]), /Not authorized|Bad username or password/i);
  });
});
