/**
 * The main job as the end-to-end tests run it: `node scripts/start.js` (what `npm start` runs
 * after building) with a temporary IMD_DATA and a free IMD_PORT, plus what the tests look at
 * from outside — the editor's HTTP API, `imd stats`, the readings ledger, and the process tree
 * (Linux /proc) to prove nothing is left running.
 */
import { strict as assert } from 'assert';
import Database from 'better-sqlite3';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { repoRoot } from '../support/repo-root';
import { spawnImd } from '../support/run-imd';
import { freePort } from '../support/free-port';

const START = path.join(repoRoot(), 'scripts', 'start.js');
const READY_TIMEOUT_MS = 30_000;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


/** Polls `check` every 250 ms until it returns a value other than undefined; fails after `ms`. */
export async function waitFor<T>(what: string, ms: number, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (const deadline = Date.now() + ms; ;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`${what}: not within ${ms} ms`);
    await sleep(250);
  }
}

/** Whether a process exists and is not a zombie. */
export function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/s.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Every live process below `pid` (children, grandchildren, …). */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone meanwhile */ }
  }
  const found: number[] = [];
  for (let frontier = [pid]; frontier.length > 0;) {
    frontier = [...parentOf].filter(([, parent]) => frontier.includes(parent)).map(([child]) => child);
    found.push(...frontier);
  }
  return found.filter(alive);
}

/** Whether something accepts TCP connections on 127.0.0.1:<port>. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

export interface Stats { meters: number; readings: number; lastReadingAt: string | null }

/** `imd stats --data <dir>` through the real launcher. */
export function stats(dataDir: string): Stats {
  const run = spawnImd(['stats', '--data', dataDir]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as Stats;
}

/** One ledger row by its key, with the register value as stored. */
export interface LedgerRow { id: number; register_id: number; at: number; mantissa: string; exponent: number }

/** The readings ledger (read-only), and how many rows share a (register, time) key with another. */
export function ledger(dataDir: string): { rows: LedgerRow[]; duplicateKeys: number } {
  const db = new Database(path.join(dataDir, 'imd.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('SELECT id, register_id, at, mantissa, exponent FROM readings ORDER BY id').all() as LedgerRow[];
    const { n } = db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM readings GROUP BY register_id, at HAVING count(*) > 1)').get() as { n: number };
    return { rows, duplicateKeys: n };
  } finally {
    db.close();
  }
}

/** The demo's simulator port, as start.js noted it in <data>/demo.json. */
export const simulatorPort = (dataDir: string): number =>
  (JSON.parse(fs.readFileSync(path.join(dataDir, 'demo.json'), 'utf8')) as { port: number }).port;

/** A running `node scripts/start.js`. */
export class MainJob {
  readonly child: ChildProcess;
  readonly base: string;
  log = '';

  private constructor(readonly dataDir: string, port: number) {
    this.base = `http://127.0.0.1:${port}/`;
    this.child = spawn(process.execPath, [START], {
      env: { ...process.env, IMD_DATA: dataDir, IMD_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group: the after hook can kill whatever is left with it
    });
    this.child.stdout!.on('data', (d) => { this.log += d; });
    this.child.stderr!.on('data', (d) => { this.log += d; });
  }

  /** Starts it and resolves once it says the editor is up. */
  static async start(dataDir: string): Promise<MainJob> {
    const job = new MainJob(dataDir, await freePort());
    await waitFor('start.js saying "IMD hub running"', READY_TIMEOUT_MS, () => {
      if (!job.running) assert.fail(`start.js exited (${job.child.exitCode ?? job.child.signalCode}):\n${job.log}`);
      return job.log.includes('IMD hub running') ? true : undefined;
    });
    return job;
  }

  get pid(): number { return this.child.pid!; }

  get running(): boolean { return this.child.exitCode === null && this.child.signalCode === null; }

  /** The Node-RED process (start.js's only child). */
  nodeRedPid(): number {
    const children = descendants(this.pid);
    assert.equal(children.length, 1, `start.js should have one child process (Node-RED), has ${children.join(', ')}`);
    return children[0]!;
  }

  async get(route: string): Promise<unknown> {
    const res = await fetch(this.base + route, { headers: { Accept: 'application/json' } });
    assert.equal(res.status, 200, `GET ${route}`);
    return res.json();
  }

  /** Presses an inject node's button, as the editor does. */
  async inject(id: string): Promise<void> {
    const res = await fetch(`${this.base}inject/${id}`, { method: 'POST' });
    assert.equal(res.status, 200, `POST inject/${id}`);
  }

  /** Resolves with the exit code (null when killed by a signal) once start.js has exited; fails after `ms`. */
  exited(ms: number): Promise<number | null> {
    if (!this.running) return Promise.resolve(this.child.exitCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`start.js still running after ${ms} ms`)), ms);
      this.child.once('exit', (code) => { clearTimeout(timer); resolve(code); });
    });
  }

  /** For after hooks: whatever of its process group still runs is killed. */
  kill(): void {
    try { process.kill(-this.pid, 'SIGKILL'); } catch { /* all gone */ }
  }
}
