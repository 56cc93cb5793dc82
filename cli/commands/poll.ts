/**
 * `imd poll`: reads meters on one bus — given by primary or secondary address, or all found by
 * a scan — and prints their canonical readings as JSON lines (lib/reading.ts). A meter that
 * does not answer gets one line on standard error; exit 0 only when every meter answered.
 */
import { MBusMasterError, parsePrimary, parseSecondary, readMeter, scanSecondary, type MeterAddress } from '../../adapters/protocols/mbus/master';
import { ConfigError } from '../../lib/errors';
import { ExitCode, type Command } from '../command';
import { LineOutput } from '../line-output';
import { parseArguments } from '../parse-arguments';
import { BUS_OPTIONS, BUS_USAGE, masterFrom } from './bus-options';

export const poll: Command = {
  name: 'poll',
  summary: 'read M-Bus meters on a bus and print their readings, one JSON line each',
  usage: `Usage: imd poll (--tcp <host:port> | --serial <path>) (--all | --secondary <16 hex> ... | --primary <n> ...)

Reads every telegram of each meter (following "more records follow") and prints one
canonical reading per line (NDJSON, the Reading of the hub's reading model).
  --all               scan the bus by secondary address first, then read every device found
  --secondary <hex>   a secondary address (16 hex digits, libmbus order); repeatable
  --primary <n>       a primary address 0–250; repeatable

${BUS_USAGE}

A meter that cannot be read gets a line on standard error ("<bus>, meter <address>: <why>");
a bus that cannot be reached stops the poll with one line naming it.
Exit status: 0 when every meter answered, 1 otherwise, 2 for a bad command line.`,

  async run(args, io) {
    const { values } = parseArguments({
      args,
      options: { ...BUS_OPTIONS, all: { type: 'boolean' }, secondary: { type: 'string', multiple: true }, primary: { type: 'string', multiple: true } },
    });
    const meters: MeterAddress[] = [...(values.secondary ?? []).map(parseSecondary), ...(values.primary ?? []).map(parsePrimary)];
    if (!values.all && meters.length === 0) throw new ConfigError('give --all, --secondary <16 hex> or --primary <n>');
    const master = masterFrom(values);
    const output = new LineOutput(io.stdout);
    let failed = 0;
    try {
      if (values.all) {
        const report = await scanSecondary(master);
        meters.push(...report.found.map((d) => ({ secondary: d.secondaryAddress })));
        failed += report.unreadable.length;
        for (const u of report.unreadable) io.stderr.write(`${master.bus}, meter ${u.mask}: ${u.reason}\n`);
      }
      for (const meter of meters) {
        try {
          const readout = await readMeter(master, meter);
          for (const reading of readout.readings) await output.writeLine(JSON.stringify(reading));
        } catch (err) {
          if (!(err instanceof MBusMasterError) || err.code === 'aborted') throw err;
          if (err.code === 'connection') throw err; // the gateway is down, not each of its meters
          failed++;
          io.stderr.write(`${err.message}\n`);
        }
      }
    } finally {
      await output.end();
      await master.close();
    }
    return failed === 0 ? ExitCode.success : ExitCode.failure;
  },
};
