/**
 * `imd store`: canonical readings as NDJSON (the output of `imd poll`, `imd decode`-based
 * pipelines …) from a file or standard input into the system of record, in batches, each one
 * transaction. Lines that are not readings are reported on standard error and skipped.
 */
import { createReadStream } from 'node:fs';
import { describeError } from '../../lib/errors';
import type { Reading } from '../../lib/reading';
import { databasePath, SystemOfRecord } from '../../lib/store';
import { ExitCode, type Command } from '../command';
import { contentLines } from '../input-lines';
import { parseArguments } from '../parse-arguments';

const BATCH = 10_000;

export const store: Command = {
  name: 'store',
  summary: 'store canonical readings (NDJSON from a file or stdin) in the system of record',
  usage: `Usage: imd store [<file.ndjson> | -] [--data <dir>]

Reads one canonical reading (JSON) per line — e.g. "imd poll --tcp gw:10001 --all | imd store" —
and appends them to <dir>/imd.sqlite in batches of ${BATCH}, each batch one transaction. The same
reading stored twice is one row. Prints {"readings":<n>,"inserted":<n>,"duplicates":<n>,"rejected":<n>}.
A line that is not a reading gets one line on standard error ("reading <n>: <why>", n counting
non-blank lines) and is skipped.

Exit status: 0 when every line was stored, 1 when a line was rejected, 2 for a bad command line.`,

  async run(args, io) {
    const { values, positionals } = parseArguments({ args, allowPositionals: true, options: { data: { type: 'string' } } });
    const input = positionals[0] && positionals[0] !== '-' ? createReadStream(positionals[0]) : io.stdin;
    const sor = SystemOfRecord.open(databasePath(values.data));
    const totals = { readings: 0, inserted: 0, duplicates: 0, rejected: 0 };
    let batch: Reading[] = [];
    let lines: number[] = [];
    const append = (readings: Reading[]) => {
      const r = sor.appendReadings(readings);
      totals.inserted += r.inserted;
      totals.duplicates += r.duplicates;
    };
    const flush = () => {
      if (batch.length === 0) return;
      try {
        append(batch);
      } catch (err) { // one malformed reading fails its batch: store the others one by one
        for (const [i, reading] of batch.entries()) {
          try { append([reading]); } catch (e) {
            totals.rejected++;
            io.stderr.write(`reading ${lines[i]}: ${describeError(e).replace(/^reading 0 (timestamp |receivedAt )?/, '')}\n`);
          }
        }
        if (!/reading \d+/.test(describeError(err))) throw err;
      }
      batch = [];
      lines = [];
    };
    try {
      let n = 0;
      for await (const line of contentLines(input)) {
        n++;
        totals.readings++;
        try {
          batch.push(JSON.parse(line) as Reading);
          lines.push(n);
        } catch {
          totals.rejected++;
          io.stderr.write(`reading ${n}: not JSON\n`);
        }
        if (batch.length >= BATCH) flush();
      }
      flush();
    } finally {
      sor.close();
    }
    io.stdout.write(`${JSON.stringify(totals)}\n`);
    return totals.rejected === 0 ? ExitCode.success : ExitCode.failure;
  },
};
