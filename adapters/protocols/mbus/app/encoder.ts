/**
 * EN 13757-3 encoder: data records (DIF/DIFE chain from function, storage number, tariff and
 * subunit; the VIB as the caller gives it; the data field from encode-data.ts), the long and
 * short headers, and complete RSP_UD long frames (EN 13757-2) as a meter sends them.
 * Used by the tests and golden fixtures, and by the building simulator. Invalid specs throw
 * ConfigError naming the field; the encoder never writes a record the standard cannot carry.
 *
 *   DIF   E S FF DDDD          extension, storage bit 0, function, data field
 *   DIFE  E U TT SSSS          extension, subunit bit n, tariff bits 2n..2n+1, storage bits 4n+1..4n+4
 */
import { ConfigError } from '../../../../lib/errors';
import type { ReadingFunction } from '../../../../lib/reading';
import { rspUd } from '../link/control-field';
import { buildLongFrame, byteField } from '../link/frame';
import { CI } from './ci-field';
import { MAX_EXTENSIONS } from './dib';
import { encodeData, type DataSpec } from './encode-data';
import { manufacturerValue } from './manufacturer';
import { mediumCode } from './medium';

export type { DataSpec, MeterDate, MeterDateTime, MeterDateTimeSeconds } from './encode-data';
export { lvarBinaryBytes, typeFBytes, typeGBytes, typeIBytes } from './encode-data';

/** Largest storage number (DIF bit + 10 DIFEs × 4 bits), tariff (10 × 2 bits) and subunit (10 × 1 bit). */
export const MAX_STORAGE = 2 ** 41 - 1;
export const MAX_TARIFF = 2 ** 20 - 1;
export const MAX_SUBUNIT = 2 ** 10 - 1;

const FUNCTION_CODES: Record<ReadingFunction, number> = { instantaneous: 0, maximum: 1, minimum: 2, error: 3 };
const DIF_SPECIAL_MANUFACTURER = 0x0f;
const DIF_SPECIAL_MORE_RECORDS = 0x1f;
const VIF_PLAIN_TEXT = 0x7c;
const VIF_EXTENSION_FB = 0x7b;
const VIF_EXTENSION_FD = 0x7d;

/** One data record. */
export interface RecordSpec {
  function?: ReadingFunction;
  storage?: number;
  tariff?: number;
  subunit?: number;
  /** Send at least this many DIFEs (zero-filled), as some meters do; default: as few as needed. */
  difes?: number;
  /** VIF and VIFE bytes as sent (0xFB/0xFD prefixes included); see plainTextVib for 0x7C/0xFC. */
  vif: number[];
  data: DataSpec;
}

export interface LongHeaderSpec {
  /** 8 digits as printed on the meter (hex digits A–F are sent as given). */
  id: string;
  /** Three letters A–Z, or the raw 16-bit value. */
  manufacturer: string | number;
  version: number;
  /** Medium byte, or its name (e.g. "water", "heat"). */
  medium: number | string;
  accessNumber: number;
  status?: number;
  /** Signature / configuration word; default 0 (no encryption). */
  configuration?: number;
}

export interface ShortHeaderSpec {
  accessNumber: number;
  status?: number;
  configuration?: number;
}

export type HeaderSpec = ({ type: 'long' } & LongHeaderSpec) | ({ type: 'short' } & ShortHeaderSpec) | { type: 'none' };

/** A record spec, or bytes inserted as they are (idle fillers 0x2F, hand-made records). */
export type RecordItem = RecordSpec | Uint8Array;

export interface RspUdSpec {
  address: number;
  /** Access demand: the slave has class 1 data. */
  acd?: boolean;
  /** Data flow control: the slave cannot take more data. */
  dfc?: boolean;
  /** Long header (CI 0x72), short header (0x7A) or none (0x78, the default). */
  header?: HeaderSpec;
  records: RecordItem[];
  /** Sent after DIF 0x0F (or 0x1F with moreRecordsFollow). */
  manufacturerData?: Uint8Array;
  /** Ends the records with DIF 0x1F: the master should ask for the next telegram. */
  moreRecordsFollow?: boolean;
}

function checkRange(what: string, v: number, max: number): number {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new ConfigError(`${what} ${v}: must be an integer 0–${max}`);
  return v;
}

/** DIF and DIFEs for the data field and the record's function, storage, tariff and subunit. */
export function encodeDib(spec: Omit<RecordSpec, 'vif' | 'data'>, dataField: number): number[] {
  const storage = checkRange('storage number', spec.storage ?? 0, MAX_STORAGE);
  const tariff = checkRange('tariff', spec.tariff ?? 0, MAX_TARIFF);
  const subunit = checkRange('subunit', spec.subunit ?? 0, MAX_SUBUNIT);
  const minDifes = checkRange('DIFE count', spec.difes ?? 0, MAX_EXTENSIONS);
  const fn = FUNCTION_CODES[spec.function ?? 'instantaneous'];
  if (fn === undefined) throw new ConfigError(`function "${String(spec.function)}": must be instantaneous, maximum, minimum or error`);
  const out = [((storage % 2) << 6) | (fn << 4) | dataField];
  // Storage bits above bit 0, 4 per DIFE; arithmetic, not bit operators: storage has 41 bits.
  let s = Math.floor(storage / 2), t = tariff, u = subunit;
  while (s > 0 || t > 0 || u > 0 || out.length - 1 < minDifes) {
    out[out.length - 1] |= 0x80;
    out.push(((u & 1) << 6) | ((t & 3) << 4) | (s % 16));
    s = Math.floor(s / 16); t >>= 2; u >>= 1;
  }
  return out;
}

/** Checks the extension bits of a VIB and its VIFE count; plain-text VIBs are taken as given. */
function checkVib(vif: number[]): void {
  if (vif.length === 0) throw new ConfigError('VIF: at least one byte is required');
  vif.forEach((b, i) => byteField(`VIF byte ${i}`, b));
  if ((vif[0]! & 0x7f) === VIF_PLAIN_TEXT) return;
  for (let i = 0; i < vif.length; i++) {
    const last = i === vif.length - 1;
    if (((vif[i]! & 0x80) === 0) !== last) {
      throw new ConfigError(`VIF byte ${i} (0x${vif[i]!.toString(16)}): extension bit must be ${last ? 'clear on the last' : 'set on all but the last'} byte`);
    }
  }
  const code = vif[0]! & 0x7f;
  const vifes = vif.length - (code === VIF_EXTENSION_FB || code === VIF_EXTENSION_FD ? 2 : 1);
  if (vifes > MAX_EXTENSIONS) throw new ConfigError(`VIF: ${vifes} VIFEs, at most ${MAX_EXTENSIONS}`);
}

/**
 * Plain-text unit VIB: 0x7C alone, or 0xFC with VIFEs. `placement` 'standard' puts the length
 * and the (reversed) text after the VIFEs as EN 13757-3 says; 'after-vif' puts it right after
 * 0xFC as several meters do.
 */
export function plainTextVib(unit: string, vifes: number[] = [], placement: 'standard' | 'after-vif' = 'standard'): number[] {
  if (unit.length === 0 || unit.length > 0x7f) throw new ConfigError(`plain-text unit "${unit}": 1–127 characters`);
  const text = [unit.length, ...Array.from(unit, (c) => c.charCodeAt(0) & 0xff).reverse()];
  if (vifes.length === 0) return [VIF_PLAIN_TEXT, ...text];
  return placement === 'standard' ? [0x80 | VIF_PLAIN_TEXT, ...vifes, ...text] : [0x80 | VIF_PLAIN_TEXT, ...text, ...vifes];
}

/** One data record: DIB, VIB, data. */
export function encodeRecord(spec: RecordSpec): Uint8Array {
  checkVib(spec.vif);
  const data = encodeData(spec.data);
  const dib = encodeDib(spec, data.dataField);
  const out = new Uint8Array(dib.length + spec.vif.length + data.bytes.length);
  out.set(dib, 0);
  out.set(spec.vif, dib.length);
  out.set(data.bytes, dib.length + spec.vif.length);
  return out;
}

/** Records, then the manufacturer-data / more-records-follow tail (DIF 0x0F / 0x1F). */
export function encodeRecords(records: RecordItem[], manufacturerData?: Uint8Array, moreRecordsFollow = false): Uint8Array {
  const parts = records.map((r) => (r instanceof Uint8Array ? r : encodeRecord(r)));
  if (manufacturerData !== undefined || moreRecordsFollow) {
    parts.push(Uint8Array.of(moreRecordsFollow ? DIF_SPECIAL_MORE_RECORDS : DIF_SPECIAL_MANUFACTURER));
    if (manufacturerData) parts.push(manufacturerData);
  }
  return concat(parts);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

function word(what: string, v: number): number[] {
  checkRange(what, v, 0xffff);
  return [v & 0xff, v >> 8];
}

/** Long header (CI 0x72): id (BCD, LSB first), manufacturer, version, medium, access number, status, configuration. */
export function encodeLongHeader(h: LongHeaderSpec): Uint8Array {
  if (!/^[0-9A-Fa-f]{8}$/.test(h.id)) throw new ConfigError(`meter id "${h.id}": must be 8 digits`);
  const id = [6, 4, 2, 0].map((at) => parseInt(h.id.slice(at, at + 2), 16));
  const manufacturer = typeof h.manufacturer === 'number' ? h.manufacturer : manufacturerValue(h.manufacturer);
  const medium = typeof h.medium === 'number' ? h.medium : mediumCode(h.medium);
  if (medium === undefined) throw new ConfigError(`medium "${String(h.medium)}": unknown name`);
  return Uint8Array.of(...id, ...word('manufacturer', manufacturer), byteField('version', h.version),
    byteField('medium', medium), ...encodeShortHeader(h));
}

/** Short header (CI 0x7A): access number, status, configuration word. */
export function encodeShortHeader(h: ShortHeaderSpec): Uint8Array {
  return Uint8Array.of(byteField('access number', h.accessNumber), byteField('status', h.status ?? 0),
    ...word('configuration', h.configuration ?? 0));
}

/** A complete RSP_UD long frame: 68 L L 68, C = 0x08 | ACD | DFC, address, CI, header, records, CS, 16. */
export function encodeRspUd(spec: RspUdSpec): Uint8Array {
  const header = spec.header ?? { type: 'none' };
  let ci: number;
  let head: Uint8Array;
  if (header.type === 'long') { ci = CI.RSP_LONG_HEADER; head = encodeLongHeader(header); }
  else if (header.type === 'short') { ci = CI.RSP_SHORT_HEADER; head = encodeShortHeader(header); }
  else { ci = CI.RSP_NO_HEADER; head = new Uint8Array(0); }
  const body = concat([head, encodeRecords(spec.records, spec.manufacturerData, spec.moreRecordsFollow)]);
  return buildLongFrame(rspUd(spec.acd ?? false, spec.dfc ?? false), spec.address, ci, body);
}

/** An application error response (CI 0x70) with its one-byte error code (EN 13757-3 Table 24). */
export function encodeApplicationError(address: number, code: number): Uint8Array {
  return buildLongFrame(rspUd(false, false), address, CI.APPLICATION_ERROR, Uint8Array.of(byteField('error code', code)));
}
