/**
 * One receiving pipeline for a stream of wireless telegrams: duplicate suppression, reassembly
 * of AFL fragments, decoding with the meter keys and a shared compact-format cache, replay
 * protection (the AFL message counter must increase per meter), and canonical readings carrying
 * the receiver (`source.via`) and RSSI (`source.rssi`). Receivers and the Node-RED node call this.
 */
import type { Reading } from '../../../lib/reading';
import { toReadings } from '../mbus/to-readings';
import { CompactFormats } from './compact';
import { Deduplicator, telegramKey } from './dedup';
import { FragmentReassembler, type FragmentLimits } from './fragments';
import type { KeyStore } from './keys';
import { stripFrame, type FrameFormat } from './link/frame-format';
import { MessageCounters } from './replay';
import { decodeWirelessTelegram, linkTelegram } from './telegram';
import type { WirelessTelegram } from './types';

export interface ReceptionInfo { receivedAt: Date; via?: string; rssi?: number }

/**
 * A fragment of an unfinished message gives its link layer as `telegram` (no records), no
 * readings, and `fragment`; the fragment that completes the message gives the whole message.
 */
export type ReceptionResult =
  | { duplicate: true; frameRef: string }
  | { duplicate: false; frameRef: string; telegram: WirelessTelegram; readings: Reading[]; fragment?: { id: number; complete: boolean } };

export interface ReceptionOptions {
  keys?: KeyStore;
  dedupWindowMs?: number;
  format?: FrameFormat | 'auto';
  fragments?: FragmentLimits;
}

export class WirelessReception {
  private readonly formats = new CompactFormats();
  private readonly dedup: Deduplicator;
  private readonly fragments: FragmentReassembler;
  private readonly counters = new MessageCounters();

  constructor(private readonly options: ReceptionOptions = {}) {
    this.dedup = new Deduplicator(options.dedupWindowMs);
    this.fragments = new FragmentReassembler(options.fragments);
  }

  /**
   * Decodes one reception; a duplicate within the window gives `{duplicate: true}`. Throws
   * DecodeError; code "replay" when the meter's message counter did not increase.
   */
  receive(bytes: Uint8Array, info: ReceptionInfo): ReceptionResult {
    const stripped = stripFrame(bytes, this.options.format);
    const frameRef = telegramKey(stripped.bytes);
    if (!this.dedup.accept(frameRef, info.receivedAt.getTime())) return { duplicate: true, frameRef };
    const part = this.fragments.offer(stripped.bytes, info.receivedAt.getTime());
    if (part.kind === 'pending') {
      const telegram = linkTelegram(stripped.bytes, stripped.format);
      telegram.warnings.push(`fragment ${part.id} of a multi-fragment message held until the message is complete (${part.received} received)`);
      if (part.dropped) telegram.warnings.push(`dropped ${part.dropped}`);
      return { duplicate: false, frameRef, telegram, readings: [], fragment: { id: part.id, complete: false } };
    }
    const options = { keys: this.options.keys, formats: this.formats };
    const telegram = part.kind === 'complete'
      ? decodeWirelessTelegram(part.message, { ...options, reassembled: true })
      : decodeWirelessTelegram(bytes, { ...options, format: this.options.format });
    this.counters.check(telegram);
    if (part.kind === 'complete') {
      telegram.warnings.push(`reassembled from ${part.fragments} fragments`);
      if (part.dropped) telegram.warnings.push(`dropped ${part.dropped}`);
    }
    const readings = toReadings(telegram, { receivedAt: info.receivedAt, frameRef, via: info.via, rssi: info.rssi, protocol: 'wmbus' });
    return { duplicate: false, frameRef, telegram, readings, ...(part.kind === 'complete' ? { fragment: { id: part.id, complete: true } } : {}) };
  }
}
