/**
 * Amber / Würth AMB8465 (Metis-II, and AMB3665) framing, host side, 9600 8N1. Two forms mix
 * on one stream:
 *  - command frames `FF CMD LEN payload CS`, CS = XOR of every byte before it; replies set
 *    0x80 on CMD. CMD_DATA_IND (0x03) carries a received telegram from the C field on (L left
 *    out, put back as LEN) and, with RSSI output on, one RSSI byte after the payload that LEN
 *    does not count (assumed from wmbusmeters' frame-length arithmetic);
 *  - in transparent mode, raw telegrams `L C M A …` without CRCs, plus the RSSI byte when on;
 *    found by a plausible L (≥ 10) followed by a meter-to-other C field.
 * The RSSI byte is the CC1101's (dBm = signed/2 − 74). `rssi` says whether to expect it; a
 * command frame whose checksum fits the other layout is taken in that layout.
 */
import { byteHex, toHex } from '../../../lib/hex';
import { cc1101Dbm, concatBytes } from '../framing';
import type { Framer, FramerEvent, LinkMode } from '../receiver';

export const START = 0xff;
export const CMD = { dataInd: 0x03, setMode: 0x04, reset: 0x05, set: 0x09, get: 0x0a, serialNo: 0x0b, firmware: 0x0c, rssi: 0x0d } as const;
/** SET_MODE values of the collector ("other") receive modes. */
export const AMB8465_MODES: Record<LinkMode, number> = { S1: 0x03, T1: 0x08, C1: 0x0e, 'C1+T1': 0x09 };
/** C fields a meter sends (SND_NR, SND_IR, ACC_NR, ACC_DMD, RSP_UD): a raw telegram starts L, one of these. */
const METER_C_FIELDS = new Set([0x44, 0x46, 0x47, 0x48, 0x08]);
const MIN_L = 10;

export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let cs = 0;
  for (let i = start; i < end; i++) cs ^= bytes[i]!;
  return cs;
}

/** `FF CMD LEN payload CS`. */
export function commandFrame(cmd: number, payload: Uint8Array): Uint8Array {
  const frame = Uint8Array.of(START, cmd, payload.length, ...payload, 0);
  frame[frame.length - 1] = xorChecksum(frame, 0, frame.length - 1);
  return frame;
}

/** CMD_SET_MODE_REQ (volatile): the collector mode for `mode`. */
export function amb8465Commands(mode: LinkMode | undefined): Uint8Array[] {
  return mode ? [commandFrame(CMD.setMode, Uint8Array.of(AMB8465_MODES[mode]))] : [];
}

type Parsed = { event: FramerEvent; length: number } | 'wait' | 'bad';

export class Amb8465Framer implements Framer {
  private rest: Uint8Array = new Uint8Array(0);

  constructor(private readonly options: { rssi?: boolean } = {}) {}

  push(chunk: Uint8Array): FramerEvent[] {
    const b = concatBytes(this.rest, chunk);
    const events: FramerEvent[] = [];
    let i = 0;
    let noise = 0;
    for (;;) {
      const parsed = i < b.length ? (b[i] === START ? this.command(b, i) : this.raw(b, i)) : 'wait';
      if (parsed === 'bad') { noise++; i++; continue; }
      if (noise > 0) events.push({ kind: 'skipped', bytes: noise, reason: 'AMB8465: bytes that start neither a command frame nor a telegram' });
      noise = 0;
      if (parsed === 'wait') break;
      events.push(parsed.event);
      i += parsed.length;
    }
    this.rest = b.slice(i);
    return events;
  }

  private get rssi(): boolean {
    return this.options.rssi ?? true;
  }

  private command(b: Uint8Array, i: number): Parsed {
    if (b.length - i < 3) return 'wait';
    const cmd = b[i + 1]!;
    const len = b[i + 2]!;
    const withRssi = cmd === CMD.dataInd && this.rssi;
    const expected = 4 + len + (withRssi ? 1 : 0);
    if (b.length - i < expected) return 'wait';
    for (const rssi of cmd === CMD.dataInd ? [withRssi, !withRssi] : [false]) {
      const total = 4 + len + (rssi ? 1 : 0);
      if (xorChecksum(b, i, i + total - 1) !== b[i + total - 1]) continue;
      const payload = b.subarray(i + 3, i + 3 + len);
      if (cmd !== CMD.dataInd) return { event: { kind: 'response', text: `AMB8465 command 0x${byteHex(cmd)}${len > 0 ? ` ${toHex(payload)}` : ''}` }, length: total };
      const telegram = Uint8Array.of(len, ...payload);
      return { event: rssi ? { kind: 'telegram', telegram, rssi: cc1101Dbm(b[i + 3 + len]!) } : { kind: 'telegram', telegram }, length: total };
    }
    return 'bad';
  }

  private raw(b: Uint8Array, i: number): Parsed {
    const l = b[i]!;
    if (l < MIN_L) return 'bad';
    if (b.length - i < 2) return 'wait';
    if (!METER_C_FIELDS.has(b[i + 1]!)) return 'bad';
    const total = l + 1 + (this.rssi ? 1 : 0);
    if (b.length - i < total) return 'wait';
    const telegram = b.slice(i, i + l + 1);
    return { event: this.rssi ? { kind: 'telegram', telegram, rssi: cc1101Dbm(b[i + l + 1]!) } : { kind: 'telegram', telegram }, length: total };
  }
}
