/**
 * Builds LonTalk packets (the inverse of lontalk-packet.ts) for fixtures, tests and the
 * simulator: an APDU sent unacknowledged (bare APDU), acknowledged or repeated (TPDU) or as
 * request/response (SPDU) from a subnet/node to any destination format in a domain.
 */
import { fromHex } from '../../../lib/hex';
import { DOMAIN_LENGTHS, SPDU_TYPES, TPDU_TYPES, type LonDestination } from './lontalk-packet';

export interface LonTalkPacketSpec {
  source: { subnet: number; node: number };
  destination: LonDestination;
  /** Domain id hex: 0, 1, 3 or 6 bytes. */
  domain?: string;
  /** 'unackd' (default) sends a bare APDU. */
  service?: 'unackd' | 'ackd' | 'unackd-rpt' | 'request' | 'response';
  transaction?: number;
  priority?: boolean;
  apdu: Uint8Array;
}

function destinationBytes(d: LonDestination): { format: number; selField: number; bytes: number[] } {
  switch (d.format) {
    case 'broadcast': return { format: 0, selField: 1, bytes: [d.subnet] };
    case 'group': return { format: 1, selField: 1, bytes: [d.group] };
    case 'subnet-node': return { format: 2, selField: 1, bytes: [d.subnet, 0x80 | d.node] };
    case 'group-ack': return { format: 2, selField: 0, bytes: [d.subnet, 0x80 | d.node, d.group, d.member] };
    case 'neuron-id': return { format: 3, selField: 1, bytes: [d.subnet, ...fromHex(d.neuronId)] };
  }
}

/** The LonTalk packet bytes (PPDU onwards, no CRC). */
export function buildLonTalkPacket(spec: LonTalkPacketSpec): Uint8Array {
  const domain = fromHex(spec.domain ?? '');
  const domainCode = DOMAIN_LENGTHS.indexOf(domain.length as 0 | 1 | 3 | 6);
  if (domainCode < 0) throw new RangeError(`domain of ${domain.length} bytes: must be 0, 1, 3 or 6`);
  const service = spec.service ?? 'unackd';
  const dst = destinationBytes(spec.destination);
  const isSpdu = service === 'request' || service === 'response';
  const pduFormat = service === 'unackd' ? 3 : isSpdu ? 1 : 0;
  const header = service === 'unackd' ? [] : [((isSpdu ? SPDU_TYPES : TPDU_TYPES).indexOf(service) << 4) | ((spec.transaction ?? 0) & 0x0f)];
  return Uint8Array.from([
    spec.priority ? 0x80 : 0x00,
    (pduFormat << 4) | (dst.format << 2) | domainCode,
    spec.source.subnet, (dst.selField << 7) | (spec.source.node & 0x7f),
    ...dst.bytes, ...domain, ...header, ...spec.apdu,
  ]);
}
