/**
 * NV values → canonical readings: a LonTalk packet carrying an NV update (from IP-852) or a
 * SmartServer datapoint value (IAP/MQ), looked up in the NV map, decoded with the SNVT codec
 * and stamped with the meter, quantity, tariff and a reference to the raw frame.
 */
import { DecodeError } from '../../../lib/errors';
import { frameRef } from '../../../lib/frame-ref';
import type { Reading } from '../../../lib/reading';
import type { LonTalkPacket } from './lontalk-packet';
import { isNvApdu, parseNvMessage } from './nv-message';
import type { NvMap, NvMapEntry } from './nv-map';
import { decodeSnvt, encodeSnvt, type SnvtValue } from './snvt-codec';

export interface NvContext {
  receivedAt: Date;
  /** The raw frame as received (datagram or MQTT payload): its reference goes into source.frame. */
  frame: Uint8Array;
  /** When the value applies, if the source says (default: receivedAt). */
  timestamp?: Date;
  /** Where it came from, e.g. "ip852 127.0.0.1:1628" or the MQTT topic. */
  via?: string;
}

/** One reading of one mapped NV value. */
export function nvReading(entry: NvMapEntry, v: SnvtValue, ctx: NvContext): Reading {
  const receivedAt = ctx.receivedAt.toISOString();
  return {
    meter: { manufacturer: '', id: entry.meter, version: 0, medium: entry.medium, mediumCode: 0 },
    quantity: entry.quantity ?? v.quantity, value: v.value, unit: v.unit, raw: v.raw,
    storage: 0, tariff: entry.tariff, subunit: 0, function: 'instantaneous',
    timestamp: ctx.timestamp?.toISOString() ?? receivedAt, receivedAt, flags: v.flags,
    source: { protocol: 'lonworks', frame: frameRef(ctx.frame), ...(ctx.via ? { via: ctx.via } : {}) },
  };
}

/** True when the packet carries an NV value (an NV APDU with data), i.e. something to decode. */
export function carriesNvValue(packet: LonTalkPacket): boolean {
  return packet.apdu !== null && isNvApdu(packet.apdu) && packet.apdu.length > 2;
}

/**
 * The reading of an NV update packet. DecodeError 'unmapped' when the selector/device is not
 * in the NV map, 'length' when the data does not fit the mapped SNVT.
 */
export function nvUpdateReading(map: NvMap, packet: LonTalkPacket, ctx: NvContext): Reading {
  const nv = parseNvMessage(packet.apdu ?? new Uint8Array(0));
  const { subnet, node } = packet.source;
  const entry = map.forNv(nv.selector, subnet, node, packet.domain);
  const from = `NV selector 0x${nv.selector.toString(16).padStart(4, '0')} from device ${subnet}/${node}` +
    ` in domain '${packet.domain}'`;
  if (!entry) throw new DecodeError(`${from} is not in the NV map`, 0, 'unmapped');
  try {
    return nvReading(entry, decodeSnvt(entry.snvt, nv.data), ctx);
  } catch (err) {
    if (err instanceof DecodeError) throw new DecodeError(`${from}: ${err.message}`, err.offset, err.code);
    throw err;
  }
}

/**
 * The reading of a datapoint value already scaled to the SNVT's unit (as SmartServer IAP
 * presents it). The value is re-encoded at the type's resolution so raw keeps the exact
 * integer register; DecodeError 'unmapped' / 'bad-value' otherwise.
 */
export function datapointReading(map: NvMap, path: string, value: unknown, ctx: NvContext): Reading {
  const entry = map.forDatapoint(path);
  if (!entry) throw new DecodeError(`datapoint '${path}' is not in the NV map`, 0, 'unmapped');
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DecodeError(`datapoint '${path}': value ${JSON.stringify(value)} is not a number for ${entry.snvt.name}`, 0, 'bad-value');
  }
  let data: Uint8Array;
  try {
    data = encodeSnvt(entry.snvt, value);
  } catch (err) {
    throw new DecodeError(`datapoint '${path}': ${(err as Error).message}`, 0, 'bad-value');
  }
  return nvReading(entry, decodeSnvt(entry.snvt, data), ctx);
}
