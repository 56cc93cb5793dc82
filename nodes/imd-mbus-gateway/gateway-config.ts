/**
 * The work of the imd-mbus-gateway config node, without Node-RED: check the stored
 * configuration (TCP gateway host/port and its bus baud rate, or a serial port at 300/2400/9600
 * baud; reply margin or a fixed reply timeout; retries) and build the one MBusMaster that every node using this gateway
 * shares, so the bus does one transaction at a time (the master's queue). Also what the poll and
 * scan nodes see of it.
 */
import { MBusMaster, type MBusMasterError, type MBusMasterOptions } from '../../adapters/protocols/mbus/master';
import { SerialTransport } from '../../adapters/transports/serial';
import { TcpTransport } from '../../adapters/transports/tcp';
import { ConfigError } from '../../lib/errors';
import type { ByteTransport } from '../../lib/transport';

/** The config node's stored fields (editor fields are strings). */
export interface GatewayConfig {
  transport?: string;
  host?: string;
  port?: string | number;
  /** Baud rate of the meter bus behind a TCP gateway (set on the gateway itself). */
  busBaud?: string | number;
  path?: string;
  /** Serial port baud rate. */
  baud?: string | number;
  /** Extra reply wait in ms beyond 330 bit times + 50 ms; empty = the master's default. */
  margin?: string | number;
  /** Fixed reply window in ms instead of the computed one (fast or unusual gateways); empty = computed. */
  timeout?: string | number;
  retries?: string | number;
}

/** What the poll and scan nodes get from RED.nodes.getNode(config.gateway). */
export interface MbusGateway {
  /** Undefined when the configuration is wrong (then `problem` says why). */
  master?: MBusMaster;
  problem?: string;
}

export const SERIAL_BAUDS = [300, 2400, 9600];
/** Bus rates a TCP gateway may run its M-Bus at (only for the reply window). */
export const TCP_BUS_BAUDS = [300, 600, 1200, 2400, 4800, 9600, 19200, 38400];

function integer(value: string | number | undefined, fallback: number | undefined, min: number, max: number, what: string): number | undefined {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${what} must be a whole number ${min}…${max}, got '${value}'`);
  return n;
}

function oneOf(value: string | number | undefined, allowed: number[], what: string): number {
  const n = value === undefined || value === '' ? 2400 : Number(value);
  if (!allowed.includes(n)) throw new ConfigError(`${what} must be one of ${allowed.join(', ')}, got '${value}'`);
  return n;
}

/** The transport the configuration names; throws ConfigError naming the wrong field. */
export function transportOf(config: GatewayConfig): ByteTransport {
  const kind = config.transport || 'tcp';
  if (kind === 'tcp') {
    const host = (config.host ?? '').trim();
    if (host === '') throw new ConfigError('host: give the gateway\'s host name or IP address');
    const port = integer(config.port, undefined, 1, 65535, 'port');
    if (port === undefined) throw new ConfigError('port: give the gateway\'s TCP port (often 10001)');
    return new TcpTransport({ host, port, baudRate: oneOf(config.busBaud, TCP_BUS_BAUDS, 'bus baud rate') });
  }
  if (kind === 'serial') {
    const path = (config.path ?? '').trim();
    if (path === '') throw new ConfigError('serial port: give a device path, e.g. /dev/ttyUSB0');
    return new SerialTransport({ path, baudRate: oneOf(config.baud, SERIAL_BAUDS, 'baud rate') });
  }
  throw new ConfigError(`transport '${kind}' must be tcp or serial`);
}

/** The master for this gateway; throws ConfigError naming the wrong field. */
export function createMaster(config: GatewayConfig): MBusMaster {
  const options: MBusMasterOptions = {};
  const margin = integer(config.margin, undefined, 0, 60_000, 'reply margin (ms)');
  const timeout = integer(config.timeout, undefined, 1, 60_000, 'reply timeout (ms)');
  const retries = integer(config.retries, undefined, 0, 10, 'retries');
  if (margin !== undefined) options.marginMs = margin;
  if (timeout !== undefined) options.timeoutMs = timeout;
  if (retries !== undefined) options.retries = retries;
  return new MBusMaster(transportOf(config), options);
}

/** The shared master of a poll/scan node's gateway; throws ConfigError when there is none. */
export function masterOf(gateway: MbusGateway | null | undefined): MBusMaster {
  if (!gateway) throw new ConfigError('no M-Bus gateway selected (add an imd-mbus-gateway config node)');
  if (!gateway.master) throw new ConfigError(`gateway configuration: ${gateway.problem ?? 'not usable'}`);
  return gateway.master;
}

/** One error naming the gateway that could not be reached (code "gateway-down"), `more` appended. */
export function gatewayDownError(err: MBusMasterError, more = ''): Error {
  const detail = err.message.slice(err.message.lastIndexOf(': ') + 2);
  return Object.assign(new Error(`${err.bus}: gateway not answering (${detail})${more}`), { code: 'gateway-down' });
}

/** Closes the master, giving up waiting after `limitMs` (Node-RED wants close done < 15 s). */
export async function closeMaster(master: MBusMaster, limitMs = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => { timer = setTimeout(resolve, limitMs); });
  try {
    await Promise.race([master.close().catch(() => undefined), limit]);
  } finally {
    clearTimeout(timer);
  }
}
