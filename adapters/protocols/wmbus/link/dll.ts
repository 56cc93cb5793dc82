/**
 * The EN 13757-4 data link layer header after CRC stripping: L C M(2) A(6 = id 4 BCD LE,
 * version, device type), then the CI field at byte 10. C-field function codes as named by
 * EN 13757-4 (SND_NR, SND_IR, ACC_NR, ACC_DMD, RSP_UD, …).
 */
import { bcdDigits } from '../../mbus/app/data-types';
import { manufacturerCode } from '../../mbus/app/manufacturer';
import { mediumName } from '../../mbus/app/medium';

export const DLL_SIZE = 10;

const C_FIELDS: Record<number, string> = {
  0x40: 'SND_NKE', 0x43: 'SND_UD3', 0x44: 'SND_NR', 0x46: 'SND_IR', 0x47: 'ACC_NR', 0x48: 'ACC_DMD',
  0x53: 'SND_UD', 0x73: 'SND_UD2', 0x5a: 'REQ_UD1', 0x5b: 'REQ_UD2', 0x7a: 'REQ_UD1', 0x7b: 'REQ_UD2',
  0x00: 'ACK', 0x01: 'NACK', 0x06: 'CNF_IR', 0x08: 'RSP_UD', 0x18: 'RSP_UD', 0x28: 'RSP_UD', 0x38: 'RSP_UD',
};

/** Name of a C-field function, e.g. 0x44 → "SND_NR"; unknown codes "C 0xNN". */
export function controlName(c: number): string {
  return C_FIELDS[c] ?? `C 0x${c.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** The identity a wireless link layer carries (also the ELL III/IV second address). */
export interface LinkAddress {
  manufacturer: string;
  id: string;
  version: number;
  deviceType: number;
  medium: string;
}

/** Address M(2) A(6) at b[at..at+8). */
export function readAddress(b: Uint8Array, at: number): LinkAddress {
  return {
    manufacturer: manufacturerCode(b[at]! | (b[at + 1]! << 8)), id: bcdDigits(b, at + 2, 4),
    version: b[at + 6]!, deviceType: b[at + 7]!, medium: mediumName(b[at + 7]!),
  };
}

/** Meter name for messages: "KAM 12345678". */
export function meterLabel(a: { manufacturer: string | null; id: string | null }): string {
  return `${a.manufacturer ?? '???'} ${a.id ?? '????????'}`;
}
