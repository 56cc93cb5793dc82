/**
 * A transparent M-Bus-over-TCP gateway in front of a simulated bus: raw FT1.2 bytes both ways,
 * no framing of its own, on 127.0.0.1 only. Requests may arrive split or several per segment;
 * a streaming framer per connection cuts them into frames. The bus does one transaction at a
 * time for all connections: the request takes its wire time, the slave its reply delay, and
 * the reply goes back to the asking connection byte by byte at the bus rate (bus-timing.ts).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { MBusFramer } from '../adapters/protocols/mbus/link/framer';
import type { MBusFrame } from '../adapters/protocols/mbus/link/frame';
import type { SimulatedBus } from './bus';
import { replyDelayMs, sendPaced, sleep, wireTimeMs, type BusTiming } from './bus-timing';

export interface GatewayOptions extends Partial<BusTiming> {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
}

/** Bytes that went over the bus, both ways, since the gateway started. */
export interface WireCounters {
  masterBytes: number;
  slaveBytes: number;
  transactions: number;
}

export class TcpGateway {
  readonly wire: WireCounters = { masterBytes: 0, slaveBytes: 0, transactions: 0 };
  private readonly sockets = new Set<Socket>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(private readonly server: Server, readonly bus: SimulatedBus, readonly timing: BusTiming) {}

  /** Starts listening; resolves once connections are accepted. */
  static async start(bus: SimulatedBus, options: GatewayOptions = {}): Promise<TcpGateway> {
    const server = createServer();
    const gateway = new TcpGateway(server, bus, { baud: options.baud ?? 2400, replyDelayBits: options.replyDelayBits });
    server.on('connection', (socket) => gateway.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
    });
    return gateway;
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const framer = new MBusFramer();
    socket.on('data', (chunk: Buffer) => {
      for (const { frame, raw } of framer.push(chunk)) this.enqueue(socket, frame, raw.length);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  private enqueue(socket: Socket, frame: MBusFrame, length: number): void {
    // A failing transaction (a bug) costs that connection, never the bus for the others.
    this.queue = this.queue.then(() => this.transact(socket, frame, length)).catch(() => { socket.destroy(); });
  }

  /** One bus transaction; the bus is busy for its whole wire time even if the asker has gone. */
  private async transact(socket: Socket, frame: MBusFrame, length: number): Promise<void> {
    if (this.closed) return;
    this.wire.masterBytes += length;
    this.wire.transactions++;
    await sleep(wireTimeMs(this.timing, length));
    const reply = this.bus.transact(frame);
    if (!reply || this.closed) return;
    await sleep(replyDelayMs(this.timing));
    this.wire.slaveBytes += reply.length;
    const gone = (): boolean => this.closed || socket.destroyed;
    await sendPaced(reply, this.timing, (chunk) => { if (!gone()) socket.write(chunk); }, () => this.closed);
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    this.closed = true;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
