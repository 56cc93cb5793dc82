/**
 * Mailing the export receipt: the mailer contract (implemented by the transport plugin
 * adapters/transports/smtp), the mail composed from a receipt — a subject, a plain-text body a
 * finance person can read (billed sums, and information sums apart), the receipt JSON attached
 * under the same name `imd bill --out` writes, optionally the billing files — and
 * `mailReceipt`, which records the mailing on the stored receipt. A receipt already mailed to an
 * address is not mailed to it again unless forced, so re-running a close is idempotent; new
 * addresses get it and are recorded.
 */
import { ConfigError, describeError } from '../errors';
import { wallTimeAt } from '../collection/stockholm-time';
import type { SystemOfRecord } from '../store/system-of-record';
import { isoDate } from './calendar';
import type { ExportFile } from './export';
import { receiptFileName, receiptJson, Receipts, sameAddress, type ExportReceipt } from './receipts';
import type { Sums } from './summary';

export interface MailAttachment { name: string; bytes: Buffer; mediaType: string }

export interface ReceiptMail { subject: string; text: string; attachments: MailAttachment[] }

/** Why a mail was not sent: the server could not be reached, refused the login, failed TLS, refused a recipient, or anything else. */
export type MailFailure = 'unreachable' | 'auth' | 'tls' | 'recipient' | 'other';

/** A mail that did not go out: says what, where and why; never carries a password. */
export class ReceiptMailError extends Error {
  override readonly name = 'ReceiptMailError';
  constructor(message: string, readonly failure: MailFailure) {
    super(message);
  }
}

export interface ReceiptMailer {
  /** Where mail goes, without secrets, e.g. "smtp://imd@mail.example.se:587 (starttls)". */
  readonly server: string;
  /** Sends the mail to every address; resolves to the addresses the server accepted, rejects with a ReceiptMailError when none. */
  send(mail: ReceiptMail, to: readonly string[]): Promise<{ accepted: string[]; refused: string[] }>;
}

function receiptSubject(r: ExportReceipt): string {
  return `IMD export receipt ${r.property} ${r.period} v${r.version} ${r.profile}`;
}

/** An ISO instant as Swedish wall time, with the instant itself: "2026-11-02 09:15:03 Swedish time (2026-11-02T08:15:03.412Z)". */
function swedishTime(iso: string): string {
  const w = wallTimeAt(Date.parse(iso));
  const hms = [w.hour, w.minute, w.second ?? 0].map((n) => String(n).padStart(2, '0')).join(':');
  return `${isoDate(w.year, w.month, w.day)} ${hms} Swedish time (${iso})`;
}

const row = (cells: string[], widths: number[]): string =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();

function sumsTable(s: Sums): string[] {
  const rows = [['medium', 'lines', 'quantity', 'net kr', 'VAT kr', 'gross kr'],
    ...Object.entries(s.byMedium).map(([medium, m]) => [medium, String(m.lines), `${m.quantity} ${m.unit}`, m.net, m.vat, m.gross]),
    ['total', String(Object.values(s.byMedium).reduce((n, m) => n + m.lines, 0)), '', s.total.net, s.total.vat, s.total.gross]];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((cells) => cells[i]!.length)));
  return rows.map((cells) => `  ${row(cells, widths)}`);
}

const counts = (byStatus: ExportReceipt['closeStatus']): string =>
  Object.entries(byStatus).map(([status, n]) => `${status} ${n}`).join(', ') || 'no lines';

/**
 * The information lines' sums, or, for a close (not a correction: its information differences
 * may be none) whose information lines the files do not hold, that the profile left them out.
 */
function informationText(r: ExportReceipt): string[] {
  if (r.information) {
    return ['', 'Information lines per medium (not charged, own charge codes: what the use comes to in kr)',
      ...sumsTable(r.information)];
  }
  const omitted = r.kind === 'close' ? r.closeStatus.information ?? 0 : 0;
  return omitted ? ['', `Information lines: ${omitted} in the close, not in the files (the profile's informationLines is "omit")`] : [];
}

/** The plain-text body: what was exported, the files, the sums, the close's state, and where it went. */
function receiptText(r: ExportReceipt): string {
  const kind = r.kind === 'correction' ? 'correction close (only the differences from the frozen close it corrects)' : 'close';
  return [
    `Export receipt (exportkvitto) ${r.receiptId} of the IMD hub`,
    '',
    `Property:     ${r.property}`,
    `Period:       ${r.period}`,
    `Version:      ${r.version}, ${kind}`,
    `Profile:      ${r.profile}`,
    `Created at:   ${swedishTime(r.createdAt)}`,
    `Delivered at: ${r.deliveredAt ? `${swedishTime(r.deliveredAt)} to ${r.target}` : 'not delivered by the hub (files written to a folder)'}`,
    '',
    'Files',
    ...r.files.flatMap((f) => [`  ${f.name}: ${f.lines} lines, ${f.bytes} bytes`, `    SHA-256 ${f.sha256}`]),
    `  checksum over all files: ${r.checksum}`,
    '',
    'Billed lines per medium (amounts in kr, öre exact; totals are sums of the rounded lines)',
    ...sumsTable(r),
    ...informationText(r),
    '',
    `Exported lines by status: ${counts(r.byStatus)}`,
    `Close lines by status:    ${counts(r.closeStatus)} (held and unread lines are not billed; they are carried to a later month)`,
    '',
    `The receipt is attached as ${receiptFileName(r)}.`,
    '',
  ].join('\n');
}

/** The whole mail of a receipt; with `files`, the billing files are attached too. */
export function receiptMail(r: ExportReceipt, files: readonly ExportFile[] = []): ReceiptMail {
  return {
    subject: receiptSubject(r), text: receiptText(r),
    attachments: [{ name: receiptFileName(r), bytes: Buffer.from(receiptJson(r)), mediaType: 'application/json' },
      ...files.map((f) => ({ name: f.name, bytes: f.bytes, mediaType: f.mediaType }))],
  };
}

export interface MailReceiptOptions {
  to: readonly string[];
  /** Billing files to attach (none by default). */
  files?: readonly ExportFile[];
  /** Mail even the addresses the receipt was mailed to before. */
  force?: boolean;
}

/**
 * Mails the stored receipt to the addresses it has not been mailed to (all with `force`) and
 * records the mailing; returns the receipt as stored afterwards. When the server accepts some
 * addresses and refuses others, the accepted ones are recorded, then a ReceiptMailError names
 * the refused ones.
 */
export async function mailReceipt(store: SystemOfRecord, receiptId: number, mailer: ReceiptMailer, o: MailReceiptOptions): Promise<ExportReceipt> {
  const receipts = new Receipts(store.db);
  const receipt = receipts.byId(receiptId);
  const unique = o.to.filter((a, i) => o.to.findIndex((b) => sameAddress(a, b)) === i);
  const to = o.force ? unique : unique.filter((a) => !(receipt.mailedTo ?? []).some((b) => sameAddress(a, b)));
  if (to.length === 0) return receipt;
  const { accepted, refused } = await mailer.send(receiptMail(receipt, o.files), to);
  const mailed = receipts.mailed(receiptId, accepted);
  if (refused.length) throw new ReceiptMailError(`${mailer.server}: mailed to ${accepted.join(', ')}, but refused ${refused.join('; ')}`, 'recipient');
  return mailed;
}

/** The message when the files went out but the receipt mail did not: what is done, what failed, and that `retry` retries the mail only. */
export function notMailedMessage(receipt: ExportReceipt, err: unknown, retry: string): string {
  const done = receipt.deliveredAt ? `delivered to ${receipt.target}` : 'exported';
  return `the billing files were ${done} and export receipt ${receipt.receiptId} is stored, but the receipt was not mailed: ${describeError(err)} — ${retry} retries the mail only`;
}

/** Addresses from a comma- or semicolon-separated text (or a list), trimmed, empty ones dropped; `where` names the source in errors. */
export function mailAddresses(value: unknown, where: string): string[] {
  const parts = typeof value === 'string' ? value.split(/[,;]/) : Array.isArray(value) ? value : value === undefined || value === null ? [] : undefined;
  if (!parts) throw new ConfigError(`${where}: mail addresses must be text or a list of text`);
  const addresses = parts.map((a) => String(a).trim()).filter((a) => a !== '');
  const bad = addresses.find((a) => !/^[^\s@<>,;]+@[^\s@<>,;]+$/.test(a));
  if (bad !== undefined) throw new ConfigError(`${where}: '${bad}' is not a mail address (name@domain)`);
  return addresses;
}
