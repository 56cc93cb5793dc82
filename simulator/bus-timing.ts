/**
 * Byte timing on the simulated bus. A character is 11 bits on M-Bus (8E1: start, 8 data,
 * parity, stop), so at 2400 baud one byte takes 4.58 ms and a 100-byte reply ≈ 458 ms. A slave
 * starts answering `replyDelayBits` bit times after the request's last bit (EN 13757-2 allows
 * 11 to 330 bit times + 50 ms). Baud 0 switches timing off (fast unit tests).
 */

export const BITS_PER_BYTE = 11;
/** Default slave reply delay: 22 bit times (≈ 9 ms at 2400 baud). */
export const DEFAULT_REPLY_DELAY_BITS = 22;

export interface BusTiming {
  /** Bits per second; 0 = no timing, everything at once. */
  baud: number;
  replyDelayBits?: number;
}

/** Milliseconds for `bytes` characters on the wire. */
export function wireTimeMs(timing: BusTiming, bytes: number): number {
  return timing.baud > 0 ? (bytes * BITS_PER_BYTE * 1000) / timing.baud : 0;
}

/** Milliseconds from the request's last bit to the reply's first. */
export function replyDelayMs(timing: BusTiming): number {
  return timing.baud > 0 ? ((timing.replyDelayBits ?? DEFAULT_REPLY_DELAY_BITS) * 1000) / timing.baud : 0;
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** Smallest pause between two writes of a paced reply; later bytes due by then go together. */
const MIN_TICK_MS = 2;

/**
 * Sends `bytes` through `write` at the bus rate: byte i leaves when its last bit would have
 * (start + (i + 1) × byte time). Resolves when the last byte has gone, or early when
 * `cancelled()` turns true.
 */
export async function sendPaced(bytes: Uint8Array, timing: BusTiming, write: (chunk: Uint8Array) => void,
  cancelled: () => boolean): Promise<void> {
  if (timing.baud <= 0) { write(bytes); return; }
  const byteMs = wireTimeMs(timing, 1);
  const start = performance.now();
  let sent = 0;
  while (sent < bytes.length && !cancelled()) {
    const due = Math.min(bytes.length, Math.floor((performance.now() - start) / byteMs));
    if (due > sent) { write(bytes.subarray(sent, due)); sent = due; }
    if (sent < bytes.length) await sleep(Math.max(MIN_TICK_MS, start + (sent + 1) * byteMs - performance.now()));
  }
}
