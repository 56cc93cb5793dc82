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

/** Distinct failure messages reported before the rest are only counted. */
const MAX_DISTINCT_FAILURES = 100;


export class LonIn {
  readonly source: NvSource;
  private readonly batchMs: number;
  private batch: Reading[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly reported = new Set<string>();
  private listening = '';

  /** Validates everything up front; ConfigError says which field is wrong. */
  constructor(config: LonInConfig, credentials: LonInCredentials, private readonly handlers: LonInHandlers) {
    const map = new NvMap(config.map ?? '[]');
    this.batchMs = integerIn(config.batchMs, 500, 0, 60_000, 'batch time (ms)');
    const callbacks = { onReadings: (r: Reading[]) => this.add(r), onFailure: (e: DecodeError) => this.fail(e) };
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
    this.flush();
    await this.source.stop();
  }

  private add(readings: Reading[]): void {
    for (const r of readings) this.batch.push(r);
    if (this.batchMs === 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batch.length === 0) return;
    const readings = this.batch;
    this.batch = [];
    this.handlers.send(readings);
    this.handlers.status(this.countsStatus());
  }

  private fail(error: DecodeError): void {
    if (!this.reported.has(error.message) && this.reported.size < MAX_DISTINCT_FAILURES) {
      this.reported.add(error.message);
      this.handlers.error(error);
    }
    this.handlers.status(this.countsStatus());
  }

  /** "12 rec · 1 err" from the source's counters. */
  private countsStatus(): LonInStatus {
    const c = this.source.counters;
    const text = `${c.readings} rec${c.failed > 0 ? ` · ${c.failed} err` : ''}`;
    return { fill: c.failed > 0 ? 'yellow' : 'green', shape: 'dot', text };
  }
}
