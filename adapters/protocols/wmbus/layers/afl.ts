/**
 * Authentication and fragmentation layer (EN 13757-7 / OMS, CI 0x90): AFL.L, fragmentation
 * control FCL (fragment id bits 0–7; 0x0200 key information, 0x0400 MAC, 0x0800 message
 * counter, 0x1000 message length, 0x2000 message control present, 0x4000 more fragments),
 * message control MCL (authentication type bits 0–3: 3/4/5/6/7 = AES-CMAC truncated to
 * 2/4/8/12/16 bytes), key information KI, message counter MCR (4 bytes LE), MAC, message
 * length ML. Fragmented messages are refused (reassembly is not implemented). The MAC is
 * verified in security.ts (mode 7), where the key is known.
 */
import { toHex } from '../../../../lib/hex';
import type { AflInfo } from '../types';
import { meterError, needBytes, type Walk } from '../walk';

const KI = 0x0200, MAC = 0x0400, MCR = 0x0800, ML = 0x1000, MCL = 0x2000, MORE_FRAGMENTS = 0x4000;
const CMAC_LENGTHS: Record<number, number> = { 3: 2, 4: 4, 5: 8, 6: 12, 7: 16 };

/** Reads the AFL at `at` (the byte after CI 0x90); returns the position of the next CI. */
export function readAfl(w: Walk, at: number): number {
  needBytes(w, at, 3, 'authentication and fragmentation layer (CI 0x90)');
  const b = w.b;
  const length = b[at]!;
  const next = at + 1 + length;
  needBytes(w, at + 1, length, 'authentication and fragmentation layer');
  const fcl = b[at + 1]! | (b[at + 2]! << 8);
  const info: AflInfo = { fragmentControl: fcl };
  w.out.frame.afl = info;
  if ((fcl & MORE_FRAGMENTS) !== 0 || (fcl & 0xff) !== 0) {
    throw meterError(w, `authentication and fragmentation layer: fragment ${fcl & 0xff}${fcl & MORE_FRAGMENTS ? ', more follow' : ''} — fragmented messages are not reassembled`, at + 1, 'fragmented');
  }
  let i = at + 3;
  const state = { mcl: -1, mcrAt: -1, mlAt: -1, macAt: -1, macLength: 0 };
  if (fcl & MCL) { state.mcl = b[i]!; info.messageControl = state.mcl; i++; }
  if (fcl & KI) { info.keyInformation = b[i]! | (b[i + 1]! << 8); i += 2; }
  if (fcl & MCR) { state.mcrAt = i; info.messageCounter = (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0; i += 4; }
  if (fcl & MAC) {
    const macLength = CMAC_LENGTHS[state.mcl & 0x0f];
    if (macLength === undefined) throw meterError(w, `authentication and fragmentation layer: authentication type ${state.mcl & 0x0f} is not AES-CMAC`, at + 3, 'unsupported-security');
    state.macAt = i; state.macLength = macLength; info.mac = toHex(b, i, i + macLength); i += macLength;
  }
  if (fcl & ML) { state.mlAt = i; info.messageLength = b[i]! | (b[i + 1]! << 8); i += 2; }
  if (i > next) throw meterError(w, `authentication and fragmentation layer: its fields need ${i - at - 1} bytes, AFL.L is ${length}`, at, 'length');
  w.afl = state;
  return next;
}
