/**
 * InfluxDB 2.x writer through `@influxdata/influxdb-client`: `POST /api/v2/write?org=&bucket=
 * &precision=ms` with `Authorization: Token …`. The client's own buffering and retries are
 * switched off (one explicit flush per batch, no retries, no timer): the sink's disk buffer and
 * forwarder own both, so the same rules hold for 1.x and 2.x.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { HttpError, InfluxDB } from '@influxdata/influxdb-client';
import { httpWriteError, networkWriteError, type InfluxV2Connection, type InfluxWriter } from './writer';

export class InfluxV2Writer implements InfluxWriter {
  readonly target: string;
  private readonly agent: http.Agent;
  private readonly influx: InfluxDB;

  constructor(private readonly connection: InfluxV2Connection) {
    this.target = `InfluxDB ${new URL(connection.url).origin} bucket ${connection.bucket}`;
    this.agent = new (connection.url.startsWith('https:') ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: 4 });
    this.influx = new InfluxDB({
      url: connection.url, token: connection.token, timeout: connection.timeoutMs ?? 30_000,
      transportOptions: { agent: this.agent },
    });
  }

  /** One write API per request, sized to it: its buffer preallocates `batchSize` slots. */
  async write(body: Buffer): Promise<void> {
    const lines = body.toString('utf8').split('\n');
    const api = this.influx.getWriteApi(this.connection.org, this.connection.bucket, 'ms', {
      batchSize: lines.length + 1, flushInterval: 0, maxRetries: 0,
      // Take the failure over: no retry, no console logging by the client.
      writeFailed: (error: Error) => Promise.reject(error),
    });
    api.writeRecords(lines);
    try {
      await api.close();
    } catch (err) {
      if (err instanceof HttpError) throw httpWriteError(err.statusCode, err.body ?? err.message, this.target);
      throw networkWriteError(err, this.target);
    }
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}
