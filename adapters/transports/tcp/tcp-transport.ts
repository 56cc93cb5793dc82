/**
 * ByteTransport over TCP to a transparent M-Bus gateway (serial device server / M-Bus level
 * converter with Ethernet): raw EN 13757-2 bytes both ways, no framing, so replies may arrive
 * split over segments or several at once (the master's framer reassembles them). open()
 * connects with a connect timeout and retries with bounded exponential backoff plus jitter;
 * after the gateway drops the connection, onClose fires and the next open() reconnects.
 */
import * as net from 'node:net';
import type { ByteTransport } from '../../../lib/transport';
import { withBackoff, type BackoffOptions } from '../backoff';
import { Listeners } from '../listeners';
import { TransportError, transportError } from '../transport-error';

export interface TcpTransportOptions {
  host: string;
  port: number;
  /** Baud rate of the meter bus behind the gateway (set on the gateway), for reply timeouts. Default 2400. */
  baudRate?: number;
  /** Give up one connection attempt after this long (default 5000 ms). */
  connectTimeoutMs?: number;
  /** Attempts and delays of open() (default 4 attempts, 250 ms doubling up to 5 s, full jitter). */
  reconnect?: BackoffOptions;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

export class TcpTransport implements ByteTransport {
  readonly description: string;
  readonly baudRate: number;
  private socket: net.Socket | undefined;
  private opening: Promise<void> | undefined;
  private readonly data = new Listeners<[Uint8Array]>();
  private readonly closed = new Listeners<[Error | undefined]>();

  constructor(private readonly options: TcpTransportOptions) {
    this.description = `tcp ${options.host}:${options.port}`;
    this.baudRate = options.baudRate ?? 2400;
  }

  get isOpen(): boolean {
    return this.socket !== undefined;
  }

  /** Connects (no-op when connected); concurrent calls share one attempt. */
  open(signal?: AbortSignal): Promise<void> {
    if (this.socket) return Promise.resolve();
    this.opening ??= withBackoff(() => this.connectOnce(), this.options.reconnect, signal, () => signal?.aborted === true)
      .finally(() => { this.opening = undefined; });
    return this.opening;
  }

  write(bytes: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new TransportError(this.description, 'not connected', 'not-open'));
    return new Promise((resolve, reject) => {
      socket.write(bytes, (err) => (err ? reject(transportError(this.description, err)) : resolve()));
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (err?: Error) => void): () => void {
    return this.closed.add(listener);
  }

  /** Closes the connection (no onClose event: the caller asked for it). */
  close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return Promise.resolve();
    socket.removeAllListeners('close');
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      socket.destroySoon();
      setTimeout(() => { socket.destroy(); resolve(); }, 1000).unref();
    });
  }

  private connectOnce(): Promise<void> {
    const timeoutMs = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.options.host, port: this.options.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new TransportError(this.description, `connect timeout after ${timeoutMs} ms`, 'connect-timeout', 'connect'));
      }, timeoutMs);
      socket.once('error', (err) => { clearTimeout(timer); socket.destroy(); reject(transportError(this.description, err)); });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 10_000);
        this.attach(socket);
        resolve();
      });
    });
  }

  private attach(socket: net.Socket): void {
    let failure: Error | undefined;
    socket.on('data', (chunk: Buffer) => this.data.emit(chunk));
    socket.on('error', (err) => { failure = transportError(this.description, err); });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.closed.emit(failure ?? new TransportError(this.description, 'connection closed by the gateway', 'closed'));
    });
    this.socket = socket;
  }
}
