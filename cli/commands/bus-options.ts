/**
 * The bus options `imd scan` and `imd poll` share: --tcp host:port or --serial path, --baud,
 * --margin, --timeout, --retries; and building the transport and the M-Bus master from them.
 */
import { ConfigError } from '../../lib/errors';
import type { ByteTransport } from '../../lib/transport';
import { SerialTransport } from '../../adapters/transports/serial';
import { TcpTransport } from '../../adapters/transports/tcp';
import { MBusMaster, type MBusMasterOptions } from '../../adapters/protocols/mbus/master';

export const BUS_OPTIONS = {
  tcp: { type: 'string' },
  serial: { type: 'string' },
  baud: { type: 'string' },
  margin: { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
} as const;

export const BUS_USAGE = `Bus (one of):
  --tcp <host:port>   a transparent M-Bus gateway (raw bytes over TCP)
  --serial <path>     a local M-Bus level converter, 8E1 (e.g. /dev/ttyUSB0)
Options:
  --baud <bd>         bus baud rate: 300, 2400 (default), 9600, …; for --tcp the rate set on the gateway
  --margin <ms>       extra reply wait beyond 330 bit times + 50 ms (default 500 for tcp, 50 for serial)
  --timeout <ms>      fixed reply window instead (overrides --margin)
  --retries <n>       retries per request (default 2)`;

type BusValues = Partial<Record<keyof typeof BUS_OPTIONS, string>>;

function integer(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new ConfigError(`--${name} ${text}: must be an integer ${min}–${max}`);
  return n;
}

/** The transport the options name; throws ConfigError when none or both are given. */
export function transportFrom(values: BusValues): ByteTransport {
  const baudRate = integer('baud', values.baud, 300, 38400) ?? 2400;
  if ((values.tcp === undefined) === (values.serial === undefined)) throw new ConfigError('give exactly one of --tcp <host:port> and --serial <path>');
  if (values.serial !== undefined) return new SerialTransport({ path: values.serial, baudRate });
  const match = /^(.+):(\d{1,5})$/.exec(values.tcp!);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65535) throw new ConfigError(`--tcp ${values.tcp}: must be host:port`);
  return new TcpTransport({ host: match[1]!.replace(/^\[|\]$/g, ''), port, baudRate });
}

export function masterFrom(values: BusValues): MBusMaster {
  const options: MBusMasterOptions = {};
  const margin = integer('margin', values.margin, 0, 60_000);
  const timeout = integer('timeout', values.timeout, 1, 60_000);
  const retries = integer('retries', values.retries, 0, 10);
  if (margin !== undefined) options.marginMs = margin;
  if (timeout !== undefined) options.timeoutMs = timeout;
  if (retries !== undefined) options.retries = retries;
  return new MBusMaster(transportFrom(values), options);
}
