/**
 * The scheduler's and forwarder's sense of time, injectable: the system clock in production, a
 * manual clock in tests, so a day of polling runs in milliseconds. `sleep` resolves early (not
 * rejects) when the signal aborts; callers check the signal afterwards.
 */

export interface Clock {
  /** Milliseconds since 1970 (UTC). */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** setTimeout's largest delay (≈ 24.8 days); longer sleeps wake early and the caller re-checks. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise((resolve) => {
      if (signal?.aborted) { resolve(); return; }
      const done = (): void => { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve(); };
      const timer = setTimeout(done, Math.min(MAX_TIMER_MS, Math.max(0, ms)));
      signal?.addEventListener('abort', done, { once: true });
    });
  },
};

interface Sleeper {
  at: number;
  wake(): void;
}

/** A clock that moves only when told to: `advance(ms)` wakes the sleepers in time order. */
export class ManualClock implements Clock {
  private sleepers: Sleeper[] = [];

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) { resolve(); return; }
      const sleeper: Sleeper = {
        at: this.time + Math.max(0, ms),
        wake: () => { signal?.removeEventListener('abort', abort); resolve(); },
      };
      const abort = (): void => { this.sleepers = this.sleepers.filter((s) => s !== sleeper); resolve(); };
      signal?.addEventListener('abort', abort, { once: true });
      this.sleepers.push(sleeper);
    });
  }

  /** Sleepers waiting now (tests wait for the code under test to go to sleep). */
  get waiting(): number {
    return this.sleepers.length;
  }

  /** Moves time forward by `ms`, waking every sleeper due on the way (and letting its work run). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      const due = this.sleepers.filter((s) => s.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.sleepers = this.sleepers.filter((s) => s !== due);
      this.time = Math.max(this.time, due.at);
      due.wake();
    }
    this.time = end;
    await settle();
  }
}

/** Lets pending promise callbacks and immediate tasks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
