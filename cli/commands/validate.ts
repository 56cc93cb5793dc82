/**
 * `imd validate`: canonical readings as NDJSON (file or stdin) checked by every validation rule
 * against a meter list (the `imd registry import` format) — one JSON line per finding. With
 * --data and --hold, blocking findings also go to the review queue of the system of record.
 */
import { createReadStream } from 'node:fs';
import { RULES } from '../../adapters/validators';
import { ConfigError } from '../../lib/errors';
import { formatLineError, readRegistryFile } from '../../lib/registry';
import { databasePath, SystemOfRecord } from '../../lib/store';
import { loadSettings, RegistryView, ReviewQueue, RuleSettings, SeriesBuilder, validate, type Finding } from '../../lib/validation';
import { ExitCode, type Command, type CommandIO } from '../command';
import { contentLines } from '../input-lines';
import { parseArguments } from '../parse-arguments';

const line = (f: Finding): string => `${JSON.stringify({ meter: f.meter, from: f.from, to: f.to, rule: f.rule, severity: f.severity, message: f.message })}\n`;

async function readingsInto(builder: SeriesBuilder, file: string, io: CommandIO): Promise<number> {
  let n = 0;
  for await (const text of contentLines(file === '-' ? io.stdin : createReadStream(file))) {
    n++;
    try {
      builder.addReading(JSON.parse(text));
    } catch {
      io.stderr.write(`reading ${n}: not JSON; skipped\n`);
    }
  }
  return n;
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check readings (NDJSON) with the validation rules against a meter list; one JSON line per finding',
  usage: `Usage: imd validate --registry <file.csv|file.xlsx> --readings <file.ndjson|-> [--now <ISO>] [--data <dir> [--hold]]

Reads canonical readings (the Reading schema, one JSON object per line, as "imd poll" prints) and
the meter list (the columns "imd registry import" accepts, lib/registry/README.md), runs every
rule (adapters/validators: ${RULES.map((r) => r.id).join(', ')}) and prints one line per finding:
  {"meter":"<id>","from":"<ISO>","to":"<ISO>","rule":"<id>","severity":"info|warning|block","message":"…"}
--now      the end of the evaluation window (silence, certification); default: the newest reading.
--data     use the special rules stored in <dir>/imd.sqlite; with --hold, blocking findings are
           put in its review queue ("imd review list").
Lines that are not JSON are reported on standard error and skipped.

Exit status: 0 (findings are output, not failures); 1 when the meter list cannot be read; 2 for a bad command line.`,

  async run(args, io) {
    const { values } = parseArguments({ args, options: {
      registry: { type: 'string' }, readings: { type: 'string' }, now: { type: 'string' }, data: { type: 'string' }, hold: { type: 'boolean' },
    } });
    if (!values.readings) throw new ConfigError('give --readings <file.ndjson> (or - for standard input)');
    if (values.hold && !values.data) throw new ConfigError('--hold needs --data <dir>');
    const now = values.now === undefined ? undefined : Date.parse(values.now);
    if (now !== undefined && !Number.isFinite(now)) throw new ConfigError(`--now '${values.now}' is not an ISO 8601 time`);
    let registry = RegistryView.empty();
    if (values.registry) {
      const parsed = await readRegistryFile(values.registry).catch((err: unknown) => { if (err instanceof ConfigError) return err; throw err; });
      const problems = parsed instanceof ConfigError ? [parsed.message] : parsed.errors.map(formatLineError);
      if (problems.length > 0 || parsed instanceof ConfigError) {
        for (const p of problems) io.stderr.write(`${values.registry}: ${p}\n`);
        return ExitCode.failure;
      }
      registry = RegistryView.fromEntries(parsed.entries);
    }
    const builder = new SeriesBuilder();
    await readingsInto(builder, values.readings, io);
    const store = values.data ? SystemOfRecord.open(databasePath(values.data)) : undefined;
    try {
      const settings = store ? loadSettings(store) : new RuleSettings();
      const findings = validate({ series: builder.finish(), registry, ...(now !== undefined ? { now } : {}) }, RULES, settings);
      for (const f of findings) io.stdout.write(line(f));
      if (store && values.hold) {
        const held = new ReviewQueue(store).hold(findings);
        io.stderr.write(`${held.length} new item(s) held for review\n`);
      }
    } finally {
      store?.close();
    }
    return ExitCode.success;
  },
};
