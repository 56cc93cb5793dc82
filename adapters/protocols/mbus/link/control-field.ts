/**
 * EN 13757-2 link layer: the C (control) field and the A (address) field of M-Bus frames.
 * Values and bit names follow EN 13757-2 / IEC 60870-5-2 (libmbus MBUS_CONTROL_MASK_*).
 */
import { ConfigError } from '../../../../lib/errors';

/** Master→slave (PRM, "DIR") bit: set in every telegram the master sends. */
export const CONTROL_PRM = 0x40;
/** Frame count bit (master→slave): toggled after each successful exchange. */
export const CONTROL_FCB = 0x20;
/** Frame count bit valid (master→slave): the slave honours FCB only when this is set. */
export const CONTROL_FCV = 0x10;
/** Access demand (slave→master): the slave has class 1 (alarm) data. */
export const CONTROL_ACD = 0x20;
/** Data flow control (slave→master): the slave cannot accept more data. */
export const CONTROL_DFC = 0x10;
const FUNCTION_MASK = 0x0f;

/** Link reset (short frame); the slave answers E5. */
export const SND_NKE = 0x40;
/** Send user data (long/control frame) with FCB = 0; 0x73 with FCB = 1. */
export const SND_UD = 0x53;
/** Request class 1 (alarm) data with FCB = 0; 0x7A with FCB = 1. */
export const REQ_UD1 = 0x5a;
/** Request class 2 (meter) data with FCB = 0; 0x7B with FCB = 1. */
export const REQ_UD2 = 0x5b;
/** Slave response with user data, ACD = DFC = 0; 0x18/0x28/0x38 with DFC/ACD set. */
export const RSP_UD = 0x08;

export type ControlName = 'SND_NKE' | 'SND_UD' | 'REQ_UD1' | 'REQ_UD2' | 'RSP_UD' | 'unknown';

export interface ControlInfo {
  /** The M-Bus service named by the function code (low nibble) and direction; 'unknown' otherwise. */
  name: ControlName;
  direction: 'master-to-slave' | 'slave-to-master';
  /** Master→slave only (false for slave→master). */
  fcb: boolean;
  fcv: boolean;
  /** Slave→master only (false for master→slave). */
  acd: boolean;
  dfc: boolean;
}

const MASTER_FUNCTIONS: Partial<Record<number, ControlName>> = {
  [SND_NKE & FUNCTION_MASK]: 'SND_NKE',
  [SND_UD & FUNCTION_MASK]: 'SND_UD',
  [REQ_UD1 & FUNCTION_MASK]: 'REQ_UD1',
  [REQ_UD2 & FUNCTION_MASK]: 'REQ_UD2',
};

/** Decodes a C field into service name, direction and flag bits. */
export function describeControl(control: number): ControlInfo {
  const fn = control & FUNCTION_MASK;
  const bit5 = (control & 0x20) !== 0;
  const bit4 = (control & 0x10) !== 0;
  if (control & CONTROL_PRM) {
    return {
      name: MASTER_FUNCTIONS[fn] ?? 'unknown',
      direction: 'master-to-slave',
      fcb: bit5, fcv: bit4, acd: false, dfc: false,
    };
  }
  return {
    name: fn === RSP_UD ? 'RSP_UD' : 'unknown',
    direction: 'slave-to-master',
    fcb: false, fcv: false, acd: bit5, dfc: bit4,
  };
}

/** SND_UD C field: 0x53, or 0x73 with the frame count bit set. */
export function sndUd(fcb: boolean): number {
  return fcb ? SND_UD | CONTROL_FCB : SND_UD;
}

/** REQ_UD1 C field: 0x5A, or 0x7A with the frame count bit set. */
export function reqUd1(fcb: boolean): number {
  return fcb ? REQ_UD1 | CONTROL_FCB : REQ_UD1;
}

/** REQ_UD2 C field: 0x5B, or 0x7B with the frame count bit set. */
export function reqUd2(fcb: boolean): number {
  return fcb ? REQ_UD2 | CONTROL_FCB : REQ_UD2;
}

/** RSP_UD C field with the access demand and data flow control bits: 0x08, 0x18, 0x28, 0x38. */
export function rspUd(acd: boolean, dfc: boolean): number {
  return RSP_UD | (acd ? CONTROL_ACD : 0) | (dfc ? CONTROL_DFC : 0);
}

/** Factory default address of a slave that has not been given a primary address. */
export const ADDRESS_UNCONFIGURED = 0;
/** Primary addresses are 1–250; 251 and 252 are reserved. */
export const ADDRESS_PRIMARY_MAX = 250;
/** Network layer: the slave selected by secondary address (CI 0x52) answers here. */
export const ADDRESS_NETWORK_LAYER = 253;
/** Broadcast that every slave answers: only safe with a single slave on the bus. */
export const ADDRESS_BROADCAST_REPLY = 254;
/** Broadcast that no slave answers. */
export const ADDRESS_BROADCAST_NO_REPLY = 255;

export type AddressKind =
  | 'unconfigured' | 'primary' | 'reserved' | 'network-layer' | 'broadcast-with-reply' | 'broadcast-no-reply';

/** What an A field value means; throws ConfigError outside 0–255. */
export function describeAddress(address: number): AddressKind {
  if (!Number.isInteger(address) || address < 0 || address > 255) {
    throw new ConfigError(`address ${address}: must be an integer 0–255`);
  }
  if (address === ADDRESS_UNCONFIGURED) return 'unconfigured';
  if (address <= ADDRESS_PRIMARY_MAX) return 'primary';
  if (address === ADDRESS_NETWORK_LAYER) return 'network-layer';
  if (address === ADDRESS_BROADCAST_REPLY) return 'broadcast-with-reply';
  if (address === ADDRESS_BROADCAST_NO_REPLY) return 'broadcast-no-reply';
  return 'reserved';
}

/** True for the addresses a slave can be given (0 = unconfigured, 1–250 primary), as libmbus does. */
export function isAssignableAddress(address: number): boolean {
  return Number.isInteger(address) && address >= ADDRESS_UNCONFIGURED && address <= ADDRESS_PRIMARY_MAX;
}
