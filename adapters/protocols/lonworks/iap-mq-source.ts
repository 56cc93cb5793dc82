/**
 * SmartServer IoT IAP/MQ source: an MQTT client that subscribes to the datapoint update events
 * (`glp/0/+/ev/data/#` by default) and turns each mapped datapoint value into a reading. It
 * keeps reconnecting while the broker is away (mqtt.js resubscribes) and reports connection
 * changes; it never publishes (no IAP requests, no datapoint writes).
 */
import { connect, type MqttClient } from 'mqtt';
import { IAP_DATA_TOPIC, decodeIapDataEvent } from './iap-mq-event';
import type { NvMap } from './nv-map';
import { emptyCounters, reportOutcome, type NvSource, type NvSourceHandlers } from './nv-source';

export interface IapMqSourceOptions extends NvSourceHandlers {
  map: NvMap;
  /** Broker URL, e.g. "mqtt://smartserver.local:1883" or "mqtts://…:8883". */
  url: string;
  username?: string;
  password?: string;
  /** Topic filter (default glp/0/+/ev/data/#). */
  topic?: string;
  /** Seconds between reconnection attempts (default 5). */
  reconnectSeconds?: number;
  /** Connected and subscribed (true) or connection lost / failed (false, with the reason). */
  onConnection?(connected: boolean, detail?: string): void;
}

export class IapMqSource implements NvSource {
  readonly counters = emptyCounters();
  private client: MqttClient | undefined;

  constructor(private readonly options: IapMqSourceOptions) {}

  /** Starts connecting; resolves at once to "mqtt <url> <topic>" (connection news via onConnection). */
  async start(): Promise<string> {
    const o = this.options;
    const topic = o.topic ?? IAP_DATA_TOPIC;
    const client = connect(o.url, {
      reconnectPeriod: (o.reconnectSeconds ?? 5) * 1000,
      connectTimeout: 10_000,
      ...(o.username ? { username: o.username } : {}),
      ...(o.password ? { password: o.password } : {}),
    });
    this.client = client;
    client.on('connect', () => {
      client.subscribe(topic, { qos: 0 }, (err) => o.onConnection?.(!err, err?.message));
    });
    client.on('error', (err) => o.onConnection?.(false, err.message));
    client.on('offline', () => o.onConnection?.(false, 'broker unreachable'));
    client.on('message', (messageTopic, payload) => {
      reportOutcome(decodeIapDataEvent(o.map, messageTopic, payload, new Date()), this.counters, o);
    });
    return `mqtt ${o.url} ${topic}`;
  }

  /** Disconnects (idempotent); does not wait for a broker that is gone. */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.endAsync(true);
  }
}
