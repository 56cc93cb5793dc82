/**
 * One polling round of 100 simulated gateways × 50 meters at 2400 baud (issue 3, item 10):
 * 100 building simulators in this process, each behind its own TCP gateway on 127.0.0.1, read
 * through the polling scheduler and the M-Bus master over real sockets. The bound is the bus
 * time of the busiest bus, from the bytes on its wire: (request + reply bytes) × 11 bits / baud
 * plus the slaves' minimum reply delay per transaction. Target: round time ≤ 1.2 × bound, and
 * memory flat from round to round. Scale down with --gateways=N --meters=N (≤ 250) --rounds=N
 * [--baud=N] [--concurrency=N] (a round takes minutes at 2400 baud; progress every 10 s).
 */
import type { MeterAddress } from '../adapters/protocols/mbus/master';
import { mbusTcpBusReader } from '../adapters/protocols/mbus/master';
import { PollScheduler, type ScheduledGateway } from '../lib/collection';
import { replyDelayMs, startSimulator, wireTimeMs, type Simulator, type WireCounters } from '../simulator';
import { memoryLine } from './measure';

interface Options { gateways: number; meters: number; rounds: number; baud: number; concurrency: number }

function options(argv: string[]): Options {
  const get = (name: string, fallback: number): number => {
    const hit = argv.find((a) => a.startsWith(`--${name}=`));
    const n = hit ? Number(hit.slice(name.length + 3)) : fallback;
    if (!Number.isInteger(n) || n < 1) throw new Error(`mbus-poll: --${name}=${hit?.slice(name.length + 3)}: a positive integer`);
    return n;
  };
  const gateways = get('gateways', 100);
  return { gateways, meters: Math.min(250, get('meters', 50)), rounds: get('rounds', 1), baud: get('baud', 2400), concurrency: get('concurrency', gateways) };
}

/** Bus time of one gateway's wire traffic since `before`: bytes at 11 bits each plus a reply delay per transaction. */
function busTimeMs(sim: Simulator, before: WireCounters, baud: number): number {
  const w = sim.gateway.wire;
  const bytes = w.masterBytes - before.masterBytes + w.slaveBytes - before.slaveBytes;
  return wireTimeMs({ baud }, bytes) + (w.transactions - before.transactions) * replyDelayMs({ baud });
}

async function bench(o: Options): Promise<void> {
  console.log(`mbus-poll: ${o.gateways} gateways × ${o.meters} meters at ${o.baud} baud, concurrency ${o.concurrency}, ${o.rounds} round(s)`);
  console.log(`  memory at start: ${memoryLine()}`);
  const apartments = Math.ceil(o.meters / 5);
  const sims = await Promise.all(Array.from({ length: o.gateways }, (_, i) =>
    startSimulator({ apartments, roomSensors: 2, baud: o.baud, seed: i + 1, port: 0 })));
  let readings = 0;
  let metersRead = 0;
  const gateways: ScheduledGateway<MeterAddress>[] = sims.map((_, i) => ({
    id: `gateway-${i + 1}`, schedule: { times: ['06:00'] },
    meters: Array.from({ length: o.meters }, (_, k) => ({ primary: k + 1 })),
  }));
  const scheduler = new PollScheduler<MeterAddress>({
    gateways, concurrency: o.concurrency, meterLabel: (m) => ('primary' in m ? `primary ${m.primary}` : m.secondary),
    openBus: (g) => {
      const reader = mbusTcpBusReader({ tcp: { host: '127.0.0.1', port: sims[gateways.indexOf(g)]!.gateway.port, baudRate: o.baud } });
      return { ...reader, read: (meter, signal) => reader.read(meter, signal).finally(() => { metersRead++; }) };
    },
    sink: async (batch) => { readings += batch.length; },
  });
  try {
    for (let round = 1; round <= o.rounds; round++) {
      const before = sims.map((s) => ({ ...s.gateway.wire }));
      const [readingsBefore, metersBefore] = [readings, metersRead];
      const start = performance.now();
      const cpu = process.cpuUsage();
      const progress = setInterval(() => console.log(`  round ${round}: ${((performance.now() - start) / 1000).toFixed(0)} s, ${metersRead - metersBefore} of ${o.gateways * o.meters} meters read`), 10_000);
      const reports = await scheduler.pollAll().finally(() => clearInterval(progress));
      const seconds = (performance.now() - start) / 1000;
      const used = process.cpuUsage(cpu);
      const bounds = sims.map((s, i) => busTimeMs(s, before[i]!, o.baud) / 1000);
      const busiest = Math.max(...bounds);
      const failed = reports.reduce((n, r) => n + r.metersFailed + r.metersSkipped, 0);
      (globalThis as { gc?: () => void }).gc?.();
      console.log(`  round ${round}: ${seconds.toFixed(1)} s; busiest bus bound ${busiest.toFixed(1)} s → ratio ${(seconds / busiest).toFixed(3)} (target ≤ 1.2: ${seconds / busiest <= 1.2 ? 'met' : 'NOT met'})`);
      console.log(`    ${readings - readingsBefore} readings from ${metersRead - metersBefore} meters (${failed} failed or skipped); CPU ${((used.user + used.system) / 1e4 / seconds).toFixed(0)} % of one core (simulators and hub); memory: ${memoryLine()}`);
    }
  } finally {
    await Promise.all(sims.map((s) => s.close()));
  }
}

export function run(): Promise<void> {
  return bench(options(process.argv.slice(2))).catch((err: unknown) => {
    console.error(`mbus-poll: ${err instanceof Error ? err.stack : String(err)}`);
    process.exitCode = 1;
  });
}
