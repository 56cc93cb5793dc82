/**
 * One IP-852 UDP datagram → what a passive listener does with it: readings for a mapped NV
 * update; 'ignored' with the reason for everything a listener that is not a channel member
 * has no use for (channel membership, send lists, statistics, acks, polls, non-NV APDUs);
 * 'failed' with a DecodeError for malformed packets, unmapped NVs, wrong data lengths and
 * MD5-authenticated packets (not supported).
 */
import { DecodeError } from '../../../lib/errors';
import { IP852_DATA, parseIp852Packet } from './ip852-packet';
import { parseLonTalkPacket, type LonTalkPacket } from './lontalk-packet';
import { isNvApdu } from './nv-message';
import type { NvMap } from './nv-map';
import { carriesNvValue, nvUpdateReading } from './nv-readings';
import type { NvOutcome } from './nv-source';

/** Decodes one datagram; never throws for bad input. */
export function decodeIp852Datagram(map: NvMap, datagram: Uint8Array, receivedAt: Date, via?: string): NvOutcome {
  try {
    const ip = parseIp852Packet(datagram);
    if (ip.type !== IP852_DATA) return { kind: 'ignored', reason: ip.typeName };
    if (ip.authenticated) {
      throw new DecodeError('IP-852: MD5-authenticated packet; authentication is not supported (use an unauthenticated channel)', 5, 'authentication-unsupported');
    }
    if (ip.protocol !== 0) return { kind: 'ignored', reason: `protocol-${ip.protocol}` };
    const packet = parseLonTalkPacket(ip.payload);
    if (!carriesNvValue(packet)) return { kind: 'ignored', reason: ignoredReason(packet) };
    return { kind: 'readings', readings: [nvUpdateReading(map, packet, { receivedAt, frame: datagram, ...(via ? { via } : {}) })] };
  } catch (err) {
    if (err instanceof DecodeError) return { kind: 'failed', error: err };
    throw err;
  }
}

/** Why a LonTalk packet carries no NV value: its service (ack, reminder, …), a poll, or another APDU. */
function ignoredReason(packet: LonTalkPacket): string {
  if (packet.apdu === null) return packet.service;
  return isNvApdu(packet.apdu) ? 'nv-poll' : 'not-nv-update';
}
