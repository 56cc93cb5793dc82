/**
 * Reassembly of AFL fragments (EN 13757-7 authentication and fragmentation layer, CI 0x90 with
 * "more fragments" or a fragment id ≠ 0): the fragments of one message come from one meter
 * (link-layer M and A), share its message counter when they carry one, and are numbered by the
 * fragment id. The message is complete when the fragments from the first (id 0 or 1) to the
 * last (no "more fragments") have all arrived; it is rebuilt as one telegram: the first
 * fragment's link layer, ELL and AFL (fragment id 0, "more" cleared — the MAC does not cover
 * the FCL), then every fragment's payload in order; it may be longer than one L field can say
 * (decoded with `reassembled: true`, its length is its byte count). Memory is bounded: at most `maxMessages`
 * meters with a message in progress (the oldest is dropped) and `maxBytes` per message; an
 * unfinished message is dropped after `timeoutMs`. Fragments behind an ELL with a payload CRC
 * or encryption (CI 0x8D / 0x8F) are not reassembled.
 */
import { toHex } from '../../../lib/hex';
import { aflFragment, MORE_FRAGMENTS, type AflFragment } from './layers/afl';
import { ELL_SIZES } from './layers/ell';
import { DLL_SIZE } from './link/dll';

interface Part { bytes: Uint8Array; frag: AflFragment }

interface Message { counter?: number; startedAt: number; parts: Map<number, Part>; last: number; size: number }

export type FragmentResult =
  | { kind: 'not-fragment' }
  | { kind: 'pending'; id: number; received: number; dropped?: string }
  | { kind: 'complete'; id: number; message: Uint8Array; fragments: number; dropped?: string };

export interface FragmentLimits { timeoutMs?: number; maxMessages?: number; maxBytes?: number }

/** The fragment header of a CRC-stripped telegram, or null (not fragmented, or behind ELL II/IV). */
export function fragmentOf(b: Uint8Array): AflFragment | null {
  let at = DLL_SIZE;
  const ci = b[at]!;
  if (ci === 0x8c || ci === 0x8e) at += 1 + ELL_SIZES[ci]!;
  return aflFragment(b, at);
}

export class FragmentReassembler {
  private readonly messages = new Map<string, Message>();
  private readonly timeoutMs: number;
  private readonly maxMessages: number;
  private readonly maxBytes: number;

  constructor(limits: FragmentLimits = {}) {
    this.timeoutMs = limits.timeoutMs ?? 120_000;
    this.maxMessages = limits.maxMessages ?? 1_000;
    this.maxBytes = limits.maxBytes ?? 65_535;
  }

  /** Takes one CRC-stripped telegram (L first); a fragment is held until its message is complete. */
  offer(b: Uint8Array, nowMs: number): FragmentResult {
    const frag = fragmentOf(b);
    if (!frag) return { kind: 'not-fragment' };
    const meter = toHex(b, 2, DLL_SIZE);
    let dropped: string | undefined;
    let m = this.messages.get(meter);
    if (m && (nowMs - m.startedAt > this.timeoutMs || (frag.counter !== undefined && m.counter !== undefined && frag.counter !== m.counter))) {
      dropped = `an unfinished message of ${m.parts.size} fragments (${nowMs - m.startedAt > this.timeoutMs ? 'timed out' : 'a new message counter'})`;
      m = undefined;
    }
    if (!m) {
      this.messages.delete(meter);
      m = { counter: frag.counter, startedAt: nowMs, parts: new Map(), last: -1, size: 0 };
      this.messages.set(meter, m);
      if (this.messages.size > this.maxMessages) this.messages.delete(this.messages.keys().next().value as string);
    }
    m.counter ??= frag.counter;
    m.size += b.length - frag.payloadAt - (m.parts.get(frag.id) ? b.length - m.parts.get(frag.id)!.frag.payloadAt : 0);
    m.parts.set(frag.id, { bytes: b, frag });
    if (!frag.more) m.last = frag.id;
    if (m.size > this.maxBytes) {
      this.messages.delete(meter);
      return { kind: 'pending', id: frag.id, received: 0, dropped: `a message longer than ${this.maxBytes} bytes` };
    }
    const message = this.complete(m);
    if (!message) return { kind: 'pending', id: frag.id, received: m.parts.size, ...(dropped ? { dropped } : {}) };
    this.messages.delete(meter);
    return { kind: 'complete', id: frag.id, message, fragments: m.parts.size, ...(dropped ? { dropped } : {}) };
  }

  /** The rebuilt telegram once fragments first..last are all there, else null. */
  private complete(m: Message): Uint8Array | null {
    if (m.last < 0) return null;
    const first = m.parts.has(0) ? 0 : 1;
    for (let id = first; id <= m.last; id++) if (!m.parts.has(id)) return null;
    const head = m.parts.get(first)!;
    const out = new Uint8Array(head.frag.payloadAt + m.size);
    out.set(head.bytes.subarray(0, head.frag.payloadAt));
    const fcl = head.frag.aflAt + 2;
    out[fcl] = 0;
    out[fcl + 1]! &= ~(MORE_FRAGMENTS >> 8);
    let at = head.frag.payloadAt;
    for (let id = first; id <= m.last; id++) {
      const p = m.parts.get(id)!;
      out.set(p.bytes.subarray(p.frag.payloadAt), at);
      at += p.bytes.length - p.frag.payloadAt;
    }
    out[0] = Math.min(at - 1, 0xff);
    return out.subarray(0, at);
  }
}
