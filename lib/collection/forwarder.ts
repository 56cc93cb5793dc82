/**
 * The forwarder loop: takes the oldest unacknowledged batches from the forward buffer, hands
 * them to the downstream store and acknowledges them in the buffer, in order, only after the
 * store has resolved; a failing store gets the same batch again after a bounded exponential
 * backoff (with jitter), forever, until stopped. Up to `window` batches are with the store at
 * once (default 1: strictly one after the other): the next is sent while the previous one's
 * acknowledgement is written, and batches stored together are acknowledged with one marker.
 */
import { systemClock, type Clock } from './clock';
import type { ForwardBuffer, StoredBatch } from './forward-buffer';

export interface ForwarderOptions<T> {
  signal: AbortSignal;
  clock?: Clock;
  /** First retry delay ceiling (default 1 s), doubling up to `maxDelayMs` (default 5 min). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  random?(): number;
  /** Batches with the store at once (default 1); the buffer's `window` must be at least this. */
  window?: number;
  onError?(err: unknown, batch: StoredBatch<T>, attempt: number): void;
  onForwarded?(batch: StoredBatch<T>): void;
}

/** A batch with the store: `stored` is true once the store resolved, false when stopped first. */
interface Flight<T> { batch: StoredBatch<T>; stored?: boolean; settled: Promise<void> }

/** Runs until `options.signal` aborts; resolves then (batches in flight are finished first). */
export async function forward<T>(buffer: ForwardBuffer<T>, store: (batch: StoredBatch<T>) => Promise<void>, options: ForwarderOptions<T>): Promise<void> {
  const window = options.window ?? 1;
  const flights: Array<Flight<T>> = [];
  let fetching: Promise<{ batch?: StoredBatch<T> }> | undefined;
  let last: number | undefined;
  let stopping = false;
  for (;;) {
    if (!stopping && !fetching && flights.length < window) {
      fetching = (last === undefined ? buffer.next(options.signal) : buffer.after(last, options.signal)).then((batch) => ({ batch }));
    }
    const oldest = flights[0];
    if (!oldest && !fetching) return;
    const fetched = await Promise.race([fetching, oldest?.settled].filter((p) => p !== undefined));
    if (fetched) {
      fetching = undefined;
      if (fetched.batch) flights.push(deliver(fetched.batch, store, options));
      else stopping = true;
      last = fetched.batch?.seq ?? last;
      continue;
    }
    if (!oldest!.stored) {
      await Promise.all(flights.map((f) => f.settled));
      return;
    }
    const unstored = flights.findIndex((f) => !f.stored);
    const stored = flights.splice(0, unstored === -1 ? flights.length : unstored);
    await buffer.ack(stored[stored.length - 1]!.batch.seq);
    for (const f of stored) options.onForwarded?.(f.batch);
  }
}

/** Hands `batch` to the store until it resolves (retrying with backoff) or the signal aborts. */
function deliver<T>(batch: StoredBatch<T>, store: (batch: StoredBatch<T>) => Promise<void>, options: ForwarderOptions<T>): Flight<T> {
  const clock = options.clock ?? systemClock;
  const initial = options.initialDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 300_000;
  const flight: Flight<T> = { batch, settled: Promise.resolve() };
  flight.settled = (async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        await store(batch);
        flight.stored = true;
        return;
      } catch (err) {
        options.onError?.(err, batch, attempt);
        if (!options.signal.aborted) await clock.sleep(Math.floor((options.random ?? Math.random)() * Math.min(max, initial * 2 ** attempt)), options.signal);
        if (options.signal.aborted) { flight.stored = false; return; }
      }
    }
  })();
  return flight;
}
