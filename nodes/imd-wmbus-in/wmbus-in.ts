/**
 * The work of the imd-wmbus-in node, without Node-RED: check the configuration (dongle type,
 * serial port or TCP address, link mode, batch time), run the receiver, decode what it hears
 * (keys, duplicate suppression), gather readings for the batch time, report each distinct
 * failure (meter and kind) once, and say what the status should be.
 */
import { DongleReceiver, LINK_MODES, receiverPlugin, type LinkMode, type ReceivedTelegram, type ReceiverConnection } from '../../adapters/receivers';
import type { KeyStore } from '../../adapters/protocols/wmbus';
import { ConfigError } from '../../lib/errors';
import type { Reading } from '../../lib/reading';
import { WirelessDecoder, type NodeStatus } from '../imd-wmbus-decode/wireless-decode';
import { integerIn } from '../../lib/config-values';
import { FirstOfEach } from '../../lib/first-of-each';
import { ReadingBatcher } from '../../lib/reading-batcher';

/** The node's stored configuration (editor fields are strings). */
export interface WmbusInConfig {
  dongle?: string;
  connection?: string;
  path?: string;
  baudRate?: string | number;
  host?: string;
  port?: string | number;
  mode?: string;
  batchMs?: string | number;
  dedupSeconds?: string | number;
  receiverName?: string;
}

export interface WmbusInHandlers {
  send(readings: Reading[], receiver: string): void;
  /** A distinct failure (first time for this meter and kind); `meter` may be ''. */
  error(message: string, detail: { code: string; meter: string }): void;
  status(status: NodeStatus): void;
}



function connectionOf(config: WmbusInConfig): ReceiverConnection {
  if (config.connection === 'tcp') {
    if (!config.host) throw new ConfigError('TCP host is missing');
    return { tcp: { host: config.host, port: integerIn(config.port, 0, 1, 65535, 'TCP port') } };
  }
  if (!config.path) throw new ConfigError('serial port path is missing (e.g. /dev/ttyUSB0)');
  const baud = integerIn(config.baudRate, 0, 0, 1_000_000, 'baud rate');
  return { serial: { path: config.path, ...(baud > 0 ? { baudRate: baud } : {}) } };
}

export class WmbusIn {
  readonly receiver: DongleReceiver;
  private readonly decoder: WirelessDecoder;
  private readonly batcher: ReadingBatcher;
  private readonly reported = new FirstOfEach();

  /** Validates everything up front; ConfigError says which field is wrong. */
  constructor(config: WmbusInConfig, keys: KeyStore | undefined, private readonly handlers: WmbusInHandlers) {
    const plugin = receiverPlugin(config.dongle ?? '');
    const mode = config.mode || undefined;
    if (mode !== undefined && !(LINK_MODES as readonly string[]).includes(mode)) throw new ConfigError(`link mode '${mode}' must be one of ${LINK_MODES.join(', ')}`);
    this.batcher = new ReadingBatcher(integerIn(config.batchMs, 1000, 0, 600_000, 'batch time (ms)'), (readings) => handlers.send(readings, this.receiver.name));
    this.decoder = new WirelessDecoder(keys, integerIn(config.dedupSeconds, 30, 0, 3600, 'duplicate window (s)') * 1000);
    this.receiver = new DongleReceiver(
      { plugin, connection: connectionOf(config), ...(mode ? { mode: mode as LinkMode } : {}), ...(config.receiverName ? { name: config.receiverName } : {}) },
      { telegram: (t) => this.heard(t), lost: (message) => handlers.status({ fill: 'red', shape: 'ring', text: message.slice(0, 40) }) },
    );
  }

  async start(): Promise<void> {
    await this.receiver.start();
    this.handlers.status({ fill: 'grey', shape: 'ring', text: `listening ${this.receiver.name}`.slice(0, 40) });
  }

  /** Sends what is gathered, then closes the dongle (frees the serial port). */
  async stop(): Promise<void> {
    this.batcher.flush();
    await this.receiver.stop();
  }

  private heard(t: ReceivedTelegram): void {
    const o = this.decoder.decode(t.telegram, { receivedAt: t.receivedAt, via: t.receiver, ...(t.rssi !== undefined ? { rssi: t.rssi } : {}) });
    if (o.kind === 'failed' && this.reported.first(`${o.meter}|${o.code}`)) this.handlers.error(o.error.message, { code: o.code, meter: o.meter });
    if (o.kind === 'decoded') this.batcher.add(o.readings);
    this.handlers.status(this.decoder.status());
  }
}
