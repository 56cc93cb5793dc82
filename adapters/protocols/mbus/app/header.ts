/**
 * The fixed headers of EN 13757-3 variable-data telegrams: long header (CI 0x72: id,
 * manufacturer, version, medium, access number, status, configuration word) and short header
 * (CI 0x7A: access number, status, configuration word). Also the status-byte meanings.
 */
import { bcdDigits } from './data-types';
import { manufacturerCode } from './manufacturer';
import { mediumName } from './medium';
import type { TelegramHeader } from './types';

export const LONG_HEADER_SIZE = 12;
export const SHORT_HEADER_SIZE = 4;

/** Status byte bits 0–4 (bits 5–7 are manufacturer specific). */
export function statusFlags(status: number): string[] {
  const flags: string[] = [];
  const app = status & 0x03;
  if (app === 1) flags.push('meter-busy');
  else if (app === 2) flags.push('meter-error');
  else if (app === 3) flags.push('meter-alarm');
  if (status & 0x04) flags.push('power-low');
  if (status & 0x08) flags.push('permanent-error');
  if (status & 0x10) flags.push('temporary-error');
  if (status & 0xe0) flags.push(`manufacturer-status-0x${(status & 0xe0).toString(16)}`);
  return flags;
}

function header(id: string | null, manufacturer: string | null, version: number | null, mediumCode: number | null,
  accessNumber: number, status: number, configuration: number): TelegramHeader {
  return {
    id, manufacturer, version, medium: mediumCode === null ? null : mediumName(mediumCode), mediumCode,
    accessNumber, status, configuration,
    encryptionMode: (configuration >> 8) & 0x1f,
    encryptedBlocks: (configuration >> 4) & 0x0f,
    statusFlags: status === 0 ? [] : statusFlags(status),
  };
}

/** Long header at b[at..at+12). The caller has checked the length. */
export function readLongHeader(b: Uint8Array, at: number): TelegramHeader {
  return header(bcdDigits(b, at, 4), manufacturerCode(b[at + 4]! | (b[at + 5]! << 8)), b[at + 6]!, b[at + 7]!,
    b[at + 8]!, b[at + 9]!, b[at + 10]! | (b[at + 11]! << 8));
}

/** Short header at b[at..at+4). Identity comes from the link layer (wireless) or is unknown (wired). */
export function readShortHeader(b: Uint8Array, at: number): TelegramHeader {
  return header(null, null, null, null, b[at]!, b[at + 1]!, b[at + 2]! | (b[at + 3]! << 8));
}
