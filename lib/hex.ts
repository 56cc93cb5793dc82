/**
 * Hex text <-> bytes, allocation-light. Telegrams arrive as hex from logs, receivers and users,
 * often with spaces, colons or a 0x prefix; all of those are accepted.
 */
import { DecodeError } from './errors';

const BYTE_HEX: string[] = [];
for (let i = 0; i < 256; i++) BYTE_HEX.push((i < 16 ? '0' : '') + i.toString(16).toUpperCase());

/** Upper-case two-digit hex of one byte (table lookup, no allocation). */
export function byteHex(b: number): string {
  return BYTE_HEX[b & 0xff]!;
}

/** Upper-case hex of bytes[start, end) without separators. */
export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  for (let i = start; i < end; i++) s += BYTE_HEX[bytes[i]!]!;
  return s;
}

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/**
 * Parses hex text; whitespace, ':' '-' ',' separators and '0x' prefixes are ignored.
 * Throws DecodeError naming the character position of the first bad character.
 */
export function fromHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length >> 1);
  let n = 0;
  let high = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 58 || c === 45 || c === 44) {
      if (high >= 0) throw new DecodeError(`hex text: odd digit before separator at character ${i}`, i, 'bad-hex');
      continue;
    }
    if (c === 48 && high < 0 && (text.charCodeAt(i + 1) | 0x20) === 120) { i++; continue; }
    const v = nibble(c);
    if (v < 0) {
      throw new DecodeError(`hex text: '${text[i]}' at character ${i} is not a hex digit`, i, 'bad-hex');
    }
    if (high < 0) high = v;
    else { out[n++] = (high << 4) | v; high = -1; }
  }
  if (high >= 0) throw new DecodeError('hex text: odd number of hex digits', text.length, 'bad-hex');
  return n === out.length ? out : out.subarray(0, n);
}
