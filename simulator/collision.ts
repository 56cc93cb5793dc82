/**
 * What a master hears when several slaves answer at once. On M-Bus a slave sends a 0 bit
 * (space) by drawing extra current, so overlapping replies combine as a bitwise AND of the
 * line states. Slaves never start at exactly the same instant: reply k is shifted by k × 3 bit
 * times. The overlaid line is read back by a UART (8E1: start bit, 8 data bits LSB first,
 * parity, stop bit), as the master's receiver would; parity and framing errors are ignored
 * and the bytes kept, so the master's framer sees garbage (even two E5s do not survive).
 */

const BITS_PER_BYTE = 11;
const SKEW_BITS = 3;

/** The line states (1 = mark/idle, 0 = space) of bytes sent as 8E1 characters. */
function lineBits(bytes: Uint8Array): number[] {
  const bits: number[] = [];
  for (const byte of bytes) {
    let parity = 0;
    bits.push(0);
    for (let i = 0; i < 8; i++) { const b = (byte >> i) & 1; parity ^= b; bits.push(b); }
    bits.push(parity, 1);
  }
  return bits;
}

/** Reads 8E1 characters off a line: each start bit (0) begins one. */
function uartRead(bits: number[]): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bits.length;) {
    if (bits[i] === 1) { i++; continue; }
    let byte = 0;
    for (let b = 0; b < 8; b++) byte |= (bits[i + 1 + b] ?? 1) << b;
    out.push(byte);
    i += BITS_PER_BYTE;
  }
  return Uint8Array.from(out);
}

/** The bytes heard when `replies` (two or more) are sent at the same time. */
export function collide(replies: readonly Uint8Array[]): Uint8Array {
  const streams = replies.map(lineBits);
  const length = Math.max(...streams.map((s, k) => s.length + k * SKEW_BITS));
  const line = new Array<number>(length).fill(1);
  streams.forEach((bits, k) => bits.forEach((bit, i) => { line[i + k * SKEW_BITS] &= bit; }));
  return uartRead(line);
}
