/**
 * The sink's disk buffer: lib/collection's crash-safe forward buffer and forwarder, holding
 * batches of line protocol. A reading is turned into its line when it is accepted (registry
 * tags included), so what was acknowledged upstream is exactly what will be written. A record's
 * payload is a one-line JSON header `{"id","seq","at"}`, a line break, then the batch's lines as
 * UTF-8 text joined by line breaks — journalled and read back as bytes, never parsed: the request
 * bodies are slices of what was read from disk.
 */
import { ForwardBuffer, type BatchCodec, type JournalEntry, type StoredBatch } from '../../../lib/collection/forward-buffer';
import { forward } from '../../../lib/collection/forwarder';

/** A batch: `body` is its lines joined by '\n' (UTF-8). */
export interface LineBatch { id: string; seq: number; body: Buffer; redelivery: boolean }

export interface ForwardLinesOptions {
  signal: AbortSignal;
  initialDelayMs: number;
  maxDelayMs: number;
  /** Batches being sent at once (the next starts while the previous one finishes and is acknowledged). */
  window: number;
  onError(err: unknown, batch: LineBatch, attempt: number): void;
  onForwarded(batch: LineBatch): void;
}

const NEWLINE = 0x0a;

/** A body cut into requests of at most `size` lines each (slices, not copies; no line break at their ends). */
export function* requestBodies(body: Buffer, size: number): Generator<{ body: Buffer; lines: number }> {
  for (let start = 0; start < body.length;) {
    let end = start - 1;
    let lines = 0;
    while (lines < size && end < body.length) { end = body.indexOf(NEWLINE, end + 1); lines++; if (end === -1) end = body.length; }
    yield { body: body.subarray(start, end), lines };
    start = end + 1;
  }
}

/** A record of the first version (0.2.0): the JSON entry with the lines as an array, still read so an upgrade loses nothing. */
function legacy(payload: Buffer): JournalEntry<Buffer> {
  const { readings, ...header } = JSON.parse(payload.toString('utf8')) as JournalEntry<string[]>;
  if (!Array.isArray(readings)) throw new Error('not a batch of lines');
  return { ...header, readings: Buffer.from(readings.join('\n'), 'utf8') };
}

const lineCodec: BatchCodec<Buffer> = {
  encode: ({ readings, ...header }) => [Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), readings],
  decode: (payload) => {
    const end = payload.indexOf(NEWLINE);
    if (end === -1) return legacy(payload);
    const header = JSON.parse(payload.toString('utf8', 0, end)) as Omit<JournalEntry<Buffer>, 'readings'>;
    return { ...header, readings: payload.subarray(end + 1) };
  },
};

export class LineBuffer {
  private constructor(private readonly buffer: ForwardBuffer<Buffer>) {}

  /** `window`: the most batches ever sent at once, by this or an earlier run (redeliveries after a crash). */
  static async open(dir: string, window: number, onCorrupt: (message: string) => void): Promise<LineBuffer> {
    return new LineBuffer(await ForwardBuffer.open(dir, { onCorrupt, codec: lineCodec, window }));
  }

  /** Batches not yet acknowledged by InfluxDB. */
  get pending(): number {
    return this.buffer.pending;
  }

  /** Appends a batch (lines joined by '\n', UTF-8); resolves once it is on disk (fdatasync). */
  append(body: Buffer): Promise<string> {
    return this.buffer.append(body);
  }

  /** Forwards the batches, oldest first, acknowledging them in order once `store` resolved; retries with full-jitter backoff. */
  forward(store: (batch: LineBatch) => Promise<void>, options: ForwardLinesOptions): Promise<void> {
    const asLines = ({ id, seq, readings, redelivery }: StoredBatch<Buffer>): LineBatch => ({ id, seq, body: readings, redelivery });
    return forward(this.buffer, (batch) => store(asLines(batch)), {
      signal: options.signal, initialDelayMs: options.initialDelayMs, maxDelayMs: options.maxDelayMs, window: options.window,
      onError: (err, batch, attempt) => options.onError(err, asLines(batch), attempt),
      onForwarded: (batch) => options.onForwarded(asLines(batch)),
    });
  }

  close(): Promise<void> {
    return this.buffer.close();
  }
}
