/**
 * The scheduler with the real M-Bus master over TCP against the building simulator (no byte
 * timing): every meter of a building read in one batch with the meters' clocks kept, a
 * clock-drift fault flagged, and a gateway whose port is closed reported once as not answering.
 */
import { strict as assert } from 'node:assert';
import type { MeterAddress } from '../../adapters/protocols/mbus/master';
import { mbusTcpBusReader } from '../../adapters/protocols/mbus/master';
import { PollScheduler, type CollectionEvent } from '../../lib/collection';
import type { Reading } from '../../lib/reading';
import { startSimulator } from '../../simulator';

describe('scheduler + M-Bus master + simulator', function () {
  this.timeout(20_000);

  it('reads a building, flags clock drift, and names a dead gateway once', async () => {
    const sim = await startSimulator({ apartments: 2, roomSensors: 1, baud: 0, seed: 3, faults: ['clock-drift'] });
    const dead = await startSimulator({ apartments: 1, baud: 0 });
    const deadPort = dead.gateway.port;
    await dead.close();
    const ports: Record<string, number> = { live: sim.gateway.port, dead: deadPort };
    const batches: Reading[][] = [];
    const events: CollectionEvent[] = [];
    const meters = Array.from({ length: 8 }, (_, i) => ({ primary: i + 1 }));
    const scheduler = new PollScheduler<MeterAddress>({
      gateways: ['live', 'dead'].map((id) => ({ id, meters, schedule: { times: ['06:00'] } })),
      openBus: (g) => mbusTcpBusReader({ tcp: { host: '127.0.0.1', port: ports[g.id]!, reconnect: { attempts: 1 } }, master: { timeoutMs: 200, retries: 0 } }),
      meterLabel: (m) => JSON.stringify(m), sink: async (b) => { batches.push(b); }, onEvent: (e) => events.push(e),
    });
    try {
      const reports = await scheduler.pollAll();
      assert.equal(batches.length, 1);
      assert.equal(reports.find((r) => r.gateway === 'live')!.metersRead, 8);
      const ids = new Set(batches[0]!.map((r) => r.meter.id));
      assert.equal(ids.size, 8);
      assert.ok(batches[0]!.every((r) => typeof r.clockOffsetSeconds === 'number'));
      assert.ok(batches[0]!.some((r) => r.flags.includes('clock-drift')));
      assert.deepEqual(events.filter((e) => e.type === 'gateway-not-answering').map((e) => (e as { gateway: string }).gateway), ['dead']);
      const status = scheduler.status();
      assert.equal(status.notAnswering, 1);
      assert.ok(status.gateways.find((g) => g.gateway === 'dead')!.meters.every((m) => m.consecutiveFailures === 0));
    } finally {
      await sim.close();
    }
  });
});
