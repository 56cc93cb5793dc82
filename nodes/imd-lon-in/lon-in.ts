/**
 * The work of the imd-lon-in node, without Node-RED: validate the node's configuration (the
 * source — IP-852 listener or SmartServer IAP/MQ broker — and the NV map), run the source,
 * gather readings into batches, report each distinct failure once, and say what the status
 * should be. The node file only maps this to send / error / status / close.
 */
import {
  IapMqSource, Ip852Listener, IP852_DEFAULT_PORT, NvMap, type NvSource,
} from '../../adapters/protocols/lonworks';
import { ConfigError, type DecodeError } from '../../lib/errors';
import type { Reading } from '../../lib/reading';
import { integerIn } from '../../lib/config-values';
import { FirstOfEach } from '../../lib/first-of-each';
import { ReadingBatcher } from '../../lib/reading-batcher';

/** Node-RED status shape (kept local so this file stays free of Node-RED imports). */
export interface LonInStatus { fill: 'green' | 'yellow' | 'red' | 'grey'; shape: 'dot' | 'ring'; text: string }

/** The node's stored configuration (editor fields are strings). */
export interface LonInConfig {
  source?: string;
  port?: string | number;
  host?: string;
  broker?: string;
  topic?: string;
  /** NV map as JSON text. */
  map?: string;
  /** Milliseconds readings are gathered before one message is sent. */
  batchMs?: string | number;
}

export interface LonInCredentials { username?: string; password?: string }

export interface LonInHandlers {
  send(readings: Reading[]): void;
  error(err: DecodeError): void;
  status(status: LonInStatus): void;
}



export class LonIn {
  readonly source: NvSource;
  private readonly batcher: ReadingBatcher;
  private readonly reported = new FirstOfEach();
  private listening = '';

  /** Validates everything up front; ConfigError says which field is wrong. */
  constructor(config: LonInConfig, credentials: LonInCredentials, private readonly handlers: LonInHandlers) {
    const map = new NvMap(config.map ?? '[]');
    this.batcher = new ReadingBatcher(integerIn(config.batchMs, 500, 0, 60_000, 'batch time (ms)'), (readings) => {
      handlers.send(readings);
      handlers.status(this.countsStatus());
    });
    const callbacks = { onReadings: (r: Reading[]) => this.batcher.add(r), onFailure: (e: DecodeError) => this.fail(e) };
    if ((config.source ?? 'ip852') === 'ip852') {
      const port = integerIn(config.port, IP852_DEFAULT_PORT, 0, 65535, 'UDP port');
      this.source = new Ip852Listener({ map, port, host: config.host || '127.0.0.1', ...callbacks });
    } else if (config.source === 'iap-mq') {
      if (!config.broker || !/^(mqtts?|wss?):\/\//.test(config.broker)) throw new ConfigError(`broker URL '${config.broker ?? ''}' must start with mqtt://, mqtts://, ws:// or wss://`);
      this.source = new IapMqSource({
        map, url: config.broker, ...callbacks, ...(config.topic ? { topic: config.topic } : {}),
        ...(credentials.username ? { username: credentials.username } : {}),
        ...(credentials.password ? { password: credentials.password } : {}),
        onConnection: (connected, detail) => handlers.status(connected
          ? { fill: 'green', shape: 'ring', text: 'subscribed' }
          : { fill: 'red', shape: 'ring', text: (detail ?? 'disconnected').slice(0, 30) }),
      });
    } else {
      throw new ConfigError(`source '${config.source}' must be ip852 or iap-mq`);
    }
  }

  async start(): Promise<void> {
    this.listening = await this.source.start();
    this.handlers.status({ fill: 'grey', shape: 'ring', text: this.listening.startsWith('udp') ? this.listening : 'connecting' });
  }

  /** Sends what is gathered, stops the source and the timer. */
  async stop(): Promise<void> {
    this.batcher.flush();
    await this.source.stop();
  }

  private fail(error: DecodeError): void {
    if (this.reported.first(error.message)) this.handlers.error(error);
    this.handlers.status(this.countsStatus());
  }

  /** "12 rec · 1 err" from the source's counters. */
  private countsStatus(): LonInStatus {
    const c = this.source.counters;
    const text = `${c.readings} rec${c.failed > 0 ? ` · ${c.failed} err` : ''}`;
    return { fill: c.failed > 0 ? 'yellow' : 'green', shape: 'dot', text };
  }
}
