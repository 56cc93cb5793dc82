/**
 * LonTalk packet as carried in IP-852 data packets (ISO/IEC 14908-1, no link-layer CRC):
 * PPDU byte (priority, alternate path, delta backlog) · NPDU byte (version, PDU format,
 * address format, domain length) · source and destination address · domain · TPDU/SPDU header
 * · APDU. Layout as in Wireshark packet-lon.c. Parse only what a passive listener needs to
 * attribute NV values to a device; authentication PDUs and reminders carry no APDU here.
 */
import { DecodeError } from '../../../lib/errors';
import { toHex } from '../../../lib/hex';

export type LonDestination =
  | { format: 'broadcast'; subnet: number }
  | { format: 'group'; group: number }
  | { format: 'subnet-node'; subnet: number; node: number }
  | { format: 'group-ack'; subnet: number; node: number; group: number; member: number }
  | { format: 'neuron-id'; subnet: number; neuronId: string };

export type PduFormat = 'tpdu' | 'spdu' | 'authpdu' | 'apdu';

/** Service of the enclosed PDU: the TPDU/SPDU type, or 'unackd' for a bare APDU. */
export type LonService = 'unackd' | 'ackd' | 'unackd-rpt' | 'ack' | 'reminder' | 'rem-msg'
  | 'request' | 'response' | 'authentication' | 'reserved';

export interface LonTalkPacket {
  priority: boolean;
  altPath: boolean;
  deltaBacklog: number;
  version: number;
  pduFormat: PduFormat;
  source: { subnet: number; node: number };
  destination: LonDestination;
  /** Domain id as hex ('' for the zero-length domain). */
  domain: string;
  service: LonService;
  /** Transaction number of TPDU/SPDU (absent for a bare APDU). */
  transaction?: number;
  /** The application PDU, or null when the service carries none (ack, reminder, auth). */
  apdu: Uint8Array | null;
}

export const PDU_FORMATS: readonly PduFormat[] = ['tpdu', 'spdu', 'authpdu', 'apdu'];
export const DOMAIN_LENGTHS = [0, 1, 3, 6] as const;
export const TPDU_TYPES: readonly LonService[] = ['ackd', 'unackd-rpt', 'ack', 'reserved', 'reminder', 'rem-msg', 'reserved', 'reserved'];
export const SPDU_TYPES: readonly LonService[] = ['request', 'reserved', 'response', 'reserved', 'reminder', 'rem-msg', 'reserved', 'reserved'];
/** Services whose header is followed directly by an APDU. */
const CARRIES_APDU = new Set<LonService>(['ackd', 'unackd-rpt', 'request', 'response']);

function need(p: Uint8Array, end: number, what: string): void {
  if (p.length < end) throw new DecodeError(`LonTalk: truncated in ${what}, needs ${end} bytes, got ${p.length}`, p.length, 'truncated');
}

/** Destination address and its length in bytes after the two source bytes (offset 4). */
function destinationOf(p: Uint8Array, addressFormat: number, selField: number): { dst: LonDestination; length: number } {
  switch (addressFormat) {
    case 0: need(p, 5, 'broadcast address'); return { dst: { format: 'broadcast', subnet: p[4]! }, length: 1 };
    case 1: need(p, 5, 'group address'); return { dst: { format: 'group', group: p[4]! }, length: 1 };
    case 2:
      if (selField === 1) {
        need(p, 6, 'subnet/node address');
        return { dst: { format: 'subnet-node', subnet: p[4]!, node: p[5]! & 0x7f }, length: 2 };
      }
      need(p, 8, 'group acknowledgement address');
      return { dst: { format: 'group-ack', subnet: p[4]!, node: p[5]! & 0x7f, group: p[6]!, member: p[7]! }, length: 4 };
    default:
      need(p, 11, 'Neuron ID address');
      return { dst: { format: 'neuron-id', subnet: p[4]!, neuronId: toHex(p, 5, 11) }, length: 7 };
  }
}

/** Parses one LonTalk packet (PPDU onwards). Offsets in errors are within the packet. */
export function parseLonTalkPacket(p: Uint8Array): LonTalkPacket {
  need(p, 4, 'PPDU/NPDU header and source address');
  const ppdu = p[0]!;
  const npdu = p[1]!;
  const pduFormat = PDU_FORMATS[(npdu >> 4) & 3]!;
  const { dst, length } = destinationOf(p, (npdu >> 2) & 3, p[3]! >> 7);
  const domainAt = 4 + length;
  const domainLength = DOMAIN_LENGTHS[npdu & 3]!;
  need(p, domainAt + domainLength, 'domain');
  const packet: LonTalkPacket = {
    priority: (ppdu & 0x80) !== 0, altPath: (ppdu & 0x40) !== 0, deltaBacklog: ppdu & 0x3f,
    version: npdu >> 6, pduFormat, source: { subnet: p[2]!, node: p[3]! & 0x7f }, destination: dst,
    domain: toHex(p, domainAt, domainAt + domainLength), service: 'unackd', apdu: null,
  };
  const at = domainAt + domainLength;
  if (pduFormat === 'apdu') {
    packet.apdu = p.subarray(at);
    return packet;
  }
  need(p, at + 1, `${pduFormat.toUpperCase()} header`);
  const header = p[at]!;
  packet.transaction = header & 0x0f;
  packet.service = pduFormat === 'authpdu' ? 'authentication'
    : (pduFormat === 'tpdu' ? TPDU_TYPES : SPDU_TYPES)[(header >> 4) & 7]!;
  if (CARRIES_APDU.has(packet.service)) packet.apdu = p.subarray(at + 1);
  return packet;
}
