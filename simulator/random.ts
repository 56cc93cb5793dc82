/**
 * Deterministic randomness for the building simulator. Two kinds: `hashUnit(...keys)` gives the
 * same number in [0, 1) for the same integer keys (seed, device, day …) in any order of calls,
 * so a register is a pure function of simulated time; `Sequence` is a seeded stream
 * (mulberry32) for the one-off choices made when a building is laid out (ids, fault placement).
 */

/** 32-bit integer hash (murmur3 finaliser) of a list of integers. */
export function hash32(...keys: number[]): number {
  let h = 0x811c9dc5;
  for (const key of keys) {
    h = Math.imul(h ^ (key >>> 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Uniform in [0, 1), a pure function of the keys. */
export function hashUnit(...keys: number[]): number {
  return hash32(...keys) / 4294967296;
}

/** A seeded stream of numbers (mulberry32). */
export class Sequence {
  private state: number;

  constructor(seed: number) {
    this.state = hash32(seed) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max], both included. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}
