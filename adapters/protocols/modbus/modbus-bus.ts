/**
 * One Modbus bus — a TCP connection (Modbus TCP, MBAP) or a serial line (RTU) — through
 * modbus-serial, behind the per-bus queue (lib/bus-queue.ts): one transaction at a time,
 * whatever the number of meters on it. Connects lazily and again after the link dropped.
 */
import ModbusRTU from 'modbus-serial';
import { BusQueue } from '../../../lib/bus-queue';
import type { RegisterFunction } from './device-map';

export type ModbusBusConfig =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'rtu'; path: string; baudRate: number; parity?: 'none' | 'even' | 'odd'; stopBits?: 1 | 2 };

export interface ModbusBusOptions {
  /** Per request (default 1000 ms). */
  timeoutMs?: number;
}

export function describeBus(config: ModbusBusConfig): string {
  if (config.kind === 'tcp') return `tcp ${config.host}:${config.port}`;
  const parity = (config.parity ?? 'even')[0]!.toUpperCase();
  return `rtu ${config.path} ${config.baudRate} 8${parity}${config.stopBits ?? 1}`;
}

export class ModbusBus {
  readonly description: string;
  readonly queue: BusQueue;
  readonly timeoutMs: number;
  private readonly client = new ModbusRTU();

  constructor(readonly config: ModbusBusConfig, options: ModbusBusOptions = {}) {
    this.description = describeBus(config);
    this.queue = new BusQueue(this.description);
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.client.setTimeout(this.timeoutMs);
  }

  /** Runs `job` with the bus to itself (connected), e.g. all the requests of one meter readout. */
  transaction<T>(job: (read: (unit: number, fn: RegisterFunction, address: number, count: number) => Promise<Uint8Array>) => Promise<T>, requests = 1): Promise<T> {
    return this.queue.run(async () => {
      await this.open();
      return job(async (unit, fn, address, count) => {
        this.client.setID(unit);
        const result = fn === 'holding' ? await this.client.readHoldingRegisters(address, count) : await this.client.readInputRegisters(address, count);
        return new Uint8Array(result.buffer);
      });
    }, { timeoutMs: (this.timeoutMs + 500) * requests });
  }

  /** Connects now (transactions connect lazily anyway); rejects when the gateway or port cannot be opened. */
  async open(): Promise<void> {
    if (this.client.isOpen) return;
    const c = this.config;
    if (c.kind === 'tcp') await this.client.connectTCP(c.host, { port: c.port });
    else await this.client.connectRTUBuffered(c.path, { baudRate: c.baudRate, parity: c.parity ?? 'even', dataBits: 8, stopBits: c.stopBits ?? 1 });
  }

  /** Rejects waiting transactions and closes the link. */
  async close(): Promise<void> {
    this.queue.close();
    if (!this.client.isOpen) return;
    await new Promise<void>((resolve) => this.client.close(() => resolve()));
  }
}
