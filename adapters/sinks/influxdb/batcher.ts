/**
 * Gathers lines into batches for the disk buffer: a batch is appended once it has `size`
 * lines or `intervalMs` after its first line, whichever comes first (group commit: one
 * fdatasync for many messages). `add` resolves when every line it added is on disk, so the
 * caller can acknowledge upstream exactly then.
 */
export interface BatcherOptions {
  size: number;
  intervalMs: number;
  /** Persists one batch; its rejection rejects every `add` whose lines were in it. */
  append(lines: string[]): Promise<unknown>;
}

interface OpenBatch { lines: string[]; done: Promise<void>; settle(err?: unknown): void }

export class Batcher {
  private open: OpenBatch | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: BatcherOptions) {}

  /** Lines gathered and not yet handed to `append`. */
  get gathered(): number {
    return this.open?.lines.length ?? 0;
  }

  add(lines: string[]): Promise<void> {
    const batches = new Set<Promise<void>>();
    for (const line of lines) {
      const batch = this.current();
      batch.lines.push(line);
      batches.add(batch.done);
      if (batch.lines.length >= this.options.size) this.flush();
    }
    return Promise.all(batches).then(() => undefined);
  }

  /** Hands the gathered lines to `append` now; resolves once they are on disk. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.open;
    if (!batch) return Promise.resolve();
    this.open = undefined;
    this.options.append(batch.lines).then(() => batch.settle(), (err: unknown) => batch.settle(err));
    return batch.done;
  }

  private current(): OpenBatch {
    if (this.open) return this.open;
    let settle!: (err?: unknown) => void;
    const done = new Promise<void>((resolve, reject) => { settle = (err) => (err === undefined ? resolve() : reject(err)); });
    done.catch(() => undefined); // the rejection is the callers' to see; never unhandled here
    this.open = { lines: [], done, settle };
    this.timer = setTimeout(() => void this.flush(), this.options.intervalMs);
    return this.open;
  }
}
