/**
 * Validation throughput (issue 5): one month of hourly values for 10 000 meters (2 500
 * apartments × cold water, hot water, electricity, room temperature ≈ 7.2 M readings) through
 * every rule with a registry. The input is generated first in its compact columnar form (typed
 * arrays per meter); only `validate` is timed. Baseline in the same run: one plain pass over the
 * same arrays computing every hourly difference. Target: ≥ 1 000 000 readings/s.
 */
import { RULES } from '../adapters/validators';
import { RegistryView, validate, type MeterInfo, type MeterSeries, type Medium } from '../lib/validation';
import { formatRate } from './measure';

const APARTMENTS = 2_500;
const HOURS = 720;
const START = Date.UTC(2025, 0, 1);
const KINDS: readonly Medium[] = ['cold-water', 'hot-water', 'electricity', 'room-temperature'];
const PER_HOUR: Record<string, number> = { 'cold-water': 0.012, 'hot-water': 0.008, 'electricity': 0.25 };

/** A small deterministic generator (xorshift), so every run validates the same month. */
function random(seed: number): () => number {
  let x = seed || 1;
  return () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return (x >>> 0) / 2 ** 32; };
}

function month(): { series: MeterSeries[]; registry: RegistryView } {
  const next = random(7);
  const series: MeterSeries[] = [];
  const meters: MeterInfo[] = [];
  for (let a = 0; a < APARTMENTS; a++) {
    for (const [k, medium] of KINDS.entries()) {
      const serial = String(10_000_000 + a * 4 + k);
      const s: MeterSeries = { meter: serial, manufacturer: 'SEN', medium, via: `gw-${a >> 6}`, length: HOURS,
        at: new Float64Array(HOURS), value: new Float64Array(HOURS), flags: new Uint16Array(HOURS), clockOffset: new Float32Array(HOURS).fill(NaN) };
      let v = 100 * next();
      for (let h = 0; h < HOURS; h++) {
        s.at[h] = START + h * 3_600_000;
        v = medium === 'room-temperature' ? 21 + next() : v + PER_HOUR[medium]! * 2 * next();
        s.value[h] = Math.round(v * 1000) / 1000;
      }
      series.push(s);
      meters.push({ serial, manufacturer: 'SEN', medium, objectId: `A${a}`, apartment: String(a), building: `B${a >> 8}`, property: 'Bench 1:1', certifiedUntil: '2031-06-01' });
    }
  }
  return { series, registry: new RegistryView(meters) };
}

function baseline(series: readonly MeterSeries[]): number {
  let sum = 0;
  for (const s of series) for (let i = 1; i < s.length; i++) sum += s.value[i]! - s.value[i - 1]!;
  return sum;
}

export function run(seconds: number): void {
  const { series, registry } = month();
  const readings = series.length * HOURS;
  let peakRss = process.memoryUsage().rss;
  const timed = (pass: () => unknown): number => {
    let n = 0, spent = 0;
    do {
      const start = performance.now();
      pass();
      spent += performance.now() - start;
      n++;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    } while (spent < seconds * 1000 && n < 20);
    return (n * readings) / (spent / 1000);
  };
  let findings = 0;
  validate({ series, registry }, RULES); // warm-up
  const rate = timed(() => { findings = validate({ series, registry }, RULES).length; });
  const base = timed(() => baseline(series));
  console.log(`validate: ${series.length} meters × ${HOURS} h = ${formatRate(readings)} readings, ${RULES.length} rules, ${findings} findings`);
  console.log(`  ${formatRate(rate)} readings/s (target ≥ 1 M/s); baseline (one pass of hourly differences) ${formatRate(base)} readings/s; ratio ${(base / rate).toFixed(1)}`);
  console.log(`  peak rss ${(peakRss / 2 ** 20).toFixed(0)} MiB (input ${(readings * 22 / 2 ** 20).toFixed(0)} MiB of typed arrays)`);
}
