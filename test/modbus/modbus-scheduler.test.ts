/**
 * Modbus meters through the same polling scheduler as M-Bus meters (lib/collection): a
 * Modbus TCP gateway (the pymodbus simulator) with two meters gives one batch of their
 * readings per poll and their contact in the status; a meter unit that does not answer is one
 * silent meter; a dead gateway (connection refused) is ONE "gateway not answering", its
 * meters not tried and not counted as failing. Skipped with a message without pymodbus.
 */
import { strict as assert } from 'node:assert';
import { deviceMap, meterLabel, modbusBusReader, type MeterReadout } from '../../adapters/protocols/modbus';
import { PollScheduler, type CollectionEvent, type ScheduledGateway } from '../../lib/collection';
import type { Reading } from '../../lib/reading';
import { meterSimForSuite } from './peers';
import { freePort } from '../support/free-port';

const abb: MeterReadout = { map: deviceMap('abb-b23'), unit: 3, meter: { id: '7012345' } };
const eastron: MeterReadout = { map: deviceMap('eastron-sdm630'), unit: 4, meter: { id: 'SDM-1' } };
const every4h = { everyMinutes: 240 };

describe('Modbus meters polled by the PollScheduler (pymodbus simulator)', function () {
  this.timeout(30_000);
  const simPort = meterSimForSuite({ 3: abb.map.test!.dump, 4: eastron.map.test!.dump });

  it('reads two meters behind a gateway into one batch; a silent unit fails alone; a dead gateway is one fault', async () => {
    const deadPort = await freePort();
    const silent: MeterReadout = { map: deviceMap('eastron-sdm120'), unit: 9, meter: { id: 'SDM-9' } };
    const gateways: ScheduledGateway<MeterReadout>[] = [
      { id: 'brf-linden-modbus', meters: [abb, eastron, silent], schedule: every4h },
      { id: 'dead-gateway', meters: [abb, eastron, silent], schedule: every4h },
    ];
    const batches = new Map<string, Reading[]>();
    const events: CollectionEvent[] = [];
    const scheduler = new PollScheduler<MeterReadout>({
      gateways,
      openBus: (g) => modbusBusReader({ bus: { kind: 'tcp', host: '127.0.0.1', port: g.id === 'dead-gateway' ? deadPort : simPort() }, options: { timeoutMs: 300 } }),
      meterLabel,
      sink: async (batch, report) => { batches.set(report.gateway, batch); },
      onEvent: (e) => events.push(e),
    });
    const reports = await scheduler.pollAll();

    const live = reports.find((r) => r.gateway === 'brf-linden-modbus')!;
    assert.deepEqual({ read: live.metersRead, failed: live.metersFailed, skipped: live.metersSkipped, answering: live.answering },
      { read: 2, failed: 1, skipped: 0, answering: true });
    const batch = batches.get('brf-linden-modbus')!;
    assert.equal(batch.length, abb.map.registers.length + eastron.map.registers.length, 'one batch with both meters\' readings');
    const imported = batch.filter((r) => r.quantity === 'energy' && r.tariff === 0 && !r.qualifiers);
    assert.deepEqual(imported.map((r) => [r.meter.id, r.value, r.source.protocol]), [['7012345', 25000, 'modbus'], ['SDM-1', 98765.43, 'modbus']]);

    const dead = reports.find((r) => r.gateway === 'dead-gateway')!;
    assert.deepEqual({ read: dead.metersRead, failed: dead.metersFailed, skipped: dead.metersSkipped, answering: dead.answering },
      { read: 0, failed: 0, skipped: 3, answering: false });
    assert.match(dead.error ?? '', /tcp 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    assert.equal(batches.has('dead-gateway'), false);
    assert.deepEqual(events.filter((e) => e.type === 'gateway-not-answering').map((e) => (e as { gateway: string }).gateway), ['dead-gateway']);
    assert.equal(events.filter((e) => e.type === 'meter-without-contact').length, 0);

    const status = scheduler.status();
    const liveStatus = status.gateways.find((g) => g.gateway === 'brf-linden-modbus')!;
    assert.equal(liveStatus.state, 'answering');
    const meters = Object.fromEntries(liveStatus.meters.map((m) => [m.meter, m]));
    assert.ok(meters['abb-b23 unit 3 (7012345)']!.lastContactAt);
    assert.ok(meters['eastron-sdm630 unit 4 (SDM-1)']!.lastContactAt);
    assert.equal(meters['eastron-sdm120 unit 9 (SDM-9)']!.consecutiveFailures, 1);
    assert.match(meters['eastron-sdm120 unit 9 (SDM-9)']!.lastError ?? '', /no response \(timeout\)/);
    const deadStatus = status.gateways.find((g) => g.gateway === 'dead-gateway')!;
    assert.equal(deadStatus.state, 'not-answering');
    assert.ok(deadStatus.meters.every((m) => m.consecutiveFailures === 0 && m.lastContactAt === undefined), 'no meter counted as failing');
    assert.equal(status.notAnswering, 1);
  });

  it('classifies Modbus failures for the scheduler: exception → failed, timeout → silent, refused → unreachable', async () => {
    const reader = modbusBusReader({ bus: { kind: 'tcp', host: '127.0.0.1', port: simPort() }, options: { timeoutMs: 300 } });
    const signal = new AbortController().signal;
    await reader.open(signal);
    try {
      const kamstrupOnAbb: MeterReadout = { map: deviceMap('kamstrup-omnipower'), unit: 3, meter: { id: 'K' } };
      await assert.rejects(reader.read(kamstrupOnAbb, signal), (err: { kind: string; message: string }) => err.kind === 'failed' && /exception 02/.test(err.message));
      await assert.rejects(reader.read({ ...abb, unit: 9 }, signal), (err: { kind: string }) => err.kind === 'silent');
    } finally {
      await reader.close();
    }
    const dead = modbusBusReader({ bus: { kind: 'tcp', host: '127.0.0.1', port: await freePort() } });
    await assert.rejects(dead.open(signal), (err: { kind: string }) => err.kind === 'unreachable');
    await dead.close();
  });
});
