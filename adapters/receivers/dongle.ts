/**
 * A receiver at work: opens the dongle's byte transport (serial port 8N1 or TCP), sends the
 * plugin's init commands for the link mode, runs the bytes through the plugin's framer and
 * hands each telegram on with its RSSI, reception time and receiver name. A dongle that goes
 * away (unplugged, TCP peer closed) is reopened every few seconds until stop().
 */
import { ConfigError } from '../../lib/errors';
import type { ByteTransport } from '../../lib/transport';
import { SerialTransport } from '../transports/serial';
import { TcpTransport } from '../transports/tcp';
import type { FramerEvent, LinkMode, ReceivedTelegram, ReceiverPlugin } from './receiver';

export interface ReceiverConnection {
  serial?: { path: string; baudRate?: number };
  tcp?: { host: string; port: number };
}

export interface DongleOptions {
  plugin: ReceiverPlugin;
  connection: ReceiverConnection;
  mode?: LinkMode;
  /** Kept on readings as source.via; default "<type> <path or host:port>". */
  name?: string;
  /** Pause before reopening a dongle that went away (default 2000 ms). */
  reopenDelayMs?: number;
}

export interface DongleHandlers {
  telegram(t: ReceivedTelegram): void;
  /** Responses and skipped bytes. */
  event?(e: FramerEvent): void;
  /** The dongle went away (or could not be reopened); it is reopened after a pause. */
  lost?(message: string): void;
}

/** Serial at the dongle's rate, 8N1, or TCP. */
export function dongleTransport(connection: ReceiverConnection, defaultBaudRate: number): ByteTransport {
  if (connection.tcp) return new TcpTransport({ host: connection.tcp.host, port: connection.tcp.port, baudRate: defaultBaudRate });
  if (!connection.serial?.path) throw new ConfigError('receiver: give a serial port path or a TCP host and port');
  return new SerialTransport({ path: connection.serial.path, baudRate: connection.serial.baudRate ?? defaultBaudRate, parity: 'none' });
}

export class DongleReceiver {
  readonly name: string;
  readonly transport: ByteTransport;
  readonly counters = { telegrams: 0, skippedBytes: 0, reopened: 0 };
  private readonly unsubscribe: (() => void)[] = [];
  private stopped = false;
  private reopenTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: DongleOptions, private readonly handlers: DongleHandlers, transport?: ByteTransport) {
    const { plugin, connection, mode } = options;
    if (mode && !plugin.modes.includes(mode)) {
      throw new ConfigError(`receiver ${plugin.descriptor.id}: link mode ${mode} is not supported (${plugin.modes.join(', ') || 'set outside the hub'})`);
    }
    this.transport = transport ?? dongleTransport(connection, plugin.defaultBaudRate);
    const where = connection.tcp ? `${connection.tcp.host}:${connection.tcp.port}` : connection.serial?.path ?? 'test';
    this.name = options.name || `${plugin.descriptor.id} ${where}`;
  }

  /** Opens the transport and sends the init commands; rejects when the dongle cannot be opened. */
  async start(): Promise<void> {
    const framer = this.options.plugin.createFramer();
    this.unsubscribe.push(this.transport.onData((chunk) => {
      const receivedAt = new Date();
      for (const e of framer.push(chunk)) this.dispatch(e, receivedAt);
    }));
    this.unsubscribe.push(this.transport.onClose((err) => this.lost(err)));
    await this.openAndInit();
  }

  /** Stops reopening and closes the transport (frees the serial port). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reopenTimer);
    for (const off of this.unsubscribe.splice(0)) off();
    await this.transport.close();
  }

  private async openAndInit(): Promise<void> {
    await this.transport.open();
    if (this.stopped) { await this.transport.close(); return; }
    for (const command of this.options.plugin.initCommands(this.options.mode)) await this.transport.write(command);
  }

  private dispatch(e: FramerEvent, receivedAt: Date): void {
    if (e.kind === 'telegram') {
      this.counters.telegrams++;
      this.handlers.telegram({ telegram: e.telegram, ...(e.rssi !== undefined ? { rssi: e.rssi } : {}), receivedAt, receiver: this.name });
      return;
    }
    if (e.kind === 'skipped') this.counters.skippedBytes += e.bytes;
    this.handlers.event?.(e);
  }

  private lost(err?: Error): void {
    if (this.stopped) return;
    this.handlers.lost?.(`${this.name}: ${err?.message ?? 'closed'}; reopening`);
    this.reopenTimer = setTimeout(() => {
      if (this.stopped) return;
      this.counters.reopened++;
      this.openAndInit().catch((e: Error) => this.lost(e));
    }, this.options.reopenDelayMs ?? 2000);
  }
}
