/**
 * Store-and-forward: the collector's on-disk buffer of batches (SABO: data stays until the
 * central store has acknowledged it). Append-only journal segments of checksummed records
 * (journal-record.ts) in one folder (journal-files.ts); a batch's payload is made by a codec
 * (JSON of the readings by default; a sink may journal its own bytes, e.g. line protocol).
 * `append` resolves only once the batch is on disk (fdatasync; appends arriving together share
 * one: group commit); `next` hands out the oldest unacknowledged batch and `after(seq)` the ones
 * behind it (a forwarder may have a few in flight); `ack(seq)` records durably that the
 * downstream has every batch up to `seq`, and only then may a segment whose batches are all
 * acknowledged be deleted. Appends and acknowledgements do not wait for each other. After a
 * crash the torn tail of the last segment is cut off; the batches that may have reached the
 * downstream without their acknowledgement being recorded (at most `window`) come again with
 * the same ids and `redelivery: true`, so the downstream can drop them (idempotent by batch id).
 * Memory stays bounded: only the batches handed out and not acknowledged are held.
 */
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { Reading } from '../reading';
import { bufferId, listSegments, readAcked, segmentPath, syncDir, writeDurably } from './journal-files';
import { encodeRecord, readRecord, RECORD_HEADER_BYTES, type RecordRead } from './journal-record';

export interface StoredBatch<T = Reading[]> {
  /** `<buffer id>:<seq>`: unique across collectors and restarts; the downstream's idempotency key. */
  id: string;
  seq: number;
  /** When it was appended (ISO 8601 UTC). */
  at: string;
  /** What was appended: the readings (or what the buffer's codec holds). */
  readings: T;
  /** It may have been handed to the downstream before a crash already. */
  redelivery: boolean;
}

/** A batch as journalled. */
export type JournalEntry<T> = Omit<StoredBatch<T>, 'redelivery'>;

/** How a batch becomes a record's payload (in chunks, written without copying them together) and back. */
export interface BatchCodec<T> {
  encode(entry: JournalEntry<T>): Uint8Array[];
  /** Throws when the payload is not a batch. */
  decode(payload: Buffer): JournalEntry<T>;
}

/** The default codec: the entry as UTF-8 JSON, `{"id","seq","at","readings"}`. */
export const jsonCodec = <T>(): BatchCodec<T> => ({
  encode: (entry) => [Buffer.from(JSON.stringify(entry), 'utf8')],
  decode: (payload) => JSON.parse(payload.toString('utf8')) as JournalEntry<T>,
});

export interface ForwardBufferOptions<T = Reading[]> {
  /** Start a new segment once the current one has this many bytes (default 8 MiB). */
  segmentBytes?: number;
  /** Damaged records skipped, or a torn tail cut (one line each; default: ignored). */
  onCorrupt?(message: string): void;
  now?(): number;
  codec?: BatchCodec<T>;
  /** Most batches the forwarder has in flight unacknowledged (default 1): after a restart that many are marked as redeliveries. Never lower it across a restart. */
  window?: number;
}

interface Cursor { first: number; offset: number }
interface Append<T> { readings: T; resolve(id: string): void; reject(err: unknown): void }

export class ForwardBuffer<T = Reading[]> {
  /** Batches read (handed out or about to be) and not acknowledged, oldest first. */
  private unacked: Array<StoredBatch<T>> = [];
  private reader: { first: number; file: FileHandle } | undefined;
  private waiters: Array<() => void> = [];
  private readonly queued: Array<Append<T>> = [];
  private writing: Promise<void> | undefined;
  private reading: Promise<unknown> = Promise.resolve();
  private acking: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly dir: string, readonly id: string, private readonly options: ForwardBufferOptions<T>, private readonly codec: BatchCodec<T>,
    private segments: number[], private writer: FileHandle, private size: number,
    private nextSeq: number, private acked: number, private cursor: Cursor, private readonly redeliveryUpTo: number,
  ) {}

  /** Opens (or creates) the buffer in `dir`, repairing a torn tail. */
  static async open<T = Reading[]>(dir: string, options: ForwardBufferOptions<T> = {}): Promise<ForwardBuffer<T>> {
    await fs.mkdir(dir, { recursive: true });
    const id = await bufferId(dir);
    const acked = await readAcked(dir);
    const segments = await listSegments(dir);
    if (segments.length === 0) {
      segments.push(acked + 1);
      await (await fs.open(segmentPath(dir, acked + 1), 'a+')).close();
      await syncDir(dir);
    }
    const last = segments[segments.length - 1]!;
    const writer = await fs.open(segmentPath(dir, last), 'a+');
    const codec = options.codec ?? jsonCodec<T>();
    const { size, lastSeq } = await repairTail(writer, last, codec, options.onCorrupt);
    const nextSeq = Math.max(acked, lastSeq) + 1;
    const first = [...segments].reverse().find((s) => s <= acked + 1) ?? segments[0]!;
    const buffer = new ForwardBuffer<T>(dir, id, options, codec, segments, writer, size, nextSeq, acked, { first, offset: 0 },
      Math.min(nextSeq - 1, acked + (options.window ?? 1)));
    await buffer.dropAcknowledgedSegments();
    return buffer;
  }

  /** Batches appended and not yet acknowledged. */
  get pending(): number {
    return this.nextSeq - 1 - this.acked;
  }

  /** Appends one batch; resolves with its id once it is durable. */
  append(readings: T): Promise<string> {
    if (this.closed) return Promise.reject(new Error(`forward buffer ${this.dir}: closed`));
    return new Promise((resolve, reject) => {
      this.queued.push({ readings, resolve, reject });
      this.writing ??= this.writeQueued();
    });
  }

  /** The oldest unacknowledged batch, waiting for one when empty; undefined once aborted or closed. */
  next(signal?: AbortSignal): Promise<StoredBatch<T> | undefined> {
    return this.after(this.acked, signal);
  }

  /** The first batch after batch `seq` (read ahead of the acknowledgements), waiting for one; undefined once aborted or closed. */
  async after(seq: number, signal?: AbortSignal): Promise<StoredBatch<T> | undefined> {
    for (;;) {
      const batch = this.unacked.find((b) => b.seq > seq);
      if (batch) return batch;
      if (this.closed || signal?.aborted) return undefined;
      const read = this.reading.then(() => this.readNext(signal));
      this.reading = read.catch(() => undefined);
      await read;
    }
  }

  /** Records durably that the downstream has every batch up to `seq` (handed out by `next`/`after`); frees acknowledged segments. */
  ack(seq: number): Promise<void> {
    const run = this.acking.then(async () => {
      const oldest = this.unacked[0];
      if (!oldest || seq < oldest.seq || seq > this.unacked[this.unacked.length - 1]!.seq) {
        throw new Error(`forward buffer: ack of batch ${seq}, but the oldest unacknowledged is ${oldest?.seq ?? 'not read yet'}`);
      }
      await writeDurably(this.dir, 'acked', `${seq}\n`);
      this.acked = seq;
      this.unacked = this.unacked.filter((b) => b.seq > seq);
      await this.dropAcknowledgedSegments();
    });
    this.acking = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiters.splice(0)) wake();
    await Promise.all([this.writing, this.reading, this.acking]);
    await this.reader?.file.close();
    await this.writer.close();
  }

  /** Group commit: everything queued goes out in one write and one fdatasync, until the queue is empty. */
  private async writeQueued(): Promise<void> {
    while (this.queued.length > 0) {
      const group = this.queued.splice(0);
      try {
        if (this.closed) throw new Error(`forward buffer ${this.dir}: closed`);
        if (this.size >= (this.options.segmentBytes ?? 8 * 2 ** 20)) await this.rotate();
        const at = new Date(this.options.now?.() ?? Date.now()).toISOString();
        const ids = group.map((_, k) => `${this.id}:${this.nextSeq + k}`);
        const chunks = group.flatMap((a, k) => encodeRecord(this.codec.encode({ id: ids[k]!, seq: this.nextSeq + k, at, readings: a.readings })));
        const bytes = chunks.reduce((n, c) => n + c.length, 0);
        const { bytesWritten } = await this.writer.writev(chunks);
        if (bytesWritten !== bytes) throw new Error(`forward buffer ${this.dir}: ${bytesWritten} of ${bytes} bytes written`);
        await this.writer.datasync();
        this.size += bytes;
        this.nextSeq += group.length;
        for (const wake of this.waiters.splice(0)) wake();
        group.forEach((a, k) => a.resolve(ids[k]!));
      } catch (err) {
        for (const a of group) a.reject(err);
      }
    }
    this.writing = undefined;
  }

  /** Reads the record at the cursor into `unacked` (skipping acknowledged ones), or waits for an append. */
  private async readNext(signal?: AbortSignal): Promise<void> {
    const index = this.segments.indexOf(this.cursor.first);
    const active = index === this.segments.length - 1;
    const file = await this.readerOf(this.cursor.first);
    const limit = active ? this.size : (await file.stat()).size;
    const read = decoded(this.codec, await readRecord(file, this.cursor.offset, limit));
    if (read.kind === 'batch') {
      this.cursor.offset = read.next;
      const { entry } = read;
      if (entry.seq > this.acked) this.unacked.push({ ...entry, redelivery: entry.seq <= this.redeliveryUpTo });
    } else if (!active) {
      if (read.kind === 'invalid') this.options.onCorrupt?.(`${segmentPath(this.dir, this.cursor.first)}: ${read.reason}; rest of the segment skipped`);
      this.cursor = { first: this.segments[index + 1]!, offset: 0 };
    } else {
      await this.appended(signal);
    }
  }

  private appended(signal?: AbortSignal): Promise<void> {
    if (this.closed || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => { signal?.removeEventListener('abort', wake); resolve(); };
      this.waiters.push(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }

  private async readerOf(first: number): Promise<FileHandle> {
    if (this.reader?.first !== first) {
      await this.reader?.file.close();
      this.reader = { first, file: await fs.open(segmentPath(this.dir, first), 'r') };
    }
    return this.reader.file;
  }

  private async rotate(): Promise<void> {
    await this.writer.close();
    this.writer = await fs.open(segmentPath(this.dir, this.nextSeq), 'a+');
    await syncDir(this.dir);
    this.segments.push(this.nextSeq);
    this.size = 0;
  }

  /** Deletes every segment whose batches are all acknowledged (never the one being written). */
  private async dropAcknowledgedSegments(): Promise<void> {
    let dropped = false;
    while (this.segments.length > 1 && this.segments[1]! - 1 <= this.acked) {
      if (this.cursor.first === this.segments[0]) this.cursor = { first: this.segments[1]!, offset: 0 };
      await fs.rm(segmentPath(this.dir, this.segments.shift()!), { force: true });
      dropped = true;
    }
    if (dropped) await syncDir(this.dir);
  }
}

/** Scans the last segment; cuts off a torn or damaged tail. Returns the valid size and the last seq in it. */
async function repairTail<T>(file: FileHandle, first: number, codec: BatchCodec<T>, onCorrupt?: (message: string) => void): Promise<{ size: number; lastSeq: number }> {
  const size = (await file.stat()).size;
  let offset = 0;
  let lastSeq = first - 1;
  for (;;) {
    const read = decoded(codec, await readRecord(file, offset, size));
    if (read.kind === 'end') return { size: offset, lastSeq };
    if (read.kind === 'invalid') {
      onCorrupt?.(`segment ${first}: ${read.reason}; ${size - offset} byte(s) cut off (an append cut short by a crash)`);
      await file.truncate(offset);
      await file.datasync();
      return { size: offset, lastSeq };
    }
    lastSeq = read.entry.seq;
    offset = read.next;
  }
}

/** A record read, decoded; a payload the codec refuses counts as damage. */
function decoded<T>(codec: BatchCodec<T>, read: RecordRead): { kind: 'batch'; entry: JournalEntry<T>; next: number } | Exclude<RecordRead, { kind: 'record' }> {
  if (read.kind !== 'record') return read;
  try {
    return { kind: 'batch', entry: codec.decode(read.payload), next: read.next };
  } catch (err) {
    return { kind: 'invalid', reason: `record at ${read.next - read.payload.length - RECORD_HEADER_BYTES} is not a batch (${err instanceof Error ? err.message : String(err)})` };
  }
}
