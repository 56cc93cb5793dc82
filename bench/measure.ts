/**
 * Benchmark helpers: run a pass repeatedly for a fixed time on one core, report ops/s, and
 * memory. Every benchmark prints its figure beside a baseline measured in the same run, so the
 * ratio stays meaningful on a busy or slower machine.
 */
export interface Measurement { name: string; ops: number; seconds: number; perSecond: number }

/** Runs `pass` (which performs `opsPerPass` operations) until `seconds` have elapsed, after a warm-up. */
export function measure(name: string, opsPerPass: number, seconds: number, pass: () => void): Measurement {
  const warmUntil = performance.now() + Math.min(1000, seconds * 250);
  while (performance.now() < warmUntil) pass();
  let ops = 0;
  const start = performance.now();
  const stop = start + seconds * 1000;
  let now = start;
  while (now < stop) { pass(); ops += opsPerPass; now = performance.now(); }
  const s = (now - start) / 1000;
  return { name, ops, seconds: s, perSecond: ops / s };
}

export function formatRate(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(1);
}

export function memoryLine(): string {
  const m = process.memoryUsage();
  return `rss ${(m.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(m.heapUsed / 2 ** 20).toFixed(0)} MiB`;
}
