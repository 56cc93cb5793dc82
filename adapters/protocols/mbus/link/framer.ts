/**
 * Streaming M-Bus framer: finds link-layer frames in a byte stream delivered in arbitrary chunks
 * (a serial port byte by byte, a TCP gateway several frames at once) and resyncs after garbage.
 *
 * A transport calls `push(chunk)` and gets the complete frames; `flush()` when the line has gone
 * idle (reply timeout), so a false start byte waiting for bytes that never come gives back what
 * follows it; `reset()` before a new transaction, to purge stray bytes.
 *
 * Resync: a candidate that cannot be a frame (unknown start byte, length fields differ, bad stop
 * byte or checksum) costs one byte, and the scan restarts at the next E5, 10 or 68. So a 0x68 in
 * line noise never swallows the real frame after it. The buffer has a fixed size: it holds at most
 * one incomplete frame (< 261 bytes), whatever is pushed.
 */
import { DecodeError } from '../../../../lib/errors';
import { byteHex } from '../../../../lib/hex';
import { ACK, LONG_START, MAX_FRAME_LENGTH, SHORT_START, parseFrame, type MBusFrame, type ParsedFrame } from './frame';

export interface StreamFrame {
  frame: MBusFrame;
  /** The frame's bytes as received (a copy owned by the caller; a long frame's `data` is a view into it). */
  raw: Uint8Array;
  /** Stream position of the frame's first byte: bytes pushed before it since the framer was created. */
  offset: number;
}

/** A contiguous run of discarded bytes. */
export interface Garbage {
  /** Stream position of the first discarded byte. */
  offset: number;
  count: number;
  /** Why the run's first byte was discarded; byte positions in it count from that byte. */
  reason: string;
}

export interface MBusFramerOptions {
  /**
   * Called once per run of discarded bytes when the run ends: before the frame that follows it,
   * or on flush() / reset(). Bytes still possibly part of a frame are not reported until resolved.
   */
  onGarbage?: (garbage: Garbage) => void;
}

const CAPACITY = 4 * MAX_FRAME_LENGTH;

export class MBusFramer {
  private readonly buffer = new Uint8Array(CAPACITY);
  /** First byte not yet resolved into a frame or garbage. */
  private head = 0;
  /** End of the buffered bytes. */
  private tail = 0;
  /** Stream position of buffer[0]. */
  private base = 0;
  private garbage: Garbage | null = null;
  private readonly onGarbage: ((garbage: Garbage) => void) | undefined;

  constructor(options: MBusFramerOptions = {}) {
    this.onGarbage = options.onGarbage;
  }

  /** Bytes held back as the possible start of a frame. */
  get buffered(): number {
    return this.tail - this.head;
  }

  /** Adds received bytes; returns the frames they complete, in stream order. */
  push(chunk: Uint8Array): StreamFrame[] {
    const frames: StreamFrame[] = [];
    for (let pos = 0; pos < chunk.length;) {
      this.compact();
      const n = Math.min(CAPACITY - this.tail, chunk.length - pos);
      this.buffer.set(chunk.subarray(pos, pos + n), this.tail);
      this.tail += n;
      pos += n;
      this.scan(frames, false);
    }
    return frames;
  }

  /** The stream has gone idle: resolves the held-back bytes as if no more will come. */
  flush(): StreamFrame[] {
    const frames: StreamFrame[] = [];
    this.scan(frames, true);
    this.endGarbage();
    return frames;
  }

  /** Discards the held-back bytes (reported as garbage) before a new transaction. */
  reset(): void {
    if (this.tail > this.head) this.discard(this.tail - this.head, 'purged by reset');
    this.endGarbage();
    this.base += this.tail;
    this.head = 0;
    this.tail = 0;
  }

  private scan(frames: StreamFrame[], final: boolean): void {
    while (this.head < this.tail) {
      const first = this.buffer[this.head];
      if (first !== ACK && first !== SHORT_START && first !== LONG_START) {
        this.discard(this.bytesBeforeStart(), `no start byte (E5, 10, 68): 0x${byteHex(first!)}`);
        continue;
      }
      let parsed: ParsedFrame;
      try {
        parsed = parseFrame(this.buffer.subarray(this.head, this.tail));
      } catch (err) {
        if (!(err instanceof DecodeError)) throw err;
        if (err.code === 'truncated' && !final) return;
        this.discard(1, err.message);
        continue;
      }
      this.endGarbage();
      frames.push(this.take(parsed));
    }
  }

  /** Length of the run of non-start bytes at head. */
  private bytesBeforeStart(): number {
    let i = this.head + 1;
    while (i < this.tail) {
      const b = this.buffer[i];
      if (b === ACK || b === SHORT_START || b === LONG_START) break;
      i++;
    }
    return i - this.head;
  }

  private take(parsed: ParsedFrame): StreamFrame {
    const raw = this.buffer.slice(this.head, this.head + parsed.length);
    const f = parsed.frame;
    const frame: MBusFrame = f.type === 'long' ? { ...f, data: raw.subarray(7, raw.length - 2) } : f;
    const offset = this.base + this.head;
    this.head += parsed.length;
    return { frame, raw, offset };
  }

  private discard(count: number, reason: string): void {
    if (this.garbage) this.garbage.count += count;
    else this.garbage = { offset: this.base + this.head, count, reason };
    this.head += count;
  }

  private endGarbage(): void {
    if (!this.garbage) return;
    const garbage = this.garbage;
    this.garbage = null;
    this.onGarbage?.(garbage);
  }

  /** Moves the unresolved bytes to the front of the buffer. */
  private compact(): void {
    if (this.head === 0) return;
    this.buffer.copyWithin(0, this.head, this.tail);
    this.base += this.head;
    this.tail -= this.head;
    this.head = 0;
  }
}
