/**
 * Store-and-forward: the collector's on-disk buffer of reading batches (SABO: data stays until
 * the central store has acknowledged it). Append-only journal segments of checksummed records
 * (journal-record.ts) in one folder (journal-files.ts); `append` resolves only once the batch is
 * on disk (fdatasync), `next` hands out the oldest unacknowledged batch, `ack` records durably
 * that the downstream has it and only then may a segment whose batches are all acknowledged be
 * deleted. After a crash the torn tail of the last segment is cut off; the one batch that may
 * have reached the downstream without its acknowledgement being recorded comes again with the
 * same id and `redelivery: true`, so the downstream can drop it (idempotent by batch id).
 * Memory stays bounded: one batch is held at a time, the journal is read record by record.
 */
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { Reading } from '../reading';
import { bufferId, listSegments, readAcked, segmentPath, syncDir, writeDurably } from './journal-files';
import { encodeRecord, readRecord } from './journal-record';

export interface StoredBatch {
  /** `<buffer id>:<seq>`: unique across collectors and restarts; the downstream's idempotency key. */
  id: string;
  seq: number;
  /** When it was appended (ISO 8601 UTC). */
  at: string;
  readings: Reading[];
  /** It may have been handed to the downstream before a crash already. */
  redelivery: boolean;
}

export interface ForwardBufferOptions {
  /** Start a new segment once the current one has this many bytes (default 8 MiB). */
  segmentBytes?: number;
  /** Damaged records skipped, or a torn tail cut (one line each; default: ignored). */
  onCorrupt?(message: string): void;
  now?(): number;
}

interface Cursor { first: number; offset: number }
type StoredRecord = Omit<StoredBatch, 'redelivery'>;

export class ForwardBuffer {
  private head: (StoredBatch & { next: number }) | undefined;
  private reader: { first: number; file: FileHandle } | undefined;
  private waiters: Array<() => void> = [];
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly dir: string, readonly id: string, private readonly options: ForwardBufferOptions,
    private segments: number[], private writer: FileHandle, private size: number,
    private nextSeq: number, private acked: number, private cursor: Cursor, private readonly redeliverySeq: number,
  ) {}

  /** Opens (or creates) the buffer in `dir`, repairing a torn tail. */
  static async open(dir: string, options: ForwardBufferOptions = {}): Promise<ForwardBuffer> {
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
    const { size, lastSeq } = await repairTail(writer, last, options.onCorrupt);
    const nextSeq = Math.max(acked, lastSeq) + 1;
    const first = [...segments].reverse().find((s) => s <= acked + 1) ?? segments[0]!;
    const buffer = new ForwardBuffer(dir, id, options, segments, writer, size, nextSeq, acked, { first, offset: 0 },
      acked + 1 < nextSeq ? acked + 1 : 0);
    await buffer.dropAcknowledgedSegments();
    return buffer;
  }

  /** Batches appended and not yet acknowledged. */
  get pending(): number {
    return this.nextSeq - 1 - this.acked;
  }

  /** Appends one batch; resolves with its id once it is durable. */
  append(readings: Reading[]): Promise<string> {
    return this.serial(async () => {
      if (this.closed) throw new Error(`forward buffer ${this.dir}: closed`);
      if (this.size >= (this.options.segmentBytes ?? 8 * 2 ** 20)) await this.rotate();
      const seq = this.nextSeq;
      const record: StoredRecord = { id: `${this.id}:${seq}`, seq, at: new Date(this.options.now?.() ?? Date.now()).toISOString(), readings };
      const bytes = encodeRecord(record);
      await this.writer.write(bytes, 0, bytes.length);
      await this.writer.datasync();
      this.size += bytes.length;
      this.nextSeq++;
      for (const wake of this.waiters.splice(0)) wake();
      return record.id;
    });
  }

  /** The oldest unacknowledged batch, waiting for one when empty; undefined once aborted or closed. */
  async next(signal?: AbortSignal): Promise<StoredBatch | undefined> {
    while (!this.head && !this.closed && !signal?.aborted) {
      const index = this.segments.indexOf(this.cursor.first);
      const active = index === this.segments.length - 1;
      const file = await this.readerOf(this.cursor.first);
      const limit = active ? this.size : (await file.stat()).size;
      const read = await readRecord(file, this.cursor.offset, limit);
      if (read.kind === 'record') {
        const record = read.value as StoredRecord;
        if (record.seq <= this.acked) { this.cursor.offset = read.next; continue; }
        this.head = { ...record, redelivery: record.seq === this.redeliverySeq, next: read.next };
      } else if (!active) {
        if (read.kind === 'invalid') this.options.onCorrupt?.(`${segmentPath(this.dir, this.cursor.first)}: ${read.reason}; rest of the segment skipped`);
        this.cursor = { first: this.segments[index + 1]!, offset: 0 };
      } else {
        await this.appended(signal);
      }
    }
    if (!this.head) return undefined;
    const { next: _next, ...batch } = this.head;
    return batch;
  }

  /** Records durably that the downstream has batch `seq` (the one `next` gave); frees acknowledged segments. */
  ack(seq: number): Promise<void> {
    return this.serial(async () => {
      if (!this.head || this.head.seq !== seq) throw new Error(`forward buffer: ack of batch ${seq}, but the oldest unacknowledged is ${this.head?.seq ?? 'not read yet'}`);
      await writeDurably(this.dir, 'acked', `${seq}\n`);
      this.acked = seq;
      this.cursor.offset = this.head.next;
      this.head = undefined;
      await this.dropAcknowledgedSegments();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiters.splice(0)) wake();
    await this.chain.catch(() => undefined);
    await this.reader?.file.close();
    await this.writer.close();
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.chain.then(job, job);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private appended(signal?: AbortSignal): Promise<void> {
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
async function repairTail(file: FileHandle, first: number, onCorrupt?: (message: string) => void): Promise<{ size: number; lastSeq: number }> {
  const size = (await file.stat()).size;
  let offset = 0;
  let lastSeq = first - 1;
  for (;;) {
    const read = await readRecord(file, offset, size);
    if (read.kind === 'end') return { size: offset, lastSeq };
    if (read.kind === 'invalid') {
      onCorrupt?.(`segment ${first}: ${read.reason}; ${size - offset} byte(s) cut off (an append cut short by a crash)`);
      await file.truncate(offset);
      await file.datasync();
      return { size: offset, lastSeq };
    }
    lastSeq = (read.value as StoredRecord).seq;
    offset = read.next;
  }
}
