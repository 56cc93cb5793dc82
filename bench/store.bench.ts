/**
 * System of record ingest: readings decoded from the golden M-Bus fixture frames, spread over
 * many meters and hours, appended in batches of 10 000 (each one transaction, WAL,
 * synchronous=FULL) to a database file in a temporary folder. Baseline in the same run: the
 * same rows through a raw prepared-statement loop into an in-memory table with no indexes.
 * Only the insert calls are timed (building the batches is not). Target (issue 4):
 * ≥ 100 000 readings/s.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { decodeTelegram, toReadings } from '../adapters/protocols/mbus';
import { frameRef } from '../lib/frame-ref';
import { fromHex } from '../lib/hex';
import type { Reading } from '../lib/reading';
import { openDatabase, SystemOfRecord } from '../lib/store';
import { repoRoot } from '../test/support/repo-root';
import { formatRate, memoryLine } from './measure';

const BATCH = 10_000;
const METERS = 500;

/** One telegram's readings per fixture frame that decodes. */
function templates(): Reading[][] {
  const dir = path.join(repoRoot(), 'adapters', 'protocols', 'mbus', 'fixtures', 'frames');
  const receivedAt = new Date('2025-01-01T00:00:00Z');
  return readdirSync(dir).filter((f) => f.endsWith('.hex')).flatMap((f) => {
    const bytes = fromHex(readFileSync(path.join(dir, f), 'utf8'));
    try { return [toReadings(decodeTelegram(bytes), { receivedAt, frameRef: frameRef(bytes) })]; } catch { return []; }
  }).filter((r) => r.length > 0);
}

/** Batch `n`: every meter's telegram for one hour, as many hours as fill BATCH readings. */
function* batches(telegrams: Reading[][]): Generator<Reading[]> {
  for (let hour = 0; ; ) {
    const batch: Reading[] = [];
    while (batch.length < BATCH) {
      const at = new Date(Date.UTC(2025, 0, 1) + hour * 3_600_000).toISOString();
      for (let m = 0; m < METERS && batch.length < BATCH; m++) {
        for (const r of telegrams[m % telegrams.length]!) {
          batch.push({ ...r, meter: { ...r.meter, id: String(10_000_000 + m) }, timestamp: at, receivedAt: at });
        }
      }
      hour++;
    }
    yield batch;
  }
}

function timed(seconds: number, source: Generator<Reading[]>, insert: (batch: Reading[]) => void): number {
  let rows = 0;
  let spent = 0;
  while (spent < seconds * 1000) {
    const batch = source.next().value as Reading[];
    const start = performance.now();
    insert(batch);
    spent += performance.now() - start;
    rows += batch.length;
  }
  return rows / (spent / 1000);
}

export function run(seconds: number): void {
  const telegrams = templates();
  const perTelegram = telegrams.reduce((n, t) => n + t.length, 0) / telegrams.length;
  console.log(`store: ${telegrams.length} decoded fixture telegrams (${perTelegram.toFixed(1)} readings each) × ${METERS} meters, hourly; batches of ${BATCH}; ${seconds} s per figure`);
  const dir = mkdtempSync(path.join(tmpdir(), 'imd-bench-store-'));
  try {
    const raw = openDatabase(':memory:');
    raw.exec('CREATE TABLE readings (meter TEXT, quantity TEXT, storage INTEGER, tariff INTEGER, subunit INTEGER, function TEXT, at INTEGER, mantissa TEXT, exponent INTEGER, unit TEXT, frame TEXT)');
    const insert = raw.prepare('INSERT INTO readings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const rawLoop = raw.transaction((batch: Reading[]) => {
      for (const r of batch) insert.run(r.meter.id, r.quantity, r.storage, r.tariff, r.subunit, r.function, Date.parse(r.timestamp), r.raw.mantissa, r.raw.exponent, r.raw.unit, r.source.frame);
    });
    const baseline = timed(seconds, batches(telegrams), rawLoop);
    raw.close();

    const store = SystemOfRecord.open(path.join(dir, 'imd.sqlite'));
    const sor = timed(seconds, batches(telegrams), (batch) => store.appendReadings(batch));
    const again = timed(Math.min(1, seconds), batches(telegrams), (batch) => store.appendReadings(batch)); // all duplicates
    const { readings } = store.stats();
    store.close();

    console.log(`  ${'raw prepared loop, in-memory, no indexes (baseline)'.padEnd(56)} ${formatRate(baseline).padStart(9)} readings/s`);
    console.log(`  ${'appendReadings, file, WAL + synchronous=FULL'.padEnd(56)} ${formatRate(sor).padStart(9)} readings/s`);
    console.log(`  ${'appendReadings of readings already stored (duplicates)'.padEnd(56)} ${formatRate(again).padStart(9)} readings/s`);
    console.log(`  store / baseline ratio: ${(sor / baseline).toFixed(3)}; ${readings} rows stored; target ≥ 100 k readings/s: ${sor >= 100_000 ? 'met' : 'NOT met'}`);
    console.log(`  memory after: ${memoryLine()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
