/**
 * The delivery contract (implemented by the transport plugins adapters/transports/sftp and
 * local-folder) and `deliverExport`: put an export's files at the target, then mark its receipt
 * delivered. A receipt already delivered is not sent again unless forced; the transports make
 * each upload idempotent themselves (same name and bytes = done), so a retry after a dropped
 * connection or a crash between upload and receipt never duplicates a file.
 */
import type { SystemOfRecord } from '../store/system-of-record';
import type { ExportFile, ExportResult } from './export';
import { Receipts, type ExportReceipt } from './receipts';

export interface Delivery {
  /** Where files go, without secrets, e.g. "sftp://billing@host:22/in" or "file:///srv/out". */
  readonly target: string;
  /** Puts every file at the target (temporary name, then rename); resolves when all are in place. */
  deliver(files: readonly ExportFile[]): Promise<void>;
  close?(): Promise<void>;
}

export async function deliverExport(store: SystemOfRecord, result: ExportResult, delivery: Delivery, force = false): Promise<ExportReceipt> {
  if (result.receipt.deliveredAt && !force) return result.receipt;
  await delivery.deliver(result.files);
  return new Receipts(store.db).delivered(result.receipt.receiptId, delivery.target);
}
