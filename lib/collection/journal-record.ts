/**
 * One record of the forward buffer's journal: a 4-byte little-endian payload length, the
 * payload's CRC-32 (IEEE, little-endian), then the payload (UTF-8 JSON). A reader accepts a
 * record only when the whole payload is there and its checksum matches, so a record cut short
 * by a crash, or damaged on disk, is never read back.
 */
import type { FileHandle } from 'node:fs/promises';

export const RECORD_HEADER_BYTES = 8;
/** Larger lengths are corruption, not data (a batch of a few thousand readings is ~1–5 MB). */
export const MAX_RECORD_BYTES = 256 * 2 ** 20;

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function encodeRecord(value: unknown): Buffer {
  const payload = Buffer.from(JSON.stringify(value), 'utf8');
  const out = Buffer.allocUnsafe(RECORD_HEADER_BYTES + payload.length);
  out.writeUInt32LE(payload.length, 0);
  out.writeUInt32LE(crc32(payload), 4);
  payload.copy(out, RECORD_HEADER_BYTES);
  return out;
}

export type RecordRead =
  | { kind: 'record'; value: unknown; next: number }
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
  const payload = Buffer.alloc(length);
  await file.read(payload, 0, length, offset + RECORD_HEADER_BYTES);
  if (crc32(payload) !== header.readUInt32LE(4)) return { kind: 'invalid', reason: `checksum mismatch in the record at ${offset}` };
  try {
    return { kind: 'record', value: JSON.parse(payload.toString('utf8')), next: offset + RECORD_HEADER_BYTES + length };
  } catch {
    return { kind: 'invalid', reason: `record at ${offset} is not JSON` };
  }
}
