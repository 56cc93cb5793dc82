/**
 * Transport layer and application data (EN 13757-7 / OMS): long header (CI 0x72), short header
 * (0x7A), no header (0x78), compact frames (0x79 none, 0x7B short, 0x73 long header), decrypted
 * per the configuration word, then the EN 13757-3 records of the wired adapter. A short or no
 * header takes its identity from the link layer. Manufacturer-specific CIs (0xA0–0xB7): see
 * manufacturer.ts.
 */
import { DecodeError } from '../../../../lib/errors';
import { ciName } from '../../mbus/app/ci-field';
import { LONG_HEADER_SIZE, readLongHeader, readShortHeader, SHORT_HEADER_SIZE } from '../../mbus/app/header';
import { readRecords } from '../../mbus/app/records';
import type { TelegramHeader } from '../../mbus/app/types';
import { expandCompact } from '../compact';
import { linkHeader, meterError, needBytes, type Walk } from '../walk';
import { readManufacturerTpl } from './manufacturer';
import { decryptTpl } from './security';

const MODE_7 = 7;
const COMPACT_PREFIX = 4;

/** Meter type key of the compact-format cache: manufacturer, version, device type. */
function mvt(h: TelegramHeader): string {
  return `${h.manufacturer}-${h.version}-${h.mediumCode}`;
}

function readHeader(w: Walk, ci: number, at: number): { header: TelegramHeader; dataAt: number; longAt: number } {
  if (ci === 0x72 || ci === 0x73) {
    needBytes(w, at, LONG_HEADER_SIZE, 'long transport header');
    return { header: readLongHeader(w.b, at), dataAt: at + LONG_HEADER_SIZE, longAt: at };
  }
  if (ci === 0x7a || ci === 0x7b) {
    needBytes(w, at, SHORT_HEADER_SIZE, 'short transport header');
    const s = readShortHeader(w.b, at);
    const l = linkHeader(w, s.accessNumber);
    return { header: { ...s, id: l.id, manufacturer: l.manufacturer, version: l.version, medium: l.medium, mediumCode: l.mediumCode }, dataAt: at + SHORT_HEADER_SIZE, longAt: -1 };
  }
  return { header: linkHeader(w), dataAt: at, longAt: -1 };
}

function readCompact(w: Walk, h: TelegramHeader, at: number): void {
  needBytes(w, at, COMPACT_PREFIX, 'compact frame signature and CRC');
  const b = w.b;
  const signature = b[at]! | (b[at + 1]! << 8);
  const sig = `0x${signature.toString(16).toUpperCase().padStart(4, '0')}`;
  const format = w.options.formats?.get(mvt(h), signature);
  if (!format) throw meterError(w, `compact frame with format signature ${sig}: no full frame of this format seen yet (decode one first)`, at, 'compact-format-unknown', h);
  const expanded = expandCompact(format, b, at + COMPACT_PREFIX, w.end, b[at + 2]! | (b[at + 3]! << 8));
  if (!expanded) throw meterError(w, `compact frame with format signature ${sig}: its data does not fit the remembered format`, at + COMPACT_PREFIX, 'compact-format-mismatch', h);
  if (!expanded.crcOk) w.out.warnings.push(`compact frame: the expanded data does not match the full-frame CRC sent at byte ${at + 2}`);
  const first = w.out.records.length;
  readRecords(expanded.bytes, 0, expanded.bytes.length, w.out);
  for (let k = first; k < w.out.records.length; k++) w.out.records[k]!.offset = expanded.dataAt[k - first] ?? at;
  w.out.warnings.push(`compact frame (format signature ${sig}): record offsets are the positions of their data`);
}

/** Reads the TPL with CI `ci` at the byte after it (`at`), decrypting and decoding its records. */
export function readTpl(w: Walk, ci: number, at: number): void {
  w.out.frame.tplCi = ci;
  if (ci >= 0xa0 && ci <= 0xb7) { readManufacturerTpl(w, ci, at); return; }
  if (![0x72, 0x7a, 0x78, 0x79, 0x7b, 0x73].includes(ci)) {
    throw meterError(w, `CI 0x${ci.toString(16).toUpperCase()} at byte ${at - 1} (${ciName(ci)}) is not a transport layer this decoder reads`, at - 1, 'unsupported-ci');
  }
  const { header, dataAt, longAt } = readHeader(w, ci, at);
  w.out.header = header;
  const mode = header.encryptionMode;
  const data = mode === MODE_7 ? dataAt + 1 : dataAt;
  if (mode === 0 || mode === 5 || mode === MODE_7) decryptTpl(w, header, at - 1, data, longAt);
  if (ci === 0x79 || ci === 0x7b || ci === 0x73) { readCompact(w, header, data); return; }
  readData(w, w.b, data, w.end, mode === 0 || mode === 5 || mode === MODE_7 ? null : mode);
  w.options.formats?.learn(mvt(header), w.b, w.out.records);
}

/**
 * The records, as wmbusmeters reads them: a last record cut short by the end of the telegram is
 * dropped with a warning. `unsupportedMode`: the configuration word announces a security mode
 * this decoder does not implement; data that decodes as plain records is kept (with a warning),
 * as the wired adapter does for legacy signature words.
 */
function readData(w: Walk, b: Uint8Array, start: number, end: number, unsupportedMode: number | null): void {
  try {
    readRecords(b, start, end, w.out);
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    if (unsupportedMode !== null) throw meterError(w, `security mode ${unsupportedMode} is not supported (5 and 7 are)`, start, 'unsupported-security');
    if (err.code !== 'truncated' || w.out.records.length === 0) throw meterError(w, err.message, err.offset, err.code);
    w.out.warnings.push(`${err.message}: the rest of the telegram is ignored`);
  }
  if (unsupportedMode !== null) w.out.warnings.push(`configuration word announces security mode ${unsupportedMode}, but the data decodes as plain records`);
}
