/**
 * A real InfluxDB 1.x server for tests and the bench: Debian's `influxd run -config <temp>`
 * on free 127.0.0.1 ports with its data in a temporary folder, ready once /ping answers
 * (bounded wait), stopped by its PID (and restartable on the same ports and data, for outage
 * tests). `influxdAvailable()` says whether it is installed (`apt-get install influxdb
 * influxdb-client`; .ci/run installs it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exited } from '../support/child-exit';
import { freePort } from '../support/free-port';

const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;

export const influxdAvailable = (): boolean => spawnSync('influxd', ['version'], { stdio: 'ignore' }).status === 0;


const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class Influxd {
  private child: ChildProcess | undefined;
  log = '';

  private constructor(readonly dir: string, readonly port: number, private readonly config: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Writes a config for a fresh temporary data folder and starts the server. */
  static async start(): Promise<Influxd> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imd-influxd-'));
    const [port, rpc] = [await freePort(), await freePort()];
    const config = path.join(dir, 'influxdb.conf');
    fs.writeFileSync(config, [
      'reporting-enabled = false', `bind-address = "127.0.0.1:${rpc}"`,
      '[meta]', `  dir = "${dir}/meta"`,
      '[data]', `  dir = "${dir}/data"`, `  wal-dir = "${dir}/wal"`, '  query-log-enabled = false',
      '[monitor]', '  store-enabled = false',
      '[http]', '  enabled = true', `  bind-address = "127.0.0.1:${port}"`, '  log-enabled = false',
      '[continuous_queries]', '  enabled = false', '',
    ].join('\n'));
    const server = new Influxd(dir, port, config);
    await server.resume();
    return server;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** (Re)starts the server on the same ports and data; resolves once /ping answers 204. */
  async resume(): Promise<void> {
    const child = spawn('influxd', ['run', '-config', this.config], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (d) => { this.log += d; });
    child.stderr!.on('data', (d) => { this.log += d; });
    for (const deadline = Date.now() + READY_TIMEOUT_MS; ;) {
      if (!this.running) throw new Error(`influxd exited (${child.exitCode ?? child.signalCode}):\n${this.log.slice(-2000)}`);
      const ok = await fetch(`${this.url}/ping`).then((r) => r.status === 204, () => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`influxd not answering /ping after ${READY_TIMEOUT_MS} ms:\n${this.log.slice(-2000)}`);
      await sleep(50);
    }
  }

  /** Stops the server by its PID (SIGTERM, then SIGKILL); the data stays. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.kill('SIGTERM');
    if (!(await exited(child, STOP_TIMEOUT_MS))) {
      child.kill('SIGKILL');
      await exited(child, STOP_TIMEOUT_MS);
    }
  }

  /** Stops the server and deletes its data. */
  async remove(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** An InfluxQL statement; the first series of the first result (or throws the server's error). */
  async query(database: string, q: string): Promise<{ columns: string[]; values: unknown[][] } | undefined> {
    const res = await fetch(`${this.url}/query`, {
      method: 'POST', body: new URLSearchParams({ db: database, q, epoch: 'ms' }),
    });
    const json = (await res.json()) as { results?: { error?: string; series?: { columns: string[]; values: unknown[][] }[] }[]; error?: string };
    const error = json.error ?? json.results?.[0]?.error;
    if (error) throw new Error(`${q}: ${error}`);
    return json.results?.[0]?.series?.[0];
  }

  /** `count(<field>)` over a measurement (0 when it does not exist yet). */
  async count(database: string, measurement = 'reading', field = 'raw_mantissa'): Promise<number> {
    const series = await this.query(database, `SELECT count("${field}") FROM "${measurement}"`);
    return Number(series?.values[0]?.[1] ?? 0);
  }
}
