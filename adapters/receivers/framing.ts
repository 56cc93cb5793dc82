/**
 * Helpers shared by the receiver framers: text lines out of a byte stream that arrives in
 * chunks of any size (LineFramer, the base of the line-based receivers), and the CC1101-style RSSI byte (two's complement, 0.5 dB steps, offset
 * 74 dB) that CUL, Amber and (assumed) IMST dongles report.
 */

import type { Framer, FramerEvent } from './receiver';

/** Lines longer than this are dropped (a stream that is not line-based must not grow memory). */
export const MAX_LINE = 4096;

/** Splits a byte stream into lines at LF (a CR before it is removed); chunk-boundary safe. */
export class LineSplitter {
  private partial = '';
  private overflow = 0;

  /** The complete lines in `chunk` (plus what was left over before it); `onOverflow` hears dropped lengths. */
  push(chunk: Uint8Array, onOverflow: (bytes: number) => void): string[] {
    const parts = (this.partial + Buffer.from(chunk).toString('latin1')).split('\n');
    this.partial = parts.pop()!;
    if (this.partial.length > MAX_LINE) {
      this.overflow += this.partial.length;
      this.partial = '';
    }
    const lines: string[] = [];
    for (const part of parts) {
      if (this.overflow > 0) { onOverflow(this.overflow + part.length + 1); this.overflow = 0; continue; }
      lines.push(part.endsWith('\r') ? part.slice(0, -1) : part);
    }
    return lines;
  }
}

/** A framer for line-based output: each complete, non-blank line goes to `line()`. */
export abstract class LineFramer implements Framer {
  private readonly lines = new LineSplitter();

  push(chunk: Uint8Array): FramerEvent[] {
    const events: FramerEvent[] = [];
    const overflow = (bytes: number): void => { events.push({ kind: 'skipped', bytes, reason: 'line too long' }); };
    for (const line of this.lines.push(chunk, overflow)) {
      if (line.trim() !== '') events.push(...this.line(line.trim()));
    }
    return events;
  }

  /** The events of one line (trimmed, not blank). */
  protected abstract line(text: string): FramerEvent[];
}

/** A line skipped for `reason`. */
export function skippedLine(text: string, reason: string): FramerEvent[] {
  return [{ kind: 'skipped', bytes: text.length + 1, reason }];
}

/** `a` followed by `b` (the unparsed rest of a binary stream and a new chunk). */
export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** dBm of a CC1101 RSSI byte: signed, half-dB steps, 74 dB offset. */
export function cc1101Dbm(raw: number): number {
  return (raw >= 128 ? raw - 256 : raw) / 2 - 74;
}

/** "T1" etc. as ASCII bytes with CR LF (text commands of CUL-like dongles). */
export function textCommand(text: string): Uint8Array {
  return Buffer.from(`${text}\r\n`, 'latin1');
}
