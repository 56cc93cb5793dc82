/**
 * The FakeBus behind a transparent TCP gateway (a real listening socket on 127.0.0.1) or on
 * the far end of a socat pty pair, for tests of the transports, the master, the CLI and the
 * nodes. A test hook can cut the connection after the bus handled a request, mid-reply, to
 * play the kill-mid-readout case.
 */
import * as net from 'node:net';
import { SerialPort } from 'serialport';
import { MBusFramer } from '../../../adapters/protocols/mbus/link/framer';
import type { MBusFrame } from '../../../adapters/protocols/mbus/link/frame';
import type { FakeBus } from './fake-bus';

/** What the gateway does with the reply to request number `n` (counted over all connections). */
export type RequestHook = (frame: MBusFrame, n: number) => 'answer' | 'cut';

/** Feeds received bytes to the bus and writes its replies; returns the byte handler. */
function serve(bus: FakeBus, write: (bytes: Uint8Array) => void, cut: () => void, counter: { n: number }, hook?: RequestHook): (chunk: Uint8Array) => void {
  const framer = new MBusFramer();
  return (chunk) => {
    for (const { frame } of framer.push(chunk)) {
      const n = counter.n++;
      const reply = bus.handle(frame);
      if (hook?.(frame, n) === 'cut') {
        if (reply) write(reply.subarray(0, reply.length >> 1));
        cut();
        return;
      }
      if (reply) write(reply);
    }
  };
}

export class FakeGateway {
  readonly requests = { n: 0 };
  connections = 0;
  hook: RequestHook | undefined;
  private readonly sockets = new Set<net.Socket>();

  private constructor(private readonly server: net.Server, readonly port: number) {}

  static start(bus: FakeBus, hook?: RequestHook): Promise<FakeGateway> {
    return new Promise((resolve, reject) => {
      let gateway: FakeGateway;
      const server = net.createServer((socket) => {
        gateway.connections++;
        gateway.sockets.add(socket);
        socket.on('close', () => gateway.sockets.delete(socket));
        socket.on('error', () => undefined);
        socket.on('data', serve(bus, (b) => socket.write(b), () => socket.destroy(), gateway.requests, (f, n) => gateway.hook?.(f, n) ?? 'answer'));
      });
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        gateway = new FakeGateway(server, (server.address() as net.AddressInfo).port);
        gateway.hook = hook;
        resolve(gateway);
      });
    });
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Serves the bus on one end of a pty pair (the master opens the other end). */
export async function servePty(bus: FakeBus, path: string, baudRate: number): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate, dataBits: 8, parity: 'even', stopBits: 1, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  port.on('data', serve(bus, (b) => port.write(Buffer.from(b)), () => undefined, { n: 0 }));
  return port;
}
