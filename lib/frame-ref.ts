/**
 * Frame reference: a short content hash of a raw telegram, stored with every reading
 * (`source.frame`) so a value on an invoice can be traced back to the exact bytes received.
 * The first 64 bits of SHA-256 as 16 lower-case hex digits: the same bytes always give the
 * same reference, on every machine; collisions are negligible at any realistic archive size.
 */
import { createHash } from 'crypto';

/** Hex digits kept from the SHA-256 digest. */
const FRAME_REF_DIGITS = 16;

/** Reference of a raw frame, e.g. "3f0c9a1e6b2d4478". */
export function frameRef(frame: Uint8Array): string {
  return createHash('sha256').update(frame).digest('hex').slice(0, FRAME_REF_DIGITS);
}
