/**
 * The state carried through the layers of one telegram while it is decoded: the bytes (copied
 * before the first decryption writes plaintext into them, so offsets stay those of the
 * CRC-stripped telegram), the link-layer identity, the result being built, and helpers shared
 * by the layers (errors naming the meter, key lookup).
 */
import type { TelegramHeader } from '../mbus/app/types';
import type { MeterKey } from './crypto/meter-key';
import { meterLabel, type LinkAddress } from './link/dll';
import { WirelessDecodeError, type WirelessDecodeOptions, type WirelessTelegram } from './types';

export interface Walk {
  b: Uint8Array;
  /** True once `b` is a private copy that may be written. */
  owned: boolean;
  end: number;
  dll: LinkAddress;
  out: WirelessTelegram;
  options: WirelessDecodeOptions;
  /** Access number of the ELL, used as header access number when the TPL has none. */
  ellAccess: number | null;
  /** AFL fields the mode-7 MAC and key derivation need (byte positions in b). */
  afl: { mcl: number; mcrAt: number; mlAt: number; macAt: number; macLength: number } | null;
}

/** Makes `w.b` writable (a copy of the input) before plaintext is written into it. */
export function writable(w: Walk): Uint8Array {
  if (!w.owned) { w.b = w.b.slice(); w.owned = true; }
  return w.b;
}

/** The identity of the link layer as a header (short or no TPL header, errors before the TPL). */
export function linkHeader(w: Walk, accessNumber = w.ellAccess ?? 0): TelegramHeader {
  const d = w.dll;
  return {
    id: d.id, manufacturer: d.manufacturer, version: d.version, medium: d.medium, mediumCode: d.deviceType,
    accessNumber, status: 0, configuration: 0, encryptionMode: 0, encryptedBlocks: 0, statusFlags: [],
  };
}

/** A DecodeError naming the meter ("meter KAM 12345678: …") and carrying the header. */
export function meterError(w: Walk, message: string, offset: number, code: string, header = w.out.header ?? linkHeader(w)): WirelessDecodeError {
  return new WirelessDecodeError(`meter ${meterLabel(header.id === null ? w.dll : header)}: ${message}`, offset, code, header);
}

export function needBytes(w: Walk, at: number, count: number, what: string): void {
  if (at + count > w.end) throw meterError(w, `${what} at byte ${at} needs ${count} bytes, ${Math.max(0, w.end - at)} left`, Math.min(at, w.end), 'truncated');
}

/** The key for the meter: by the TPL long header id, else the link-layer id. */
export function keyFor(w: Walk): MeterKey | undefined {
  const keys = w.options.keys;
  if (!keys || keys.size === 0) return undefined;
  const h = w.out.header;
  return (h?.id ? keys.get(h.id) : undefined) ?? keys.get(w.dll.id) ?? (w.out.frame.ell?.address2 ? keys.get(w.out.frame.ell.address2.id) : undefined);
}
