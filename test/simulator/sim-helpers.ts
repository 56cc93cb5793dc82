/**
 * Helpers for the simulator suites: a fixed simulated clock, frames from bytes, and a tiny
 * TCP master (connect, send, collect reply bytes with a bounded wait).
 */
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { MBusFramer, type StreamFrame } from '../../adapters/protocols/mbus/link/framer';
import { parseFrame, type MBusFrame } from '../../adapters/protocols/mbus/link/frame';

/** 2025-01-15 10:30 UTC, a Wednesday in the heating season. */
export const T0 = Date.UTC(2025, 0, 15, 10, 30);

export function fixedClock(ms = T0): { clock: () => number; set(ms: number): void } {
  let now = ms;
  return { clock: () => now, set(next: number) { now = next; } };
}

/** The master's frame as the bus gets it. */
export function frameOf(bytes: Uint8Array): MBusFrame {
  return parseFrame(bytes).frame;
}

/** Every frame a framer finds in `bytes` (flushed: nothing held back). */
export function framesIn(bytes: Uint8Array): StreamFrame[] {
  const framer = new MBusFramer();
  return [...framer.push(bytes), ...framer.flush()];
}

export class TcpMaster {
  private received: Buffer[] = [];
  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.received.push(chunk));
  }

  static async connect(port: number): Promise<TcpMaster> {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    return new TcpMaster(socket);
  }

  send(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /** Waits until `count` bytes arrived (or `timeoutMs` passed); returns and clears what arrived. */
  async take(count: number, timeoutMs = 3000): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    while (Buffer.concat(this.received).length < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const all = Buffer.concat(this.received);
    this.received = [];
    return all;
  }

  /** Waits until the bytes received hold `count` frames (or `timeoutMs` passed); returns and clears the bytes. */
  async takeFrames(count: number, timeoutMs = 3000): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    while (framesIn(Buffer.concat(this.received)).length < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.take(0, 0);
  }

  close(): void {
    this.socket.destroy();
  }
}
