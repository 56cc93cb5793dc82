/**
 * The work of the imd-influxdb-out node, without Node-RED: its settings checked and turned into
 * InfluxDB sink options, msg.payload checked to be readings, and the sink's counters turned
 * into a short status ("sent 12 000 · 0 waiting", "influx down, 3 batches buffered").
 */
import * as path from 'node:path';
import type { InfluxConnection, InfluxSinkOptions, PlacementLookup, SinkStats } from '../../adapters/sinks/influxdb';
import type { Reading } from '../../lib/reading';
import { integerIn } from '../../lib/config-values';
import { describeError } from '../../lib/errors';
import { databasePath, PlacementIndex } from '../../lib/store';

/** The node's stored configuration (editor fields are strings). */
export interface InfluxOutConfig {
  influxdb?: string;
  measurement?: string;
  batchSize?: string | number;
  flushIntervalMs?: string | number;
  maxRetrySeconds?: string | number;
  /** Folder of the disk buffer; default `<userDir>/imd-influxdb/<node id>`. */
  bufferDir?: string;
  /** Tag readings with property, building and apartment from the system of record. */
  registryTags?: boolean;
  /** Data folder of the system of record (default IMD_DATA, else ./data). */
  registryData?: string;
}

/** The registry lookup the sink tags with, and how to release it; none unless asked for. */
export interface RegistryTagging { lookup: PlacementLookup; close(): void }

/**
 * The system of record's placements as a sink lookup. A registry that cannot be read (no
 * database driver, a broken file) is reported once through `warn` and then tags nothing:
 * readings are never held back for want of tags.
 */
export function registryTagging(config: InfluxOutConfig, warn: (message: string) => void): RegistryTagging | undefined {
  if (!config.registryTags) return undefined;
  const index = new PlacementIndex(databasePath(config.registryData));
  let broken = false;
  return {
    lookup: (meter) => {
      if (broken) return undefined;
      try { return index.placementOf(meter); } catch (err) {
        broken = true;
        warn(`registry tags off: cannot read the system of record (${describeError(err)})`);
        return undefined;
      }
    },
    close: () => index.close(),
  };
}

export interface NodeStatus { fill: 'green' | 'yellow' | 'red' | 'grey'; shape: 'dot' | 'ring'; text: string }


export function sinkOptions(config: InfluxOutConfig, connection: InfluxConnection, userDir: string, nodeId: string): InfluxSinkOptions {
  return {
    connection,
    dir: config.bufferDir || path.join(userDir, 'imd-influxdb', nodeId),
    measurement: config.measurement || 'reading',
    batchSize: integerIn(config.batchSize, 20_000, 1, 1_000_000, 'batch size'),
    flushIntervalMs: integerIn(config.flushIntervalMs, 1000, 0, 600_000, 'flush interval (ms)'),
    retry: { initialDelayMs: 1000, maxDelayMs: 1000 * integerIn(config.maxRetrySeconds, 60, 1, 86_400, 'longest retry delay (s)') },
  };
}

/** msg.payload as readings: an array of readings or one reading. */
export function asReadings(payload: unknown): Reading[] {
  const list = Array.isArray(payload) ? payload : [payload];
  const bad = list.findIndex((r) => typeof r !== 'object' || r === null || typeof (r as Reading).meter !== 'object'
    || typeof (r as Reading).timestamp !== 'string' || typeof (r as Reading).raw !== 'object' || typeof (r as Reading).source !== 'object');
  if (bad >= 0) throw new TypeError(`msg.payload[${bad}] is not a reading (Reading[] expected, as imd-* nodes send)`);
  return list as Reading[];
}

const count = (n: number): string => n.toLocaleString('sv-SE');

export function statusOf(stats: SinkStats): NodeStatus {
  if (stats.state === 'down') return { fill: 'red', shape: 'ring', text: `influx down, ${count(stats.pendingBatches)} batches buffered` };
  const dead = stats.deadLettered > 0 ? ` · ${count(stats.deadLettered)} dead-lettered` : '';
  return { fill: stats.deadLettered > 0 ? 'yellow' : 'green', shape: 'dot', text: `sent ${count(stats.sent)} · ${count(stats.pendingBatches)} batches buffered${dead}` };
}
