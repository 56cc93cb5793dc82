/**
 * `imd modbus-serve`: the BMS/DUC Modbus server (adapters/sinks/bms-modbus) — Modbus TCP, or
 * an RTU slave with `--serial` — filled from a simulated building, refreshed periodically,
 * until SIGTERM/SIGINT. Prints `listening modbus 127.0.0.1:<port>` (TCP) or `listening modbus
 * rtu <path> <baud> 8E1 unit <id>` once it answers; `--map-csv` prints the register map instead.
 */
import { BmsModbusServer, DEFAULT_APARTMENT_BASE } from '../../adapters/sinks/bms-modbus';
import { ConfigError } from '../../lib/errors';
import { ExitCode, type Command } from '../command';
import { parseArguments } from '../parse-arguments';
import { SimulatedReadings } from './modbus-simulation';

const HISTORY_STEP_MS = 10 * 60_000;

function integer(name: string, text: string | undefined, fallback: number | undefined, min: number, max: number): number {
  if (text === undefined && fallback !== undefined) return fallback;
  if (text === undefined) throw new ConfigError(`--${name} is required`);
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new ConfigError(`--${name} ${text}: must be an integer ${min}–${max}`);
  return n;
}

/** Milliseconds since local midnight in the time zone. */
function sinceMidnight(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(ms);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000 + (ms % 1000);
}

export const modbusServe: Command = {
  name: 'modbus-serve',
  summary: 'serve room temperatures and hot water of a simulated building to a BMS over Modbus TCP or RTU',
  usage: `Usage: imd modbus-serve --port <p> --simulate <apartments> [--host <ip>] [--unit <id>]
                        [--seed <n>] [--refresh <s>] [--apartment-base <a>] [--map-csv]
       imd modbus-serve --serial <path> [--baud <bd>] [--parity even|none] [--unit <id>]
                        --simulate <apartments> [--seed <n>] [--refresh <s>] [--apartment-base <a>]

Serves the BMS register map (adapters/sinks/bms-modbus/README.md) on Modbus TCP at
<host>:<port> (default host 127.0.0.1), or with --serial as an RTU slave on a serial port
(RS-485 adapter), holding (FC03) and input (FC04) registers alike,
filled from a simulated building of <apartments> apartments (room sensor + hot-water meter
each, the readings of the last hour and of midnight first), refreshed every <s> seconds.
Prints "listening modbus <host>:<port>" (TCP) or "listening modbus rtu <path> <baud> 8E1
unit <id>" (RTU) once ready; runs until SIGTERM or SIGINT (exit 0).

Apartment k's room temperature (signed, °C×10, 0x8000 = missing) is at 0-based address
<a> + 10·(k−1) (default a = ${DEFAULT_APARTMENT_BASE}): holding register 4${DEFAULT_APARTMENT_BASE + 1} for k = 1;
  mbpoll -m tcp -p <p> -t 4 -r $((${DEFAULT_APARTMENT_BASE + 1} + 10*(k-1))) -c 1 -1 127.0.0.1

Options:
  --port <p>            TCP port, 1–65535 (required unless --serial or --map-csv)
  --serial <path>       serve as an RTU slave on this serial port instead of TCP
  --baud <bd>           RTU baud rate (default 9600)
  --parity even|none    RTU parity (default even: 8E1; none: 8N1, e.g. on a pty)
  --simulate <n>        apartments of the simulated building, 1–6000 (required)
  --host <ip>           listen address (default 127.0.0.1)
  --unit <id>           answer only this unit id, 1–247 (TCP default: any; RTU default: 1)
  --seed <n>            seed of the simulated building (default 1)
  --refresh <s>         seconds between refreshes (default 60)
  --apartment-base <a>  address of apartment 1's block (default ${DEFAULT_APARTMENT_BASE})
  --map-csv             print the register map as CSV and exit

Exit status: 0 after SIGTERM/SIGINT, 1 when the port cannot be opened, 2 for a bad command line.`,

  async run(args, io) {
    const { values } = parseArguments({
      args,
      options: {
        port: { type: 'string' }, simulate: { type: 'string' }, host: { type: 'string' }, unit: { type: 'string' },
        seed: { type: 'string' }, refresh: { type: 'string' }, 'apartment-base': { type: 'string' }, 'map-csv': { type: 'boolean' },
        serial: { type: 'string' }, baud: { type: 'string' }, parity: { type: 'string' },
      },
    });
    const parity = values.parity ?? 'even';
    if (parity !== 'even' && parity !== 'none') throw new ConfigError(`--parity ${parity}: even or none`);
    if (values.serial !== undefined && values.port !== undefined) throw new ConfigError('give --port (TCP) or --serial (RTU), not both');
    const simulation = new SimulatedReadings(integer('simulate', values.simulate, undefined, 1, 6000), integer('seed', values.seed, 1, 0, 0xffffffff));
    const host = values.host ?? '127.0.0.1';
    const server = new BmsModbusServer({
      apartments: simulation.apartments(), host,
      ...(values.serial !== undefined ? { serial: { path: values.serial, baudRate: integer('baud', values.baud, 9600, 300, 115_200), parity } }
        : { port: values['map-csv'] ? 1 : integer('port', values.port, undefined, 1, 65535) }),
      apartmentBase: integer('apartment-base', values['apartment-base'], DEFAULT_APARTMENT_BASE, 20, 60_000),
      ...(values.unit === undefined ? {} : { unitId: integer('unit', values.unit, undefined, 1, 247) }),
    });
    if (values['map-csv']) {
      io.stdout.write(server.mapCsv());
      return ExitCode.success;
    }
    const now = Date.now();
    server.update(simulation.at(now - sinceMidnight(now, 'Europe/Stockholm') - 1000));
    for (let t = now - 6 * HISTORY_STEP_MS; t <= now; t += HISTORY_STEP_MS) server.update(simulation.at(t));
    try {
      await server.start();
    } catch (err) {
      io.stderr.write(`imd modbus-serve: cannot serve on ${server.description}: ${(err as Error).message}\n`);
      return ExitCode.failure;
    }
    const refresh = setInterval(() => server.update(simulation.at(Date.now())), integer('refresh', values.refresh, 60, 1, 86_400) * 1000);
    io.stdout.write(`listening modbus ${values.serial === undefined ? `${host}:${values.port}` : server.description}\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => { process.off('SIGTERM', stop); process.off('SIGINT', stop); resolve(); };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    });
    clearInterval(refresh);
    await server.close();
    return ExitCode.success;
  },
};
