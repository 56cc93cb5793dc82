/**
 * The 2-byte manufacturer field (EN 13757-3 / EN 62056-21 FLAG code): three letters A–Z packed
 * as 5-bit values, c1·1024 + c2·32 + c3 with A = 1. Bit 15 set means a "hard" (not globally
 * unique) code on wireless M-Bus; it does not change the letters.
 */
import { ConfigError } from '../../../../lib/errors';

const LETTERS: string[] = [];
for (let code = 0; code < 0x8000; code++) LETTERS.push('');

function lettersOf(code: number): string {
  const c = code & 0x7fff;
  const a = (c >> 10) & 0x1f, b = (c >> 5) & 0x1f, d = c & 0x1f;
  return String.fromCharCode(a + 64, b + 64, d + 64);
}

/** Three-letter code of a 16-bit manufacturer value (cached; letters outside A–Z come out as sent). */
export function manufacturerCode(value: number): string {
  const c = value & 0x7fff;
  let s = LETTERS[c]!;
  if (s === '') { s = lettersOf(c); LETTERS[c] = s; }
  return s;
}

/** 16-bit manufacturer value of a three-letter code, e.g. "KAM" → 0x2C2D. */
export function manufacturerValue(code: string): number {
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new ConfigError(`manufacturer "${code}": must be three letters A–Z`);
  }
  return ((code.charCodeAt(0) - 64) << 10) | ((code.charCodeAt(1) - 64) << 5) | (code.charCodeAt(2) - 64);
}
