/**
 * CRC-16/EN-13757 (EN 13757-4 data link layer, also the OMS compact-frame format signature):
 * polynomial 0x3D65, initial value 0, not reflected, final XOR 0xFFFF, sent most significant
 * byte first. check("123456789") = 0xC2B7. Table-driven, no allocation.
 */
const TABLE = new Uint16Array(256);
for (let n = 0; n < 256; n++) {
  let c = n << 8;
  for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x3d65) & 0xffff : (c << 1) & 0xffff;
  TABLE[n] = c;
}

/** CRC of b[start, end). */
export function crc16(b: Uint8Array, start = 0, end = b.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ b[i]!) & 0xff]!;
  return crc ^ 0xffff;
}

/** True when the two bytes at b[at], b[at+1] (big-endian) hold the CRC of b[start, at). */
export function crcMatches(b: Uint8Array, start: number, at: number): boolean {
  return at + 1 < b.length && crc16(b, start, at) === ((b[at]! << 8) | b[at + 1]!);
}
