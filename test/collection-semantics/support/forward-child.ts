/**
 * Child process for the crash test: `append <dir> <count>` appends batches and prints
 * "durable <id>" once each is on disk; `forward <dir> <store file>` forwards to a store that
 * appends "<id> <redelivery>" lines to a file (fsynced) and prints "acked <id>" once the
 * acknowledgement is recorded, then "drained" and exits when nothing is left. Meant to be
 * killed with SIGKILL at any moment.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { Reading } from '../../../lib/reading';
import { ForwardBuffer, forward } from '../../../lib/collection';

async function main([mode, dir, arg]: string[]): Promise<void> {
  const buffer = await ForwardBuffer.open(dir!, { segmentBytes: 16 * 1024 });
  if (mode === 'append') {
    for (let i = 0; i < Number(arg); i++) {
      const readings = Array.from({ length: 5 }, (_, k) => ({ quantity: 'volume', value: i * 10 + k }) as unknown as Reading);
      process.stdout.write(`durable ${await buffer.append(readings)}\n`);
    }
    return;
  }
  const store = openSync(arg!, 'a');
  const stop = new AbortController();
  if (buffer.pending === 0) stop.abort();
  await forward(buffer, async (batch) => {
    if (batch.readings.length !== 5) throw new Error(`batch ${batch.id}: ${batch.readings.length} readings`);
    writeSync(store, `${batch.id} ${batch.redelivery}\n`);
    fsyncSync(store);
  }, {
    signal: stop.signal,
    onForwarded: (batch) => { process.stdout.write(`acked ${batch.id}\n`); if (buffer.pending === 0) stop.abort(); },
  });
  closeSync(store);
  await buffer.close();
  process.stdout.write('drained\n');
}

main(process.argv.slice(2)).catch((err: unknown) => { process.stderr.write(`${String(err)}\n`); process.exit(1); });
