/**
 * LonTalk network-variable APDU (ISO/IEC 14908-1; Wireshark packet-lon.c dissect_apdu): first
 * byte `1 d s s s s s s`, second byte the low 8 selector bits, then 1–31 data bytes of the NV
 * value (no data = a poll). The NV type is not on the wire: the NV map supplies it.
 */
import { DecodeError } from '../../../lib/errors';

/** Largest NV value the protocol carries. */
export const NV_DATA_MAX = 31;
/** Largest NV selector (14 bits); 0x3000–0x3FFF are the unbound selectors. */
export const NV_SELECTOR_MAX = 0x3fff;

export interface NvMessage {
  /** 14-bit NV selector. */
  selector: number;
  /** The direction bit as sent (bit 6 of the first byte). */
  direction: 0 | 1;
  /** The NV value bytes; empty for a poll. */
  data: Uint8Array;
}

/** True when the APDU is a network-variable message (destination/message code bit 7 set). */
export function isNvApdu(apdu: Uint8Array): boolean {
  return apdu.length > 0 && (apdu[0]! & 0x80) !== 0;
}

/** Parses an NV APDU; DecodeError (offsets within the APDU) when it is not one or is malformed. */
export function parseNvMessage(apdu: Uint8Array): NvMessage {
  if (!isNvApdu(apdu)) {
    const code = apdu.length === 0 ? 'empty' : `0x${apdu[0]!.toString(16).padStart(2, '0')}`;
    throw new DecodeError(`APDU: message code ${code} is not a network-variable message`, 0, 'not-nv');
  }
  if (apdu.length < 2) throw new DecodeError('NV APDU: truncated, the selector needs 2 bytes', apdu.length, 'truncated');
  const data = apdu.subarray(2);
  if (data.length > NV_DATA_MAX) {
    throw new DecodeError(`NV APDU: ${data.length} data bytes, at most ${NV_DATA_MAX} allowed`, 2 + NV_DATA_MAX, 'length');
  }
  return { selector: ((apdu[0]! & 0x3f) << 8) | apdu[1]!, direction: ((apdu[0]! >> 6) & 1) as 0 | 1, data };
}

/** Builds an NV APDU (tests, fixtures, simulator). */
export function buildNvMessage(selector: number, data: Uint8Array, direction: 0 | 1 = 0): Uint8Array {
  if (!Number.isInteger(selector) || selector < 0 || selector > NV_SELECTOR_MAX) throw new RangeError(`NV selector ${selector} is not 0…0x3FFF`);
  if (data.length > NV_DATA_MAX) throw new RangeError(`NV data of ${data.length} bytes exceeds ${NV_DATA_MAX}`);
  const apdu = new Uint8Array(2 + data.length);
  apdu[0] = 0x80 | (direction << 6) | (selector >> 8);
  apdu[1] = selector & 0xff;
  apdu.set(data, 2);
  return apdu;
}
