/**
 * Value information block: VIF (primary, 0xFB/0xFD extension tables, plain text 0x7C/0xFC,
 * any-VIF 0x7E/0xFE, manufacturer 0x7F/0xFF) and up to 10 VIFEs → ValueInfo.
 *
 * Plain-text units: the standard puts the length byte and the (reversed) ASCII text after the
 * whole VIFE chain; several meters (Itron Cyble, Elvaco CMa10, EDC …) put it right after the
 * 0xFC VIF. Both placements are tried; the one that yields printable text within the record wins.
 */
import { DecodeError } from '../../../../lib/errors';
import { readReversedText } from './data-types';
import { MAX_EXTENSIONS } from './dib';
import { addFlag, addQualifier, infoFrom, resetInfo, type ValueInfo } from './value-info';
import { FB_VIF } from './vif-fb';
import { FD_VIF } from './vif-fd';
import { entry, reserved } from './vif-entry';
import { PRIMARY_VIF } from './vif-primary';
import { applyCombinableVife } from './vife';

/** A plain-text VIB candidate: its meaning and the offset just after it. */
interface TextVib { info: ValueInfo; end: number }

const ANY_VIF = entry('unknown', 'Any VIF (readout selection)', '', 0);
const MANUFACTURER_VIF = entry('manufacturer-specific', 'Manufacturer specific', '', 0, 'manufacturer');
const TEXT_VIF = entry('dimensionless', 'Plain-text unit', '', 0);
const LONE_FB = reserved('7B');
const LONE_FD = reserved('7D');

/** Plain-text units with a standard meaning. */
const KNOWN_TEXT_UNITS: Record<string, { quantity: ValueInfo['quantity']; unit: string }> = {
  '%RH': { quantity: 'relative-humidity', unit: '%' },
};

function fail(recordNo: number, recordAt: number, at: number, why: string, code: string): never {
  throw new DecodeError(`record ${recordNo} at byte ${recordAt}: ${why}`, at, code);
}

/** Reads VIFEs from `i` while the extension bit is set; applies combinable meanings. */
function readVifes(b: Uint8Array, i: number, end: number, info: ValueInfo, recordNo: number, recordAt: number): number {
  let count = 0;
  let manufacturerSpecific = info.kind === 'manufacturer';
  let ext = 0x80;
  while (ext) {
    if (i >= end) fail(recordNo, recordAt, i, `premature end of record at VIFE ${count + 1} (byte ${i})`, 'truncated');
    if (count === MAX_EXTENSIONS) fail(recordNo, recordAt, i, `too many VIFEs (more than ${MAX_EXTENSIONS})`, 'too-many-vife');
    const vife = b[i++]!;
    ext = vife & 0x80;
    count++;
    if (manufacturerSpecific) continue;
    const code = vife & 0x7f;
    if (code === 0x7c && ext) {
      // 0xFC: one more VIFE from the extension of the combinable table follows.
      if (i >= end) fail(recordNo, recordAt, i, `premature end of record at VIFE ${count + 1} (byte ${i})`, 'truncated');
      addQualifier(info, `combinable-extension-0x${(b[i]! & 0x7f).toString(16)}`);
      ext = b[i++]! & 0x80;
      count++;
      continue;
    }
    if (!applyCombinableVife(info, code)) { manufacturerSpecific = true; addFlag(info, 'manufacturer-specific'); }
  }
  return i;
}

function isPrintable(b: Uint8Array, at: number, size: number): boolean {
  for (let i = at; i < at + size; i++) if (b[i]! < 0x20 || b[i]! > 0x7e) return false;
  return true;
}

/** Plain-text unit: length byte at `at`, then the text; returns the end or -1 if implausible. */
function textEnd(b: Uint8Array, at: number, end: number): number {
  if (at >= end) return -1;
  const len = b[at]!;
  return at + 1 + len <= end && isPrintable(b, at + 1, len) ? at + 1 + len : -1;
}

function applyTextUnit(info: ValueInfo, b: Uint8Array, at: number): void {
  const text = readReversedText(b, at + 1, b[at]!);
  info.textUnit = text;
  info.description = text;
  const known = KNOWN_TEXT_UNITS[text];
  if (known) { info.quantity = known.quantity; info.unit = known.unit; }
}

/** Plain-text VIF: tries the standard placement (after VIFEs), then the common quirk (before them). */
function readPlainTextVib(b: Uint8Array, at: number, end: number, recordNo: number, recordAt: number): TextVib {
  const hasVifes = (b[at]! & 0x80) !== 0;
  if (!hasVifes) {
    const info = infoFrom(TEXT_VIF);
    const stop = textEnd(b, at + 1, end);
    if (stop < 0) fail(recordNo, recordAt, at + 1, textProblem(b, at + 1, end), 'bad-text-vif');
    applyTextUnit(info, b, at + 1);
    return { info, end: stop };
  }
  const standard = tryPlacement(() => {
    const info = infoFrom(TEXT_VIF);
    const codesEnd = readVifes(b, at + 1, end, info, recordNo, recordAt);
    const stop = textEnd(b, codesEnd, end);
    if (stop < 0) return null;
    applyTextUnit(info, b, codesEnd);
    return { info, end: stop };
  });
  if (standard) return standard;
  const stop = textEnd(b, at + 1, end);
  if (stop < 0) fail(recordNo, recordAt, at + 1, textProblem(b, at + 1, end), 'bad-text-vif');
  const info = infoFrom(TEXT_VIF);
  applyTextUnit(info, b, at + 1);
  const codesEnd = readVifes(b, stop, end, info, recordNo, recordAt);
  return { info, end: codesEnd };
}

function tryPlacement(f: () => TextVib | null): TextVib | null {
  try { return f(); } catch (e) { if (e instanceof DecodeError) return null; throw e; }
}

function textProblem(b: Uint8Array, at: number, end: number): string {
  if (at >= end) return `premature end of record at plain-text VIF length (byte ${at})`;
  const len = b[at]!;
  return at + 1 + len > end
    ? `plain-text VIF of ${len} characters at byte ${at} runs past the end of the record data (${end - at - 1} bytes left)`
    : `plain-text VIF at byte ${at} is not printable ASCII`;
}

/**
 * Reads the VIB at `at` into `info` (a scratch the caller reuses) and returns the offset just
 * after it. Throws DecodeError naming record and byte on truncation.
 */
export function readVib(b: Uint8Array, at: number, end: number, recordNo: number, recordAt: number, info: ValueInfo): number {
  if (at >= end) fail(recordNo, recordAt, at, `premature end of record at VIF (byte ${at})`, 'truncated');
  const vif = b[at]!;
  const code = vif & 0x7f;
  if (code === 0x7c) {
    const text = readPlainTextVib(b, at, end, recordNo, recordAt);
    Object.assign(info, text.info);
    return text.end;
  }
  let i = at + 1;
  let ext = vif & 0x80;
  if ((code === 0x7b || code === 0x7d) && !ext) {
    // An extension table announced without the extension byte: meaning unknown, data still readable.
    resetInfo(info, code === 0x7b ? LONE_FB : LONE_FD);
  } else if (code === 0x7b || code === 0x7d) {
    if (i >= end) fail(recordNo, recordAt, i, `premature end of record at extended VIF (byte ${i})`, 'truncated');
    const x = b[i++]!;
    resetInfo(info, (code === 0x7b ? FB_VIF : FD_VIF)[x & 0x7f]!);
    ext = x & 0x80;
  } else if (code === 0x7e) resetInfo(info, ANY_VIF);
  else if (code === 0x7f) resetInfo(info, MANUFACTURER_VIF);
  else resetInfo(info, PRIMARY_VIF[code]!);
  if (info.quantity === 'unknown' && code !== 0x7e) addFlag(info, 'unknown-unit');
  return ext ? readVifes(b, i, end, info, recordNo, recordAt) : i;
}
