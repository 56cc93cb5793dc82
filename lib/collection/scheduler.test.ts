/**
 * The polling scheduler in fake time with scripted buses: polls at the configured Swedish
 * times with jitter, the global concurrency limit, batches to the sink stamped by the meter's
 * clock, per-meter contact/failure/without-contact state, and a dead gateway reported once.
 */
import { strict as assert } from 'node:assert';
import type { Reading } from '../reading';
import { ReadFailure, type BusReader } from './bus-reader';
import { ManualClock } from './clock';
import { PollScheduler, type CollectionEvent, type ScheduledGateway, type SchedulerOptions } from './scheduler';

const DAY = 86_400_000;
const START = Date.parse('2025-01-15T12:00:00Z');

function reading(meter: string, at: number, quantity: Reading['quantity'] = 'volume', value: number | string = 1.5): Reading {
  const iso = new Date(at).toISOString();
  return {
    meter: { manufacturer: 'SEN', id: meter, version: 1, medium: 'water', mediumCode: 7 }, quantity, value,
    unit: quantity === 'datetime' ? 'datetime' : 'm3', raw: { mantissa: String(value), exponent: 0, unit: 'm3', encoding: 'bcd', bytes: '' },
    storage: 0, tariff: 0, subunit: 0, function: 'instantaneous', timestamp: iso, receivedAt: iso, flags: [], source: { protocol: 'mbus', frame: 'f' },
  };
}

/** Meter behaviour: 'ok', 'silent', 'garbled', or 'drift' (answers with a clock 2 h fast). */
type Behaviour = 'ok' | 'silent' | 'garbled' | 'drift';

interface Harness {
  scheduler: PollScheduler<string>;
  clock: ManualClock;
  batches: Reading[][];
  events: CollectionEvent[];
  behaviour: Map<string, Behaviour>;
  unreachable: Set<string>;
  maxParallel: () => number;
}

function harness(gateways: ScheduledGateway<string>[], extra: Partial<SchedulerOptions<string>> = {}): Harness {
  const clock = new ManualClock(START);
  const behaviour = new Map<string, Behaviour>();
  const unreachable = new Set<string>();
  const batches: Reading[][] = [];
  const events: CollectionEvent[] = [];
  let open = 0;
  let most = 0;
  const openBus = (g: ScheduledGateway<string>): BusReader<string> => ({
    async open() {
      if (unreachable.has(g.id)) throw new ReadFailure('unreachable', `${g.id}: connection refused`);
      most = Math.max(most, ++open);
    },
    async read(meter) {
      await clock.sleep(1000);
      const b = behaviour.get(meter) ?? 'ok';
      if (b === 'silent') throw new ReadFailure('silent', `${meter}: no answer`);
      if (b === 'garbled') throw new ReadFailure('failed', `${meter}: checksum`);
      const now = clock.now();
      const wall = new Date(now + 3_600_000 + (b === 'drift' ? 2 * 3_600_000 : 0)).toISOString().slice(0, 16); // CET
      return [reading(meter, now), reading(meter, now, 'datetime', wall)];
    },
    async close() { if (!unreachable.has(g.id)) open--; },
  });
  const scheduler = new PollScheduler<string>({
    gateways, openBus, clock, meterLabel: (m) => m, sink: async (batch) => { batches.push(batch); },
    onEvent: (e) => events.push(e), spreadMs: 60_000, ...extra,
  });
  return { scheduler, clock, batches, events, behaviour, unreachable, maxParallel: () => most };
}

/** One round now, with fake time running alongside. */
async function pollAll(h: Harness): ReturnType<PollScheduler<string>['pollAll']> {
  const round = h.scheduler.pollAll();
  await h.clock.advance(DAY);
  return round;
}

const gw = (id: string, meters: string[], times = ['06:00']): ScheduledGateway<string> => ({ id, meters, schedule: { times } });

describe('polling scheduler', () => {
  it('polls each gateway at its Swedish time plus its jitter, under the concurrency limit', async () => {
    const gateways = Array.from({ length: 6 }, (_, i) => gw(`g${i}`, ['m1', 'm2']));
    const h = harness(gateways, { concurrency: 2 });
    const stop = new AbortController();
    const running = h.scheduler.run(stop.signal);
    await h.clock.advance(DAY);
    stop.abort();
    await running;
    assert.equal(h.batches.length, 6);
    assert.equal(h.maxParallel(), 2);
    const starts = h.events.flatMap((e) => (e.type === 'poll-finished' ? [Date.parse(e.report.startedAt)] : []));
    for (const s of starts) assert.ok(s >= Date.parse('2025-01-16T05:00:00Z') && s < Date.parse('2025-01-16T05:02:00Z'), new Date(s).toISOString());
    assert.ok(new Set(starts).size > 1, 'jitter spreads the starts');
  });

  it('stamps readings by the meter clock and flags a drifting one', async () => {
    const h = harness([gw('g', ['ok', 'fast'])]);
    h.behaviour.set('fast', 'drift');
    await pollAll(h);
    const [ok, fast] = [h.batches[0]!.find((r) => r.meter.id === 'ok')!, h.batches[0]!.find((r) => r.meter.id === 'fast')!];
    assert.equal(ok.timestamp, '2025-01-15T12:00:00.000Z');
    assert.equal(ok.clockOffsetSeconds, -1);
    assert.equal(fast.clockOffsetSeconds, 7200 - 2);
    assert.ok(fast.flags.includes('clock-drift'));
    assert.equal(fast.timestamp, fast.receivedAt);
  });

  it('counts failures per meter and reports "without contact" after the threshold', async () => {
    const h = harness([gw('g', ['good', 'bad', 'noisy'], ['06:00', '18:00'])], { withoutContactMs: 2 * DAY });
    h.behaviour.set('bad', 'silent');
    h.behaviour.set('noisy', 'garbled');
    const stop = new AbortController();
    const running = h.scheduler.run(stop.signal);
    await h.clock.advance(3 * DAY);
    const meters = h.scheduler.status().gateways[0]!.meters;
    const bad = meters.find((m) => m.meter === 'bad')!;
    assert.equal(bad.consecutiveFailures, 6);
    assert.equal(bad.withoutContact, true);
    assert.equal(meters.find((m) => m.meter === 'good')!.withoutContact, false);
    assert.deepEqual(h.events.filter((e) => e.type === 'meter-without-contact').map((e) => (e as { meter: string }).meter).sort(), ['bad', 'noisy']);
    h.behaviour.set('bad', 'ok');
    await h.clock.advance(DAY);
    stop.abort();
    await running;
    assert.ok(h.events.some((e) => e.type === 'meter-contact-restored' && e.meter === 'bad'));
    assert.equal(h.scheduler.status().withoutContact, 1);
  });

  it('reports an unreachable gateway once, not as dead meters', async () => {
    const h = harness([gw('down', ['a', 'b', 'c']), gw('up', ['d'])]);
    h.unreachable.add('down');
    await pollAll(h);
    await pollAll(h);
    const status = h.scheduler.status();
    const down = status.gateways.find((g) => g.gateway === 'down')!;
    assert.equal(down.state, 'not-answering');
    assert.equal(down.consecutiveSilentPolls, 2);
    assert.ok(down.meters.every((m) => m.consecutiveFailures === 0));
    assert.equal(h.events.filter((e) => e.type === 'gateway-not-answering').length, 1);
    assert.equal(status.notAnswering, 1);
  });

  it('a bus whose first meters are all silent is "gateway not answering"; the rest are not tried', async () => {
    const meters = Array.from({ length: 20 }, (_, i) => `m${i}`);
    const h = harness([gw('mute', meters)], { silentLimit: 3 });
    for (const m of meters) h.behaviour.set(m, 'silent');
    const [report] = await pollAll(h);
    assert.equal(report!.answering, false);
    assert.equal(report!.metersSkipped, 17);
    assert.equal(report!.metersFailed, 0);
    for (const m of meters) h.behaviour.set(m, 'ok');
    await pollAll(h);
    assert.ok(h.events.some((e) => e.type === 'gateway-answering-again'));
  });

  it('a slot that comes while the previous poll still runs is skipped', async () => {
    const meters = Array.from({ length: 5000 }, (_, i) => `m${i}`); // 5000 s of reading
    const h = harness([gw('slow', meters, ['06:00', '07:00'])], { spreadMs: 1 });
    const stop = new AbortController();
    const running = h.scheduler.run(stop.signal);
    await h.clock.advance(DAY);
    stop.abort();
    await running;
    assert.ok(h.events.some((e) => e.type === 'slot-skipped'));
    assert.equal(h.batches.length, 1);
  });
});
