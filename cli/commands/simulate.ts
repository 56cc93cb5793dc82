/**
 * `imd simulate`: a simulated building of M-Bus meters behind a TCP gateway on 127.0.0.1 (and
 * on a pty with --pty), until SIGTERM or SIGINT. Prints `listening tcp 127.0.0.1:<port>` (and
 * `listening pty <path>`) once ready: acceptance scripts wait for that line.
 */
import { once } from 'node:events';
import { ConfigError } from '../../lib/errors';
import { FAULT_KINDS, describeDevices, parseFaults, startSimulator } from '../../simulator';
import { ExitCode, type Command } from '../command';
import { parseArguments } from '../parse-arguments';

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new ConfigError(`--${name} ${text}: must be an integer ${min}–${max}`);
  return n;
}

export const simulate: Command = {
  name: 'simulate',
  summary: 'run a simulated building of M-Bus meters behind a TCP gateway (and a pty)',
  usage: `Usage: imd simulate --tcp <port> --apartments <n> [--baud <bd>] [--seed <n>]
                    [--faults <kind,...>] [--pty <path>] [--room-sensors 1|2] [--describe]

Simulates a building: each apartment has a cold-water, a hot-water and an electricity meter
and a room temperature sensor (--room-sensors 2: two), all M-Bus slaves on one bus, served by
a transparent M-Bus-over-TCP gateway on 127.0.0.1:<port> (0 picks a free port) and, with
--pty, on a pseudo-terminal linked at <path> (needs socat). Replies come at the bus's byte rate.
Registers follow simulated use over the real clock; the same seed gives the same building.
Runs until SIGTERM or SIGINT.

Prints "listening tcp 127.0.0.1:<port>" (and "listening pty <path>") on standard output once
ready. The device list goes to standard error, one line per device; with --describe it goes
to standard output instead, before the listening lines, as JSON lines:
  {"secondaryAddress":"<16 hex>","id":"<8 digits>","manufacturer":"ABB","version":32,
   "medium":"electricity","mediumCode":2,"primaryAddress":3,"apartment":1,"kind":"electricity","faults":[]}
followed by one {"fault":"<kind>","what":"…","meters":[…]} line per placed fault.

Options:
  --tcp <port>          TCP port of the gateway (required; 0 = any free port)
  --apartments <n>      number of apartments, 1–10000 (required)
  --baud <bd>           bus baud rate for the byte timing (default 2400; 0 = no timing)
  --seed <n>            seed of the building (default 1)
  --faults <kind,...>   inject faults: ${FAULT_KINDS.join(', ')}, or all
  --pty <path>          also offer the bus on a pty at <path>
  --room-sensors <n>    room temperature sensors per apartment, 1 or 2 (default 1)
  --describe            print the device list and fault plan to standard output as JSON lines

Exit status: 0 after SIGTERM/SIGINT, 1 when the port or pty cannot be opened, 2 for a bad command line.`,

  async run(args, io) {
    const { values } = parseArguments({
      args,
      options: {
        tcp: { type: 'string' }, apartments: { type: 'string' }, baud: { type: 'string' }, seed: { type: 'string' },
        faults: { type: 'string' }, pty: { type: 'string' }, 'room-sensors': { type: 'string' }, describe: { type: 'boolean' },
      },
    });
    if (values.tcp === undefined) throw new ConfigError('--tcp <port> is required');
    if (values.apartments === undefined) throw new ConfigError('--apartments <n> is required');
    if (values.pty === '') throw new ConfigError('--pty needs a path');
    const simulator = await startSimulator({
      port: integer('tcp', values.tcp, 0, 0, 65535),
      apartments: integer('apartments', values.apartments, 1, 1, 10_000),
      baud: integer('baud', values.baud, 2400, 0, 115_200),
      seed: integer('seed', values.seed, 1, 0, 0xffffffff),
      roomSensors: integer('room-sensors', values['room-sensors'], 1, 1, 2),
      faults: parseFaults(values.faults ?? ''),
      pty: values.pty,
    });
    const devices = describeDevices(simulator.bus);
    if (values.describe) {
      for (const d of devices) io.stdout.write(`${JSON.stringify(d)}\n`);
      for (const f of simulator.building.faultPlan()) io.stdout.write(`${JSON.stringify({ fault: f.kind, what: f.what, meters: f.meters })}\n`);
    } else {
      for (const d of devices) {
        const faults = d.faults.length > 0 ? ` faults=${d.faults.join(',')}` : '';
        io.stderr.write(`device ${d.secondaryAddress} id=${d.id} ${d.manufacturer} v${d.version} ${d.medium} primary=${d.primaryAddress} apartment=${d.apartment}${faults}\n`);
      }
    }
    io.stdout.write(`listening tcp 127.0.0.1:${simulator.gateway.port}\n`);
    if (simulator.pty) io.stdout.write(`listening pty ${simulator.pty.path}\n`);
    await untilStopped();
    await simulator.close();
    return ExitCode.success;
  },
};

/** Resolves on the first SIGTERM or SIGINT; the handlers are removed again. */
async function untilStopped(): Promise<void> {
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    await once(stop.signal, 'abort');
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}
