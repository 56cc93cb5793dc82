/**
 * Replay protection (EN 13757-7 / OMS security profile B): the AFL message counter of a meter
 * must increase from one accepted telegram to the next. A telegram whose counter is not above
 * the last accepted one is refused ("replay"), so a recorded telegram sent again later is not
 * taken as a new reading (duplicates within the dedup window are suppressed before this).
 * The counter is remembered only from telegrams whose MAC was verified, or that carry no MAC,
 * so a forged telegram cannot push a meter's counter up. Memory is bounded (oldest dropped).
 */
import { DLL_SIZE, meterLabel } from './link/dll';
import { WirelessDecodeError, type WirelessTelegram } from './types';

export class MessageCounters {
  private readonly last = new Map<string, number>();

  constructor(private readonly maxMeters = 100_000) {}

  /** Throws WirelessDecodeError code "replay" when the telegram's counter does not increase. */
  check(t: WirelessTelegram): void {
    const afl = t.frame.afl;
    const header = t.header;
    if (afl?.messageCounter === undefined || !header) return;
    const meter = meterLabel(header);
    const last = this.last.get(meter);
    if (last !== undefined && afl.messageCounter <= last) {
      throw new WirelessDecodeError(`meter ${meter}: message counter ${afl.messageCounter} is not above the last accepted ${last} — replayed telegram refused`, DLL_SIZE, 'replay', header);
    }
    if (afl.mac !== undefined && afl.macVerified !== true) return;
    this.last.delete(meter);
    this.last.set(meter, afl.messageCounter);
    if (this.last.size > this.maxMeters) this.last.delete(this.last.keys().next().value as string);
  }
}
