/**
 * IP-852 (ANSI/CEA-852, ISO/IEC 14908-4, "CN/IP") packets: the 20-byte common header, all
 * big-endian — packet size u16 (header included), version, packet type, extended-header size
 * in 4-byte words, protocol flags (bit 5 = MD5 authentication, bits 0–4 protocol, 0 = 709.1),
 * vendor code u16, session id u32, sequence u32, timestamp u32 — then the extended header and
 * the payload. A data packet (type 0x01) carries one LonTalk packet (PPDU onwards).
 */
import { DecodeError } from '../../../lib/errors';

export const IP852_HEADER_SIZE = 20;
export const IP852_DEFAULT_PORT = 1628;
export const IP852_DATA = 0x01;
const SECURITY_FLAG = 0x20;
const PROTOCOL_MASK = 0x1f;

/** Names of the packet types (Wireshark packet-cnip.c, izot LtIpPackets.h); the rest are 'type-0xNN'. */
const PACKET_TYPES: Record<number, string> = {
  0x01: 'data', 0x03: 'device-registration', 0x04: 'channel-membership', 0x06: 'send-list',
  0x07: 'acknowledge', 0x08: 'channel-routing', 0x60: 'statistics-request', 0x63: 'device-configure-request',
  0x64: 'channel-membership-request', 0x66: 'send-list-request', 0x68: 'channel-routing-request',
  0x70: 'statistics-response', 0x71: 'device-configure', 0x7f: 'segment',
};

export interface Ip852Packet {
  version: number;
  type: number;
  /** 'data', 'channel-membership', … or 'type-0xNN'. */
  typeName: string;
  /** Bit 5 of the protocol flags: the packet carries an MD5 digest keyed by the channel secret. */
  authenticated: boolean;
  /** 0 = ANSI/CEA-709.1 (LonTalk). */
  protocol: number;
  vendor: number;
  session: number;
  sequence: number;
  timestamp: number;
  /** Bytes after the header and extended header, up to the packet size. */
  payload: Uint8Array;
}

export function packetTypeName(type: number): string {
  return PACKET_TYPES[type] ?? `type-0x${type.toString(16).padStart(2, '0')}`;
}

/** Parses one UDP datagram; DecodeError when shorter than its header or its declared size. */
export function parseIp852Packet(d: Uint8Array): Ip852Packet {
  if (d.length < IP852_HEADER_SIZE) {
    throw new DecodeError(`IP-852: datagram of ${d.length} bytes is shorter than the 20-byte header`, d.length, 'truncated');
  }
  const view = new DataView(d.buffer, d.byteOffset, d.length);
  const size = view.getUint16(0);
  const payloadAt = IP852_HEADER_SIZE + d[4]! * 4;
  if (size < payloadAt || size > d.length) {
    throw new DecodeError(`IP-852: packet size ${size} does not fit the ${d.length}-byte datagram and a ${payloadAt}-byte header`, 0, 'length');
  }
  const flags = d[5]!;
  return {
    version: d[2]!, type: d[3]!, typeName: packetTypeName(d[3]!),
    authenticated: (flags & SECURITY_FLAG) !== 0, protocol: flags & PROTOCOL_MASK,
    vendor: view.getUint16(6), session: view.getUint32(8), sequence: view.getUint32(12), timestamp: view.getUint32(16),
    payload: d.subarray(payloadAt, size),
  };
}

export interface Ip852PacketSpec {
  type?: number;
  sequence?: number;
  session?: number;
  timestamp?: number;
  vendor?: number;
  authenticated?: boolean;
  payload: Uint8Array;
}

/** Builds an IP-852 packet, version 1, no extended header (tests, fixtures, simulator). */
export function buildIp852Packet(spec: Ip852PacketSpec): Uint8Array {
  const out = new Uint8Array(IP852_HEADER_SIZE + spec.payload.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, out.length);
  out[2] = 1;
  out[3] = spec.type ?? IP852_DATA;
  out[5] = spec.authenticated ? SECURITY_FLAG : 0;
  view.setUint16(6, spec.vendor ?? 0);
  view.setUint32(8, spec.session ?? 0);
  view.setUint32(12, spec.sequence ?? 0);
  view.setUint32(16, spec.timestamp ?? 0);
  out.set(spec.payload, IP852_HEADER_SIZE);
  return out;
}
