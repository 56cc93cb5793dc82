/**
 * Gathers lines into batches for the disk buffer: a batch is appended once it has `size`
 * lines or `intervalMs` after its first line, whichever comes first (group commit: one
 * fdatasync for many messages). Lines are written straight into the batch's bytes (UTF-8,
 * joined by '\n'), so none of them outlives its encoding. `add` returns the promise of the
 * batch the line went into: it resolves once that batch is on disk, so the caller can
 * acknowledge upstream exactly then.
 */
export interface BatcherOptions {
  size: number;
  intervalMs: number;
  /** Persists one batch (`lines` lines joined by '\n'); its rejection rejects the promises of all its lines. */
  append(body: Buffer, lines: number): Promise<unknown>;
}

interface OpenBatch { body: Buffer; bytes: number; lines: number; done: Promise<void>; settle(err?: unknown): void }

/** Bytes a UTF-8 character can take per UTF-16 unit. */
const MAX_UTF8_PER_UNIT = 3;

export class Batcher {
  private open: OpenBatch | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The size of the last batch: the next one starts that large and rarely grows. */
  private capacity = 64 * 1024;

  constructor(private readonly options: BatcherOptions) {}

  /** Lines gathered and not yet handed to `append`. */
  get gathered(): number {
    return this.open?.lines ?? 0;
  }

  /** Adds one line; resolves once the batch it went into is on disk. */
  add(line: string): Promise<void> {
    const batch = this.current();
    const needed = batch.bytes + 1 + line.length * MAX_UTF8_PER_UNIT;
    if (needed > batch.body.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, batch.body.length * 2));
      batch.body.copy(grown, 0, 0, batch.bytes);
      batch.body = grown;
    }
    if (batch.lines > 0) batch.body[batch.bytes++] = 0x0a;
    batch.bytes += batch.body.write(line, batch.bytes);
    batch.lines++;
    if (batch.lines >= this.options.size) void this.flush();
    return batch.done;
  }

  /** Hands the gathered lines to `append` now; resolves once they are on disk. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.open;
    if (!batch) return Promise.resolve();
    this.open = undefined;
    this.capacity = batch.bytes + 1;
    this.options.append(batch.body.subarray(0, batch.bytes), batch.lines).then(() => batch.settle(), (err: unknown) => batch.settle(err));
    return batch.done;
  }

  private current(): OpenBatch {
    if (this.open) return this.open;
    let settle!: (err?: unknown) => void;
    const done = new Promise<void>((resolve, reject) => { settle = (err) => (err === undefined ? resolve() : reject(err)); });
    done.catch(() => undefined); // the rejection is the callers' to see; never unhandled here
    this.open = { body: Buffer.allocUnsafe(this.capacity), bytes: 0, lines: 0, done, settle };
    this.timer = setTimeout(() => void this.flush(), this.options.intervalMs);
    return this.open;
  }
}
