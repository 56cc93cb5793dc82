/**
 * A small in-process M-Bus slave bus for the master's tests (the building simulator is the
 * full one): slaves with primary and secondary addresses, selection with wildcards, SND_NKE,
 * FCB (same bit → the same telegram again, toggled → the next), multi-telegram readouts (DIF
 * 0x1F), application reset and baud switch acknowledged. Several slaves answering at once
 * collide the way current-modulated replies do: the bytes are AND-ed, so two E5 still read E5;
 * different replies also lose their stop byte (unaligned UART characters never make a valid
 * frame, and a fake must not produce one by chance).
 */
import { CONTROL_FCB, SND_NKE } from '../../../adapters/protocols/mbus/link/control-field';
import type { MBusFrame } from '../../../adapters/protocols/mbus/link/frame';
import { CI_APPLICATION_RESET, CI_SELECTION, secondaryAddressBytes } from '../../../adapters/protocols/mbus/app/master-telegrams';
import { encodeRspUd } from '../../../adapters/protocols/mbus/app/encoder';
import { mediumCode } from '../../../adapters/protocols/mbus/app/medium';

export interface FakeMeter {
  id: string;
  manufacturer: string;
  version: number;
  /** Medium name, e.g. "water". */
  medium: string;
  primary: number;
  /** Telegrams in one readout (default 1); each carries `recordsPerTelegram` volume records. */
  telegrams?: number;
  recordsPerTelegram?: number;
  /** Acknowledges selections but never answers REQ_UD2. */
  mute?: boolean;
}

const E5 = Uint8Array.of(0xe5);

class FakeSlave {
  selected = false;
  private lastFcb: boolean | undefined;
  private lastReply: Uint8Array | undefined;
  private position = 0;
  private access = 0;
  readonly wire: Uint8Array;

  constructor(readonly meter: FakeMeter) {
    this.wire = secondaryAddressBytes({ id: meter.id, manufacturer: meter.manufacturer, version: meter.version, medium: mediumCode(meter.medium)! });
  }

  resetLink(): void {
    this.lastFcb = undefined;
    this.lastReply = undefined;
    this.position = 0;
  }

  /** Selection mask (8 bytes as on the wire): id nibbles F and FF bytes are wildcards. */
  matches(mask: Uint8Array): boolean {
    for (let i = 0; i < 8; i++) {
      const m = mask[i]!;
      const w = this.wire[i]!;
      if (i < 4) {
        if ((m & 0xf0) !== 0xf0 && (m & 0xf0) !== (w & 0xf0)) return false;
        if ((m & 0x0f) !== 0x0f && (m & 0x0f) !== (w & 0x0f)) return false;
      } else if (i === 4 || i === 5) {
        if (!(mask[4] === 0xff && mask[5] === 0xff) && m !== w) return false;
      } else if (m !== 0xff && m !== w) return false;
    }
    return true;
  }

  request(control: number): Uint8Array | null {
    if (this.meter.mute) return null;
    const fcb = (control & CONTROL_FCB) !== 0;
    if (this.lastReply && fcb === this.lastFcb) return this.lastReply;
    const count = this.meter.telegrams ?? 1;
    if (this.lastReply) this.position = (this.position + 1) % count;
    this.lastFcb = fcb;
    this.lastReply = this.telegram(this.position, count);
    return this.lastReply;
  }

  /** Telegram n of `count`: records numbered so a test can tell every one apart (storage = n). */
  telegram(n: number, count: number): Uint8Array {
    const per = this.meter.recordsPerTelegram ?? 2;
    const records = Array.from({ length: per }, (_, i) => ({
      storage: n, tariff: i, vif: [0x13], data: { type: 'int' as const, size: 4 as const, value: Number(this.meter.id.replace(/\D/g, '')) % 100000 + i },
    }));
    return encodeRspUd({
      address: this.meter.primary,
      header: { type: 'long', id: this.meter.id, manufacturer: this.meter.manufacturer, version: this.meter.version, medium: this.meter.medium, accessNumber: this.access++ & 0xff },
      records, moreRecordsFollow: n < count - 1,
    });
  }
}

export class FakeBus {
  readonly slaves: FakeSlave[];
  /** Master frames handled, in order (for assertions on FCB and sequence). */
  readonly log: MBusFrame[] = [];

  constructor(meters: FakeMeter[]) {
    this.slaves = meters.map((m) => new FakeSlave(m));
  }

  /** What the bus carries back for one master frame; null = silence. */
  handle(frame: MBusFrame): Uint8Array | null {
    this.log.push(frame);
    if (frame.type === 'ack') return null;
    const to = (address: number) => this.slaves.filter((s) => (address === 253 ? s.selected : address === 254 || s.meter.primary === address));
    if (frame.type === 'short') {
      if (frame.control === SND_NKE) {
        const targets = frame.address === 255 ? this.slaves : to(frame.address);
        targets.forEach((s) => { s.resetLink(); if (frame.address === 253) s.selected = false; });
        return frame.address === 255 ? null : collide(targets.map(() => E5));
      }
      return collide(to(frame.address).map((s) => s.request(frame.control)));
    }
    if (frame.ci === CI_SELECTION && frame.type === 'long') {
      const mask = frame.data;
      for (const s of this.slaves) {
        s.selected = mask.length === 8 && s.matches(mask);
        if (s.selected) s.resetLink();
      }
      return collide(this.slaves.filter((s) => s.selected).map(() => E5));
    }
    const targets = to(frame.address);
    if (frame.ci === CI_APPLICATION_RESET) targets.forEach((s) => s.resetLink());
    return collide(targets.map(() => E5));
  }
}

/** Replies on the wire at once: none → silence, one → itself, several → AND-ed bytes. */
function collide(replies: Array<Uint8Array | null>): Uint8Array | null {
  const heard = replies.filter((r): r is Uint8Array => r !== null);
  if (heard.length <= 1) return heard[0] ?? null;
  const out = new Uint8Array(Math.max(...heard.map((r) => r.length))).fill(0xff);
  for (const r of heard) r.forEach((b, i) => { out[i]! &= b; });
  if (heard.some((r) => r.length !== out.length || r.some((b, i) => b !== out[i]))) out[out.length - 1] = 0;
  return out;
}
