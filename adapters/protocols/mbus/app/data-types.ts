/**
 * EN 13757-3 Annex A data types of record data: type B/C integers (little-endian, two's
 * complement), type A BCD (with the 0xF sign nibble and lenient A–E digits), type H 32-bit
 * real, and the LVAR variable-length encodings. Reading functions take (bytes, offset, size)
 * and never allocate on the integer path.
 */

/** Signed little-endian integer of 1–6 bytes as a number (exact: ≤ 48 bits). */
export function readIntLE(b: Uint8Array, at: number, size: number): number {
  if (size === 0) return 0;
  let v = 0;
  let mul = 1;
  for (let i = 0; i < size; i++) { v += b[at + i]! * mul; mul *= 256; }
  return b[at + size - 1]! & 0x80 ? v - mul : v;
}

/** Unsigned little-endian integer of 1–6 bytes as a number. */
export function readUIntLE(b: Uint8Array, at: number, size: number): number {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < size; i++) { v += b[at + i]! * mul; mul *= 256; }
  return v;
}

/** Signed 64-bit little-endian integer: a number when it fits 2^53 exactly, else a bigint. */
export function readInt64LE(b: Uint8Array, at: number): number | bigint {
  const lo = readUIntLE(b, at, 4);
  const hi = readIntLE(b, at + 4, 4);
  if (hi >= -0x200000 && hi < 0x200000) return hi * 0x100000000 + lo;
  return (BigInt(hi) << 32n) + BigInt(lo);
}

/** Unsigned binary of any length (e.g. LVAR 0xE0–0xF6) as bigint. */
export function readBigUIntLE(b: Uint8Array, at: number, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[at + i]!);
  return v;
}

/** Result of a BCD decode: the integer and whether non-decimal digits were met. */
export interface BcdValue { value: number; irregular: boolean }

const bcdScratch: BcdValue = { value: 0, irregular: false };

/**
 * Type A BCD, little-endian byte order, most significant digit in the last byte's high nibble.
 * An 0xF most significant nibble is a minus sign. Digits A–E (used by meters as error marks)
 * are decoded as libmbus does (a high nibble ≥ A counts 0, a low nibble counts its value) and
 * reported through `irregular`. Returns a shared scratch object: copy what you need.
 */
export function readBcd(b: Uint8Array, at: number, size: number): BcdValue {
  let v = 0;
  let irregular = false;
  for (let i = size - 1; i >= 0; i--) {
    const byte = b[at + i]!;
    const hi = byte >> 4;
    const lo = byte & 0x0f;
    v *= 10;
    if (hi < 10) v += hi;
    else if (!(hi === 0xf && i === size - 1)) irregular = true;
    v = v * 10 + lo;
    if (lo > 9) irregular = true;
  }
  if (b[at + size - 1]! >> 4 === 0xf) v = -v;
  bcdScratch.value = v;
  bcdScratch.irregular = irregular;
  return bcdScratch;
}

/** BCD digits as text, most significant first (identifiers: ids, serials). Hex digits kept. */
export function bcdDigits(b: Uint8Array, at: number, size: number): string {
  let s = '';
  for (let i = size - 1; i >= 0; i--) {
    const byte = b[at + i]!;
    s += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 0x0f]!;
  }
  return s;
}
const HEX_DIGITS = '0123456789ABCDEF';

const f32 = new Float32Array(1);
const f32Bytes = new Uint8Array(f32.buffer);

/** Type H: IEEE 754 single precision, little-endian. */
export function readReal32(b: Uint8Array, at: number): number {
  f32Bytes[0] = b[at]!; f32Bytes[1] = b[at + 1]!; f32Bytes[2] = b[at + 2]!; f32Bytes[3] = b[at + 3]!;
  return f32[0]!;
}

/** Shortest decimal text that reads back to the same 32-bit float (exact register text). */
export function real32Text(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  for (let p = 1; p < 10; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(v);
}

/** Text of LVAR ASCII data (0x00–0xBF): transmitted last character first. */
export function readReversedText(b: Uint8Array, at: number, size: number): string {
  let s = '';
  for (let i = at + size - 1; i >= at; i--) s += String.fromCharCode(b[i]!);
  return s;
}

/** What an LVAR byte announces (EN 13757-3 Table 5). */
export interface LvarKind {
  kind: 'text' | 'bcd' | 'negative-bcd' | 'binary' | 'reserved';
  /** Data bytes following the LVAR byte. */
  size: number;
}

export function lvarKind(lvar: number): LvarKind {
  if (lvar <= 0xbf) return { kind: 'text', size: lvar };
  if (lvar <= 0xcf) return { kind: 'bcd', size: lvar - 0xc0 };
  if (lvar <= 0xdf) return { kind: 'negative-bcd', size: lvar - 0xd0 };
  if (lvar <= 0xef) return { kind: 'binary', size: lvar - 0xe0 };
  if (lvar <= 0xf4) return { kind: 'binary', size: 4 * (lvar - 0xec) };
  if (lvar === 0xf5) return { kind: 'binary', size: 48 };
  if (lvar === 0xf6) return { kind: 'binary', size: 64 };
  return { kind: 'reserved', size: 0 };
}
