/**
 * Authentication and fragmentation layer (EN 13757-7 / OMS, CI 0x90): AFL.L, fragmentation
 * control FCL (fragment id bits 0–7; 0x0200 key information, 0x0400 MAC, 0x0800 message
 * counter, 0x1000 message length, 0x2000 message control present, 0x4000 more fragments),
 * message control MCL (authentication type bits 0–3: 3/4/5/6/7 = AES-CMAC truncated to
 * 2/4/8/12/16 bytes), key information KI, message counter MCR (4 bytes LE), MAC, message
 * length ML. A lone fragment is refused here: `WirelessReception` reassembles the fragments of
 * a stream (fragments.ts, using `aflFragment`). The MAC is verified in security.ts (mode 7),
 * where the key is known.
 */
import { toHex } from '../../../../lib/hex';
import type { AflInfo } from '../types';
import { meterError, needBytes, type Walk } from '../walk';

const KI = 0x0200, MAC = 0x0400, MCR = 0x0800, ML = 0x1000, MCL = 0x2000;
export const MORE_FRAGMENTS = 0x4000;
export const CI_AFL = 0x90;
const CMAC_LENGTHS: Record<number, number> = { 3: 2, 4: 4, 5: 8, 6: 12, 7: 16 };

function uint32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

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
    throw meterError(w, `fragment ${fcl & 0xff} of a multi-fragment message (authentication and fragmentation layer${fcl & MORE_FRAGMENTS ? ', more fragments follow' : ''}); feed the stream to WirelessReception, which reassembles the fragments`, at + 1, 'fragmented');
  }
  let i = at + 3;
  const state = { mcl: -1, mcrAt: -1, mlAt: -1, macAt: -1, macLength: 0 };
  if (fcl & MCL) { state.mcl = b[i]!; info.messageControl = state.mcl; i++; }
  if (fcl & KI) { info.keyInformation = b[i]! | (b[i + 1]! << 8); i += 2; }
  if (fcl & MCR) { state.mcrAt = i; info.messageCounter = uint32(b, i); i += 4; }
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

/** An AFL fragment as the reassembly sees it: positions in the CRC-stripped telegram. */
export interface AflFragment { aflAt: number; payloadAt: number; id: number; more: boolean; counter?: number }

/**
 * The fragment header of a CRC-stripped telegram whose AFL (at `aflAt`, its CI) announces
 * fragmentation (fragment id ≠ 0 or "more fragments"); null when it does not or is too short.
 */
export function aflFragment(b: Uint8Array, aflAt: number): AflFragment | null {
  if (b[aflAt] !== CI_AFL || aflAt + 4 > b.length) return null;
  const payloadAt = aflAt + 2 + b[aflAt + 1]!;
  const fcl = b[aflAt + 2]! | (b[aflAt + 3]! << 8);
  if (((fcl & MORE_FRAGMENTS) === 0 && (fcl & 0xff) === 0) || payloadAt > b.length) return null;
  const frag: AflFragment = { aflAt, payloadAt, id: fcl & 0xff, more: (fcl & MORE_FRAGMENTS) !== 0 };
  if (fcl & MCR) {
    const at = aflAt + 4 + (fcl & MCL ? 1 : 0) + (fcl & KI ? 2 : 0);
    if (at + 4 <= payloadAt) frag.counter = uint32(b, at);
  }
  return frag;
}
