/**
 * Fuzz mutations of a valid input: 1–3 bit flips, byte inserts, deletions, overwrites or a
 * truncation, chosen by the seeded PRNG (shared by the wired and wireless fuzz tests).
 */
import type { Prng } from './prng';

export function mutateBytes(r: Prng, input: Uint8Array): Uint8Array {
  let b = Array.from(input);
  for (let n = r.range(1, 4); n > 0; n--) {
    const at = r.int(b.length + 1);
    switch (r.int(5)) {
      case 0: if (at < b.length) b[at]! ^= 1 << r.int(8); break;
      case 1: b.splice(at, 0, r.byte()); break;
      case 2: b.splice(at, 1); break;
      case 3: if (at < b.length) b[at] = r.byte(); break;
      default: b = b.slice(0, at);
    }
  }
  return Uint8Array.from(b);
}
