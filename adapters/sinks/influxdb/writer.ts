/**
 * The transport seam of the InfluxDB sink: an `InfluxWriter` sends one request of line-protocol
 * lines and resolves once the server has accepted it (204). Failures are `WriteError`s that say
 * whether sending the same lines again can succeed: network errors, timeouts, 5xx, 429 and the
 * configuration errors 401/403/404 (wrong credentials, database or bucket missing — the points
 * are fine, so they wait in the buffer until the configuration is fixed) are retried; any other
 * 4xx (400 unparsable line, field type conflict, 413, 422) means the points themselves are
 * refused, and retrying would block the buffer forever.
 */
export type InfluxConnection = InfluxV1Connection | InfluxV2Connection;

export interface InfluxV1Connection {
  version: 1;
  /** Base URL, e.g. http://127.0.0.1:8086 (a path prefix is kept). */
  url: string;
  database: string;
  /** Retention policy; empty = the database's default. */
  retentionPolicy?: string;
  username?: string;
  password?: string;
  /** Send `CREATE DATABASE` (a no-op when it exists) before the first write. */
  createDatabase?: boolean;
  /** Per request (default 30 s). */
  timeoutMs?: number;
}

export interface InfluxV2Connection {
  version: 2;
  url: string;
  org: string;
  bucket: string;
  token: string;
  timeoutMs?: number;
}

export interface InfluxWriter {
  /** Where it writes, for messages (no credentials). */
  readonly target: string;
  /** One write request of lines joined by '\n' (UTF-8); resolves on 2xx, rejects with a WriteError. */
  write(body: Buffer, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export class WriteError extends Error {
  constructor(message: string, readonly status: number | undefined, readonly retryable: boolean) {
    super(message);
    this.name = 'WriteError';
  }
}

const CONFIGURATION_STATUS = new Set([401, 403, 404, 408, 429]);

/** A refused request: retryable unless the server refused the points themselves. */
export function httpWriteError(status: number, body: string, target: string): WriteError {
  const retryable = status >= 500 || CONFIGURATION_STATUS.has(status) || status < 400;
  return new WriteError(`${target}: HTTP ${status} ${body.trim().slice(0, 2000)}`, status, retryable);
}

/** A request that got no answer (refused, reset, timed out): always retryable. */
export function networkWriteError(err: unknown, target: string): WriteError {
  const e = err as { code?: string; message?: string };
  return new WriteError(`${target}: ${e.code ?? ''} ${e.message ?? String(err)}`.replace(/\s+/g, ' '), undefined, true);
}
