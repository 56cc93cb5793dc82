/**
 * Per-bus queue: one transaction at a time on a physical bus (a serial port or a TCP gateway),
 * first come first served. A transaction is an async job that gets an AbortSignal; the lock is
 * released when the job settles, when it overruns its time limit, or when the queue closes, so
 * a throwing, hanging or timing-out job never blocks the ones behind it. `close()` aborts the
 * running job and rejects the waiting ones (Node-RED close, CLI shutdown).
 */

/** The queue was closed before or while the job ran. */
export class QueueClosedError extends Error {
  override readonly name = 'QueueClosedError';
}

/** The job did not settle within its time limit; the bus was handed to the next job. */
export class QueueTimeoutError extends Error {
  override readonly name = 'QueueTimeoutError';
}

export interface JobOptions {
  /** Abort the job and release the bus after this long (default: no limit). */
  timeoutMs?: number;
  /** The caller's own cancellation: aborts the job, or removes it from the queue while waiting. */
  signal?: AbortSignal;
}

interface Waiting {
  start(): void;
  fail(err: Error): void;
}

export class BusQueue {
  private readonly waiting: Waiting[] = [];
  private running: AbortController | undefined;
  private closedWith: Error | undefined;

  /** `name` names the bus in errors, e.g. "tcp 127.0.0.1:10001". */
  constructor(readonly name: string) {}

  /** Jobs waiting for the bus (not counting the running one). */
  get pending(): number {
    return this.waiting.length;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Runs `job` once the bus is free; resolves or rejects with the job's outcome. */
  run<T>(job: (signal: AbortSignal) => Promise<T>, options: JobOptions = {}): Promise<T> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    if (options.signal?.aborted) return Promise.reject(abortReason(options.signal, this.name));
    return new Promise<T>((resolve, reject) => {
      const entry: Waiting = {
        start: () => { options.signal?.removeEventListener('abort', leave); this.execute(job, options, resolve, reject); },
        fail: (err) => { options.signal?.removeEventListener('abort', leave); reject(err); },
      };
      const leave = (): void => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(abortReason(options.signal!, this.name));
      };
      options.signal?.addEventListener('abort', leave, { once: true });
      this.waiting.push(entry);
      if (!this.running) this.next();
    });
  }

  /** Aborts the running job, rejects every waiting job and every later run(). */
  close(reason: Error = new QueueClosedError(`${this.name}: closed`)): void {
    if (this.closedWith) return;
    this.closedWith = reason;
    for (const entry of this.waiting.splice(0)) entry.fail(reason);
    this.running?.abort(reason);
  }

  private next(): void {
    this.waiting.shift()?.start();
  }

  private execute<T>(job: (signal: AbortSignal) => Promise<T>, options: JobOptions,
    resolve: (value: T) => void, reject: (err: unknown) => void): void {
    const controller = new AbortController();
    this.running = controller;
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
      controller.signal.removeEventListener('abort', onAbort);
      if (this.running === controller) this.running = undefined;
      outcome();
      if (!this.running) this.next();
    };
    const onAbort = (): void => finish(() => reject(controller.signal.reason));
    const onCallerAbort = (): void => controller.abort(abortReason(options.signal!, this.name));
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => controller.abort(
      new QueueTimeoutError(`${this.name}: transaction did not finish within ${options.timeoutMs} ms`)), options.timeoutMs);
    controller.signal.addEventListener('abort', onAbort, { once: true });
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    let promise: Promise<T>;
    try {
      promise = job(controller.signal);
    } catch (err) {
      promise = Promise.reject(err);
    }
    promise.then((value) => finish(() => resolve(value)), (err) => finish(() => reject(err)));
  }
}

function abortReason(signal: AbortSignal, name: string): Error {
  return signal.reason instanceof Error ? signal.reason : new QueueClosedError(`${name}: aborted`);
}
