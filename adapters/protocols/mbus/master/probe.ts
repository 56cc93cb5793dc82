/**
 * One step of the secondary-address search: select a mask (CI 0x52) and listen. Silence → no
 * device matches; a lone E5 → probably one device, read it with REQ_UD2 to 253 to learn its
 * full address; garbled bytes, several answers or a garbled reply to the REQ_UD2 → collision
 * (several devices match: the search descends). A device that acknowledged the selection but
 * gave no readable reply is reported as unreadable.
 */
import { ADDRESS_NETWORK_LAYER } from '../link/control-field';
import { toHex } from '../../../../lib/hex';
import { buildReqUd2, buildSelection, parseSecondaryAddress } from '../app/master-telegrams';
import { decodeTelegram } from '../app/telegram';
import { MBusMasterError } from './errors';
import type { MBusMaster } from './mbus-master';

export interface FoundDevice {
  /** 16 hex digits in libmbus order (id, manufacturer bytes, version, medium). */
  secondaryAddress: string;
  id: string;
  manufacturer: string;
  version: number;
  /** Medium name, e.g. "water", "electricity", "room-sensor". */
  medium: string;
  mediumCode: number;
  /** The A field of its reply (its primary address). */
  primaryAddress: number;
  /** The first telegram it sent. */
  frame: Uint8Array;
}

export type ProbeResult =
  | { kind: 'none' }
  | { kind: 'collision' }
  | { kind: 'single'; device: FoundDevice }
  | { kind: 'unreadable'; reason: string };

/** Selects `mask` (16 hex digits, F = wildcard) and classifies what answers. One bus transaction. */
export function probe(master: MBusMaster, mask: string, signal?: AbortSignal): Promise<ProbeResult> {
  return master.exclusive(async (s) => {
    const selection = buildSelection(parseSecondaryAddress(mask));
    let reply = await master.exchange(selection, mask, { signal: s, settle: true });
    for (let retry = 0; reply === undefined && retry < master.retries; retry++) {
      reply = await master.exchange(selection, mask, { signal: s, settle: true });
    }
    if (reply === undefined) throw new MBusMasterError('connection', master.bus, mask, 'connection lost during the scan');
    if (reply.kind === 'silence') return { kind: 'none' };
    if (reply.kind === 'garbled' || reply.extra || reply.frame.frame.type !== 'ack') return { kind: 'collision' };
    return readSelected(master, mask, s);
  }, signal);
}

async function readSelected(master: MBusMaster, mask: string, signal: AbortSignal): Promise<ProbeResult> {
  let raw: Uint8Array;
  try {
    raw = (await master.request(buildReqUd2(ADDRESS_NETWORK_LAYER, true), mask, 'data', { signal, settle: true })).raw;
  } catch (err) {
    if (!(err instanceof MBusMasterError) || err.code === 'connection' || err.code === 'aborted') throw err;
    if (err.code === 'collision' || err.code === 'invalid-frame') return { kind: 'collision' };
    return { kind: 'unreadable', reason: `acknowledged the selection, then ${err.message.slice(err.message.lastIndexOf(': ') + 2)}` };
  }
  let header;
  try {
    header = decodeTelegram(raw).header;
  } catch (err) {
    return { kind: 'unreadable', reason: `reply does not decode: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!header || header.id === null) return { kind: 'unreadable', reason: 'reply has no long header (no secondary address in it)' };
  // Long header: id at bytes 7–10, then manufacturer (2), version, medium as on the wire.
  return {
    kind: 'single',
    device: {
      secondaryAddress: header.id.toUpperCase() + toHex(raw, 11, 15).toUpperCase(), id: header.id, manufacturer: header.manufacturer ?? '',
      version: header.version ?? 0, medium: header.medium ?? 'unknown', mediumCode: header.mediumCode ?? 0x0f,
      primaryAddress: raw[5]!, frame: raw,
    },
  };
}
