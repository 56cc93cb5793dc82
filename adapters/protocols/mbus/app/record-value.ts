/**
 * Reads one record's data field according to its DIF data type and its VIF meaning, and gives
 * the value in the canonical unit together with the exact raw register (mantissa, exponent,
 * unit, bytes). Dates, identifiers and bit fields are read as such, never scaled.
 */
import type { CanonicalUnit, RawValue } from '../../../../lib/reading';
import { DecodeError } from '../../../../lib/errors';
import { toHex } from '../../../../lib/hex';
import { conversionOf, toCanonical } from '../../../../lib/units';
import {
  lvarKind, readBcd, readBigUIntLE, readInt64LE, readIntLE, readReal32, readReversedText, readUIntLE, real32Text,
} from './data-types';
import { decodeTypeF, decodeTypeG, decodeTypeI, decodeTypeJ, type MeterTime } from './dates';
import { addFlag, type ValueInfo } from './value-info';

/** Data size in bytes of DIF data fields 0x0–0xE (0xD = variable: -1). */
const FIELD_SIZE = [0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, -1, 6];
const BCD_FIELD = [false, false, false, false, false, false, false, false, false, true, true, true, true, false, true];

/** Where a record's value is written (the DataRecord under construction). */
export interface ValueTarget {
  value: number | string | null;
  unit: CanonicalUnit;
  raw: RawValue;
}

function put(t: ValueTarget, value: number | string | null, unit: CanonicalUnit, raw: RawValue, end: number): number {
  t.value = value;
  t.unit = unit;
  t.raw = raw;
  return end;
}

function need(at: number, size: number, end: number, recordNo: number, recordAt: number): void {
  if (at + size > end) {
    throw new DecodeError(
      `record ${recordNo} at byte ${recordAt}: premature end of record at data (needs ${size} bytes at byte ${at}, ${Math.max(0, end - at)} left)`,
      at, 'truncated');
  }
}

function timeValue(out: ValueTarget, info: ValueInfo, t: MeterTime, unit: CanonicalUnit, bytes: string, end: number): number {
  if (t.invalid) addFlag(info, 'invalid-time');
  if (t.summerTime) addFlag(info, 'summer-time');
  return put(out, t.text, unit, { mantissa: t.text ?? '', exponent: 0, unit, encoding: 'date', bytes }, end);
}

/** Date/time records: type by VIF and data size; -1 when the size fits no date type. */
function readTime(out: ValueTarget, b: Uint8Array, at: number, size: number, info: ValueInfo, end: number): number {
  const bytes = toHex(b, at, at + size);
  if (size === 2) return timeValue(out, info, decodeTypeG(b, at), 'date', bytes, end);
  if (info.kind === 'date' && size !== 4) return -1;
  if (size === 4) return timeValue(out, info, decodeTypeF(b, at), info.kind === 'date' ? 'date' : 'datetime', bytes, end);
  if (size === 6) return timeValue(out, info, decodeTypeI(b, at), 'datetime', bytes, end);
  if (size === 3) return timeValue(out, info, decodeTypeJ(b, at), 'time', bytes, end);
  return -1;
}

function numberValue(out: ValueTarget, info: ValueInfo, mantissa: number | bigint, text: string, encoding: RawValue['encoding'], bytes: string, end: number): number {
  const raw: RawValue = { mantissa: text, exponent: info.exponent, unit: info.unit, encoding, bytes };
  if (info.kind !== 'number') return put(out, Number(mantissa), '', raw, end);
  const c = conversionOf(info.unit);
  return put(out, toCanonical(Number(mantissa), info.exponent, c), c.unit, raw, end);
}

/** LVAR data (DIF 0xD): text, positive/negative BCD, or binary. */
function readLvar(out: ValueTarget, b: Uint8Array, at: number, end: number, info: ValueInfo, recordNo: number, recordAt: number): number {
  need(at, 1, end, recordNo, recordAt);
  const k = lvarKind(b[at]!);
  if (k.kind === 'reserved') {
    throw new DecodeError(`record ${recordNo} at byte ${recordAt}: reserved LVAR 0x${b[at]!.toString(16)} at byte ${at}`, at, 'bad-lvar');
  }
  const start = at + 1;
  need(start, k.size, end, recordNo, recordAt);
  const stop = start + k.size;
  const bytes = toHex(b, start, stop);
  if (k.kind === 'text') {
    const text = readReversedText(b, start, k.size);
    return put(out, text, '', { mantissa: text, exponent: 0, unit: info.unit, encoding: 'text', bytes }, stop);
  }
  if (k.kind === 'binary' && k.size <= 6) {
    const v = readIntLE(b, start, k.size);
    return numberValue(out, info, v, String(v), 'int', bytes, stop);
  }
  if (k.kind === 'binary') {
    // Long binary (keys, hashes, bit maps): the value is its hex, most significant byte first.
    const hex = toHex(b.slice(start, stop).reverse());
    return put(out, hex, '', { mantissa: String(readBigUIntLE(b, start, k.size)), exponent: 0, unit: info.unit, encoding: 'bytes', bytes }, stop);
  }
  let digits = '';
  for (let i = stop - 1; i >= start; i--) digits += (b[i]! >> 4).toString(16) + (b[i]! & 0x0f).toString(16);
  digits = digits.replace(/^0+(?=.)/, '') || '0';
  if (k.kind === 'negative-bcd') digits = '-' + digits;
  if (!/^-?\d+$/.test(digits)) addFlag(info, 'bcd-error-digits');
  return numberValue(out, info, Number(digits), digits, 'bcd', bytes, stop);
}

/**
 * Reads the data of one record starting at `at` (just after the VIB) into `out` and returns the
 * offset after it. `dataField` is the DIF's low nibble (0x0–0xE; 0xF is the caller's).
 */
export function readRecordValue(out: ValueTarget, b: Uint8Array, at: number, end: number, dataField: number, info: ValueInfo, recordNo: number, recordAt: number): number {
  if (dataField === 0xd) return readLvar(out, b, at, end, info, recordNo, recordAt);
  const size = FIELD_SIZE[dataField]!;
  if (size === 0) return put(out, null, '', { mantissa: '', exponent: info.exponent, unit: info.unit, encoding: 'none', bytes: '' }, at);
  need(at, size, end, recordNo, recordAt);
  const stop = at + size;
  if ((info.kind === 'date' || info.kind === 'datetime') && !BCD_FIELD[dataField] && dataField !== 5) {
    const timeEnd = readTime(out, b, at, size, info, stop);
    if (timeEnd >= 0) return timeEnd;
  }
  const bytes = toHex(b, at, stop);
  if (BCD_FIELD[dataField]) {
    const bcd = readBcd(b, at, size);
    if (bcd.irregular) addFlag(info, 'bcd-error-digits');
    return numberValue(out, info, bcd.value, String(bcd.value), 'bcd', bytes, stop);
  }
  if (dataField === 5) {
    const text = real32Text(readReal32(b, at));
    return numberValue(out, info, Number(text), text, 'real', bytes, stop);
  }
  const v = dataField === 7 ? readInt64LE(b, at) : info.kind === 'bits' ? readUIntLE(b, at, size) : readIntLE(b, at, size);
  return numberValue(out, info, v, String(v), info.kind === 'bits' ? 'bytes' : 'int', bytes, stop);
}
