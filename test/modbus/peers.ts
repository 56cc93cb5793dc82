/**
 * Real Modbus peers for the tests: the pymodbus meter simulator (meter-sim.py, Debian's
 * /usr/bin/python3) over TCP or RTU on a socat pty, serving device maps' register dumps under
 * unit ids; mbpoll; and free ports. Readiness is polled within a bound, never a fixed sleep.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DeviceTest } from '../../adapters/protocols/modbus';
import { repoRoot } from '../support/repo-root';

export const PYTHON = '/usr/bin/python3';
export const PYMODBUS_MISSING = 'python3-pymodbus is not installed for /usr/bin/python3 (apt-get install python3-pymodbus); skipping';
export const MBPOLL_MISSING = 'mbpoll is not installed (apt-get install mbpoll); skipping';

export function hasPymodbus(): boolean {
  return spawnSync(PYTHON, ['-c', 'import pymodbus.server'], { stdio: 'ignore' }).status === 0;
}

export function hasMbpoll(): boolean {
  return spawnSync('mbpoll', ['-h'], { stdio: 'ignore' }).error === undefined;
}

export async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface MeterSim { child: ChildProcess; stop(): void }

/** Starts meter-sim.py with these dumps per unit id; for TCP resolves once it accepts connections. */
export async function startMeterSim(mode: 'tcp' | 'rtu', where: string | number, units: Record<number, DeviceTest['dump']>): Promise<MeterSim> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'imd-modbus-'));
  const file = path.join(dir, 'units.json');
  writeFileSync(file, JSON.stringify(units));
  const script = path.join(repoRoot(__dirname), 'test', 'modbus', 'meter-sim.py');
  const child = spawn(PYTHON, [script, mode, String(where), file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const stop = (): void => { child.kill(); rmSync(dir, { recursive: true, force: true }); };
  if (mode === 'tcp') {
    const deadline = Date.now() + 10_000;
    while (!(await accepts(Number(where)))) {
      if (Date.now() > deadline || child.exitCode !== null) { stop(); throw new Error(`meter-sim.py did not listen within 10 s: ${stderr}`); }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { child, stop };
}

/** Runs meter-sim.py over TCP for the mocha suite it is called in (skipped with a message without pymodbus); returns its port getter. */
export function meterSimForSuite(units: Record<number, DeviceTest['dump']>): () => number {
  let sim: MeterSim | undefined;
  let port = 0;
  before(async function () {
    if (!hasPymodbus()) { console.log(`      ${PYMODBUS_MISSING}`); this.skip(); }
    port = await freeTcpPort();
    sim = await startMeterSim('tcp', port, units);
  });
  after(() => sim?.stop());
  return () => port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** Runs a peer program without blocking the event loop (our server may be in this process); resolves to its stdout. */
export function runPeer(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { encoding: 'utf8', timeout: 10_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${file} ${args.join(' ')}: ${err.message}: ${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Runs mbpoll once (-1) and returns the values it printed, by 1-based reference. */
export async function mbpoll(args: string[]): Promise<Map<number, number>> {
  const stdout = await runPeer('mbpoll', ['-1', ...args]);
  const values = new Map<number, number>();
  for (const m of stdout.matchAll(/^\[(\d+)\]:\s+(-?\d+)/gm)) values.set(Number(m[1]), Number(m[2]));
  return values;
}
