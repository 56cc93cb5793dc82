/**
 * InfluxDB 1.x writer: `POST /write?db=&rp=&precision=ms` with the line-protocol body, over a
 * keep-alive agent (one connection reused for every batch — the measured ceiling needs it),
 * HTTP basic authentication when a username is given. `CREATE DATABASE` first when asked
 * (idempotent in 1.x).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { httpWriteError, networkWriteError, type InfluxV1Connection, type InfluxWriter } from './writer';

interface Answer { status: number; body: string }

export class InfluxV1Writer implements InfluxWriter {
  readonly target: string;
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly auth: Record<string, string>;
  private prepared: Promise<void> | undefined;

  constructor(private readonly connection: InfluxV1Connection) {
    this.base = new URL(connection.url.endsWith('/') ? connection.url : `${connection.url}/`);
    this.target = `InfluxDB ${this.base.origin} database ${connection.database}`;
    const secure = this.base.protocol === 'https:';
    this.agent = new (secure ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: 4 });
    this.auth = connection.username
      ? { Authorization: `Basic ${Buffer.from(`${connection.username}:${connection.password ?? ''}`).toString('base64')}` }
      : {};
  }

  async write(body: Buffer, signal?: AbortSignal): Promise<void> {
    if (this.connection.createDatabase) await this.createDatabase(signal);
    const query = new URLSearchParams({ db: this.connection.database, precision: 'ms' });
    if (this.connection.retentionPolicy) query.set('rp', this.connection.retentionPolicy);
    const answer = await this.request(`write?${query}`, body, 'text/plain; charset=utf-8', signal);
    if (answer.status !== 204 && answer.status !== 200) throw httpWriteError(answer.status, answer.body, this.target);
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }

  /** Once per writer; a failure is retried with the next write. */
  private createDatabase(signal?: AbortSignal): Promise<void> {
    this.prepared ??= (async () => {
      const q = `CREATE DATABASE "${this.connection.database.replace(/["\\]/g, (c) => `\\${c}`)}"`;
      const answer = await this.request('query', new URLSearchParams({ q }).toString(), 'application/x-www-form-urlencoded', signal);
      if (answer.status !== 200) throw httpWriteError(answer.status, answer.body, this.target);
    })().catch((err: unknown) => { this.prepared = undefined; throw err; });
    return this.prepared;
  }

  private request(route: string, body: string | Buffer, type: string, signal?: AbortSignal): Promise<Answer> {
    const url = new URL(route, this.base);
    const send = url.protocol === 'https:' ? https.request : http.request;
    return new Promise<Answer>((resolve, reject) => {
      const req = send(url, {
        method: 'POST', agent: this.agent, timeout: this.connection.timeoutMs ?? 30_000, signal,
        headers: { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...this.auth },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => reject(networkWriteError(err, this.target)));
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('no answer in time'), { code: 'ETIMEDOUT' })));
      req.on('error', (err) => reject(networkWriteError(err, this.target)));
      req.end(body);
    });
  }
}
