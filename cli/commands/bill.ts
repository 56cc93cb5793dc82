/**
 * `imd bill`: the monthly close of one property, exported in a billing-file format, with its
 * export receipt — written to a folder (--out) or delivered by the configured delivery
 * (--deliver: <data>/delivery.json or --delivery <file>), then, with --mail, the receipt mailed
 * (<data>/mail.json or --mail-config <file>). Prints the receipt (JSON). With --when-due it
 * bills the previous month only when the 4th-working-day schedule says so (a daily cron job).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { exporterById } from '../../adapters/exporters';
import { deliveryFromConfig, readDeliveryConfig } from '../../adapters/transports/delivery-config';
import { mailerFromConfig, MAIL_README, readMailConfig } from '../../adapters/transports/smtp';
import {
  closeMonth, deliverExport, dueStatus, exportClose, heldByAny, heldByReviewQueue, heldFromList, mailAddresses, mailReceipt, notMailedMessage, parsePeriod,
  receiptFileName, receiptJson, Receipts, scheduleStatus, type ReceiptMailer, type SplitMethod,
} from '../../lib/billing';
import { readJsonFile } from '../../lib/config-file';
import { ConfigError, describeError } from '../../lib/errors';
import { databasePath, dataDir, SystemOfRecord } from '../../lib/store';
import { ExitCode, type Command } from '../command';
import { parseArguments } from '../parse-arguments';

interface Mailing { mailer: ReceiptMailer; to: string[]; attachFiles: boolean; force: boolean }

/** The mailing the options ask for, checked before anything is closed or delivered (a ConfigError otherwise). */
function mailing(values: { data?: string; mail?: boolean; 'mail-to'?: string; 'mail-config'?: string; 'mail-again'?: boolean }): Mailing | undefined {
  if (!values.mail && values['mail-to'] === undefined && !values['mail-again']) return undefined;
  const file = values['mail-config'] ?? path.join(dataDir(values.data), 'mail.json');
  const config = readMailConfig(file);
  const to = values['mail-to'] === undefined ? mailAddresses(config.to, `mail config ${file} "to"`) : mailAddresses(values['mail-to'], '--mail-to');
  if (to.length === 0) throw new ConfigError(`no one to mail the receipt to: give --mail-to <address> or "to" in ${file} (see ${MAIL_README})`);
  return { mailer: mailerFromConfig(config), to, attachFiles: config.attachFiles === true, force: values['mail-again'] === true };
}

export const bill: Command = {
  name: 'bill',
  summary: 'close a month for a property and export the billing file(s) with the export receipt',
  usage: `Usage: imd bill --data <dir> (--period <YYYY-MM> | --when-due [--now <ISO>]) --property <id> --format <profile> (--out <dir> | --deliver)
                [--profile <file.json>] [--split readings|days] [--max-gap-hours <h>] [--held <file.json>] [--delivery <file.json>]
                [--mail] [--mail-to <addr>[,<addr>…]] [--mail-config <file.json>] [--mail-again]

Closes the Europe/Stockholm month <YYYY-MM> of the property (its designation in the registry)
with the tariff in force on the 1st, exports the billed lines in <profile> (generic-csv, excel,
fi2xml, momentum, vitec, hambo, xpand, fast2, 3trel — the vendor ones are default profiles,
not the vendors' official formats) and prints the export receipt as JSON. Model 3's
information lines (priced, not charged) go in the file only with "informationLines": "include"
in the profile, under their own charge codes (KV-INFO …).
  --out <dir>       write the file(s) and receipt-<property>-<period>-v<n>-<profile>.json there
  --deliver         deliver by <data>/delivery.json (or --delivery): sftp or local-folder
  --profile <file>  JSON overrides of the profile (columns, separator, decimalMark, encoding,
                    dateFormat, fileName, folder, informationLines, informationChargeCodes …)
  --split           share a month between tenancies by 'readings' at the move dates (default) or 'days'
  --max-gap-hours   interpolate a month end only between readings at most this far apart (default 24)
  --held <file>     more held values besides the review queue's: {"YYYY-MM": ["<meter serial>", …]}
  --mail            after the files are written or delivered, mail the receipt (text, the receipt
                    JSON attached) by SMTP as <data>/mail.json (or --mail-config) says: server,
                    security (STARTTLS required by default), user, passwordEnv, from, to
  --mail-to <addr>  mail to these addresses instead of the config's "to" (implies --mail)
  --mail-again      mail even addresses the receipt was mailed to before (implies --mail)
  --when-due        for a daily cron job: bill the previous month only when the schedule says so
                    — from 06:00 on the 1st Swedish working day until it is delivered (use with
                    --deliver); otherwise print {"skipped":true,"state","period","runFrom",
                    "deadline","message"} and exit 0. The file is due by the 4th working day;
                    held or unread values near or past that deadline are reported on stderr
  --now <ISO>       the time --when-due judges by (default: now)
Held or unread lines are never billed: they are carried to the next close, and stderr says how many.
An exported close is frozen; running again gives the same files and receipt, or — when the
data changed — a correction close (version + 1) exporting only the differences. A receipt is
not delivered or mailed twice to the same place: running again retries only what failed; the
printed receipt carries deliveredAt/target and mailedAt/mailedTo.

Exit status: 0 done, 1 the close, delivery or mail failed (no tariff, unknown property, server
down, login refused — the receipt is still printed when only the mail failed), 2 bad command
line or configuration (e.g. --mail without a mail config).`,

  async run(args, io) {
    const { values } = parseArguments({ args, options: {
      data: { type: 'string' }, period: { type: 'string' }, property: { type: 'string' }, format: { type: 'string' },
      out: { type: 'string' }, deliver: { type: 'boolean' }, profile: { type: 'string' }, split: { type: 'string' },
      'max-gap-hours': { type: 'string' }, held: { type: 'string' }, delivery: { type: 'string' },
      mail: { type: 'boolean' }, 'mail-to': { type: 'string' }, 'mail-config': { type: 'string' }, 'mail-again': { type: 'boolean' },
      'when-due': { type: 'boolean' }, now: { type: 'string' },
    } });
    for (const k of ['property', 'format'] as const) if (!values[k]) throw new ConfigError(`--${k} is required`);
    if (!values.period === !values['when-due']) throw new ConfigError('give exactly one of --period <YYYY-MM> and --when-due');
    if (values.period) parsePeriod(values.period);
    const now = values.now === undefined ? Date.now() : Date.parse(values.now);
    if (!Number.isFinite(now)) throw new ConfigError(`--now '${values.now}' is not an ISO 8601 time`);
    if (!values.out === !values.deliver) throw new ConfigError('give exactly one of --out <dir> and --deliver');
    if (values.split !== undefined && !['readings', 'days'].includes(values.split)) throw new ConfigError("--split must be 'readings' or 'days'");
    const maxGapHours = values['max-gap-hours'] === undefined ? undefined : Number(values['max-gap-hours']);
    if (maxGapHours !== undefined && !(maxGapHours >= 0)) throw new ConfigError('--max-gap-hours must be a number ≥ 0');
    const exporter = exporterById(values.format!);
    const profile = exporter.profile(values.profile ? readJsonFile(values.profile, 'profile') as Record<string, unknown> : undefined);
    const listed = heldFromList(values.held ? readJsonFile(values.held, 'held values') as Record<string, string[]> : {});
    const mail = mailing(values);
    const store = SystemOfRecord.open(databasePath(values.data));
    try {
      const due = values['when-due'] ? dueStatus(store, values.property!, now) : undefined;
      if (due?.state === 'waiting') {
        io.stdout.write(`${JSON.stringify({ skipped: true, ...due })}\n`);
        return ExitCode.success;
      }
      const held = heldByAny(heldByReviewQueue(store), listed);
      const { close, summary } = closeMonth(store, { property: values.property!, period: due?.period ?? values.period!, held, split: values.split as SplitMethod | undefined, maxGapHours });
      const carried = (summary.byStatus.held ?? 0) + (summary.byStatus.unread ?? 0);
      if (carried > 0) io.stderr.write(`imd bill: ${carried} held or unread line(s) of ${close.period} not billed, carried to the next close\n`);
      const deadline = due && scheduleStatus(now, carried, false);
      if (deadline && (deadline.state === 'warning' || deadline.state === 'late')) io.stderr.write(`imd bill: ${deadline.message}\n`);
      const result = await exportClose(store, close, exporter, profile);
      let receipt = result.receipt;
      if (values.out) {
        mkdirSync(values.out, { recursive: true });
        for (const f of result.files) writeFileSync(path.join(values.out, f.name), f.bytes);
      } else {
        const config = readDeliveryConfig(values.delivery ?? path.join(dataDir(values.data), 'delivery.json'));
        receipt = await deliverExport(store, result, deliveryFromConfig(config, profile.folder));
      }
      let notMailed: unknown;
      if (mail) {
        receipt = await mailReceipt(store, receipt.receiptId, mail.mailer, { to: mail.to, files: mail.attachFiles ? result.files : undefined, force: mail.force })
          .catch((err: unknown) => { notMailed = err; return new Receipts(store.db).byId(receipt.receiptId); });
      }
      if (values.out) writeFileSync(path.join(values.out, receiptFileName(receipt)), receiptJson(receipt));
      io.stdout.write(receiptJson(receipt));
      if (notMailed === undefined) return ExitCode.success;
      io.stderr.write(`imd bill: ${notMailedMessage(receipt, notMailed, 'running the same command again')}\n`);
      return ExitCode.failure;
    } catch (err) {
      io.stderr.write(`imd bill: ${describeError(err)}\n`);
      return ExitCode.failure;
    } finally {
      store.close();
    }
  },
};
