/**
 * One request/reply exchange on a ByteTransport: purge stray bytes, send, collect the reply
 * through the streaming framer until a frame completes or the line stays silent for the reply
 * window. Echoes of our own request (some level converters echo) are skipped. With a settle
 * time the channel keeps listening after the frame, so a second answer (a collision) shows.
 * A transport that closes mid-exchange rejects the exchange with its error.
 */
import type { ByteTransport } from '../../../../lib/transport';
import { CONTROL_PRM } from '../link/control-field';
import { MBusFramer, type StreamFrame } from '../link/framer';
import { wireTimeMs } from './timing';

export type Reply =
  /** `extra`: other bytes or frames were heard around it (only looked for with settleMs). */
  | { kind: 'frame'; frame: StreamFrame; extra: boolean }
  | { kind: 'silence' }
  /** Bytes came, but no valid frame: `frames` valid frames among garbage runs, `truncated` when a frame began and stopped. */
  | { kind: 'garbled'; bytes: number; garbageRuns: number; truncated: boolean; reason: string };

export interface ExchangeOptions {
  /** Reply window: until the first byte, and again after every received chunk. */
  timeoutMs: number;
  /** After a frame completes, keep listening this long for more bytes (collision detection). */
  settleMs?: number;
  signal?: AbortSignal;
}

interface Collecting {
  chunk(chunk: Uint8Array): void;
  closed(err: Error): void;
}

export class LinkChannel {
  private readonly framer: MBusFramer;
  private garbageRuns = 0;
  private lastGarbage = '';
  private collecting: Collecting | undefined;
  private readonly removers: Array<() => void>;

  constructor(readonly transport: ByteTransport) {
    this.framer = new MBusFramer({ onGarbage: (g) => { this.garbageRuns++; this.lastGarbage = g.reason; } });
    this.removers = [
      transport.onData((chunk) => this.collecting?.chunk(chunk)),
      transport.onClose((err) => this.collecting?.closed(err ?? new Error(`${transport.description}: closed`))),
    ];
  }

  /** Sends bytes that get no reply (broadcast SND_NKE to 255). */
  async send(request: Uint8Array): Promise<void> {
    this.framer.reset();
    await this.transport.write(request);
  }

  exchange(request: Uint8Array, options: ExchangeOptions): Promise<Reply> {
    this.framer.reset();
    this.garbageRuns = 0;
    let bytes = 0;
    let found: StreamFrame | undefined;
    let extra = false;
    return new Promise<Reply>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let finished = false;
      const done = (outcome: () => void): void => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        this.collecting = undefined;
        options.signal?.removeEventListener('abort', aborted);
        outcome();
      };
      const aborted = (): void => done(() => reject(options.signal!.reason));
      const accept = (frames: StreamFrame[]): void => {
        for (const f of frames) {
          if (isEcho(f)) continue;
          if (found) extra = true;
          else { found = f; extra = this.garbageRuns > 0; }
        }
      };
      const settle = (): void => {
        accept(this.framer.flush());
        const heard = extra || this.garbageRuns > 0 || this.framer.buffered > 0;
        done(() => resolve({ kind: 'frame', frame: found!, extra: heard }));
      };
      const silent = (): void => {
        accept(this.framer.flush());
        if (found) { settle(); return; }
        const reply: Reply = bytes === 0 ? { kind: 'silence' }
          : { kind: 'garbled', bytes, garbageRuns: this.garbageRuns, truncated: /truncated/.test(this.lastGarbage), reason: this.lastGarbage };
        done(() => resolve(reply));
      };
      // After a stall the timer can fire before the reply already waiting in the socket is read:
      // decide on the next turn of the event loop (setImmediate runs after pending I/O).
      const arm = (ms: number, then: () => void): void => {
        clearTimeout(timer);
        timer = setTimeout(() => setImmediate(() => { if (!finished) then(); }), ms);
      };
      this.collecting = {
        chunk: (chunk) => {
          bytes += chunk.length;
          const before = found;
          accept(this.framer.push(chunk));
          if (found && !options.settleMs) { settle(); return; }
          if (found && !before) arm(options.settleMs!, settle);
          else if (!found) arm(options.timeoutMs, silent);
        },
        closed: (err) => done(() => reject(err)),
      };
      if (options.signal?.aborted) { aborted(); return; }
      options.signal?.addEventListener('abort', aborted, { once: true });
      arm(options.timeoutMs + wireTimeMs(request.length, this.transport.baudRate), silent);
      this.transport.write(request).catch((err: unknown) => done(() => reject(err)));
    });
  }

  dispose(): void {
    for (const remove of this.removers) remove();
  }
}

/** A frame the master sent (PRM bit set), heard back from an echoing converter. */
function isEcho(f: StreamFrame): boolean {
  return f.frame.type !== 'ack' && (f.frame.control & CONTROL_PRM) !== 0;
}
