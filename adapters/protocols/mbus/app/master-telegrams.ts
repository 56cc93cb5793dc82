/**
 * Master→slave telegrams (EN 13757-3 on the EN 13757-2 link layer, as libmbus sends them):
 * link reset, data request, secondary address selection, application reset, set primary
 * address, baud rate switch and generic data send; and the 16-hex-digit secondary address
 * string of the libmbus tools. Invalid arguments throw ConfigError.
 */
import { ConfigError } from '../../../../lib/errors';
import { fromHex, toHex } from '../../../../lib/hex';
import { ADDRESS_NETWORK_LAYER, ADDRESS_PRIMARY_MAX, SND_NKE, isAssignableAddress, reqUd2, sndUd } from '../link/control-field';
import { buildFrame, buildLongFrame, byteField } from '../link/frame';
import { manufacturerCode, manufacturerValue } from './manufacturer';

export const CI_APPLICATION_RESET = 0x50;
export const CI_DATA_SEND = 0x51;
export const CI_SELECTION = 0x52;
/** CI 0xB8 + index in BAUD_RATES switches the slave to that baud rate. */
const CI_BAUD_RATE_300 = 0xb8;
export const BAUD_RATES = [300, 600, 1200, 2400, 4800, 9600, 19200, 38400] as const;
export type BaudRate = typeof BAUD_RATES[number];

/** Data record "8-bit integer, bus address" that sets the primary address (DIF 0x01, VIF 0x7A). */
const DIF_INT8 = 0x01;
const VIF_BUS_ADDRESS = 0x7a;
const WILDCARD = 0xff;
const MANUFACTURER_WILDCARD = 0xffff;

/** A slave's secondary address, or a selection mask when it holds wildcards. */
export interface SecondaryAddress {
  /**
   * 8 identification digits, most significant first; each 'F' is a wildcard nibble. Hex digits
   * A–E are sent as given (some meters have non-BCD ids), as libmbus does.
   */
  id: string;
  /** Three-letter code, the raw 16-bit value (for codes outside A–Z), or null for any (FF FF). */
  manufacturer: string | number | null;
  /** Version byte, or null for any (FF). */
  version: number | null;
  /** Medium (device type) byte, or null for any (FF). */
  medium: number | null;
}

/** SND_NKE (link reset) short frame. */
export function buildSndNke(address: number): Uint8Array {
  return buildFrame({ type: 'short', control: SND_NKE, address });
}

/** REQ_UD2 (request meter data) short frame; use address 253 for the selected slave. */
export function buildReqUd2(address: number, fcb: boolean): Uint8Array {
  return buildFrame({ type: 'short', control: reqUd2(fcb), address });
}

/** Selection by secondary address (CI 0x52) to address 253: `68 0B 0B 68 53 FD 52 ID MAN VER MED CS 16`. */
export function buildSelection(mask: SecondaryAddress, fcb = false): Uint8Array {
  return buildLongFrame(sndUd(fcb), ADDRESS_NETWORK_LAYER, CI_SELECTION, secondaryAddressBytes(mask));
}

/** Application reset (CI 0x50); the optional subcode selects what the slave resets or reports. */
export function buildApplicationReset(address: number, subcode?: number, fcb = false): Uint8Array {
  const data = subcode === undefined ? new Uint8Array(0) : Uint8Array.of(byteField('subcode', subcode));
  return buildLongFrame(sndUd(fcb), address, CI_APPLICATION_RESET, data);
}

/** Gives the slave at `address` the primary address `newAddress` (0–250): CI 0x51, DIF 0x01, VIF 0x7A. */
export function buildSetPrimaryAddress(address: number, newAddress: number, fcb = false): Uint8Array {
  if (!isAssignableAddress(newAddress)) {
    throw new ConfigError(`new primary address ${newAddress}: must be an integer 0–${ADDRESS_PRIMARY_MAX}`);
  }
  return buildDataSend(address, Uint8Array.of(DIF_INT8, VIF_BUS_ADDRESS, newAddress), fcb);
}

/** Baud rate switch control frame (CI 0xB8–0xBF); the slave acknowledges at the old rate, then switches. */
export function buildBaudRateSwitch(address: number, baudRate: BaudRate, fcb = false): Uint8Array {
  const index = BAUD_RATES.indexOf(baudRate);
  if (index < 0) throw new ConfigError(`baud rate ${baudRate}: must be one of ${BAUD_RATES.join(', ')}`);
  return buildFrame({ type: 'control', control: sndUd(fcb), address, ci: CI_BAUD_RATE_300 + index });
}

/** SND_UD with CI 0x51: data records (DIF, VIF, value…) for the slave. */
export function buildDataSend(address: number, data: Uint8Array, fcb = false): Uint8Array {
  return buildLongFrame(sndUd(fcb), address, CI_DATA_SEND, data);
}

/** The 8 selection bytes as on the wire: ID (4 BCD bytes, LSB first), MAN (2 bytes LE), VER, MED. */
export function secondaryAddressBytes(address: SecondaryAddress): Uint8Array {
  if (typeof address.id !== 'string' || !/^[0-9A-Fa-f]{8}$/.test(address.id)) {
    throw new ConfigError(`secondary address id "${address.id}": must be 8 hex digits (0–9, F = wildcard)`);
  }
  const out = new Uint8Array(8);
  out.set(fromHex(address.id).reverse(), 0);
  const man = manufacturerField(address.manufacturer);
  out[4] = man & 0xff;
  out[5] = man >> 8;
  out[6] = optionalByte('version', address.version);
  out[7] = optionalByte('medium', address.medium);
  return out;
}

/**
 * The secondary address as libmbus prints and reads it (mbus-scan-secondary, mbus-select-…):
 * 16 upper-case hex digits, the 8 ID digits most significant first, then the manufacturer,
 * version and medium bytes in wire order, e.g. "12345678" + "2D2C" (KAM = 0x2C2D, low byte first) + "01" + "07".
 */
export function secondaryAddressHex(address: SecondaryAddress): string {
  return address.id.toUpperCase() + toHex(secondaryAddressBytes(address), 4);
}

/** Reads a secondaryAddressHex string (spaces allowed, e.g. "FFFFFFFF FFFF FF FF"); FF fields become null. */
export function parseSecondaryAddress(text: string): SecondaryAddress {
  const digits = text.replace(/\s+/g, '');
  if (!/^[0-9A-Fa-f]{16}$/.test(digits)) {
    throw new ConfigError(`secondary address "${text}": must be 16 hex digits (ID 8, manufacturer 4, version 2, medium 2)`);
  }
  const bytes = fromHex(digits.slice(8));
  const man = bytes[0]! | (bytes[1]! << 8);
  return {
    id: digits.slice(0, 8).toUpperCase(),
    manufacturer: man === MANUFACTURER_WILDCARD ? null : manufacturerOrValue(man),
    version: bytes[2] === WILDCARD ? null : bytes[2]!,
    medium: bytes[3] === WILDCARD ? null : bytes[3]!,
  };
}

/** The three-letter code when it encodes back to the same value, else the raw value. */
function manufacturerOrValue(value: number): string | number {
  const code = manufacturerCode(value);
  return /^[A-Z]{3}$/.test(code) && manufacturerValue(code) === value ? code : value;
}

function manufacturerField(manufacturer: string | number | null): number {
  if (manufacturer === null) return MANUFACTURER_WILDCARD;
  if (typeof manufacturer === 'string') return manufacturerValue(manufacturer);
  if (!Number.isInteger(manufacturer) || manufacturer < 0 || manufacturer > 0xffff) {
    throw new ConfigError(`manufacturer ${manufacturer}: must be a three-letter code, an integer 0–65535 or null (any)`);
  }
  return manufacturer;
}

function optionalByte(name: string, value: number | null): number {
  return value === null ? WILDCARD : byteField(name, value);
}
