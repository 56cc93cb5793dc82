/**
 * A global concurrency limit: at most `limit` jobs at once (here: buses being polled), the
 * rest wait first come first served. A job's failure frees its slot like a success does.
 */

export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit ${limit}: must be an integer ≥ 1`);
  }

  get running(): number {
    return this.active;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
