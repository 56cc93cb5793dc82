/**
 * Bounded exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And
 * Jitter"): attempt n waits a random time in [0, min(max, initial × 2^n)], so many hubs that lost
 * the same gateway do not reconnect in lockstep. Used by the transports when (re)opening.
 */

export interface BackoffOptions {
  /** Connection attempts per open() before giving up (default 4). */
  attempts?: number;
  /** Ceiling of the first delay (default 250 ms). */
  initialDelayMs?: number;
  /** Largest delay (default 5000 ms). */
  maxDelayMs?: number;
  /** Random source in [0, 1), for deterministic tests (default Math.random). */
  random?: () => number;
}

export const DEFAULT_BACKOFF: Required<Omit<BackoffOptions, 'random'>> = { attempts: 4, initialDelayMs: 250, maxDelayMs: 5000 };

/** Delay before retry number `retry` (0 = the wait after the first failure). */
export function backoffDelay(retry: number, options: BackoffOptions = {}): number {
  const initial = options.initialDelayMs ?? DEFAULT_BACKOFF.initialDelayMs;
  const max = options.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs;
  const ceiling = Math.min(max, initial * 2 ** retry);
  return Math.floor((options.random ?? Math.random)() * ceiling);
}

/**
 * Calls `attempt` until it resolves or `attempts` calls have failed (then rethrows the last
 * error); waits backoffDelay between calls. Stops early when `signal` aborts or `fatal(err)`.
 */
export async function withBackoff<T>(attempt: () => Promise<T>, options: BackoffOptions = {},
  signal?: AbortSignal, fatal: (err: unknown) => boolean = () => false): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? DEFAULT_BACKOFF.attempts);
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (n + 1 >= attempts || signal?.aborted || fatal(err)) throw err;
      await sleep(backoffDelay(n, options), signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
