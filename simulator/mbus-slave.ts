/**
 * The M-Bus slave of one simulated meter (EN 13757-2/-3 as a meter implements it): E5 to
 * SND_NKE, selection, application reset, set primary address and baud-rate switch; RSP_UD to
 * REQ_UD2 with the long header (CI 0x72), one telegram per request through a multi-telegram
 * readout. FCB: a REQ_UD2 with the same FCB as the last one is a retry and gets the same bytes
 * again; a toggled FCB gets the next telegram (after the last, the first again). SND_NKE, a
 * selection that selects it, and an application reset restart the readout and forget the FCB.
 * Which frames reach which slave is the bus's business (bus.ts).
 */
import { encodeRspUd } from '../adapters/protocols/mbus/app/encoder';
import { BAUD_RATES, CI_APPLICATION_RESET, CI_DATA_SEND, secondaryAddressBytes } from '../adapters/protocols/mbus/app/master-telegrams';
import { describeControl } from '../adapters/protocols/mbus/link/control-field';
import { ACK, type MBusFrame } from '../adapters/protocols/mbus/link/frame';
import { hash32 } from './random';
import type { SimulatedMeter } from './meter';
import type { Clock } from './sim-time';

const ACK_REPLY = Uint8Array.of(ACK);
const CI_BAUD_300 = 0xb8;
const CI_BAUD_38400 = 0xbf;
/** Data send record "8-bit integer, bus address" (DIF 0x01, VIF 0x7A). */
const SET_ADDRESS = [0x01, 0x7a];

/** True when `mask` (the 8 selection bytes) selects a meter with these 8 secondary-address bytes. */
export function selects(mask: Uint8Array, address: Uint8Array): boolean {
  for (let i = 0; i < 4; i++) {
    for (const shift of [0, 4]) {
      const m = (mask[i]! >> shift) & 0xf;
      if (m !== 0xf && m !== ((address[i]! >> shift) & 0xf)) return false;
    }
  }
  const anyManufacturer = mask[4] === 0xff && mask[5] === 0xff;
  if (!anyManufacturer && (mask[4] !== address[4] || mask[5] !== address[5])) return false;
  return (mask[6] === 0xff || mask[6] === address[6]) && (mask[7] === 0xff || mask[7] === address[7]);
}

export class MBusSlave {
  primaryAddress: number;
  selected = false;
  /** Set by a baud-rate switch (CI 0xB8–0xBF); recorded only, the bus keeps its rate. */
  baudRate: number | null = null;
  private accessNumber: number;
  private nextTelegram = 0;
  private lastFcb: boolean | null = null;
  private lastReply: Uint8Array | null = null;

  constructor(readonly meter: SimulatedMeter, private readonly clock: Clock) {
    this.primaryAddress = meter.spec.primaryAddress;
    this.accessNumber = hash32(meter.spec.seed, meter.spec.index, 6) & 0xff;
  }

  /** A slave with the no-answer fault hears nothing. */
  get silent(): boolean {
    return this.meter.has('no-answer');
  }

  /** The 8 bytes of its secondary address as a selection carries them (ID BCD LSB first, MAN, VER, MED). */
  secondaryAddressBytes(): Uint8Array {
    return secondaryAddressBytes(this.meter.identityAt(this.clock()));
  }

  /** Link reset: restart the readout, forget the FCB; `deselect` for SND_NKE to address 253. */
  reset(deselect: boolean): void {
    this.nextTelegram = 0;
    this.lastFcb = null;
    this.lastReply = null;
    if (deselect) this.selected = false;
  }

  /** A selection (CI 0x52) heard on the bus: E5 when it selects this slave, nothing otherwise. */
  select(mask: Uint8Array): Uint8Array | null {
    this.selected = mask.length >= 8 && selects(mask, this.secondaryAddressBytes());
    if (!this.selected) return null;
    this.reset(false);
    return ACK_REPLY;
  }

  /** A frame addressed to this slave (not a selection); returns the reply, or null for none. */
  handle(frame: MBusFrame): Uint8Array | null {
    if (frame.type === 'ack') return null;
    const control = describeControl(frame.control);
    if (control.direction !== 'master-to-slave') return null;
    if (frame.type === 'short') {
      if (control.name === 'SND_NKE') { this.reset(frame.address === 253); return ACK_REPLY; }
      if (control.name === 'REQ_UD2') return this.respond(control.fcv ? control.fcb : null);
      return null;
    }
    return control.name === 'SND_UD' ? this.command(frame.ci, frame.type === 'long' ? frame.data : new Uint8Array(0)) : null;
  }

  /** SND_UD: application reset, set primary address, baud-rate switch; E5 for what it understood. */
  private command(ci: number, data: Uint8Array): Uint8Array | null {
    if (ci === CI_APPLICATION_RESET) { this.reset(false); return ACK_REPLY; }
    if (ci === CI_DATA_SEND && data.length === 3 && data[0] === SET_ADDRESS[0] && data[1] === SET_ADDRESS[1] && data[2]! <= 250) {
      this.primaryAddress = data[2]!;
      return ACK_REPLY;
    }
    if (ci >= CI_BAUD_300 && ci <= CI_BAUD_38400) { this.baudRate = BAUD_RATES[ci - CI_BAUD_300]!; return ACK_REPLY; }
    return null;
  }

  /** REQ_UD2: the same bytes for a retry (same FCB), else the next telegram of the readout. */
  private respond(fcb: boolean | null): Uint8Array {
    if (fcb !== null && fcb === this.lastFcb && this.lastReply) return this.lastReply;
    const now = this.clock();
    const telegrams = this.meter.telegramsAt(now);
    const index = this.nextTelegram < telegrams.length ? this.nextTelegram : 0;
    const more = index < telegrams.length - 1;
    this.nextTelegram = more ? index + 1 : 0;
    this.accessNumber = (this.accessNumber + 1) & 0xff;
    const reply = encodeRspUd({
      address: this.primaryAddress,
      header: { type: 'long', ...this.meter.identityAt(now), accessNumber: this.accessNumber, status: this.meter.status },
      records: telegrams[index]!,
      moreRecordsFollow: more,
    });
    if (this.meter.has('garbled')) reply[reply.length - 2] = (reply[reply.length - 2]! + 1) & 0xff;
    this.lastFcb = fcb;
    this.lastReply = reply;
    return reply;
  }
}

