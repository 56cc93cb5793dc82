/**
 * The forwarder loop: takes the oldest unacknowledged batch from the forward buffer, hands it
 * to the downstream store and acknowledges it in the buffer only after the store has resolved;
 * a failing store gets the same batch again after a bounded exponential backoff (with jitter),
 * forever, until stopped. Batches go strictly in order, one at a time.
 */
import { systemClock, type Clock } from './clock';
import type { ForwardBuffer, StoredBatch } from './forward-buffer';

export interface ForwarderOptions {
  signal: AbortSignal;
  clock?: Clock;
  /** First retry delay ceiling (default 1 s), doubling up to `maxDelayMs` (default 5 min). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  random?(): number;
  onError?(err: unknown, batch: StoredBatch, attempt: number): void;
  onForwarded?(batch: StoredBatch): void;
}

/** Runs until `options.signal` aborts; resolves then (a batch in flight is finished first). */
export async function forward(buffer: ForwardBuffer, store: (batch: StoredBatch) => Promise<void>, options: ForwarderOptions): Promise<void> {
  const clock = options.clock ?? systemClock;
  const initial = options.initialDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 300_000;
  for (;;) {
    const batch = await buffer.next(options.signal);
    if (!batch) return;
    for (let attempt = 0; ; attempt++) {
      try {
        await store(batch);
        break;
      } catch (err) {
        options.onError?.(err, batch, attempt);
        if (options.signal.aborted) return;
        await clock.sleep(Math.floor((options.random ?? Math.random)() * Math.min(max, initial * 2 ** attempt)), options.signal);
        if (options.signal.aborted) return;
      }
    }
    await buffer.ack(batch.seq);
    options.onForwarded?.(batch);
  }
}
