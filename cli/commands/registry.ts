/**
 * `imd registry import|export|report|swap|swaps`: installers' meter lists (CSV or .xlsx) into
 * the system of record — all or nothing, every bad line on standard error with line, column
 * and reason — the registry back out as a list, the commissioning report against heard meter
 * ids, and meter swaps recorded (registry-swap.ts) and listed.
 */
import { createReadStream } from 'node:fs';
import { ConfigError } from '../../lib/errors';
import { commissioningReport, heardMeterOf, importEntries, readRegistryFile, writeRegistryFile, type HeardMeter } from '../../lib/registry';
import { ExitCode, type Command, type CommandIO } from '../command';
import { contentLines } from '../input-lines';
import { parseArguments } from '../parse-arguments';
import { importSheet, withStore } from '../sheet-import';
import { listSwaps, runSwap } from './registry-swap';

async function heardMeters(file: string, io: CommandIO): Promise<HeardMeter[]> {
  const heard: HeardMeter[] = [];
  for await (const line of contentLines(file === '-' ? io.stdin : createReadStream(file))) {
    try {
      const meter = heardMeterOf(JSON.parse(line));
      if (meter) heard.push(meter);
    } catch { /* progress text or other lines mixed into the scan log: not a meter */ }
  }
  return heard;
}

export const registry: Command = {
  name: 'registry',
  summary: 'import or export the meter registry (CSV, .xlsx), report commissioning (expected vs heard meters), record meter swaps',
  usage: `Usage: imd registry import <file.csv|file.xlsx> [--encoding auto|utf-8|iso-8859-1] [--data <dir>]
       imd registry export <file.csv|file.xlsx> [--data <dir>]
       imd registry report --heard <scan.ndjson|-> [--data <dir>]
       imd registry swap --old <serial> --new <serial> --at <time> --old-final <decimal> --new-start <decimal>
                         [--quantity volume|energy] [--unit m3|kWh] [--manufacturer <FLAG>] [--old-manufacturer <FLAG>]
                         [--model <text>] [--data <dir>]
       imd registry swap --file <swaps.csv|swaps.xlsx> [--encoding auto|utf-8|iso-8859-1] [--data <dir>]
       imd registry swaps [--data <dir>]

import   reads an installer's meter list (columns: Lägenhetsnummer/apartment, Objekt-id/object id,
         Mätarnummer/serial, Medium, Placering/placement; optional Fastighet, Byggnad, Boarea,
         Tillverkare, Modell, Storlek, Installationsdatum, Primäradress, Sekundäradress,
         Nyckelreferens — see lib/registry/README.md). CSV may be ';' or ',' separated, UTF-8
         (with or without BOM) or ISO-8859-1. All or nothing: any bad line changes nothing and
         every problem is printed on standard error as "<file>: line <n>, column "<name>": <why>".
         On success prints {"apartments":<n>,"meters":<n>}.
export   writes every placed meter in the same columns (CSV: UTF-8 with BOM, ';').
report   compares the registry with the meter ids in NDJSON lines (imd scan output, or readings)
         and prints {"expected":n,"heard":[…],"missing":[…],"unknown":[…]}.
swap     records a meter replacement: the new meter takes the old one's metering point; the old
         meter's final register and the new one's start register (exact decimals, ',' or '.')
         carry the consumption across. --at is ISO 8601 with Z or an offset, or Swedish time
         "YYYY-MM-DD HH:MM". The register defaults to the point's billed one (volume in m3 for
         water, energy in kWh for electricity and heat). --manufacturer and --model describe the
         new meter. Prints the swap as JSON. With --file, every swap of an installer's swap
         report (columns: Gammalt mätarnummer/old serial, Nytt mätarnummer/new serial,
         Bytestid/time, Slutställning/old final, Startställning/new start), all or nothing,
         one JSON line per swap.
swaps    lists the recorded swaps, one JSON line each.
The database is <dir>/imd.sqlite; <dir> defaults to IMD_DATA, else ./data.

Exit status: 0 success; 1 import or swap refused (bad lines; a meter not placed or already
replaced) or a file that cannot be read; 2 bad command line (a bad time or decimal, named).`,

  async run(args, io) {
    const { values, positionals } = parseArguments({
      args, allowPositionals: true,
      options: {
        data: { type: 'string' }, encoding: { type: 'string' }, heard: { type: 'string' },
        old: { type: 'string' }, new: { type: 'string' }, at: { type: 'string' }, 'old-final': { type: 'string' }, 'new-start': { type: 'string' },
        quantity: { type: 'string' }, unit: { type: 'string' }, manufacturer: { type: 'string' }, 'old-manufacturer': { type: 'string' },
        model: { type: 'string' }, file: { type: 'string' },
      },
    });
    const [action, file, ...extra] = positionals;
    if (extra.length > 0) throw new ConfigError(`unexpected argument '${extra[0]}'`);
    if (action === 'import' || action === 'export') {
      if (!file) throw new ConfigError(`give the file to ${action}`);
      if (action === 'import') {
        return importSheet({ file, encoding: values.encoding, data: values.data, read: readRegistryFile, apply: (store, parsed) => [importEntries(store, parsed.entries)] }, io);
      }
      const rows = await withStore(values.data, (store) => writeRegistryFile(store, file));
      io.stdout.write(`${JSON.stringify({ meters: rows, file })}\n`);
      return ExitCode.success;
    }
    if (action === 'report') {
      if (!values.heard) throw new ConfigError('give --heard <scan.ndjson> (or - for standard input)');
      const heard = await heardMeters(values.heard, io);
      const report = await withStore(values.data, async (store) => commissioningReport(store, heard));
      io.stdout.write(`${JSON.stringify(report)}\n`);
      return ExitCode.success;
    }
    if (action === 'swap' || action === 'swaps') {
      if (file) throw new ConfigError(`unexpected argument '${file}'${action === 'swap' ? ' (give a swap report with --file)' : ''}`);
      return action === 'swap' ? runSwap(values, io) : listSwaps(values.data, io);
    }
    throw new ConfigError(action ? `unknown action '${action}': give import, export, report, swap or swaps` : 'give import, export, report, swap or swaps');
  },
};
