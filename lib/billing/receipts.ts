/**
 * Export receipts (exportkvitton, table `export_receipts`): per export of a close with a
 * profile — period, property, lines, sums per medium and in kronor (billed lines; information
 * lines apart, never in the billed totals), file checksums, created at, delivered at and where,
 * and — once mailed (receipt-mail.ts) — when and to whom. The receipt is the JSON `imd bill`
 * prints and writes beside the files (`receiptJson`, `receiptFileName`), and the attachment of
 * the receipt mail. Keyed by (close, profile, checksum), so re-exporting the same close finds
 * the same receipt.
 */
import type { Database } from '../store/sqlite-driver';
import type { CloseSummary } from './summary';

export interface ReceiptFile { name: string; bytes: number; lines: number; sha256: string }

export interface ExportReceipt extends CloseSummary {
  receiptId: number;
  closeId: number; property: string; period: string; version: number; kind: 'close' | 'correction';
  profile: string;
  files: ReceiptFile[];
  /** SHA-256 over the files' names and bytes. */
  checksum: string;
  /** Lines per status in the whole close (held and unread ones are not billed). */
  closeStatus: CloseSummary['byStatus'];
  createdAt: string;
  deliveredAt: string | null;
  target: string | null;
  /** When the receipt was last mailed (absent until it is). */
  mailedAt?: string;
  /** Every address the receipt has been mailed to, first mailing first. */
  mailedTo?: string[];
}

export type NewReceipt = Omit<ExportReceipt, 'receiptId' | 'createdAt' | 'deliveredAt' | 'target' | 'mailedAt' | 'mailedTo'>;

/** The receipt's file name beside the files and in the mail: receipt-<property>-<period>-v<n>-<profile>.json (safe characters only). */
export function receiptFileName(r: Pick<ExportReceipt, 'property' | 'period' | 'version' | 'profile'>): string {
  return `receipt-${r.property}-${r.period}-v${r.version}-${r.profile}.json`.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** The receipt as a JSON document (indented, final newline): printed, written beside the files, attached to the mail. */
export function receiptJson(r: ExportReceipt): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

export class Receipts {
  constructor(private readonly db: Database) {}

  find(closeId: number, profile: string, checksum: string): ExportReceipt | undefined {
    const row = this.db.prepare('SELECT receipt FROM export_receipts WHERE close_id = ? AND profile = ? AND checksum = ?').get(closeId, profile, checksum) as { receipt: string } | undefined;
    return row ? JSON.parse(row.receipt) : undefined;
  }

  record(r: NewReceipt): ExportReceipt {
    const createdAt = Date.now();
    const id = Number(this.db.prepare('INSERT INTO export_receipts (close_id, profile, checksum, receipt, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(r.closeId, r.profile, r.checksum, '{}', createdAt).lastInsertRowid);
    const receipt: ExportReceipt = { receiptId: id, ...r, createdAt: new Date(createdAt).toISOString(), deliveredAt: null, target: null };
    this.db.prepare('UPDATE export_receipts SET receipt = ? WHERE id = ?').run(JSON.stringify(receipt), id);
    return receipt;
  }

  /** Whether some export of this close has been delivered. */
  closeDelivered(closeId: number): boolean {
    return this.db.prepare('SELECT 1 FROM export_receipts WHERE close_id = ? AND delivered_at IS NOT NULL').get(closeId) !== undefined;
  }

  /** Whether some close of the property's period has been delivered. */
  periodDelivered(property: string, period: string): boolean {
    return this.db.prepare(`SELECT 1 FROM export_receipts r JOIN billing_closes c ON c.id = r.close_id
      WHERE c.property = ? AND c.period = ? AND r.delivered_at IS NOT NULL`).get(property, period) !== undefined;
  }

  /** The stored receipt (as last updated). */
  byId(receiptId: number): ExportReceipt {
    const row = this.db.prepare('SELECT receipt FROM export_receipts WHERE id = ?').get(receiptId) as { receipt: string } | undefined;
    if (!row) throw new Error(`no export receipt ${receiptId}`);
    return JSON.parse(row.receipt) as ExportReceipt;
  }

  /** Marks a receipt delivered (the first delivery time is kept: re-delivery is idempotent). */
  delivered(receiptId: number, target: string, at = Date.now()): ExportReceipt {
    const receipt = this.byId(receiptId);
    if (receipt.deliveredAt !== null) return receipt;
    const updated: ExportReceipt = { ...receipt, deliveredAt: new Date(at).toISOString(), target };
    this.db.prepare('UPDATE export_receipts SET delivered_at = ?, target = ?, receipt = ? WHERE id = ?').run(at, target, JSON.stringify(updated), receiptId);
    return updated;
  }

  /** Records that the receipt was mailed to `to` now: `mailedAt` is this mailing, `mailedTo` gains the new addresses. */
  mailed(receiptId: number, to: readonly string[], at = Date.now()): ExportReceipt {
    const receipt = this.byId(receiptId);
    const before = receipt.mailedTo ?? [];
    const added = to.filter((a) => !before.some((b) => sameAddress(a, b)));
    const updated: ExportReceipt = { ...receipt, mailedAt: new Date(at).toISOString(), mailedTo: [...before, ...added] };
    this.db.prepare('UPDATE export_receipts SET receipt = ? WHERE id = ?').run(JSON.stringify(updated), receiptId);
    return updated;
  }
}

/** Mail addresses compared as mail systems do in practice: case-insensitive, surrounding space ignored. */
export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
