/**
 * One record of the forward buffer's journal: a 4-byte little-endian payload length, the
 * payload's CRC-32 (IEEE, little-endian), then the payload (bytes made by the buffer's codec:
 * UTF-8 JSON by default). A reader accepts a record only when the whole payload is there and
 * its checksum matches, so a record cut short by a crash, or damaged on disk, is never read back.
 * The payload may come in several chunks (written with one writev, never copied together).
 */
import type { FileHandle } from 'node:fs/promises';
import * as zlib from 'node:zlib';

export const RECORD_HEADER_BYTES = 8;
/** Larger lengths are corruption, not data (a batch of a few thousand readings is ~1–5 MB). */
export const MAX_RECORD_BYTES = 256 * 2 ** 20;

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE) continuing from `crc` (0 to start), in JavaScript: Node before 20.15 has no zlib.crc32. */
function crc32Js(bytes: Uint8Array, crc = 0): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** CRC-32 (IEEE) continuing from `crc` (0 to start); zlib's native one (~5 GB/s) when there is one. */
export const crc32: (bytes: Uint8Array, crc?: number) => number =
  typeof zlib.crc32 === 'function' ? zlib.crc32 : crc32Js;

/** The record of a payload given in chunks: the 8-byte header followed by the chunks themselves. */
export function encodeRecord(payload: readonly Uint8Array[]): Uint8Array[] {
  let length = 0;
  let crc = 0;
  for (const chunk of payload) { length += chunk.length; crc = crc32(chunk, crc); }
  const header = Buffer.allocUnsafe(RECORD_HEADER_BYTES);
  header.writeUInt32LE(length, 0);
  header.writeUInt32LE(crc, 4);
  return [header, ...payload];
}

export type RecordRead =
  | { kind: 'record'; payload: Buffer; next: number }
  /** Nothing more before `limit`. */
  | { kind: 'end' }
  /** Bytes that are not a whole, valid record: a torn tail or damage. */
  | { kind: 'invalid'; reason: string };

/** Reads the record at `offset`, looking no further than `limit` (the durable size). */
export async function readRecord(file: FileHandle, offset: number, limit: number): Promise<RecordRead> {
  if (offset >= limit) return { kind: 'end' };
  if (limit - offset < RECORD_HEADER_BYTES) return { kind: 'invalid', reason: `${limit - offset} byte(s) of a record header at ${offset}` };
  const header = Buffer.alloc(RECORD_HEADER_BYTES);
  await file.read(header, 0, RECORD_HEADER_BYTES, offset);
  const length = header.readUInt32LE(0);
  if (length > MAX_RECORD_BYTES || offset + RECORD_HEADER_BYTES + length > limit) {
    return { kind: 'invalid', reason: `record at ${offset} claims ${length} bytes, ${limit - offset - RECORD_HEADER_BYTES} there` };
  }
  const payload = Buffer.allocUnsafe(length);
  for (let got = 0; got < length;) {
    const { bytesRead } = await file.read(payload, got, length - got, offset + RECORD_HEADER_BYTES + got);
    if (bytesRead === 0) return { kind: 'invalid', reason: `record at ${offset} ends early` };
    got += bytesRead;
  }
  if (crc32(payload) !== header.readUInt32LE(4)) return { kind: 'invalid', reason: `checksum mismatch in the record at ${offset}` };
  return { kind: 'record', payload, next: offset + RECORD_HEADER_BYTES + length };
}
