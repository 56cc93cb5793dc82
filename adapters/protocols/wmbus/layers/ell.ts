/**
 * Extended link layer (EN 13757-4 §13, CI 0x8C–0x8F): communication control CC, access
 * number, for III/IV a second address, for II/IV the session number SN and the payload CRC
 * (CRC-16/EN-13757 of the rest, sent least significant byte first) — encrypted together with
 * the payload by AES-128-CTR when SN's ENC bits (29–31) are 1. Counter block:
 * M ‖ A (link layer) ‖ CC (hop count 0x10 and repeated-access 0x02 bits cleared) ‖ SN ‖ FN 00 00 ‖ BC 00.
 * The payload CRC proves the key; when it already matches with no key the telegram was stored
 * decrypted (a log replay) and is decoded as it is.
 */
import { crc16 } from '../link/crc';
import { readAddress } from '../link/dll';
import type { EllInfo } from '../types';
import { keyFor, meterError, needBytes, writable, type Walk } from '../walk';

/** Bytes of each ELL after its CI. */
export const ELL_SIZES: Record<number, number> = { 0x8c: 2, 0x8d: 8, 0x8e: 10, 0x8f: 16 };
const CC_NOT_IN_IV = 0x10 | 0x02;
const ENC_AES_CTR = 1;

function payloadCrcOk(b: Uint8Array, at: number, end: number): boolean {
  return crc16(b, at + 2, end) === (b[at]! | (b[at + 1]! << 8));
}

function counterBlock(w: Walk, cc: number, snAt: number): Uint8Array {
  const iv = new Uint8Array(16);
  iv.set(w.b.subarray(2, 10));
  iv[8] = cc & ~CC_NOT_IN_IV;
  iv.set(w.b.subarray(snAt, snAt + 4), 9);
  return iv;
}

/** Reads the ELL at `at` (the byte after its CI); returns the position of the next CI. */
export function readEll(w: Walk, ci: number, at: number): number {
  const size = ELL_SIZES[ci]!;
  needBytes(w, at, size, `extended link layer (CI 0x${ci.toString(16).toUpperCase()})`);
  const b = w.b;
  const info: EllInfo = { ci, communicationControl: b[at]!, accessNumber: b[at + 1]! };
  w.out.frame.ell = info;
  w.ellAccess = info.accessNumber;
  if (ci === 0x8e || ci === 0x8f) {
    const a = readAddress(b, at + 2);
    info.address2 = { manufacturer: a.manufacturer, id: a.id, version: a.version, deviceType: a.deviceType };
  }
  if (ci === 0x8c || ci === 0x8e) return at + size;
  const snAt = at + size - 6;
  const sn = (b[snAt]! | (b[snAt + 1]! << 8) | (b[snAt + 2]! << 16) | (b[snAt + 3]! << 24)) >>> 0;
  info.sessionNumber = sn;
  const enc = sn >>> 29;
  const crcAt = snAt + 4;
  if (enc === 0) return checkedCrc(w, crcAt);
  info.encrypted = true;
  if (enc !== ENC_AES_CTR) throw meterError(w, `extended link layer: encryption ${enc} in the session number is not AES-CTR (1)`, snAt, 'unsupported-security');
  const key = keyFor(w);
  if (key) {
    const plain = key.ctr(b, crcAt, w.end, counterBlock(w, info.communicationControl, snAt));
    if (crc16(plain, 2, plain.length) === (plain[0]! | (plain[1]! << 8))) {
      writable(w).set(plain, crcAt);
      w.out.frame.security = 'aes-ctr';
      return crcAt + 2;
    }
    if (!payloadCrcOk(b, crcAt, w.end)) throw meterError(w, 'wrong key: the extended link layer payload CRC does not match after AES-CTR decryption', crcAt, 'wrong-key');
  } else if (!payloadCrcOk(b, crcAt, w.end)) {
    throw meterError(w, 'telegram is encrypted (extended link layer AES-CTR) and no key was given', crcAt, 'encrypted');
  }
  w.out.frame.security = 'stored-decrypted';
  return crcAt + 2;
}

function checkedCrc(w: Walk, crcAt: number): number {
  if (!payloadCrcOk(w.b, crcAt, w.end)) w.out.warnings.push(`extended link layer payload CRC at byte ${crcAt} does not match`);
  return crcAt + 2;
}
