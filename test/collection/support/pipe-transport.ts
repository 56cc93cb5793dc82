/**
 * An in-process ByteTransport wired to a FakeBus: what the master writes is framed and handed
 * to the bus, the reply comes back asynchronously — whole, or split into chunks of `chunkSize`
 * bytes, optionally followed by stray bytes, echoed, or dropped — for unit tests of the master
 * without sockets.
 */
import type { ByteTransport } from '../../../lib/transport';
import { MBusFramer } from '../../../adapters/protocols/mbus/link/framer';
import type { MBusFrame } from '../../../adapters/protocols/mbus/link/frame';
import type { FakeBus } from './fake-bus';

export interface PipeOptions {
  baudRate?: number;
  /** Deliver replies in chunks of this many bytes (default: whole). */
  chunkSize?: number;
  /** Echo every request back before the reply (some level converters do). */
  echo?: boolean;
  /** Return true to swallow the reply to request `n` (a lost reply). */
  drop?: (frame: MBusFrame, n: number) => boolean;
  /** Bytes that arrive right after the reply to request `n` (line noise the next request must purge). */
  noiseAfter?: (n: number) => Uint8Array | undefined;
}

export class PipeTransport implements ByteTransport {
  readonly description = 'pipe fake-bus';
  readonly baudRate: number;
  opens = 0;
  private n = 0;
  private readonly framer = new MBusFramer();
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly closeListeners = new Set<(err?: Error) => void>();

  constructor(private readonly bus: FakeBus, private readonly options: PipeOptions = {}) {
    this.baudRate = options.baudRate ?? 9600;
  }

  async open(): Promise<void> {
    this.opens++;
  }

  async write(bytes: Uint8Array): Promise<void> {
    for (const { frame, raw } of this.framer.push(bytes)) {
      const n = this.n++;
      const reply = this.bus.handle(frame);
      if (this.options.echo) this.deliver(raw);
      const noise = this.options.noiseAfter?.(n);
      if (reply && !this.options.drop?.(frame, n)) setImmediate(() => { this.deliver(reply); if (noise) this.deliver(noise); });
    }
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: (err?: Error) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.dataListeners.clear();
  }

  private deliver(bytes: Uint8Array): void {
    const size = this.options.chunkSize ?? bytes.length;
    for (let at = 0; at < bytes.length; at += size) {
      const chunk = bytes.slice(at, at + size);
      for (const listener of this.dataListeners) listener(chunk);
    }
  }
}
