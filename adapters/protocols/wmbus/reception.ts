/**
 * One receiving pipeline for a stream of wireless telegrams: duplicate suppression, decoding
 * with the meter keys and a shared compact-format cache, and canonical readings carrying the
 * receiver (`source.via`) and RSSI (`source.rssi`). Receivers and the Node-RED node call this.
 */
import type { Reading } from '../../../lib/reading';
import { toReadings } from '../mbus/to-readings';
import { CompactFormats } from './compact';
import { Deduplicator, telegramKey } from './dedup';
import type { KeyStore } from './keys';
import { stripFrame, type FrameFormat } from './link/frame-format';
import { decodeWirelessTelegram } from './telegram';
import type { WirelessTelegram } from './types';

export interface ReceptionInfo { receivedAt: Date; via?: string; rssi?: number }

export type ReceptionResult =
  | { duplicate: true; frameRef: string }
  | { duplicate: false; frameRef: string; telegram: WirelessTelegram; readings: Reading[] };

export class WirelessReception {
  private readonly formats = new CompactFormats();
  private readonly dedup: Deduplicator;

  constructor(private readonly options: { keys?: KeyStore; dedupWindowMs?: number; format?: FrameFormat | 'auto' } = {}) {
    this.dedup = new Deduplicator(options.dedupWindowMs);
  }

  /** Decodes one reception; a duplicate within the window gives `{duplicate: true}`. Throws DecodeError. */
  receive(bytes: Uint8Array, info: ReceptionInfo): ReceptionResult {
    const frameRef = telegramKey(stripFrame(bytes, this.options.format).bytes);
    if (!this.dedup.accept(frameRef, info.receivedAt.getTime())) return { duplicate: true, frameRef };
    const telegram = decodeWirelessTelegram(bytes, { keys: this.options.keys, formats: this.formats, format: this.options.format });
    const readings = toReadings(telegram, { receivedAt: info.receivedAt, frameRef, via: info.via, rssi: info.rssi, protocol: 'wmbus' });
    return { duplicate: false, frameRef, telegram, readings };
  }
}
