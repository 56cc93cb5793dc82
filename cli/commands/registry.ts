/**
 * `imd registry import|export|report`: installers' meter lists (CSV or .xlsx) into the system
 * of record — all or nothing, every bad line on standard error with line, column and reason —
 * the registry back out as a list, and the commissioning report against heard meter ids.
 */
import { createReadStream } from 'node:fs';
import { ConfigError } from '../../lib/errors';
import {
  commissioningReport, formatLineError, heardMeterOf, importEntries, readRegistryFile, RegistryImportError, writeRegistryFile,
  type HeardMeter, type TextEncoding,
} from '../../lib/registry';
import { databasePath, SystemOfRecord } from '../../lib/store';
import { ExitCode, type Command, type CommandIO } from '../command';
import { contentLines } from '../input-lines';
import { parseArguments } from '../parse-arguments';

const ENCODINGS: readonly TextEncoding[] = ['auto', 'utf-8', 'iso-8859-1'];

async function withStore<T>(data: string | undefined, fn: (store: SystemOfRecord) => Promise<T>): Promise<T> {
  const store = SystemOfRecord.open(databasePath(data));
  try { return await fn(store); } finally { store.close(); }
}

async function runImport(file: string, encoding: string | undefined, data: string | undefined, io: CommandIO): Promise<number> {
  if (encoding !== undefined && !ENCODINGS.includes(encoding as TextEncoding)) throw new ConfigError(`--encoding must be one of ${ENCODINGS.join(', ')}`);
  let parsed;
  try {
    parsed = await readRegistryFile(file, { encoding: (encoding ?? 'auto') as TextEncoding });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`${file}: ${err.message}; nothing imported\n`); // unreadable file: an input failure, not a usage error
    return ExitCode.failure;
  }
  const errors = parsed.errors.length > 0 ? parsed.errors : await withStore(data, async (store) => {
    try {
      const summary = importEntries(store, parsed.entries);
      io.stdout.write(`${JSON.stringify(summary)}\n`);
      return [];
    } catch (err) {
      if (err instanceof RegistryImportError) return err.errors;
      throw err;
    }
  });
  for (const e of errors) io.stderr.write(`${file}: ${formatLineError(e)}\n`);
  if (errors.length > 0) io.stderr.write(`${file}: ${errors.length} problem(s); nothing imported\n`);
  return errors.length > 0 ? ExitCode.failure : ExitCode.success;
}

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
  summary: 'import or export the meter registry (CSV, .xlsx), or report commissioning (expected vs heard meters)',
  usage: `Usage: imd registry import <file.csv|file.xlsx> [--encoding auto|utf-8|iso-8859-1] [--data <dir>]
       imd registry export <file.csv|file.xlsx> [--data <dir>]
       imd registry report --heard <scan.ndjson|-> [--data <dir>]

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
The database is <dir>/imd.sqlite; <dir> defaults to IMD_DATA, else ./data.

Exit status: 0 success; 1 import refused (bad lines) or a file that cannot be read; 2 bad command line.`,

  async run(args, io) {
    const { values, positionals } = parseArguments({
      args, allowPositionals: true,
      options: { data: { type: 'string' }, encoding: { type: 'string' }, heard: { type: 'string' } },
    });
    const [action, file, ...extra] = positionals;
    if (extra.length > 0) throw new ConfigError(`unexpected argument '${extra[0]}'`);
    if (action === 'import' || action === 'export') {
      if (!file) throw new ConfigError(`give the file to ${action}`);
      if (action === 'import') return runImport(file, values.encoding, values.data, io);
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
    throw new ConfigError(action ? `unknown action '${action}': give import, export or report` : 'give import, export or report');
  },
};
