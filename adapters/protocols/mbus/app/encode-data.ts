/**
 * The encoder's data fields (EN 13757-3 Annex A, written side): type B integers, type A BCD
 * (0xF sign nibble for negative values, A–E digits passed through as given), type H 32-bit
 * real, LVAR text / BCD / binary, and the date types G (CP16), F (CP32) and I (CP48).
 * Each spec becomes the DIF data-field code and the data bytes in telegram order. Invalid specs
 * throw ConfigError; nothing here decodes.
 */
import { ConfigError } from '../../../../lib/errors';

/** Calendar date of type G (and the date part of types F and I). */
export interface MeterDate {
  /** 1900–2099 for types G and I (only the year within the century is sent); 1900–2299 for type F. */
  year: number;
  month: number;
  day: number;
}

/** Date and time of type F (minute resolution). */
export interface MeterDateTime extends MeterDate {
  hour: number;
  minute: number;
  /** IV bit: the meter's clock is not valid. */
  invalid?: boolean;
  /** SU bit: summer (daylight saving) time. */
  summerTime?: boolean;
}

/** Date and time of type I (second resolution, optional day of week and week number). */
export interface MeterDateTimeSeconds extends MeterDateTime {
  second: number;
  /** 1 = Monday … 7 = Sunday, 0 / absent = not given. */
  dayOfWeek?: number;
  /** ISO week 1–53, 0 / absent = not given. */
  week?: number;
}

/** What a record carries, and how. */
export type DataSpec =
  | { type: 'none' }
  | { type: 'int'; size: 1 | 2 | 3 | 4 | 6 | 8; value: number | bigint }
  /** `value` a signed integer, or the digits as sent (most significant first, A–F allowed). */
  | { type: 'bcd'; digits: 2 | 4 | 6 | 8 | 12; value: number | string }
  | { type: 'real'; value: number }
  | { type: 'text'; value: string }
  /** 1–18 decimal digits with an optional leading '-' (LVAR 0xC0+n / 0xD0+n). */
  | { type: 'lvar-bcd'; value: string }
  | { type: 'lvar-binary'; bytes: Uint8Array }
  | ({ type: 'date' } & MeterDate)
  | ({ type: 'datetime' } & MeterDateTime)
  | ({ type: 'datetime-s' } & MeterDateTimeSeconds)
  /** Any data-field code 0x0–0xE with bytes given as they go on the wire (no checks on their count). */
  | { type: 'raw'; dataField: number; bytes: Uint8Array };

export interface EncodedData {
  /** DIF bits 0–3. */
  dataField: number;
  bytes: Uint8Array;
}

const INT_FIELD: Record<number, number> = { 1: 0x1, 2: 0x2, 3: 0x3, 4: 0x4, 6: 0x6, 8: 0x7 };
const BCD_FIELD: Record<number, number> = { 2: 0x9, 4: 0xa, 6: 0xb, 8: 0xc, 12: 0xe };
/** Longest LVAR text (0x00–0xBF) and LVAR BCD (0xC0–0xC9 / 0xD0–0xD9: up to 18 digits) payloads. */
const MAX_LVAR_TEXT = 0xbf;
const MAX_LVAR_BCD_BYTES = 9;

function fail(what: string, why: string): never {
  throw new ConfigError(`${what}: ${why}`);
}

function checkInt(what: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max) fail(what, `${v} is not an integer ${min}–${max}`);
  return v;
}

/** Little-endian two's complement of `value` in `size` bytes; accepts the signed and the unsigned range. */
function intBytes(size: number, value: number | bigint): Uint8Array {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) fail(`int${size * 8}`, `${value} is not a safe integer (use a bigint)`);
  const v = BigInt(value);
  const bits = BigInt(size * 8);
  if (v < -(1n << (bits - 1n)) || v >= 1n << bits) fail(`int${size * 8}`, `${value} does not fit ${size} bytes`);
  let u = BigInt.asUintN(size * 8, v);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) { out[i] = Number(u & 0xffn); u >>= 8n; }
  return out;
}

/** Packs hex digits (most significant first) into type A byte order: least significant byte first. */
function packDigits(digits: string): Uint8Array {
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) {
    const at = digits.length - 2 * (i + 1);
    out[i] = parseInt(digits.slice(at, at + 2), 16);
  }
  return out;
}

/** Type A: `digits` digits; a negative value puts 0xF in the most significant nibble. */
function bcdBytes(digits: number, value: number | string): Uint8Array {
  const what = `bcd${digits}`;
  if (typeof value === 'string') {
    if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(value)) fail(what, `"${value}" is not ${digits} hex digits`);
    return packDigits(value);
  }
  if (!Number.isSafeInteger(value)) fail(what, `${value} is not a safe integer`);
  const magnitude = String(Math.abs(value));
  const room = value < 0 ? digits - 1 : digits;
  if (magnitude.length > room) fail(what, `${value} does not fit ${digits} digits${value < 0 ? ' with the sign nibble' : ''}`);
  const text = magnitude.padStart(room, '0');
  return packDigits(value < 0 ? 'F' + text : text);
}

function realBytes(value: number): Uint8Array {
  if (typeof value !== 'number') fail('real32', `${String(value)} is not a number`);
  const out = new Uint8Array(4);
  new DataView(out.buffer).setFloat32(0, value, true);
  return out;
}

/** LVAR 0x00–0xBF: the length, then the ASCII text last character first. */
function textBytes(text: string): Uint8Array {
  if (text.length > MAX_LVAR_TEXT) fail('LVAR text', `${text.length} characters, at most ${MAX_LVAR_TEXT}`);
  const out = new Uint8Array(text.length + 1);
  out[0] = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) fail('LVAR text', `character ${JSON.stringify(text[i])} is not 8-bit`);
    out[text.length - i] = c;
  }
  return out;
}

/** LVAR 0xC0+n (positive) / 0xD0+n (negative) BCD of n bytes. */
function lvarBcdBytes(value: string): Uint8Array {
  const m = /^(-?)(\d+)$/.exec(value);
  if (!m) fail('LVAR BCD', `"${value}" is not a decimal integer`);
  let digits = m[2]!;
  if (digits.length % 2 === 1) digits = '0' + digits;
  const packed = packDigits(digits);
  if (packed.length > MAX_LVAR_BCD_BYTES) fail('LVAR BCD', `${digits.length} digits, at most ${2 * MAX_LVAR_BCD_BYTES}`);
  return Uint8Array.of((m[1] ? 0xd0 : 0xc0) + packed.length, ...packed);
}

/** LVAR binary: 0xE0+n for n ≤ 15 bytes, 0xF0–0xF4 for 16–32 bytes in steps of 4, 0xF5 = 48, 0xF6 = 64. */
export function lvarBinaryBytes(data: Uint8Array): Uint8Array {
  const n = data.length;
  let lvar: number;
  if (n <= 15) lvar = 0xe0 + n;
  else if (n >= 16 && n <= 32 && n % 4 === 0) lvar = 0xec + n / 4;
  else if (n === 48) lvar = 0xf5;
  else if (n === 64) lvar = 0xf6;
  else fail('LVAR binary', `${n} bytes cannot be announced (0–15, 16–32 in steps of 4, 48 or 64)`);
  return Uint8Array.of(lvar, ...data);
}

function checkDate(what: string, d: MeterDate, minYear: number, maxYear: number): void {
  checkInt(`${what} year`, d.year, minYear, maxYear);
  checkInt(`${what} month`, d.month, 1, 12);
  checkInt(`${what} day`, d.day, 1, 31);
}

function checkTime(what: string, t: MeterDateTime): void {
  checkInt(`${what} hour`, t.hour, 0, 23);
  checkInt(`${what} minute`, t.minute, 0, 59);
}

/** Type G (CP16): day bits 0–4, year bits 5–7 and 12–15 (within the century), month bits 8–11. */
export function typeGBytes(d: MeterDate): Uint8Array {
  checkDate('type G date', d, 1900, 2099);
  const y = d.year % 100;
  return Uint8Array.of(d.day | ((y & 0x07) << 5), d.month | ((y & 0x78) << 1));
}

/**
 * Type F (CP32): minute bits 0–5, IV bit 7, hour bits 8–12, hundred-year bits 13–14, SU bit 15,
 * then the type G date. The year is 1900 + 100 × hundred-year + year.
 */
export function typeFBytes(t: MeterDateTime): Uint8Array {
  checkDate('type F date', t, 1900, 2299);
  checkTime('type F time', t);
  const hundred = Math.floor((t.year - 1900) / 100);
  const [d0, d1] = typeGBytes({ year: 1900 + ((t.year - 1900) % 100), month: t.month, day: t.day });
  return Uint8Array.of(
    t.minute | (t.invalid ? 0x80 : 0),
    t.hour | (hundred << 5) | (t.summerTime ? 0x80 : 0),
    d0!, d1!);
}

/**
 * Type I (CP48): second bits 0–5, minute bits 8–13, SU bit 14, IV bit 15, hour bits 16–20,
 * day of week bits 21–23, then the type G date (bits 24–39), week bits 40–45.
 * (EN 13757-3 counts these bits from 1: SU is bit 15, IV bit 16.) Leap-year and daylight-saving
 * deviation bits are sent as 0.
 */
export function typeIBytes(t: MeterDateTimeSeconds): Uint8Array {
  checkDate('type I date', t, 1900, 2099);
  checkTime('type I time', t);
  checkInt('type I second', t.second, 0, 59);
  const dayOfWeek = checkInt('type I day of week', t.dayOfWeek ?? 0, 0, 7);
  const week = checkInt('type I week', t.week ?? 0, 0, 53);
  const [d0, d1] = typeGBytes(t);
  return Uint8Array.of(
    t.second,
    t.minute | (t.summerTime ? 0x40 : 0) | (t.invalid ? 0x80 : 0),
    t.hour | (dayOfWeek << 5),
    d0!, d1!, week);
}

/** Data-field code and bytes of a data spec. */
export function encodeData(d: DataSpec): EncodedData {
  switch (d.type) {
    case 'none': return { dataField: 0x0, bytes: new Uint8Array(0) };
    case 'int': {
      const field = INT_FIELD[d.size];
      if (field === undefined) fail('int', `size ${d.size} is not 1, 2, 3, 4, 6 or 8 bytes`);
      return { dataField: field, bytes: intBytes(d.size, d.value) };
    }
    case 'bcd': {
      const field = BCD_FIELD[d.digits];
      if (field === undefined) fail('bcd', `${d.digits} digits is not 2, 4, 6, 8 or 12`);
      return { dataField: field, bytes: bcdBytes(d.digits, d.value) };
    }
    case 'real': return { dataField: 0x5, bytes: realBytes(d.value) };
    case 'text': return { dataField: 0xd, bytes: textBytes(d.value) };
    case 'lvar-bcd': return { dataField: 0xd, bytes: lvarBcdBytes(d.value) };
    case 'lvar-binary': return { dataField: 0xd, bytes: lvarBinaryBytes(d.bytes) };
    case 'date': return { dataField: 0x2, bytes: typeGBytes(d) };
    case 'datetime': return { dataField: 0x4, bytes: typeFBytes(d) };
    case 'datetime-s': return { dataField: 0x6, bytes: typeIBytes(d) };
    case 'raw':
      checkInt('raw data field', d.dataField, 0x0, 0xe);
      return { dataField: d.dataField, bytes: d.bytes };
    default:
      return fail('data', `unknown type ${JSON.stringify((d as { type: unknown }).type)}`);
  }
}
