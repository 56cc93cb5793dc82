/**
 * `imd stats`: one JSON object about the system of record —
 * {"meters":n,"readings":n,"lastReadingAt":"<ISO>"|null} — from <data>/imd.sqlite.
 */
import { databasePath, SystemOfRecord } from '../../lib/store';
import { ExitCode, type Command } from '../command';
import { parseArguments } from '../parse-arguments';

export const stats: Command = {
  name: 'stats',
  summary: 'print the number of meters and readings in the system of record, and the newest reading time',
  usage: `Usage: imd stats [--data <dir>]

Prints one JSON object: {"meters":<n>,"readings":<n>,"lastReadingAt":"<ISO 8601>"} (null when
the ledger is empty). The database is <dir>/imd.sqlite; <dir> defaults to IMD_DATA, else ./data.

Exit status: 0, or 1 when the database cannot be opened, 2 for a bad command line.`,

  async run(args, io) {
    const { values } = parseArguments({ args, options: { data: { type: 'string' } } });
    const store = SystemOfRecord.open(databasePath(values.data));
    try {
      io.stdout.write(`${JSON.stringify(store.stats())}\n`);
      return ExitCode.success;
    } finally {
      store.close();
    }
  },
};
