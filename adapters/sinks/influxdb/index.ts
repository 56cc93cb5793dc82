/**
 * InfluxDB sink plugin: canonical readings into InfluxDB 1.x (HTTP line protocol) or 2.x
 * (`@influxdata/influxdb-client`), through a crash-safe disk buffer, idempotent by design.
 */
import type { PluginDescriptor } from '../../../lib/plugin';

export { InfluxSink, createWriter, type InfluxSinkOptions, type SinkEvent, type SinkStats, type WriteResult } from './influx-sink';
export { toLine, toLines, UnwritableReading, type MeterPlacement, type PlacementLookup, type PointOptions } from './line-protocol';
export { WriteError, type InfluxConnection, type InfluxV1Connection, type InfluxV2Connection, type InfluxWriter } from './writer';

export const descriptor: PluginDescriptor = {
  id: 'influxdb',
  kind: 'sink',
  title: 'InfluxDB',
  since: '0.1.0',
  summary: 'Readings into InfluxDB 1.x or 2.x: one measurement, register key as tags, disk-buffered, retried, idempotent.',
  configSchema: {
    type: 'object',
    required: ['connection', 'dir'],
    properties: {
      connection: {
        oneOf: [
          { type: 'object', required: ['version', 'url', 'database'], properties: {
            version: { const: 1 }, url: { type: 'string' }, database: { type: 'string' }, retentionPolicy: { type: 'string' },
            username: { type: 'string' }, password: { type: 'string' }, createDatabase: { type: 'boolean' }, timeoutMs: { type: 'integer' } } },
          { type: 'object', required: ['version', 'url', 'org', 'bucket', 'token'], properties: {
            version: { const: 2 }, url: { type: 'string' }, org: { type: 'string' }, bucket: { type: 'string' },
            token: { type: 'string' }, timeoutMs: { type: 'integer' } } },
        ],
      },
      dir: { type: 'string', description: 'the sink folder: disk buffer and dead-letter file' },
      measurement: { type: 'string', default: 'reading' },
      batchSize: { type: 'integer', minimum: 1, default: 20000 },
      flushIntervalMs: { type: 'integer', minimum: 0, default: 1000 },
      requestLines: { type: 'integer', minimum: 1, default: 5000 },
      concurrency: { type: 'integer', minimum: 1, default: 2 },
      retry: { type: 'object', properties: { initialDelayMs: { type: 'integer', default: 1000 }, maxDelayMs: { type: 'integer', default: 60000 } } },
    },
  },
  exampleConfig: {
    connection: { version: 1, url: 'http://127.0.0.1:8086', database: 'imd', createDatabase: true },
    dir: '/var/lib/imd/influxdb',
  },
  capabilities: ['write'],
  references: [
    'InfluxDB 1.x line protocol and /write HTTP API (docs.influxdata.com/influxdb/v1.6)',
    'InfluxDB 2.x /api/v2/write (docs.influxdata.com/influxdb/v2)',
    'AWS Architecture Blog, "Exponential Backoff And Jitter"',
  ],
};
