/**
 * Duplicate suppression: a meter's telegram heard through a repeater or by two receivers
 * arrives more than once within seconds. The same telegram content (CRCs stripped, so format A
 * and "no CRC" receivers agree; the ELL hop-count bit cleared, which a repeater sets) within the
 * window is kept once. RSSI and receiver are not part of the content: the first reception's
 * are kept on its readings (`source.via`, `source.rssi`). Memory is bounded (oldest dropped).
 */
import { frameRef } from '../../../lib/frame-ref';

const ELL_HOP_COUNT = 0x10;
const CI_AT = 10;

/** Content key of a CRC-stripped telegram ("L C M A CI …"): its frame reference, hop bit cleared. */
export function telegramKey(stripped: Uint8Array): string {
  const ci = stripped[CI_AT]!;
  if (ci >= 0x8c && ci <= 0x8f && stripped.length > CI_AT + 1 && stripped[CI_AT + 1]! & ELL_HOP_COUNT) {
    const copy = stripped.slice();
    copy[CI_AT + 1]! &= ~ELL_HOP_COUNT;
    return frameRef(copy);
  }
  return frameRef(stripped);
}

export class Deduplicator {
  private readonly seen = new Map<string, number>();

  /** `windowMs`: how long a telegram counts as the same reception; `maxEntries` bounds memory. */
  constructor(readonly windowMs = 30_000, private readonly maxEntries = 100_000) {}

  /** True the first time `key` is seen within the window (keep it), false for a duplicate. */
  accept(key: string, nowMs: number): boolean {
    const last = this.seen.get(key);
    if (last !== undefined && nowMs - last < this.windowMs) return false;
    this.seen.delete(key);
    this.seen.set(key, nowMs);
    if (this.seen.size > this.maxEntries) this.prune(nowMs);
    return true;
  }

  private prune(nowMs: number): void {
    for (const [key, at] of this.seen) {
      if (this.seen.size > this.maxEntries || nowMs - at >= this.windowMs) this.seen.delete(key);
      else break;
    }
  }
}
