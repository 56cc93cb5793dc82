/**
 * The InfluxDB sink: readings in, points in InfluxDB out, nothing lost in between.
 *
 * write(readings) → each reading becomes its line (line-protocol.ts, registry tags added) →
 * gathered into batches (batcher.ts, size + time) → appended to the disk buffer (line-buffer.ts;
 * `write` resolves only now, so an upstream acknowledgement means "on disk") → the forwarder
 * sends the oldest batches (two overlapping) in requests of `requestLines`, `concurrency` in
 * flight in all, and acknowledges each in the buffer, in order, after InfluxDB answered 204. Network errors, 5xx and configuration errors are retried with full-jitter
 * exponential backoff, for as long as it takes (an outage of hours piles up on disk, not in
 * memory); points InfluxDB refuses (other 4xx) and readings that cannot become a point go to the
 * dead-letter file (dead-letter.ts) and are reported. Writes are idempotent, so the batch that was
 * in flight at a crash may safely be sent again.
 */
import * as path from 'node:path';
import { describeError } from '../../../lib/errors';
import type { Reading } from '../../../lib/reading';
import { Batcher } from './batcher';
import { DeadLetterFile } from './dead-letter';
import { ConcurrencyLimit } from '../../../lib/collection/concurrency';
import { LineBuffer, requestBodies, type LineBatch } from './line-buffer';
import { LineEncoder, type PlacementLookup } from './line-protocol';
import { InfluxV1Writer } from './v1-writer';
import { InfluxV2Writer } from './v2-writer';
import { WriteError, type InfluxConnection, type InfluxWriter } from './writer';

export interface InfluxSinkOptions {
  connection: InfluxConnection;
  /** The sink's own folder: the disk buffer (`buffer/`) and `dead-letter.ndjson`. One folder per sink. */
  dir: string;
  /** Measurement name (default `reading`). */
  measurement?: string;
  /** Registry enrichment: property / building / apartment tags of a meter. */
  lookup?: PlacementLookup;
  /** Readings per buffered batch (default 20 000: one disk sync and one acknowledgement for many requests) … */
  batchSize?: number;
  /** … or this long after the first one (default 1000 ms). */
  flushIntervalMs?: number;
  /** Lines per write request (default 5000) … */
  requestLines?: number;
  /** … and requests in flight at once (default 2). */
  concurrency?: number;
  /** Retry delay ceiling: starts at `initialDelayMs` (1 s), doubles up to `maxDelayMs` (60 s). */
  retry?: { initialDelayMs?: number; maxDelayMs?: number };
  /** Something worth telling the user happened (a failure, a dead letter, a recovery). */
  onEvent?(event: SinkEvent): void;
  /** Called on every change of the counters (for a status display). */
  onStats?(stats: SinkStats): void;
  /** Replaces the HTTP writer (tests). */
  writer?: InfluxWriter;
}

export type SinkEvent =
  | { kind: 'down'; error: string; attempt: number }
  | { kind: 'up'; pendingBatches: number }
  | { kind: 'dead-letter'; error: string; lines: number; readings: number; file: string }
  | { kind: 'corrupt'; message: string };

export interface SinkStats {
  /** Readings on disk since start (acknowledged upstream). */
  buffered: number;
  /** Points InfluxDB accepted since start. */
  sent: number;
  /** Batches on disk not yet in InfluxDB (including those from before a restart). */
  pendingBatches: number;
  /** Points and readings put in the dead-letter file since start. */
  deadLettered: number;
  state: 'up' | 'down' | 'idle';
  lastError?: string;
}

export interface WriteResult { buffered: number; rejected: number }

/** Buffered batches being sent at once: the next one's requests start while the previous one's last run and its acknowledgement is written. */
const BATCHES_IN_FLIGHT = 2;

export function createWriter(connection: InfluxConnection): InfluxWriter {
  return connection.version === 1 ? new InfluxV1Writer(connection) : new InfluxV2Writer(connection);
}

export class InfluxSink {
  private readonly batcher: Batcher;
  private readonly abort = new AbortController();
  private readonly loop: Promise<void>;
  private readonly progress: Array<() => void> = [];
  private readonly requests: ConcurrencyLimit;
  private readonly encoder: LineEncoder;
  private stats_: SinkStats = { buffered: 0, sent: 0, pendingBatches: 0, deadLettered: 0, state: 'idle' };
  private closing = false;

  private constructor(
    private readonly options: InfluxSinkOptions, private readonly buffer: LineBuffer,
    private readonly writer: InfluxWriter, readonly deadLetter: DeadLetterFile,
  ) {
    this.requests = new ConcurrencyLimit(options.concurrency ?? 2);
    this.encoder = new LineEncoder({ measurement: options.measurement, lookup: options.lookup });
    this.batcher = new Batcher({
      size: options.batchSize ?? 20_000, intervalMs: options.flushIntervalMs ?? 1000,
      append: async (body, lines) => { await buffer.append(body); this.stats_.buffered += lines; this.changed(); },
    });
    this.loop = buffer.forward((batch) => this.send(batch), {
      signal: this.abort.signal, window: BATCHES_IN_FLIGHT,
      initialDelayMs: options.retry?.initialDelayMs ?? 1000, maxDelayMs: options.retry?.maxDelayMs ?? 60_000,
      onError: (err, _batch, attempt) => {
        this.stats_.lastError = describeError(err);
        if (this.abort.signal.aborted) return;
        if (this.stats_.state !== 'down') options.onEvent?.({ kind: 'down', error: this.stats_.lastError, attempt });
        this.stats_.state = 'down';
        this.changed();
      },
      onForwarded: () => this.changed(),
    });
    this.loop.catch((err: unknown) => options.onEvent?.({ kind: 'down', error: `forwarder stopped: ${describeError(err)}`, attempt: 0 }));
    this.changed();
  }

  /** Opens the disk buffer under `options.dir` and starts forwarding what it holds. */
  static async open(options: InfluxSinkOptions): Promise<InfluxSink> {
    const writer = options.writer ?? createWriter(options.connection);
    const buffer = await LineBuffer.open(path.join(options.dir, 'buffer'), BATCHES_IN_FLIGHT, (message) => options.onEvent?.({ kind: 'corrupt', message }));
    return new InfluxSink(options, buffer, writer, new DeadLetterFile(options.dir));
  }

  stats(): SinkStats {
    return { ...this.stats_, pendingBatches: this.buffer.pending };
  }

  /**
   * Accepts readings; resolves once all of them are on disk (then acknowledging upstream is
   * safe). Readings that cannot become a point (timestamp not a date) are dead-lettered.
   */
  async write(readings: Reading[]): Promise<WriteResult> {
    if (this.closing) throw new Error('InfluxDB sink: closed');
    const durable: Array<Promise<void>> = [];
    let buffered = 0;
    const unwritable = this.encoder.encode(readings, (line) => {
      const batch = this.batcher.add(line);
      if (durable[durable.length - 1] !== batch) durable.push(batch);
      buffered++;
    });
    if (unwritable.length > 0) {
      const reason = [...new Set(unwritable.map((u) => u.reason))].join('; ');
      await this.deadLettered({ reason, readings: unwritable.map((u) => u.reading) }, unwritable.length);
    }
    await Promise.all(durable);
    return { buffered, rejected: unwritable.length };
  }

  /** Resolves once everything written so far is in InfluxDB (or aborted by `signal`). */
  async drained(signal?: AbortSignal): Promise<void> {
    await this.batcher.flush();
    const wake = (): void => this.changed();
    signal?.addEventListener('abort', wake, { once: true });
    while (this.buffer.pending > 0 && !signal?.aborted && !this.abort.signal.aborted) {
      await new Promise<void>((resolve) => this.progress.push(resolve));
    }
    signal?.removeEventListener('abort', wake);
  }

  /**
   * Stops: gathered lines go to disk, then the forwarder gets up to `timeoutMs` to send what is
   * buffered (not waited for while InfluxDB is down); the rest stays on disk for the next start.
   */
  async close(timeoutMs = 10_000): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.batcher.flush().catch(() => undefined);
    if (this.stats_.state !== 'down' && this.buffer.pending > 0) {
      const timeout = AbortSignal.timeout(timeoutMs);
      await this.drained(timeout);
    }
    this.abort.abort();
    this.changed();
    await this.loop.catch(() => undefined);
    await this.buffer.close();
    await this.writer.close();
  }

  /**
   * One buffered batch into InfluxDB, in requests of `requestLines` sharing `concurrency` slots
   * with the other batch in flight (the order of points does not matter: each has its time).
   * Refused points go to the dead-letter file; any other failure fails the batch (its remaining
   * requests are not started), which is then sent again whole (idempotent).
   */
  private async send(batch: LineBatch): Promise<void> {
    let failed = false;
    const results = await Promise.allSettled([...requestBodies(batch.body, this.options.requestLines ?? 5000)].map((request) =>
      this.requests.run(async () => {
        if (failed) throw new Error('an earlier request of the batch failed');
        await this.request(request.body, request.lines).catch((err: unknown) => { failed = true; throw err; });
      })));
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason;
    if (this.stats_.state === 'down') this.options.onEvent?.({ kind: 'up', pendingBatches: this.buffer.pending });
    this.stats_.state = 'up';
  }

  private async request(body: Buffer, lines: number): Promise<void> {
    try {
      await this.writer.write(body, this.abort.signal);
      this.stats_.sent += lines;
    } catch (err) {
      if (!(err instanceof WriteError) || err.retryable) throw err;
      await this.deadLettered({ reason: err.message, ...(err.status ? { status: err.status } : {}), lines: body.toString('utf8').split('\n') }, lines);
    }
  }

  private async deadLettered(record: Parameters<DeadLetterFile['append']>[0], count: number): Promise<void> {
    await this.deadLetter.append(record);
    this.stats_.deadLettered += count;
    this.options.onEvent?.({
      kind: 'dead-letter', error: record.reason, lines: record.lines?.length ?? 0,
      readings: record.readings?.length ?? 0, file: this.deadLetter.file,
    });
  }

  private changed(): void {
    for (const wake of this.progress.splice(0)) wake();
    this.options.onStats?.(this.stats());
  }
}
