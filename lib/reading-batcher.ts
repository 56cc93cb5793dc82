/**
 * Gathers readings that arrive one telegram at a time into batches for `msg.payload`: a batch
 * is sent `batchMs` after its first reading (0 = at once), or when flushed (on close).
 */
import type { Reading } from './reading';

export class ReadingBatcher {
  private batch: Reading[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly batchMs: number, private readonly send: (readings: Reading[]) => void) {}

  add(readings: readonly Reading[]): void {
    for (const r of readings) this.batch.push(r);
    if (this.batchMs === 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  /** Sends what is gathered now and stops the timer. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batch.length === 0) return;
    const readings = this.batch;
    this.batch = [];
    this.send(readings);
  }
}
