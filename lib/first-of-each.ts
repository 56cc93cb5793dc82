/**
 * Reports each distinct failure once: a meter with a wrong key or a broken gateway repeats the
 * same error every few seconds, and the log should say it once. Bounded: past `limit` distinct
 * keys, new ones are only counted by the caller.
 */
export class FirstOfEach {
  private readonly seen = new Set<string>();

  constructor(private readonly limit = 100) {}

  /** True the first time `key` is seen (while fewer than `limit` keys are remembered). */
  first(key: string): boolean {
    if (this.seen.has(key) || this.seen.size >= this.limit) return false;
    this.seen.add(key);
    return true;
  }
}
