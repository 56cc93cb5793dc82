/**
 * The building's meters as a wireless M-Bus (EN 13757-4) telegram stream, for the receivers:
 * each meter in turn sends its records unencrypted in a SND_NR frame (C 0x44) with a short
 * (CI 0x7A) or long (CI 0x72) header. Telegrams are given as a receiver dongle passes them on:
 * L field first, without the format-A/B CRC bytes. Meters with the no-answer fault stay quiet.
 */
import { encodeLongHeader, encodeRecords, encodeShortHeader } from '../adapters/protocols/mbus/app/encoder';
import { toHex } from '../lib/hex';
import type { Building } from './building';
import { sleep } from './bus-timing';
import type { SimulatedMeter } from './meter';

const C_SND_NR = 0x44;
const CI_SHORT = 0x7a;
const CI_LONG = 0x72;

export interface WirelessTelegram {
  /** Simulated time it was sent (ms). */
  at: number;
  /** The meter's index in the building. */
  meter: number;
  /** The frame as hex (upper case, no spaces), L field first, no CRCs. */
  hex: string;
}

export interface WirelessOptions {
  /** Pause between two telegrams in real time, ms (0 = as fast as they are read). */
  intervalMs?: number;
  /** CI 0x7A short header (default) or 0x72 long header. */
  ci?: 0x7a | 0x72;
  /** Stop after this many telegrams (default: never). */
  count?: number;
}

/** One meter's wireless telegram at `ms` with the given access number. */
export function wirelessTelegram(meter: SimulatedMeter, ms: number, accessNumber: number, ci: 0x7a | 0x72 = CI_SHORT): Uint8Array {
  const head = encodeLongHeader({ ...meter.identityAt(ms), accessNumber, status: meter.status });
  const link = [C_SND_NR, head[4]!, head[5]!, ...head.subarray(0, 4), head[6]!, head[7]!];
  const tpl = ci === CI_LONG ? head : encodeShortHeader({ accessNumber, status: meter.status });
  const body = Uint8Array.of(...link, ci, ...tpl, ...encodeRecords(meter.telegramsAt(ms).flat()));
  return Uint8Array.of(body.length, ...body);
}

/** The meters' telegrams in turn, round and round, at the given pace. */
export async function* wirelessStream(building: Building, options: WirelessOptions = {}): AsyncGenerator<WirelessTelegram> {
  const senders = building.meters.filter((m) => !m.has('no-answer'));
  const access = senders.map((m) => m.spec.index & 0xff);
  for (let n = 0; senders.length > 0 && n < (options.count ?? Infinity); n++) {
    if (n > 0) await sleep(options.intervalMs ?? 0);
    const k = n % senders.length;
    const at = building.clock();
    access[k] = (access[k]! + 1) & 0xff;
    yield { at, meter: senders[k]!.spec.index, hex: toHex(wirelessTelegram(senders[k]!, at, access[k]!, options.ci)) };
  }
}
