/**
 * The imd-influxdb config node's settings, without Node-RED: the stored fields and the
 * credentials checked and turned into the sink's InfluxConnection (1.x: URL, database,
 * retention policy, username/password; 2.x: URL, org, bucket, token). ConfigError names the
 * field that is wrong.
 */
import type { InfluxConnection } from '../../adapters/sinks/influxdb';
import { ConfigError } from '../../lib/errors';

/** The stored fields (editor values are strings). */
export interface InfluxConfig {
  version?: string;
  url?: string;
  database?: string;
  retentionPolicy?: string;
  createDatabase?: boolean | string;
  org?: string;
  bucket?: string;
}

/** Kept in Node-RED's encrypted credentials file, never in the flow. */
export interface InfluxCredentials { username?: string; password?: string; token?: string }

/** What an imd-influxdb config node offers its imd-influxdb-out nodes. */
export interface InfluxConfigNode { connection?: InfluxConnection; problem?: string }

export function connectionFrom(config: InfluxConfig, credentials: InfluxCredentials): InfluxConnection {
  const url = (config.url ?? '').trim();
  if (!/^https?:\/\/[^/]/.test(url)) throw new ConfigError(`URL '${url}' must start with http:// or https://`);
  if ((config.version ?? '1') === '1') {
    if (!config.database) throw new ConfigError('database is required for InfluxDB 1.x');
    return {
      version: 1, url, database: config.database,
      ...(config.retentionPolicy ? { retentionPolicy: config.retentionPolicy } : {}),
      ...(credentials.username ? { username: credentials.username, password: credentials.password ?? '' } : {}),
      createDatabase: config.createDatabase === true || config.createDatabase === 'true',
    };
  }
  if (config.version !== '2') throw new ConfigError(`version '${config.version}' must be 1 or 2`);
  if (!config.org) throw new ConfigError('organisation is required for InfluxDB 2.x');
  if (!config.bucket) throw new ConfigError('bucket is required for InfluxDB 2.x');
  if (!credentials.token) throw new ConfigError('an API token is required for InfluxDB 2.x');
  return { version: 2, url, org: config.org, bucket: config.bucket, token: credentials.token };
}
