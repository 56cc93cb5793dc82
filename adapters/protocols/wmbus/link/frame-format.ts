/**
 * EN 13757-4 frame formats: the link-layer CRC blocks are checked and stripped, giving the
 * telegram as "L C M A CI …" without CRCs (L recomputed). Receivers differ: some deliver format
 * A or B with CRCs, others strip them. Auto-detection, in this order:
 *  1. format A — the first block's CRC (bytes 10–11) matches and the input is at least as long
 *     as L announces for format A; then every later block CRC must match (an error names it);
 *  2. format B — the input is at least L + 1 bytes and the CRC(s) of format B match;
 *  3. no CRCs — the input is at least L + 1 bytes.
 * A frame without CRCs can only be mistaken for format B when its last two bytes happen to equal
 * the CRC of the rest (1 in 65 536); force the format when the receiver is known. Bytes after
 * the frame (a receiver's RSSI …) are ignored with a warning.
 */
import { DecodeError } from '../../../../lib/errors';
import { crc16, crcMatches } from './crc';

export type FrameFormat = 'A' | 'B' | 'none';

/** L C M(2) A(6): the first block of format A, and the DLL header. */
const FIRST_BLOCK = 10;
const BLOCK = 16;
/** Format B: blocks 1 and 2 together hold at most 128 bytes including their CRC. */
const B_FIRST_PART = 128;
const MIN_L = 10;

export interface StrippedFrame {
  format: FrameFormat;
  /** "L C M A CI …" without CRCs, L consistent with the length. */
  bytes: Uint8Array;
  /** Input bytes after the frame. */
  trailing: number;
}

function aLength(l: number): number {
  const rest = l - (FIRST_BLOCK - 1);
  return FIRST_BLOCK + 2 + rest + 2 * Math.ceil(rest / BLOCK);
}

function crcError(format: string, block: number, b: Uint8Array, start: number, at: number): DecodeError {
  const sent = ((b[at]! << 8) | b[at + 1]!).toString(16).toUpperCase().padStart(4, '0');
  const computed = crc16(b, start, at).toString(16).toUpperCase().padStart(4, '0');
  return new DecodeError(`frame format ${format}: CRC of block ${block} (bytes ${start}–${at - 1}) is 0x${sent} at byte ${at}, computed 0x${computed}`, at, 'crc');
}

function stripA(b: Uint8Array): StrippedFrame {
  const l = b[0]!;
  const out = new Uint8Array(l + 1);
  for (let k = 0; k < FIRST_BLOCK; k++) out[k] = b[k]!;
  let n = FIRST_BLOCK, i = FIRST_BLOCK + 2, block = 2;
  while (n < l + 1) {
    const size = Math.min(BLOCK, l + 1 - n);
    if (!crcMatches(b, i, i + size)) throw crcError('A', block, b, i, i + size);
    for (let k = 0; k < size; k++) out[n + k] = b[i + k]!;
    n += size; i += size + 2; block++;
  }
  return { format: 'A', bytes: out, trailing: b.length - i };
}

function bCrcsOk(b: Uint8Array, l: number): boolean {
  if (l + 1 <= B_FIRST_PART) return crcMatches(b, 0, l - 1);
  return crcMatches(b, 0, B_FIRST_PART - 2) && crcMatches(b, B_FIRST_PART, l - 1);
}

function stripB(b: Uint8Array): StrippedFrame {
  const l = b[0]!;
  if (!bCrcsOk(b, l)) {
    if (l + 1 <= B_FIRST_PART || !crcMatches(b, 0, B_FIRST_PART - 2)) throw crcError('B', 1, b, 0, Math.min(l, B_FIRST_PART) - 1);
    throw crcError('B', 3, b, B_FIRST_PART, l - 1);
  }
  const out = l + 1 <= B_FIRST_PART
    ? b.slice(0, l - 1)
    : Uint8Array.from([...b.subarray(0, B_FIRST_PART - 2), ...b.subarray(B_FIRST_PART, l - 1)]);
  out[0] = out.length - 1;
  return { format: 'B', bytes: out, trailing: b.length - l - 1 };
}

function plain(b: Uint8Array): StrippedFrame {
  return { format: 'none', bytes: b.subarray(0, b[0]! + 1), trailing: b.length - b[0]! - 1 };
}

/** Checks and strips the link-layer CRCs; `format` forces one, 'auto' detects (see above). */
export function stripFrame(b: Uint8Array, format: FrameFormat | 'auto' = 'auto'): StrippedFrame {
  if (b.length < MIN_L + 1) throw new DecodeError(`wireless M-Bus telegram: ${b.length} bytes, a link-layer header and CI need at least ${MIN_L + 1}`, b.length, 'truncated');
  const l = b[0]!;
  if (l < MIN_L) throw new DecodeError(`wireless M-Bus telegram: L field ${l} at byte 0 is below ${MIN_L} (C, M, A and CI)`, 0, 'length');
  const need = format === 'A' ? aLength(l) : l + 1;
  if (format !== 'auto' && b.length < need) throw truncated(format, need, b.length);
  if (format === 'A') {
    if (!crcMatches(b, 0, FIRST_BLOCK)) throw crcError('A', 1, b, 0, FIRST_BLOCK);
    return stripA(b);
  }
  if (format === 'B') return stripB(b);
  if (format === 'none') return plain(b);
  if (b.length >= aLength(l) && crcMatches(b, 0, FIRST_BLOCK)) return stripA(b);
  if (b.length < l + 1) throw truncated('without CRCs (or A/B)', l + 1, b.length);
  return bCrcsOk(b, l) ? stripB(b) : plain(b);
}

function truncated(format: string, need: number, have: number): DecodeError {
  return new DecodeError(`wireless M-Bus telegram, frame format ${format}: the L field needs ${need} bytes, ${have} given`, have, 'truncated');
}

/** Adds format A or B CRCs to a telegram without CRCs (test fixtures, simulator). */
export function addCrcs(plainFrame: Uint8Array, format: 'A' | 'B'): Uint8Array {
  const out: number[] = [];
  const block = (chunk: Uint8Array): void => { const c = crc16(chunk); out.push(...chunk, c >> 8, c & 0xff); };
  if (format === 'A') {
    block(plainFrame.subarray(0, FIRST_BLOCK));
    for (let i = FIRST_BLOCK; i < plainFrame.length; i += BLOCK) block(plainFrame.subarray(i, i + BLOCK));
    return Uint8Array.from(out);
  }
  const withL = plainFrame.slice();
  withL[0] = plainFrame.length - 1 + (plainFrame.length + 2 > B_FIRST_PART ? 4 : 2);
  block(withL.subarray(0, B_FIRST_PART - 2));
  if (withL.length > B_FIRST_PART - 2) block(withL.subarray(B_FIRST_PART - 2));
  return Uint8Array.from(out);
}
