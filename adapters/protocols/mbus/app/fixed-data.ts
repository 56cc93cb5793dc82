/**
 * The fixed data structure (CI 0x73 LSB-first, 0x77 MSB-first; M-Bus documentation §6.2):
 * id, access number, status (bit 7 counters binary, bit 6 counter 1 historic), medium and the
 * units of two 4-byte counters.
 */
import { DecodeError } from '../../../../lib/errors';
import { toHex } from '../../../../lib/hex';
import { conversionOf, toCanonical } from '../../../../lib/units';
import type { Quantity } from '../../../../lib/reading';
import { bcdDigits, readBcd, readUIntLE } from './data-types';
import { statusFlags } from './header';
import type { DataRecord, DecodedTelegram } from './types';

export const FIXED_DATA_SIZE = 16;

interface FixedUnit { quantity: Quantity; description: string; unit: string; exponent: number }
const u = (quantity: Quantity, description: string, unit: string, exponent: number): FixedUnit => ({ quantity, description, unit, exponent });

/** The 6-bit unit codes of the fixed structure, in table order. */
const FIXED_UNITS: FixedUnit[] = [
  u('duration', 'Time (h, min, s)', 's', 0), u('date', 'Date (D, M, Y)', '', 0),
  ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => u('energy', 'Energy', 'Wh', n)),
  ...[3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => u('energy', 'Energy', 'J', n)),
  ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => u('power', 'Power', 'W', n)),
  ...[3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => u('power', 'Power', 'J/h', n)),
  ...[-6, -5, -4, -3, -2, -1, 0, 1, 2].map((n) => u('volume', 'Volume', 'm3', n)),
  ...[-6, -5, -4, -3, -2, -1, 0, 1, 2].map((n) => u('volume-flow', 'Volume flow', 'm3/h', n)),
  u('temperature', 'Temperature', 'C', -3), u('hca', 'Units for H.C.A.', 'hca', 0),
  u('unknown', 'Reserved', '', 0), u('unknown', 'Reserved', '', 0), u('unknown', 'Reserved', '', 0),
  u('unknown', 'Reserved', '', 0), u('unknown', 'Reserved', '', 0), u('dimensionless', 'Without units', '', 0),
];

/** Medium of the fixed structure: two bits in each unit byte (M-Bus documentation table 6.2). */
const FIXED_MEDIA = ['other', 'oil', 'electricity', 'gas', 'heat', 'steam', 'hot-water', 'water',
  'heat-cost-allocator', 'reserved', 'gas-mode-2', 'heat-mode-2', 'hot-water-mode-2', 'water-mode-2',
  'heat-cost-allocator-mode-2', 'reserved'];

function counter(b: Uint8Array, at: number, unitCode: number, binary: boolean, historic: boolean): DataRecord {
  const fu = FIXED_UNITS[unitCode]!;
  const mantissa = binary ? readUIntLE(b, at, 4) : readBcd(b, at, 4).value;
  const c = conversionOf(fu.unit);
  return {
    offset: at, dif: '', vif: unitCode.toString(16).padStart(2, '0').toUpperCase(),
    function: 'instantaneous', storage: historic ? 1 : 0, tariff: 0, subunit: 0,
    quantity: fu.quantity, description: fu.description, unit: c.unit,
    value: toCanonical(mantissa, fu.exponent, c),
    raw: { mantissa: String(mantissa), exponent: fu.exponent, unit: fu.unit, encoding: binary ? 'int' : 'bcd', bytes: toHex(b, at, at + 4) },
    qualifiers: undefined, textUnit: undefined, flags: undefined,
  };
}

/** Decodes the 16-byte fixed structure at b[at..end) into `out` (header and two records). */
export function readFixedData(b: Uint8Array, at: number, end: number, msbFirst: boolean, out: DecodedTelegram): void {
  if (end - at !== FIXED_DATA_SIZE) {
    throw new DecodeError(`fixed data structure (CI 0x${msbFirst ? '77' : '73'}) at byte ${at}: needs ${FIXED_DATA_SIZE} bytes, has ${end - at}`, at, 'length');
  }
  const bytes = msbFirst ? reverseFields(b, at) : b.subarray(at, end);
  const status = bytes[5]!;
  const m1 = bytes[6]!, m2 = bytes[7]!;
  const mediumCode = ((m2 & 0xc0) >> 4) | ((m1 & 0xc0) >> 6);
  out.header = {
    id: bcdDigits(bytes, 0, 4), manufacturer: null, version: null,
    medium: FIXED_MEDIA[mediumCode]!, mediumCode,
    accessNumber: bytes[4]!, status, configuration: 0, encryptionMode: 0, encryptedBlocks: 0,
    statusFlags: statusFlags(status & 0x1f),
  };
  const binary = (status & 0x80) !== 0;
  const historic = (status & 0x40) !== 0;
  // Unit code 0x3E for counter 2: "same unit as counter 1, but historic".
  const sameButHistoric = (m2 & 0x3f) === 0x3e;
  const second = counter(bytes, 12, sameButHistoric ? m1 & 0x3f : m2 & 0x3f, binary, sameButHistoric);
  for (const [k, r] of [counter(bytes, 8, m1 & 0x3f, binary, historic), second].entries()) {
    r.offset = at + 8 + 4 * k;
    out.records.push(r);
  }
}

/** CI 0x77 sends multi-byte fields most significant byte first: turn them to LSB-first. */
function reverseFields(b: Uint8Array, at: number): Uint8Array {
  const r = b.slice(at, at + FIXED_DATA_SIZE);
  for (const [s, n] of [[0, 4], [8, 4], [12, 4]] as const) r.subarray(s, s + n).reverse();
  return r;
}
