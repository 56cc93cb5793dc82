/**
 * EN 13757-2 link layer frames (IEC 60870-5-2 FT1.2): parse and build the single character
 * (E5), the short frame, the control frame and the long frame.
 *
 *   ack      E5
 *   short    10 C A CS 16
 *   control  68 03 03 68 C A CI CS 16
 *   long     68 L L 68 C A CI data CS 16     L counts C..last data byte, CS = 8-bit sum of the same
 *
 * parseFrame is on the decoder's hot path: it allocates only its result (the data is a view, not
 * a copy) and builds strings only when it throws.
 */
import { ConfigError, DecodeError } from '../../../../lib/errors';
import { byteHex } from '../../../../lib/hex';

/**
 * One link-layer frame. For 'long', `data` is the bytes after CI and before CS; parseFrame
 * returns it as a view into the parsed bytes (no copy).
 */
export type MBusFrame =
  | { type: 'ack' }
  | { type: 'short'; control: number; address: number }
  | { type: 'control'; control: number; address: number; ci: number }
  | { type: 'long'; control: number; address: number; ci: number; data: Uint8Array };

export interface ParsedFrame {
  frame: MBusFrame;
  /** Bytes consumed. */
  length: number;
}

/** DecodeError.code values thrown by parseFrame. */
export type FrameErrorCode = 'truncated' | 'checksum' | 'length' | 'start' | 'stop';

export const ACK = 0xe5;
export const SHORT_START = 0x10;
export const LONG_START = 0x68;
export const STOP = 0x16;
/** Largest L field value. */
export const MAX_L = 0xff;
/** Most data bytes a long frame carries after C, A and CI. */
export const MAX_DATA_LENGTH = MAX_L - 3;
/** Longest frame on the wire: 68 L L 68, L bytes, CS, 16. */
export const MAX_FRAME_LENGTH = MAX_L + 6;

/** Every parsed E5 returns this one frozen object (no allocation). */
const ACK_FRAME: MBusFrame = Object.freeze({ type: 'ack' });
const NO_DATA = new Uint8Array(0);

/** 8-bit arithmetic sum of bytes[start..end) (end exclusive). */
export function checksum(bytes: Uint8Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += bytes[i]!;
  return sum & 0xff;
}

/**
 * Parses one frame starting at `offset`. Throws DecodeError (code: FrameErrorCode) whose offset
 * is absolute into `bytes`. Header inconsistencies visible in the bytes present are reported
 * before 'truncated', so a stream reader may wait for more bytes exactly when code is 'truncated'.
 */
export function parseFrame(bytes: Uint8Array, offset = 0): ParsedFrame {
  const available = bytes.length - offset;
  if (available <= 0) throw truncated('frame', offset, 1, 0);
  const start = bytes[offset]!;
  if (start === ACK) return { frame: ACK_FRAME, length: 1 };
  if (start === SHORT_START) return parseShort(bytes, offset, available);
  if (start === LONG_START) return parseLong(bytes, offset, available);
  throw new DecodeError(`frame: unknown start byte ${hex(start)} at byte ${offset}`, offset, 'start');
}

function parseShort(bytes: Uint8Array, offset: number, available: number): ParsedFrame {
  if (available < 5) throw truncated('short frame', offset, 5, available);
  checkTrailer('short frame', bytes, offset + 1, offset + 3);
  return { frame: { type: 'short', control: bytes[offset + 1]!, address: bytes[offset + 2]! }, length: 5 };
}

function parseLong(bytes: Uint8Array, offset: number, available: number): ParsedFrame {
  if (available < 3) throw truncated('long frame', offset, 4, available);
  const l = bytes[offset + 1]!;
  const l2 = bytes[offset + 2]!;
  if (l2 !== l) {
    throw new DecodeError(
      `long frame: length fields differ (${hex(l)} at byte ${offset + 1}, ${hex(l2)} at byte ${offset + 2})`,
      offset + 2, 'length');
  }
  if (available < 4) throw truncated('long frame', offset, 4, available);
  const start2 = bytes[offset + 3]!;
  if (start2 !== LONG_START) {
    throw new DecodeError(
      `long frame: second start byte ${hex(start2)} at byte ${offset + 3} is not 0x68`, offset + 3, 'start');
  }
  if (l < 3) {
    throw new DecodeError(
      `long frame: L field ${hex(l)} at byte ${offset + 1} is below 3 (C, A and CI are required)`,
      offset + 1, 'length');
  }
  const what = l === 3 ? 'control frame' : 'long frame';
  const length = l + 6;
  if (available < length) throw truncated(what, offset, length, available);
  const csAt = offset + 4 + l;
  checkTrailer(what, bytes, offset + 4, csAt);
  const control = bytes[offset + 4]!;
  const address = bytes[offset + 5]!;
  const ci = bytes[offset + 6]!;
  const frame: MBusFrame = l === 3
    ? { type: 'control', control, address, ci }
    : { type: 'long', control, address, ci, data: bytes.subarray(offset + 7, csAt) };
  return { frame, length };
}

/** Checks the stop byte after `csAt`, then the checksum at `csAt` over bytes[from..csAt). */
function checkTrailer(what: string, bytes: Uint8Array, from: number, csAt: number): void {
  const stop = bytes[csAt + 1]!;
  if (stop !== STOP) {
    throw new DecodeError(`${what}: stop byte ${hex(stop)} at byte ${csAt + 1} is not 0x16`, csAt + 1, 'stop');
  }
  const sum = checksum(bytes, from, csAt);
  const cs = bytes[csAt]!;
  if (sum !== cs) {
    throw new DecodeError(
      `${what}: checksum ${hex(cs)} at byte ${csAt} does not match computed ${hex(sum)}`, csAt, 'checksum');
  }
}

function truncated(what: string, offset: number, needed: number, got: number): DecodeError {
  return new DecodeError(
    `${what}: truncated at byte ${offset + got}, needs ${needed} byte${needed === 1 ? '' : 's'}, got ${got}`,
    offset + got, 'truncated');
}

function hex(byte: number): string {
  return '0x' + byteHex(byte);
}

/** Encodes a frame. A long frame with no data is, on the wire, a control frame (L = 3). */
export function buildFrame(frame: MBusFrame): Uint8Array {
  switch (frame.type) {
    case 'ack':
      return Uint8Array.of(ACK);
    case 'short': {
      const control = byteField('control', frame.control);
      const address = byteField('address', frame.address);
      return Uint8Array.of(SHORT_START, control, address, (control + address) & 0xff, STOP);
    }
    case 'control':
      return buildLongFrame(frame.control, frame.address, frame.ci, NO_DATA);
    case 'long':
      return buildLongFrame(frame.control, frame.address, frame.ci, frame.data);
  }
}

/** Encodes `68 L L 68 C A CI data CS 16`; throws ConfigError for more than 252 data bytes. */
export function buildLongFrame(control: number, address: number, ci: number, data: Uint8Array): Uint8Array {
  if (data.length > MAX_DATA_LENGTH) {
    throw new ConfigError(
      `long frame: ${data.length} data bytes do not fit, at most ${MAX_DATA_LENGTH} (L field max ${MAX_L})`);
  }
  const l = data.length + 3;
  const out = new Uint8Array(l + 6);
  out[0] = LONG_START;
  out[1] = l;
  out[2] = l;
  out[3] = LONG_START;
  out[4] = byteField('control', control);
  out[5] = byteField('address', address);
  out[6] = byteField('CI', ci);
  out.set(data, 7);
  out[l + 4] = checksum(out, 4, l + 4);
  out[l + 5] = STOP;
  return out;
}

/** Returns `value` when it fits a byte field; throws ConfigError naming the field otherwise. */
export function byteField(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new ConfigError(`${name} ${value}: must be an integer 0–255`);
  }
  return value;
}
