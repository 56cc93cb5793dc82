/**
 * `imd bill`: the monthly close of one property, exported in a billing-file format, with its
 * export receipt — written to a folder (--out) or delivered by the configured delivery
 * (--deliver: <data>/delivery.json or --delivery <file>). Prints the receipt (JSON).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { exporterById } from '../../adapters/exporters';
import { deliveryFromConfig, readDeliveryConfig } from '../../adapters/transports/delivery-config';
import { closeMonth, deliverExport, parsePeriod, exportClose, heldByAny, heldByReviewQueue, heldFromList, type SplitMethod } from '../../lib/billing';
import { ConfigError, describeError } from '../../lib/errors';
import { databasePath, dataDir, SystemOfRecord } from '../../lib/store';
import { ExitCode, type Command } from '../command';
import { parseArguments } from '../parse-arguments';

const readJson = (file: string, what: string): Record<string, unknown> => {
  try { return JSON.parse(readFileSync(file, 'utf8')); } catch (err) { throw new ConfigError(`${what} ${file}: ${describeError(err)}`); }
};

export const bill: Command = {
  name: 'bill',
  summary: 'close a month for a property and export the billing file(s) with the export receipt',
  usage: `Usage: imd bill --data <dir> --period <YYYY-MM> --property <id> --format <profile> (--out <dir> | --deliver)
                [--profile <file.json>] [--split readings|days] [--max-gap-hours <h>] [--held <file.json>] [--delivery <file.json>]

Closes the Europe/Stockholm month <YYYY-MM> of the property (its designation in the registry)
with the tariff in force on the 1st, exports the billed lines in <profile> (generic-csv, excel,
fi2xml, momentum, vitec, hambo, xpand, fast2, 3trel — the vendor ones are default profiles,
not the vendors' official formats) and prints the export receipt as JSON.
  --out <dir>       write the file(s) and receipt-<property>-<period>-v<n>-<profile>.json there
  --deliver         deliver by <data>/delivery.json (or --delivery): sftp or local-folder
  --profile <file>  JSON overrides of the profile (columns, separator, decimalMark, encoding,
                    dateFormat, fileName, folder …)
  --split           share a month between tenancies by 'readings' at the move dates (default) or 'days'
  --max-gap-hours   interpolate a month end only between readings at most this far apart (default 24)
  --held <file>     more held values besides the review queue's: {"YYYY-MM": ["<meter serial>", …]}
An exported close is frozen; running again gives the same files and receipt, or — when the
data changed — a correction close (version + 1) exporting only the differences.

Exit status: 0 done, 1 the close or delivery failed (no tariff, unknown property, server down),
2 bad command line.`,

  async run(args, io) {
    const { values } = parseArguments({ args, options: {
      data: { type: 'string' }, period: { type: 'string' }, property: { type: 'string' }, format: { type: 'string' },
      out: { type: 'string' }, deliver: { type: 'boolean' }, profile: { type: 'string' }, split: { type: 'string' },
      'max-gap-hours': { type: 'string' }, held: { type: 'string' }, delivery: { type: 'string' },
    } });
    for (const k of ['period', 'property', 'format'] as const) if (!values[k]) throw new ConfigError(`--${k} is required`);
    parsePeriod(values.period!);
    if (!values.out === !values.deliver) throw new ConfigError('give exactly one of --out <dir> and --deliver');
    if (values.split !== undefined && !['readings', 'days'].includes(values.split)) throw new ConfigError("--split must be 'readings' or 'days'");
    const maxGapHours = values['max-gap-hours'] === undefined ? undefined : Number(values['max-gap-hours']);
    if (maxGapHours !== undefined && !(maxGapHours >= 0)) throw new ConfigError('--max-gap-hours must be a number ≥ 0');
    const exporter = exporterById(values.format!);
    const profile = exporter.profile(values.profile ? readJson(values.profile, 'profile') : undefined);
    const listed = heldFromList(values.held ? readJson(values.held, 'held values') as Record<string, string[]> : {});
    const store = SystemOfRecord.open(databasePath(values.data));
    try {
      const held = heldByAny(heldByReviewQueue(store), listed);
      const { close } = closeMonth(store, { property: values.property!, period: values.period!, held, split: values.split as SplitMethod | undefined, maxGapHours });
      const result = await exportClose(store, close, exporter, profile);
      let receipt = result.receipt;
      if (values.out) {
        mkdirSync(values.out, { recursive: true });
        for (const f of result.files) writeFileSync(path.join(values.out, f.name), f.bytes);
        const name = `receipt-${close.property}-${close.period}-v${close.version}-${exporter.id}.json`.replace(/[^A-Za-z0-9._-]+/g, '_');
        writeFileSync(path.join(values.out, name), `${JSON.stringify(receipt, null, 2)}\n`);
      } else {
        const config = readDeliveryConfig(values.delivery ?? path.join(dataDir(values.data), 'delivery.json'));
        receipt = await deliverExport(store, result, deliveryFromConfig(config, profile.folder));
      }
      io.stdout.write(`${JSON.stringify(receipt, null, 2)}\n`);
      return ExitCode.success;
    } catch (err) {
      io.stderr.write(`imd bill: ${describeError(err)}\n`);
      return ExitCode.failure;
    } finally {
      store.close();
    }
  },
};
