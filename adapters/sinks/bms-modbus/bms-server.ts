/**
 * The BMS/DUC Modbus server: serves the register image of the map on FC03 and FC04 alike,
 * re-encoded at most once a second or after `update(readings)`, either as a Modbus TCP server
 * (modbus-serial ServerTCP) or as an RTU slave on a serial port (`serial`; the project's own
 * RTU framing, register-slave.ts). Read-only: writes (FC05/06/15/16) answer exception 01
 * (illegal function), reads past the map exception 02 (illegal data address). `close()` drops
 * the clients and frees the port.
 */
import { ServerTCP, type IServiceVector } from 'modbus-serial';
import { RegisterRtuSlave } from '../../protocols/modbus/register-slave';
import { SerialTransport } from '../../transports/serial';
import { ConfigError } from '../../../lib/errors';
import type { Reading } from '../../../lib/reading';
import { checkLayout, mapCsv, type BmsLayout } from './bms-layout';
import { encodeImage } from './bms-image';
import { BmsState, type BmsStateOptions } from './bms-state';

/** The RTU slave's serial line: 8 data bits, 1 stop bit; parity even (default, 8E1) or none. */
export interface BmsSerialLine {
  path: string;
  /** Default 9600. */
  baudRate?: number;
  parity?: 'even' | 'none';
}

export interface BmsServerOptions extends BmsStateOptions {
  /** Address of apartment 1's block (default 100). */
  apartmentBase?: number;
  host?: string;
  /** TCP port (ignored when `serial` is given). */
  port?: number;
  /** Serve as an RTU slave on this serial line instead of Modbus TCP. */
  serial?: BmsSerialLine;
  /** Answer only this unit id (TCP default: any; RTU default: 1). */
  unitId?: number;
  /** The clock (default Date.now): tests and simulations set it. */
  now?: () => number;
}

const IMAGE_TTL_MS = 1000;

function modbusException(code: number): { modbusErrorCode: number } {
  return { modbusErrorCode: code };
}

export class BmsModbusServer {
  readonly layout: BmsLayout;
  readonly state: BmsState;
  private readonly now: () => number;
  private image: { at: number; registers: Uint16Array } | undefined;
  private server: ServerTCP | RegisterRtuSlave | undefined;

  constructor(readonly options: BmsServerOptions) {
    this.state = new BmsState(options);
    this.layout = checkLayout(options.apartments.length, options.apartmentBase);
    this.now = options.now ?? Date.now;
    if (options.serial) {
      if (!options.serial.path) throw new ConfigError('serial: the port path is missing');
    } else if (!Number.isInteger(options.port) || options.port! < 1 || options.port! > 65535) throw new ConfigError(`port ${options.port}: must be 1–65535`);
    if (options.unitId !== undefined && !(Number.isInteger(options.unitId) && options.unitId >= 1 && options.unitId <= 247)) throw new ConfigError(`unit id ${options.unitId}: must be 1–247`);
  }

  /** Where it serves, e.g. "tcp 127.0.0.1:1502" or "rtu /dev/ttyUSB0 9600 8E1 unit 1". */
  get description(): string {
    const serial = this.options.serial;
    if (!serial) return `tcp ${this.options.host ?? '127.0.0.1'}:${this.options.port}`;
    return `rtu ${serial.path} ${serial.baudRate ?? 9600} 8${serial.parity === 'none' ? 'N' : 'E'}1 unit ${this.options.unitId ?? 1}`;
  }

  /** Takes live readings (those of configured meters); returns how many were used. */
  update(readings: readonly Reading[]): number {
    const used = this.state.update(readings);
    if (used > 0) this.image = undefined;
    return used;
  }

  /** The register image now (0-based addresses). */
  registers(): Uint16Array {
    const now = this.now();
    if (!this.image || now - this.image.at >= IMAGE_TTL_MS || now < this.image.at) this.image = { at: now, registers: encodeImage(this.layout, this.state, now) };
    return this.image.registers;
  }

  mapCsv(): string {
    return mapCsv(this.layout);
  }

  private read(address: number, length: number): number[] {
    const registers = this.registers();
    if (address + length > registers.length) throw modbusException(0x02);
    return Array.from(registers.subarray(address, address + length));
  }

  /** Listens on host:port (default 127.0.0.1) or opens the serial port; resolves once it answers requests. */
  start(): Promise<void> {
    if (this.options.serial) return this.startRtu(this.options.serial);
    const readOnly = (): never => { throw modbusException(0x01); };
    const vector: IServiceVector = {
      getHoldingRegister: (addr: number) => this.read(addr, 1)[0]!,
      getInputRegister: (addr: number) => this.read(addr, 1)[0]!,
      getMultipleHoldingRegisters: (addr: number, length: number) => this.read(addr, length),
      getMultipleInputRegisters: (addr: number, length: number) => this.read(addr, length),
      getCoil: () => { throw modbusException(0x02); },
      getDiscreteInput: () => { throw modbusException(0x02); },
      setRegister: readOnly, setRegisterArray: readOnly, setCoil: readOnly,
    };
    return new Promise((resolve, reject) => {
      const server = new ServerTCP(vector, { host: this.options.host ?? '127.0.0.1', port: this.options.port!, unitID: this.options.unitId ?? 255 });
      this.server = server;
      server.once('initialized', () => { server.removeAllListeners('serverError'); server.on('serverError', () => undefined); resolve(); });
      server.once('serverError', (err: Error | null) => { this.server = undefined; reject(err ?? new Error('server error')); });
      server.on('socketError', () => undefined);
    });
  }

  private async startRtu(serial: BmsSerialLine): Promise<void> {
    const slave = new RegisterRtuSlave({
      transport: new SerialTransport({ path: serial.path, baudRate: serial.baudRate ?? 9600, parity: serial.parity ?? 'even' }),
      unitId: this.options.unitId ?? 1, registers: () => this.registers(),
    });
    this.server = slave;
    await slave.start().catch((err: unknown) => { this.server = undefined; throw err; });
  }

  /** Disconnects every client and frees the port. */
  close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    if (server instanceof RegisterRtuSlave) return server.close();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}
