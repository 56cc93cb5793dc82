/**
 * Real Modbus peers for the tests: the pymodbus meter simulator (meter-sim.py, Debian's
 * /usr/bin/python3) over TCP or RTU on a socat pty, serving device maps' register dumps under
 * unit ids; and mbpoll. Readiness is polled within a bound, never a fixed sleep.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DeviceTest } from '../../adapters/protocols/modbus';
import { freePort } from '../support/free-port';
import { repoRoot } from '../support/repo-root';
import { waitForPort } from '../support/server-process';
import { requirePeer } from '../support/peer-required';

export const PYTHON = '/usr/bin/python3';
export const PYMODBUS_MISSING = 'python3-pymodbus is not installed for /usr/bin/python3 (apt-get install python3-pymodbus)';
export const MBPOLL_MISSING = 'mbpoll is not installed (apt-get install mbpoll)';

export function hasPymodbus(): boolean {
  return spawnSync(PYTHON, ['-c', 'import pymodbus.server'], { stdio: 'ignore' }).status === 0;
}

export function hasMbpoll(): boolean {
  return spawnSync('mbpoll', ['-h'], { stdio: 'ignore' }).error === undefined;
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
    await waitForPort(Number(where), 'meter-sim.py', child).catch((err: Error) => { stop(); throw new Error(`${err.message}: ${stderr}`); });
  }
  return { child, stop };
}

/** Runs meter-sim.py over TCP for the mocha suite it is called in (skipped with a message without pymodbus); returns its port getter. */
export function meterSimForSuite(units: Record<number, DeviceTest['dump']>): () => number {
  let sim: MeterSim | undefined;
  let port = 0;
  before(async function () {
    requirePeer(this, hasPymodbus() ? undefined : PYMODBUS_MISSING);
    port = await freePort();
    sim = await startMeterSim('tcp', port, units);
  });
  after(() => sim?.stop());
  return () => port;
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
