/**
 * A real Node-RED for the suites that need one (runtime, editor in Chromium, InfluxDB), started
 * as users start it (scripts/start.js → red.js, IMD_NODE_RED passed through) on a free
 * 127.0.0.1 port, in its own process group, with a data folder that outlives it so it can be
 * killed (SIGKILL, the whole group: start.js and red.js) and started again on the same flows,
 * credentials and disk buffers. Flows are deployed through the admin API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { exited } from './child-exit';
import { freePort } from './free-port';
import { repoRoot } from './repo-root';

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

export class NodeRedProcess {
  private child: ChildProcess | undefined;
  log = '';

  private constructor(readonly dataDir: string, readonly port: number) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** Starts Node-RED on a free port with `dataDir` as IMD_DATA; resolves once the editor answers. */
  static async start(dataDir: string): Promise<NodeRedProcess> {
    const process_ = new NodeRedProcess(dataDir, await freePort());
    try {
      await process_.resume();
    } catch (err) {
      await process_.kill(); // not ready in time: nobody else holds it, so no orphan is left
      throw err;
    }
    return process_;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** start.js's exit code once it has exited (null while running or when killed by a signal). */
  get exitCode(): number | null {
    return this.child?.exitCode ?? null;
  }

  async resume(): Promise<void> {
    const root = repoRoot();
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.js')], {
      env: { ...process.env, IMD_DATA: this.dataDir, IMD_PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    this.child = child;
    const mark = this.log.length;
    child.stdout!.on('data', (d) => { this.log += d; });
    child.stderr!.on('data', (d) => { this.log += d; });
    for (const deadline = Date.now() + READY_TIMEOUT_MS; !this.log.slice(mark).includes('IMD hub running');) {
      if (!this.running) throw new Error(`start.js exited (${child.exitCode ?? child.signalCode}):\n${this.log}`);
      if (Date.now() > deadline) throw new Error(`Node-RED not ready after ${READY_TIMEOUT_MS} ms:\n${this.log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Replaces every flow (full deployment); resolves once `probe` answers other than 404. */
  async deploy(flow: object[], probe: () => Promise<Response>): Promise<void> {
    const res = await fetch(`${this.base}flows`, {
      method: 'POST', body: JSON.stringify(flow),
      headers: { 'Content-Type': 'application/json', 'Node-RED-Deployment-Type': 'full' },
    });
    if (res.status !== 204) throw new Error(`deploy: HTTP ${res.status} ${await res.text()}`);
    await this.routeReady(probe);
  }

  /** Waits (bounded) until an http-in route of the running flows answers other than 404. */
  async routeReady(probe: () => Promise<Response>): Promise<void> {
    for (const deadline = Date.now() + READY_TIMEOUT_MS; (await probe()).status === 404;) {
      if (Date.now() > deadline) throw new Error(`route not ready after ${READY_TIMEOUT_MS} ms:\n${this.log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** SIGKILL to the whole process group: no close handlers, no flush. */
  async kill(): Promise<void> {
    if (!this.child || !this.running) return;
    process.kill(-this.child.pid!, 'SIGKILL');
    await exited(this.child, STOP_TIMEOUT_MS);
  }

  /** SIGTERM (Node-RED closes its nodes), SIGKILL to the group if it hangs. */
  async stop(): Promise<void> {
    if (!this.child || !this.running) return;
    this.child.kill('SIGTERM');
    if (!(await exited(this.child, STOP_TIMEOUT_MS))) await this.kill();
  }
}
