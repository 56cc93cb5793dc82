/**
 * `imd modbus`: Modbus meter tools. `read` reads one meter over Modbus TCP or RTU with a
 * device map and prints its canonical readings as NDJSON; `devices` lists the device maps.
 */
import { ModbusBus, ModbusError, deviceMap, deviceMaps, deviceSummaries, readMeter, type ModbusBusConfig } from '../../adapters/protocols/modbus';
import { ConfigError } from '../../lib/errors';
import { ExitCode, type Command } from '../command';
import { parseArguments } from '../parse-arguments';

function number(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new ConfigError(`--${name} ${text}: must be an integer ${min}–${max}`);
  return n;
}

function busFrom(values: Record<string, string | boolean | undefined>): ModbusBusConfig {
  const tcp = values.tcp as string | undefined;
  const serial = values.serial as string | undefined;
  if ((tcp === undefined) === (serial === undefined)) throw new ConfigError('give one of --tcp <host:port> or --serial <path>');
  if (serial !== undefined) {
    const parity = (values.parity as string | undefined) ?? 'even';
    if (!['none', 'even', 'odd'].includes(parity)) throw new ConfigError(`--parity ${parity}: none, even or odd`);
    return { kind: 'rtu', path: serial, baudRate: number('baud', values.baud as string | undefined, 9600, 300, 115_200), parity: parity as 'none' };
  }
  const match = /^(.+):(\d+)$/.exec(tcp!);
  if (!match) throw new ConfigError(`--tcp ${tcp}: expected host:port`);
  return { kind: 'tcp', host: match[1]!, port: number('tcp', match[2], 502, 1, 65535) };
}

export const modbus: Command = {
  name: 'modbus',
  summary: 'Modbus meters: read one meter with a device map (NDJSON readings), list device maps',
  usage: `Usage: imd modbus read (--tcp <host:port> | --serial <path> [--baud <bd>] [--parity none|even|odd])
                        --device <model> [--unit <id>] [--meter-id <id>] [--timeout <ms>] [--devices-dir <dir>]
       imd modbus devices [--devices-dir <dir>]

read: reads every register of the device map in as few requests as possible and prints one
canonical reading per line (JSON). devices: one line per map: id, vendor, model, registers,
and "TEMPLATE" for a map whose addresses are not confirmed from a register document.
Device maps: adapters/protocols/modbus/devices/*.json, plus *.json in --devices-dir.

Options:
  --device <model>    device map id, e.g. eastron-sdm630, abb-b23 (see imd modbus devices)
  --unit <id>         Modbus unit id / slave address (default 1)
  --meter-id <id>     the meter's id/serial for the readings (default "<model>-<unit>")
  --baud <bd>         serial baud rate (default 9600); --parity default even (8E1)
  --timeout <ms>      per request (default 1000)

Exit status: 0 read, 1 exception, timeout or connection failure (the error names the device
and registers), 2 bad command line.`,

  async run(args, io) {
    const [sub, ...rest] = args;
    const { values } = parseArguments({
      args: rest,
      options: {
        tcp: { type: 'string' }, serial: { type: 'string' }, baud: { type: 'string' }, parity: { type: 'string' }, device: { type: 'string' },
        unit: { type: 'string' }, 'meter-id': { type: 'string' }, timeout: { type: 'string' }, 'devices-dir': { type: 'string' },
      },
    });
    const maps = deviceMaps(values['devices-dir']);
    if (sub === 'devices') {
      for (const m of deviceSummaries(maps)) {
        io.stdout.write(`${m.id.padEnd(22)} ${m.vendor} ${m.model} (${m.registers} registers)${m.template ? ' TEMPLATE: addresses not confirmed' : ''}\n`);
      }
      return ExitCode.success;
    }
    if (sub !== 'read') throw new ConfigError(sub === undefined ? 'missing subcommand (read, devices)' : `unknown subcommand '${sub}'`);
    if (values.device === undefined) throw new ConfigError('--device <model> is required');
    const map = deviceMap(values.device, maps);
    const unit = number('unit', values.unit, 1, 0, 255);
    const bus = new ModbusBus(busFrom(values), { timeoutMs: number('timeout', values.timeout, 1000, 50, 60_000) });
    try {
      const readings = await readMeter(bus, { map, unit, meter: { id: values['meter-id'] ?? `${map.id}-${unit}` } });
      for (const r of readings) io.stdout.write(`${JSON.stringify(r)}\n`);
      return ExitCode.success;
    } catch (err) {
      if (!(err instanceof ModbusError)) throw err;
      io.stderr.write(`imd modbus read: ${err.message}\n`);
      return ExitCode.failure;
    } finally {
      await bus.close();
    }
  },
};
