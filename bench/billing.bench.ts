/**
 * Billing: close + export of one month for 100 000 apartments (≈ 400 000 meters) from a
 * system-of-record file, in seconds and peak memory, beside the floor measured in the same
 * run — the time to merely read every meter's register at both month boundaries from the
 * store (the same indexed look-ups the close starts from). Target (issue 6): close + export
 * ≤ 5 × the floor and < 1 GiB. `--seconds` is ignored: the building is the workload
 * (IMD_BENCH_APARTMENTS changes its size).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exporterById } from '../adapters/exporters';
import { closeMonth, exportClose } from '../lib/billing';
import { SystemOfRecord } from '../lib/store';
import { BENCH_PROPERTY, buildBenchBuilding, END, START } from './billing-building';
import { memoryLine } from './measure';

const APARTMENTS = Number(process.env.IMD_BENCH_APARTMENTS ?? 100_000);

/** Every placed meter's register read at or before each boundary: the floor. */
function readBoundaries(store: SystemOfRecord): number {
  const registers = store.db.prepare('SELECT g.id FROM registers g JOIN meters m ON m.id = g.meter_id').raw().all() as number[][];
  const before = store.db.prepare('SELECT at, mantissa, exponent, raw_unit FROM readings WHERE register_id = ? AND at <= ? ORDER BY at DESC LIMIT 1');
  let found = 0;
  for (const [id] of registers) for (const at of [START, END]) if (before.get(id, at)) found++;
  return found;
}

const seconds = (t: number): string => `${((performance.now() - t) / 1000).toFixed(2)} s`;

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'imd-billing-bench-'));
  try {
    const file = path.join(dir, 'imd.sqlite');
    let t = performance.now();
    const built = buildBenchBuilding(file, APARTMENTS);
    console.log(`billing: ${APARTMENTS} apartments, ${built.meters} meters, ${built.readings} readings written in ${seconds(t)} (setup)`);
    const store = SystemOfRecord.open(file);
    try {
      readBoundaries(store); // warm the page cache for both measurements
      t = performance.now();
      const found = readBoundaries(store);
      const floor = (performance.now() - t) / 1000;
      console.log(`billing: floor — read ${found} boundary registers: ${floor.toFixed(2)} s`);
      t = performance.now();
      const { close, summary } = closeMonth(store, { property: BENCH_PROPERTY, period: '2026-10' });
      const closeSeconds = (performance.now() - t) / 1000;
      const lineCount = summary.lines;
      const exporter = exporterById('vitec');
      const exported = await exportClose(store, close, exporter, exporter.defaultProfile);
      const total = (performance.now() - t) / 1000;
      const peak = process.resourceUsage().maxRSS / 1024;
      console.log(`billing: close ${closeSeconds.toFixed(2)} s (${lineCount} lines) + export ${(total - closeSeconds).toFixed(2)} s `
        + `(${exported.receipt.lines} billed lines, ${(exported.files[0]!.bytes.length / 2 ** 20).toFixed(1)} MiB vitec file) = ${total.toFixed(2)} s`);
      console.log(`billing: ${(total / floor).toFixed(1)} × the floor (target ≤ 5 ×); peak rss ${peak.toFixed(0)} MiB (target < 1024); ${memoryLine()}`);
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
