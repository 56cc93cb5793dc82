/**
 * `npm run bench [-- <name> ...] [--seconds N]`: runs the named benchmarks (all by default).
 * One explicit line per benchmark.
 */
import { run as billing } from './billing.bench';
import { run as influxdb } from './influxdb.bench';
import { run as mbusDecode } from './mbus-decode.bench';
import { run as mbusPoll } from './mbus-poll.bench';
import { run as store } from './store.bench';
import { run as validate } from './validate.bench';
import { run as wmbusDecode } from './wmbus-decode.bench';

/** A benchmark; the asynchronous ones (real sockets, servers) are awaited before the next starts. */
const BENCHMARKS: Record<string, (seconds: number) => void | Promise<void>> = {
  billing,
  influxdb,
  'mbus-decode': mbusDecode,
  'mbus-poll': mbusPoll,
  store,
  validate,
  'wmbus-decode': wmbusDecode,
};

async function main(argv: string[]): Promise<void> {
  const i = argv.indexOf('--seconds');
  const seconds = i >= 0 ? Number(argv[i + 1]) : 3;
  const names = argv.filter((a, k) => !a.startsWith('--') && argv[k - 1] !== '--seconds');
  for (const name of names.length ? names : Object.keys(BENCHMARKS)) {
    const bench = BENCHMARKS[name];
    if (!bench) { console.error(`bench: unknown benchmark "${name}" (known: ${Object.keys(BENCHMARKS).join(', ')})`); process.exit(2); }
    await bench(seconds);
  }
}

void main(process.argv.slice(2));
