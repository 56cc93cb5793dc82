/**
 * The sink's disk buffer: lib/collection's crash-safe forward buffer and forwarder, holding
 * batches of line-protocol lines instead of readings. A reading is turned into its line when
 * it is accepted (registry tags included), so what was acknowledged upstream is exactly what
 * will be written, and the journal is about half the size of the readings' JSON and several
 * times faster to write and read back. The forward buffer is typed for readings and only
 * serialises what it is given as JSON, so this file is the one place that hands it strings.
 */
import { ForwardBuffer, forward, type StoredBatch } from '../../../lib/collection';

export interface LineBatch { id: string; seq: number; lines: string[]; redelivery: boolean }

export interface ForwardLinesOptions {
  signal: AbortSignal;
  initialDelayMs: number;
  maxDelayMs: number;
  onError(err: unknown, batch: LineBatch, attempt: number): void;
  onForwarded(batch: LineBatch): void;
}

const asLines = (batch: StoredBatch): LineBatch =>
  ({ id: batch.id, seq: batch.seq, lines: batch.readings as unknown as string[], redelivery: batch.redelivery });

export class LineBuffer {
  private constructor(private readonly buffer: ForwardBuffer) {}

  static async open(dir: string, onCorrupt: (message: string) => void): Promise<LineBuffer> {
    return new LineBuffer(await ForwardBuffer.open(dir, { onCorrupt }));
  }

  /** Batches not yet acknowledged by InfluxDB. */
  get pending(): number {
    return this.buffer.pending;
  }

  /** Resolves once the lines are on disk (fdatasync). */
  append(lines: string[]): Promise<string> {
    return this.buffer.append(lines as unknown as Parameters<ForwardBuffer['append']>[0]);
  }

  /** Forwards batch after batch, oldest first, acknowledging each once `store` resolved; retries with full-jitter backoff. */
  forward(store: (batch: LineBatch) => Promise<void>, options: ForwardLinesOptions): Promise<void> {
    return forward(this.buffer, (batch) => store(asLines(batch)), {
      signal: options.signal, initialDelayMs: options.initialDelayMs, maxDelayMs: options.maxDelayMs,
      onError: (err, batch, attempt) => options.onError(err, asLines(batch), attempt),
      onForwarded: (batch) => options.onForwarded(asLines(batch)),
    });
  }

  close(): Promise<void> {
    return this.buffer.close();
  }
}
