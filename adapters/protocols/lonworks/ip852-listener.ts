/**
 * Passive IP-852 channel listener: a UDP socket (default 127.0.0.1:1628) that decodes every
 * datagram with decodeIp852Datagram and reports readings and failures through callbacks, with
 * counters for what it saw. It never sends: no channel membership, no configuration-server
 * registration, no acknowledgements (see README, Limitations).
 */
import { createSocket, type Socket } from 'node:dgram';
import { decodeIp852Datagram } from './ip852-datagram';
import { IP852_DEFAULT_PORT } from './ip852-packet';
import type { NvMap } from './nv-map';
import { emptyCounters, reportOutcome, type NvSource, type NvSourceHandlers } from './nv-source';

export interface Ip852ListenerOptions extends NvSourceHandlers {
  map: NvMap;
  /** UDP port (default 1628; 0 = any free port). */
  port?: number;
  /** Address to bind (default 127.0.0.1; "0.0.0.0" for every interface). */
  host?: string;
}

export class Ip852Listener implements NvSource {
  readonly counters = emptyCounters();
  private socket: Socket | undefined;

  constructor(private readonly options: Ip852ListenerOptions) {}

  /** Binds the socket; resolves to "udp <address>:<port>" (rejects e.g. with EADDRINUSE). */
  async start(): Promise<string> {
    const socket = createSocket('udp4');
    this.socket = socket;
    socket.on('message', (msg, from) => {
      const outcome = decodeIp852Datagram(this.options.map, msg, new Date(), `ip852 ${from.address}:${from.port}`);
      reportOutcome(outcome, this.counters, this.options);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.options.port ?? IP852_DEFAULT_PORT, this.options.host ?? '127.0.0.1', () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('error', () => void this.stop()); // a socket error after binding ends listening
    const { address, port } = socket.address();
    return `udp ${address}:${port}`;
  }

  /** Closes the socket (idempotent). */
  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
