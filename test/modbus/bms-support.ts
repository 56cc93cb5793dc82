/**
 * Shared by the BMS server tests (TCP and RTU): a room-temperature reading at a fixed clock,
 * a pymodbus client call (read holding/input registers or write one, printed as JSON), and
 * `imd modbus-serve` run as a child process up to its "listening" line and stopped by SIGTERM.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import type { Reading } from '../../lib/reading';
import { repoRoot } from '../support/repo-root';
import { PYTHON, runPeer } from './peers';

export const NOW = Date.UTC(2025, 0, 15, 10, 30);

export function temperature(id: string, value: number, minutesAgo = 5): Reading {
  const at = new Date(NOW - minutesAgo * 60_000).toISOString();
  return {
    meter: { manufacturer: 'ELV', id, version: 0, medium: 'room-sensor', mediumCode: 0x1b }, quantity: 'external-temperature', value, unit: 'C',
    raw: { mantissa: String(Math.round(value * 100)), exponent: -2, unit: 'C', encoding: 'int', bytes: '' }, storage: 0, tariff: 0, subunit: 0,
    function: 'instantaneous', timestamp: at, receivedAt: at, flags: [], source: { protocol: 'mbus', frame: '0' },
  };
}

/**
 * One pymodbus client call: `client` is the Python constructor, e.g. `ModbusTcpClient("127.0.0.1", port=1502)`
 * (pymodbus 3.0's RTU client misses answers with a timeout under 1 s).
 */
export async function pymodbus(client: string, unit: number, op: 'holding' | 'input' | 'write', address: number, countOrValue: number): Promise<{ registers?: number[]; error?: string }> {
  const call = op === 'holding' ? `c.read_holding_registers(${address}, ${countOrValue}, slave=${unit})`
    : op === 'input' ? `c.read_input_registers(${address}, ${countOrValue}, slave=${unit})` : `c.write_register(${address}, ${countOrValue}, slave=${unit})`;
  const script = `import json
from pymodbus.client import ModbusSerialClient, ModbusTcpClient
c = ${client}; c.connect(); r = ${call}; c.close()
print(json.dumps({"error": str(r)} if r.isError() else {"registers": getattr(r, "registers", [])}))`;
  return JSON.parse(await runPeer(PYTHON, ['-c', script])) as { registers?: number[]; error?: string };
}

export interface ServeCli {
  /** The first stdout line, e.g. "listening modbus 127.0.0.1:1502\n". */
  line: string;
  /** SIGTERM (once); resolves to the exit code. */
  stop(): Promise<number | null>;
}

/** Runs `imd modbus-serve <args>` until it prints its first line (within 15 s). */
export async function serveCli(args: string[]): Promise<ServeCli> {
  const child = spawn(process.execPath, [path.join(repoRoot(__dirname), 'bin', 'imd.js'), 'modbus-serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  const deadline = Date.now() + 15_000;
  while (!out.includes('\n')) {
    if (Date.now() > deadline || child.exitCode !== null) child.kill();
    assert.ok(Date.now() < deadline && child.exitCode === null, `no listening line: ${out}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    line: out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      return child.exitCode;
    },
  };
}
