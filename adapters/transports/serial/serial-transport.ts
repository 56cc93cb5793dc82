/**
 * ByteTransport over a local serial port (M-Bus level converter on /dev/ttyUSB0, a pty in
 * tests) with the `serialport` package, the library node-red-node-serialport uses. M-Bus
 * framing is 8E1: 8 data bits, even parity, 1 stop bit. open() retries with bounded backoff
 * (a USB converter being re-plugged); a port that disappears fires onClose and the next open()
 * opens it again. setBaudRate() follows a baud-rate switch of the meter.
 */
import { SerialPort } from 'serialport';
import type { ByteTransport } from '../../../lib/transport';
import { withBackoff, type BackoffOptions } from '../backoff';
import { Listeners } from '../listeners';
import { TransportError, transportError } from '../transport-error';

export interface SerialTransportOptions {
  /** Device path, e.g. /dev/ttyUSB0 or /dev/serial/by-id/…. */
  path: string;
  /** 300, 2400 (default; most meters' factory setting) or 9600; 600–38400 are accepted. */
  baudRate?: number;
  /** Default 'even' (M-Bus 8E1); 'none' only for converters that strip parity. */
  parity?: 'even' | 'none';
  /** Attempts and delays of open() (default 4 attempts, 250 ms doubling up to 5 s, full jitter). */
  reopen?: BackoffOptions;
}

/** M-Bus rates (300–38400) and the rates of wireless M-Bus receiver sticks (57600, 115200). */
export const SERIAL_BAUD_RATES = [300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

export class SerialTransport implements ByteTransport {
  private port: SerialPort | undefined;
  private opening: Promise<void> | undefined;
  private rate: number;
  private readonly data = new Listeners<[Uint8Array]>();
  private readonly closed = new Listeners<[Error | undefined]>();

  constructor(private readonly options: SerialTransportOptions) {
    this.rate = options.baudRate ?? 2400;
    if (!(SERIAL_BAUD_RATES as readonly number[]).includes(this.rate)) {
      throw new TransportError(`serial ${options.path}`, `baud rate ${this.rate} is not supported (${SERIAL_BAUD_RATES.join(', ')})`, 'io');
    }
  }

  get description(): string {
    return `serial ${this.options.path} ${this.rate} 8${this.options.parity === 'none' ? 'N' : 'E'}1`;
  }

  get baudRate(): number {
    return this.rate;
  }

  get isOpen(): boolean {
    return this.port !== undefined;
  }

  open(signal?: AbortSignal): Promise<void> {
    if (this.port) return Promise.resolve();
    this.opening ??= withBackoff(() => this.openOnce(), this.options.reopen, signal, () => signal?.aborted === true)
      .finally(() => { this.opening = undefined; });
    return this.opening;
  }

  write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port) return Promise.reject(new TransportError(this.description, 'port not open', 'not-open'));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(bytes), (err) => {
        if (err) reject(transportError(this.description, err));
        else port.drain((drainErr) => (drainErr ? reject(transportError(this.description, drainErr)) : resolve()));
      });
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (err?: Error) => void): () => void {
    return this.closed.add(listener);
  }

  /** Changes the local port's rate (after the meter acknowledged a baud-rate switch). */
  async setBaudRate(baudRate: number): Promise<void> {
    this.rate = baudRate;
    const port = this.port;
    if (!port) return;
    await new Promise<void>((resolve, reject) => port.update({ baudRate }, (err) => (err ? reject(transportError(this.description, err)) : resolve())));
  }

  close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (!port) return Promise.resolve();
    port.removeAllListeners('close');
    return new Promise((resolve) => port.close(() => resolve()));
  }

  private openOnce(): Promise<void> {
    const port = new SerialPort({
      path: this.options.path, baudRate: this.rate, dataBits: 8, stopBits: 1,
      parity: this.options.parity ?? 'even', autoOpen: false,
    });
    return new Promise((resolve, reject) => {
      port.open((err) => {
        if (err) { reject(transportError(this.description, err)); return; }
        port.on('data', (chunk: Buffer) => this.data.emit(chunk));
        port.on('error', () => undefined); // reported through 'close'
        port.on('close', (closeErr: Error | null) => {
          if (this.port !== port) return;
          this.port = undefined;
          this.closed.emit(closeErr ? transportError(this.description, closeErr) : new TransportError(this.description, 'port closed', 'closed'));
        });
        this.port = port;
        resolve();
      });
    });
  }
}
