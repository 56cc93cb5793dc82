/**
 * decodeTelegram: one wired M-Bus frame (bytes) → DecodedTelegram. Dispatches on the frame type
 * and the CI field: variable data with long (0x72), short (0x7A) or no header (0x78), fixed data
 * (0x73/0x77), data sent by a master (0x51), application errors (0x70). Offsets in errors and
 * records are byte positions in the given bytes.
 */
import { DecodeError } from '../../../../lib/errors';
import { CONTROL_PRM } from '../link/control-field';
import { parseFrame } from '../link/frame';
import { applicationErrorText, ciName, CI } from './ci-field';
import { readFixedData } from './fixed-data';
import { LONG_HEADER_SIZE, readLongHeader, readShortHeader, SHORT_HEADER_SIZE } from './header';
import { readRecords } from './records';
import type { DecodedTelegram, TelegramHeader } from './types';

/** Byte offset of the first data byte after CI in a long frame (68 L L 68 C A CI). */
const DATA_START = 7;

function telegram(type: DecodedTelegram['frame']['type'], control: number, address: number, ci: number, length: number): DecodedTelegram {
  const direction = type !== 'ack' && (control & CONTROL_PRM) !== 0 ? 'master-to-slave' : 'slave-to-master';
  return { frame: { type, direction, control, address, ci, length }, header: null, records: [], manufacturerData: undefined, moreRecordsFollow: false, warnings: [] };
}

function needHeader(size: number, start: number, end: number, ci: number): void {
  if (end - start < size) {
    throw new DecodeError(
      `CI 0x${ci.toString(16).toUpperCase()} at byte ${start - 1}: variable data header too short (needs ${size} bytes, has ${end - start})`,
      start, 'truncated');
  }
}

/** Records after a header; a header announcing encryption is honoured only if the data is not plain. */
function readVariableData(b: Uint8Array, start: number, end: number, out: DecodedTelegram): void {
  const h = out.header;
  if (h === null || h.encryptionMode === 0 || (b[start] === 0x2f && b[start + 1] === 0x2f)) {
    readRecords(b, start, end, out);
    return;
  }
  try {
    readRecords(b, start, end, out);
    out.warnings.push(`configuration word 0x${h.configuration.toString(16).padStart(4, '0')} announces security mode ${h.encryptionMode}, but the data decodes as plain records (legacy signature field)`);
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    throw new EncryptedTelegramError(h, start);
  }
}

/** The data is encrypted and no key was given (the wireless M-Bus adapter decrypts). */
export class EncryptedTelegramError extends DecodeError {
  constructor(readonly header: TelegramHeader, offset: number) {
    super(`meter ${meterName(header)}: telegram is encrypted (security mode ${header.encryptionMode}, ${header.encryptedBlocks} blocks) and no key was given`, offset, 'encrypted');
  }
}

function meterName(h: TelegramHeader): string {
  return h.id === null ? 'with short header' : `${h.manufacturer} ${h.id}`;
}

/** Decodes one complete wired M-Bus frame. Throws DecodeError (what, where, why, offset). */
export function decodeTelegram(b: Uint8Array): DecodedTelegram {
  const parsed = parseFrame(b, 0);
  const f = parsed.frame;
  if (f.type === 'ack') return telegram('ack', 0, 0, 0, parsed.length);
  if (f.type === 'short') return telegram('short', f.control, f.address, 0, parsed.length);
  const out = telegram(f.type, f.control, f.address, f.ci, parsed.length);
  if (parsed.length !== b.length) out.warnings.push(`${b.length - parsed.length} bytes after the frame end (byte ${parsed.length}) ignored`);
  const start = DATA_START;
  const end = parsed.length - 2;
  if (f.ci === CI.APPLICATION_ERROR) {
    const why = end > start ? `${applicationErrorText(b[start]!)} (code ${b[start]!})` : `${applicationErrorText(0)} (no code byte)`;
    throw new DecodeError(`meter reports an application error (CI 0x70): ${why}`, start - 1, 'application-error');
  }
  if (f.type === 'control') return out;
  switch (f.ci) {
    case CI.RSP_LONG_HEADER:
      needHeader(LONG_HEADER_SIZE, start, end, f.ci);
      out.header = readLongHeader(b, start);
      readVariableData(b, start + LONG_HEADER_SIZE, end, out);
      return out;
    case CI.RSP_SHORT_HEADER:
      needHeader(SHORT_HEADER_SIZE, start, end, f.ci);
      out.header = readShortHeader(b, start);
      readVariableData(b, start + SHORT_HEADER_SIZE, end, out);
      return out;
    case CI.RSP_NO_HEADER:
    case CI.DATA_SEND:
      readRecords(b, start, end, out);
      return out;
    case CI.RSP_FIXED:
    case CI.RSP_FIXED_MSB:
      readFixedData(b, start, end, f.ci === CI.RSP_FIXED_MSB, out);
      return out;
    default:
      throw new DecodeError(`CI 0x${f.ci.toString(16).toUpperCase()} at byte 6 (${ciName(f.ci)}) is not a wired M-Bus data telegram this decoder reads`, 6, 'unsupported-ci');
  }
}
