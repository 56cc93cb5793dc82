/**
 * `imd scan`: the secondary-address search on one bus; one JSON line per device found
 * ({"secondaryAddress","id","manufacturer","version","medium"}), progress and the summary on
 * standard error. Exit 0 when the scan ran (whatever it found), 1 when the bus failed.
 */
import { scanSecondary } from '../../adapters/protocols/mbus/master';
import { ExitCode, type Command } from '../command';
import { LineOutput } from '../line-output';
import { parseArguments } from '../parse-arguments';
import { BUS_OPTIONS, BUS_USAGE, masterFrom } from './bus-options';

export const scan: Command = {
  name: 'scan',
  summary: 'find every M-Bus device on a bus by secondary address (wildcard search)',
  usage: `Usage: imd scan (--tcp <host:port> | --serial <path>) [--baud <bd>] [--quiet]

Searches the bus for every device by secondary address (selection with wildcards, descending
on collisions, separating devices that share an id) and prints one JSON line per device:
  {"secondaryAddress":"<16 hex>","id":"<8 digits>","manufacturer":"<3 letters>","version":<n>,"medium":"<name>"}
Progress, devices that answered but could not be read, and a summary go to standard error.

${BUS_USAGE}
  --quiet             no progress lines

Exit status: 0 when the scan completed, 1 when the bus could not be used, 2 for a bad command line.`,

  async run(args, io) {
    const { values } = parseArguments({ args, options: { ...BUS_OPTIONS, quiet: { type: 'boolean' } } });
    const master = masterFrom(values);
    const output = new LineOutput(io.stdout);
    try {
      const report = await scanSecondary(master, {
        onProgress: (p) => { if (!values.quiet && p.result !== 'none') io.stderr.write(`probe ${p.probes} ${p.mask}: ${p.result} (${p.found} found)\n`); },
      });
      for (const d of report.found) {
        await output.writeLine(JSON.stringify({ secondaryAddress: d.secondaryAddress, id: d.id, manufacturer: d.manufacturer, version: d.version, medium: d.medium }));
      }
      for (const u of report.unreadable) io.stderr.write(`unreadable ${u.mask}: ${u.reason}\n`);
      io.stderr.write(`${master.bus}: ${report.found.length} found, ${report.collisionsResolved} collisions resolved, ${report.unreadable.length} unreadable, ${report.probes} probes\n`);
      return ExitCode.success;
    } finally {
      await output.end();
      await master.close();
    }
  },
};
