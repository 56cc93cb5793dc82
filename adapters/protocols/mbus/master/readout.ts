/**
 * Reading a meter: SND_NKE (primary) or selection (secondary, then address 253), REQ_UD2 with
 * FCB = 1, and while the telegram ends with DIF 0x1F ("more records follow") the next REQ_UD2
 * with the bit toggled, up to the master's telegram cap. A retry repeats the same request with
 * the same FCB, so the slave sends the same telegram again: after a dropped gateway connection
 * the master reconnects and resumes where it was, and nothing is lost or counted twice. The
 * whole readout is one bus transaction; the result keeps every raw frame beside the decoded
 * telegrams and the canonical readings (source.frame = frameRef of the raw frame).
 */
import { DecodeError } from '../../../../lib/errors';
import { frameRef } from '../../../../lib/frame-ref';
import type { MeterIdentity, Reading } from '../../../../lib/reading';
import { buildReqUd2, parseSecondaryAddress } from '../app/master-telegrams';
import { mediumName } from '../app/medium';
import { decodeTelegram } from '../app/telegram';
import type { DecodedTelegram } from '../app/types';
import { toReadings } from '../to-readings';
import { MBusMasterError } from './errors';
import type { MBusMaster } from './mbus-master';
import { linkKey, meterLabel, targetLinkAddress, type MeterAddress } from './meter-address';

export interface Readout {
  meter: MeterAddress;
  /** The bus it was read on (transport description). */
  bus: string;
  /** Raw frames as received, one per telegram. */
  frames: Uint8Array[];
  telegrams: DecodedTelegram[];
  readings: Reading[];
}

/** Reads every telegram of one meter. Throws MBusMasterError naming bus and meter. */
export function readMeter(master: MBusMaster, meter: MeterAddress, signal?: AbortSignal): Promise<Readout> {
  return master.exclusive(async (s) => {
    const label = meterLabel(meter);
    const key = linkKey(meter);
    if ('primary' in meter) await master.resetLink(meter.primary, key, label, s);
    const address = await targetLinkAddress(master, meter, s);
    const frames: Uint8Array[] = [];
    const telegrams: DecodedTelegram[] = [];
    const readings: Reading[] = [];
    for (;;) {
      const reply = await master.request(buildReqUd2(address, master.nextFcb(key)), label, 'data', { signal: s });
      master.toggleFcb(key);
      const telegram = decode(reply.raw, master.bus, label);
      frames.push(reply.raw);
      telegrams.push(telegram);
      readings.push(...toReadings(telegram, {
        receivedAt: master.now(), frameRef: frameRef(reply.raw), via: master.bus, ...identityOf(meter),
      }));
      if (!telegram.moreRecordsFollow) break;
      if (frames.length >= master.maxTelegrams) {
        throw new MBusMasterError('too-many-telegrams', master.bus, label, `more than ${master.maxTelegrams} telegrams announced (DIF 0x1F); readout stopped`);
      }
    }
    return { meter, bus: master.bus, frames, telegrams, readings };
  }, signal);
}

function decode(raw: Uint8Array, bus: string, label: string): DecodedTelegram {
  try {
    return decodeTelegram(raw);
  } catch (err) {
    if (err instanceof DecodeError) throw new MBusMasterError('invalid-frame', bus, label, err.message);
    throw err;
  }
}

/** The identity a secondary address gives, for telegrams without a long header. */
function identityOf(meter: MeterAddress): { meter?: MeterIdentity } {
  if (!('secondary' in meter)) return {};
  const a = parseSecondaryAddress(meter.secondary);
  if (/F/i.test(a.id) || typeof a.manufacturer !== 'string' || a.version === null || a.medium === null) return {};
  return { meter: { manufacturer: a.manufacturer, id: a.id, version: a.version, medium: mediumName(a.medium), mediumCode: a.medium } };
}
