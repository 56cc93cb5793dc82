/**
 * The work of the imd-export node, without Node-RED: the close a message carries (msg.close
 * from imd-billing-close, or msg.period + msg.property for the latest close), exported in the
 * node's format with its profile overrides, delivered when a delivery config is set, and the
 * receipt mailed when a mail config and recipients are (msg.mailTo overrides the node's; a
 * receipt is not mailed twice to an address unless msg.mailAgain).
 */
import { exporterById } from '../../adapters/exporters';
import {
  Closes, deliverExport, exportClose, mailAddresses, mailReceipt, notMailedMessage, type Delivery, type ExportFile, type ExportReceipt, type ReceiptMailer,
} from '../../lib/billing';
import { parseJsonText } from '../../lib/config-file';
import { ConfigError } from '../../lib/errors';
import { databasePath, SystemOfRecord } from '../../lib/store';

export interface ExportRunnerConfig { data?: string; format?: string; profile?: string; mailTo?: string }

export interface ExportOutcome { receipt: ExportReceipt; files: ExportFile[] }

/** The imd-mail config node's part: a mailer, and whether to attach the billing files. */
export interface ExportMail { mailer: ReceiptMailer; attachFiles: boolean }

export interface ExportMessage { close?: unknown; period?: unknown; property?: unknown; mailTo?: unknown; mailAgain?: unknown }

/** Who gets the receipt and by which mailer; checked before anything is exported (a ConfigError otherwise). */
function mailing(config: ExportRunnerConfig, msg: ExportMessage, mail?: () => ExportMail): { to: string[]; mail: ExportMail } | undefined {
  const to = msg.mailTo === undefined ? mailAddresses(config.mailTo, 'Mail receipt to') : mailAddresses(msg.mailTo, 'msg.mailTo');
  if (to.length === 0) return undefined;
  if (!mail) throw new ConfigError('the receipt is to be mailed, but no mail server is chosen: set an imd-mail config in the node');
  return { to, mail: mail() };
}

export async function runExport(config: ExportRunnerConfig, msg: ExportMessage, delivery?: (folder: string) => Delivery, mail?: () => ExportMail): Promise<ExportOutcome> {
  const exporter = exporterById(config.format || 'generic-csv');
  const profile = exporter.profile(config.profile?.trim() ? parseJsonText(config.profile, 'profile overrides') as Record<string, unknown> : undefined);
  const mailTo = mailing(config, msg, mail);
  const store = SystemOfRecord.open(databasePath(config.data?.trim() || undefined));
  try {
    const closes = new Closes(store.db);
    const given = msg.close as { id?: number } | undefined;
    const close = typeof given?.id === 'number' ? closes.byId(given.id)
      : typeof msg.period === 'string' && typeof msg.property === 'string' ? closes.latest(msg.property, msg.period) : undefined;
    if (!close) throw new ConfigError('no close to export: send msg.close from imd-billing-close, or msg.period and msg.property');
    const result = await exportClose(store, close, exporter, profile);
    let receipt = delivery ? await deliverExport(store, result, delivery(profile.folder)) : result.receipt;
    if (mailTo) {
      const { mailer, attachFiles } = mailTo.mail;
      receipt = await mailReceipt(store, receipt.receiptId, mailer, { to: mailTo.to, files: attachFiles ? result.files : undefined, force: msg.mailAgain === true })
        .catch((err: unknown) => { throw new Error(notMailedMessage(receipt, err, 'sending the message again')); });
    }
    return { receipt, files: result.files };
  } finally {
    store.close();
  }
}
