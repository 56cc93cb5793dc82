/**
 * How long the master waits for an answer. EN 13757-2 fixes the slave's side (330 bit times +
 * 50 ms); the path in between (a TCP gateway, a USB converter) adds an unknown delay, covered by
 * a margin. Rather than always paying the worst-case margin — which every empty probe of a
 * secondary scan waits out in full — the window learns the path: after a few answers it uses
 * three times the largest extra delay seen recently (plus 20 ms), never below 50 ms and never
 * above the configured margin. A fixed window given by the user is used as it is.
 */
import { responseTimeoutMs, wireTimeMs } from './timing';

/** Answers needed before the margin adapts, and how many recent ones it looks at. */
const LEARN_AFTER = 3;
const REMEMBER = 32;
const MIN_MARGIN_MS = 50;

export class ReplyWindow {
  private readonly extraDelays: number[] = [];

  constructor(private readonly baudRate: number, private readonly maxMarginMs: number, private readonly fixedMs?: number) {}

  /** The current reply window in ms (before the request's own time on the wire). */
  get timeoutMs(): number {
    if (this.fixedMs !== undefined) return this.fixedMs;
    return responseTimeoutMs(this.baudRate, this.marginMs());
  }

  /** Records an answer: `elapsedMs` from sending `requestBytes` to the end of `replyBytes`. */
  observe(requestBytes: number, replyBytes: number, elapsedMs: number): void {
    const extra = Math.max(0, elapsedMs - wireTimeMs(requestBytes + replyBytes, this.baudRate));
    this.extraDelays.push(extra);
    if (this.extraDelays.length > REMEMBER) this.extraDelays.shift();
  }

  private marginMs(): number {
    if (this.extraDelays.length < LEARN_AFTER) return this.maxMarginMs;
    const learned = 3 * Math.max(...this.extraDelays) + 20;
    return Math.min(this.maxMarginMs, Math.max(MIN_MARGIN_MS, learned));
  }
}
