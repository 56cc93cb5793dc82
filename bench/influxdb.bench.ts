/**
 * Readings into InfluxDB (issue 4, item 7): a real influxd 1.x on 127.0.0.1 (skipped with a
 * message when `influxd` is not installed). The ceiling, measured in the same run against the
 * same influxd: the very lines the sink writes, encoded before the clock starts, POSTed raw one
 * round (≈ 5 000 points) a request, two in flight over keep-alive connections. Ours: readings from
 * the golden M-Bus fixtures, decoded (1 000 meters, each sending one fixture frame a minute, so
 * every reading is its own point), through the InfluxDB sink — encoded, journalled to its disk
 * buffer (fdatasync), forwarded in the same requests (one round each, two in flight),
 * acknowledged — until drained. Each run writes both into databases of their own; `--runs=N` (3)
 * runs interleaved (alternating which goes first), medians compared. Target: ours ≥ 70 % of the
 * ceiling; memory bounded (peak RSS printed). `--points=N` per measurement (500 000).
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeTelegram, toReadings } from '../adapters/protocols/mbus';
import { InfluxSink, toLines } from '../adapters/sinks/influxdb';
import { fromHex } from '../lib/hex';
import type { Reading } from '../lib/reading';
import { Influxd, influxdAvailable } from '../test/influxdb/influxd';
import { repoRoot } from '../test/support/repo-root';
import { formatRate, memoryLine } from './measure';

const METERS = 1000;
/** Requests in flight, the same for the ceiling and the sink. */
const CONCURRENCY = 2;
/** Rounds in one buffered batch of the sink (≈ its default 20 000 readings), so its requests are the ceiling's. */
const ROUNDS_PER_BATCH = 4;
/** Rounds handed to the sink and not yet acknowledged (bounds the producer's memory). */
const IN_FLIGHT = 8;
const START = Date.parse('2026-01-01T00:00:00Z');
const SETTLE_MS = 2000;

/** One polling round: meter m (of 1 000) sends the readings of golden fixture frame m mod F, as a real meter sends its frame. */
function pollRound(): Reading[] {
  const dir = path.join(repoRoot(), 'adapters', 'protocols', 'mbus', 'fixtures', 'frames');
  const receivedAt = new Date(START);
  const frames = readdirSync(dir).filter((f) => f.endsWith('.hex')).map((f) =>
    toReadings(decodeTelegram(fromHex(readFileSync(path.join(dir, f), 'utf8'))), { receivedAt, frameRef: `fixture:${f}` }));
  return Array.from({ length: METERS }, (_, m) => frames[m % frames.length]!.map((r) =>
    ({ ...r, meter: { ...r.meter, id: String(10_000_000 + m) } }))).flat();
}

/** Round r: every meter's frame again, one minute later (≈ one batch). */
function roundAt(round: Reading[], r: number): Reading[] {
  const timestamp = new Date(START + r * 60_000).toISOString();
  return round.map((t) => ({ ...t, timestamp }));
}

function post(agent: http.Agent, url: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 204 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The ceiling: the rounds' lines, encoded before the clock starts, POSTed raw to `database`. */
async function ceiling(server: Influxd, database: string, round: Reading[], rounds: number): Promise<number> {
  const bodies: string[] = [];
  for (let r = 0; r < rounds; r++) bodies.push(toLines(roundAt(round, r)).lines.join('\n'));
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const start = performance.now();
  const worker = async (): Promise<void> => {
    for (let body = bodies.shift(); body !== undefined; body = bodies.shift()) await post(agent, `${server.url}/write?db=${database}&precision=ms`, body);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return (rounds * round.length) / seconds;
}

/** Ours: the same rounds as readings through the sink into `database`, from the first write until drained. */
async function ours(server: Influxd, database: string, round: Reading[], rounds: number): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'imd-influx-bench-'));
  try {
    const sink = await InfluxSink.open({ connection: { version: 1, url: server.url, database, createDatabase: true }, dir,
      batchSize: ROUNDS_PER_BATCH * round.length, requestLines: round.length, concurrency: CONCURRENCY });
    const start = performance.now();
    // Like many messages arriving at once: up to IN_FLIGHT rounds accepted and not yet on disk.
    const accepting: Promise<unknown>[] = [];
    for (let r = 0; r < rounds; r++) {
      accepting.push(sink.write(roundAt(round, r)));
      if (accepting.length >= IN_FLIGHT) await accepting.shift();
    }
    await Promise.all(accepting);
    await sink.drained();
    const seconds = (performance.now() - start) / 1000;
    await sink.close();
    return (rounds * round.length) / seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function bench(points: number, runs: number): Promise<void> {
  if (!influxdAvailable()) {
    console.log('influxdb: skipped — influxd is not installed (apt-get install influxdb influxdb-client)');
    return;
  }
  const server = await Influxd.start();
  let peakRss = 0;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
  try {
    const round = pollRound();
    const rounds = Math.ceil(points / round.length);
    points = rounds * round.length;
    console.log(`influxdb: ${points} points into InfluxDB ${server.url} (influxd 1.x), ${METERS} meters sending golden fixture frames (${round.length} readings a round = one request, ${CONCURRENCY} in flight), ${runs} runs interleaved, each into its own database`);
    const raw: number[] = [];
    const sink: number[] = [];
    for (let i = 1; i <= runs; i++) {
      // Alternating which goes first, so neither always follows the other's background compactions.
      const pair = [async () => { await server.query('', `CREATE DATABASE ceiling_${i}`); raw.push(await ceiling(server, `ceiling_${i}`, round, rounds)); },
        async () => { sink.push(await ours(server, `sink_${i}`, round, rounds)); }];
      for (const job of i % 2 ? pair : pair.reverse()) { await settle(); await job(); }
      console.log(`  run ${i}: ceiling ${formatRate(raw[i - 1]!).padStart(9)} points/s, sink ${formatRate(sink[i - 1]!).padStart(9)} readings/s (${((sink[i - 1]! / raw[i - 1]!) * 100).toFixed(0)} %)`);
    }
    const [ceilingRate, sinkRate] = [median(raw), median(sink)];
    console.log(`  raw line protocol, keep-alive (ceiling)  ${formatRate(ceilingRate).padStart(9)} points/s (median)`);
    console.log(`  readings through the InfluxDB sink        ${formatRate(sinkRate).padStart(9)} readings/s (median; disk buffer, fdatasync, ack)`);
    const ratio = sinkRate / ceilingRate;
    console.log(`  ratio ${(ratio * 100).toFixed(0)} % of the ceiling (target ≥ 70 %: ${ratio >= 0.7 ? 'met' : 'NOT met'}); peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB; after: ${memoryLine()}`);
    for (let i = 1; i <= runs; i++) {
      const counts = [await server.count(`ceiling_${i}`), await server.count(`sink_${i}`)];
      if (counts.some((n) => n !== points)) console.log(`  run ${i}: points read back: ceiling ${counts[0]}, sink ${counts[1]} (expected ${points} each)`);
    }
    console.log(`  points read back: ${points} in each database unless listed above`);
  } finally {
    clearInterval(sampler);
    await server.remove();
  }
}

/** A pause before each measurement, so influxd's background work from the one before mostly settles. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

export function run(): Promise<void> {
  const option = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
  return bench(option('points', 500_000), option('runs', 3)).catch((err: unknown) => {
    console.error(`influxdb: ${err instanceof Error ? err.stack : String(err)}`);
    process.exitCode = 1;
  });
}
