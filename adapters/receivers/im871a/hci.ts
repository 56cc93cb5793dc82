/**
 * IMST iM871A (and iM170A) "WM-Bus HCI" framing, host side, 57600 8N1:
 *   A5 | ctrl<<4 | endpoint | message id | length | payload | [timestamp 4] [RSSI 1] [CRC 2]
 * ctrl flags: 0x2 timestamp attached, 0x4 RSSI attached, 0x8 CRC attached. The CRC is
 * CRC-16/X-25 (CCITT polynomial reflected 0x8408, init 0xFFFF, inverted) over everything from
 * the ctrl/endpoint byte to the RSSI, sent low byte first (assumed from wmbusmeters'
 * crc16_CCITT and its 0x0F47 residue check). A received telegram is endpoint 2 (RADIOLINK),
 * message 0x03 (WMBUSMSG_IND): the telegram from the C field on, without L and CRCs, so L is
 * put back (= payload length). The RSSI byte is read as a CC1101 RSSI (assumption).
 */
import { byteHex, toHex } from '../../../lib/hex';
import { cc1101Dbm, concatBytes } from '../framing';
import type { Framer, FramerEvent, LinkMode } from '../receiver';

export const SOF = 0xa5;
export const ENDPOINT = { devmgmt: 1, radiolink: 2, radiolinktest: 3, hwtest: 4 } as const;
export const DEVMGMT = { pingReq: 0x01, pingRsp: 0x02, setConfigReq: 0x03, setConfigRsp: 0x04, resetReq: 0x07, deviceInfoReq: 0x0f, deviceInfoRsp: 0x10 } as const;
export const RADIOLINK_WMBUSMSG_IND = 0x03;
export const FLAG = { timestamp: 0x2, rssi: 0x4, crc: 0x8 } as const;
/** HCI link-mode values (SET_CONFIG): the iM871A listens on one mode at a time. */
export const IM871A_LINK_MODES: Partial<Record<LinkMode, number>> = { S1: 0, T1: 3, C1: 6 };

const HEADER = 4;
const ENDPOINT_NAMES = ['', 'DEVMGMT', 'RADIOLINK', 'RADIOLINKTEST', 'HWTEST'];

/** CRC-16/X-25 (check "123456789" = 0x906E). */
export function crcX25(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) {
    crc ^= bytes[i]!;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
  }
  return ~crc & 0xffff;
}

/** One HCI frame; `flags` are the ctrl bits of the optional fields given (CRC computed here). */
export function hciFrame(endpoint: number, messageId: number, payload: Uint8Array, options: { timestamp?: number; rssiRaw?: number; crc?: boolean } = {}): Uint8Array {
  const flags = (options.timestamp !== undefined ? FLAG.timestamp : 0) | (options.rssiRaw !== undefined ? FLAG.rssi : 0) | (options.crc ? FLAG.crc : 0);
  const body = [(flags << 4) | endpoint, messageId, payload.length, ...payload];
  if (options.timestamp !== undefined) body.push(...[0, 8, 16, 24].map((s) => (options.timestamp! >>> s) & 0xff));
  if (options.rssiRaw !== undefined) body.push(options.rssiRaw);
  if (options.crc) {
    const crc = crcX25(Uint8Array.from(body));
    body.push(crc & 0xff, crc >> 8);
  }
  return Uint8Array.of(SOF, ...body);
}

/** SET_CONFIG (volatile): link mode, RSSI and timestamp attached to every received telegram. */
export function setConfigCommand(mode: LinkMode): Uint8Array {
  const value = IM871A_LINK_MODES[mode];
  if (value === undefined) throw new Error(`iM871A cannot listen on ${mode}`);
  // NVM flag 0 (RAM only), IIFlag1 0x02 (link mode), mode, IIFlag2 0x30 (RSSI + timestamp), on, on.
  return hciFrame(ENDPOINT.devmgmt, DEVMGMT.setConfigReq, Uint8Array.of(0x00, 0x02, value, 0x30, 0x01, 0x01));
}

export function im871aCommands(mode: LinkMode | undefined): Uint8Array[] {
  const ping = hciFrame(ENDPOINT.devmgmt, DEVMGMT.pingReq, new Uint8Array(0));
  return mode ? [ping, setConfigCommand(mode)] : [ping];
}

export class Im871aFramer implements Framer {
  private rest: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): FramerEvent[] {
    const b = concatBytes(this.rest, chunk);
    const events: FramerEvent[] = [];
    let i = 0;
    let noise = 0;
    const flushNoise = (): void => {
      if (noise > 0) events.push({ kind: 'skipped', bytes: noise, reason: 'iM871A: bytes before a start byte A5' });
      noise = 0;
    };
    while (i < b.length) {
      if (b[i] === SOF && b.length - i < HEADER) break;
      const flags = b[i + 1]! >> 4;
      const endpoint = b[i + 1]! & 0x0f;
      if (b[i] !== SOF || endpoint < 1 || endpoint > 4 || flags & 1) { noise++; i++; continue; }
      const len = b[i + 3]!;
      const total = HEADER + len + (flags & FLAG.timestamp ? 4 : 0) + (flags & FLAG.rssi ? 1 : 0) + (flags & FLAG.crc ? 2 : 0);
      if (b.length - i < total) break;
      flushNoise();
      if (flags & FLAG.crc && crcX25(b, i + 1, i + total - 2) !== (b[i + total - 2]! | (b[i + total - 1]! << 8))) {
        events.push({ kind: 'skipped', bytes: 1, reason: `iM871A: CRC error in a ${ENDPOINT_NAMES[endpoint]} frame (message 0x${byteHex(b[i + 2]!)}), resynchronising` });
        i++;
        continue;
      }
      events.push(frameEvent(b.subarray(i, i + total), flags, endpoint, len));
      i += total;
    }
    flushNoise();
    this.rest = b.slice(i);
    return events;
  }
}

function frameEvent(f: Uint8Array, flags: number, endpoint: number, len: number): FramerEvent {
  const payload = f.subarray(HEADER, HEADER + len);
  if (endpoint === ENDPOINT.radiolink && f[2] === RADIOLINK_WMBUSMSG_IND) {
    const telegram = Uint8Array.of(len, ...payload);
    if (!(flags & FLAG.rssi)) return { kind: 'telegram', telegram };
    const rssiAt = HEADER + len + (flags & FLAG.timestamp ? 4 : 0);
    return { kind: 'telegram', telegram, rssi: cc1101Dbm(f[rssiAt]!) };
  }
  return { kind: 'response', text: `iM871A ${ENDPOINT_NAMES[endpoint]} message 0x${byteHex(f[2]!)}${len > 0 ? ` ${toHex(payload)}` : ''}` };
}
