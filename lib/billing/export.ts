/**
 * The exporter contract (implemented by the plugins under adapters/exporters) and `exportClose`:
 * the close's billable lines (for a correction close, the difference from the close it
 * corrects) rendered by an exporter with a profile, the export receipt (exportkvitto) made and
 * stored, and the close frozen — in one transaction. Exporting the same close with the same
 * profile again gives byte-identical files and returns the stored receipt (idempotent).
 */
import { createHash } from 'node:crypto';
import type { SystemOfRecord } from '../store/system-of-record';
import type { CloseLine } from './close';
import { Closes, type CloseRecord } from './close-store';
import { correctionLines } from './corrections';
import { Receipts, type ExportReceipt } from './receipts';
import { Summariser } from './summary';

export interface ExportFile { name: string; bytes: Buffer; mediaType: string; lines: number }

export interface ExportInput {
  close: CloseRecord;
  /** Lines to bill: status 'billed' (or the correction differences); re-iterable, possibly streamed from the store. */
  lines: Iterable<CloseLine>;
}

/** A billing-file format; `profile` is its configuration (columns, separator, encoding …). */
export interface Exporter<P = unknown> {
  id: string;
  defaultProfile: P;
  /** Merges a partial user profile over the default and checks it (ConfigError on mistakes). */
  profile(overrides?: Record<string, unknown>): P;
  render(input: ExportInput, profile: P): ExportFile[] | Promise<ExportFile[]>;
}

export interface ExportResult { files: ExportFile[]; receipt: ExportReceipt }

/** The lines an export of `close` bills: its billed lines streamed from the store, or a correction's differences. */
export function exportLines(store: SystemOfRecord, close: CloseRecord): Iterable<CloseLine> {
  const closes = new Closes(store.db);
  if (close.corrects === null) return closes.stream(close.id, 'billed');
  return correctionLines(closes.lines(close.corrects), closes.lines(close.id));
}

export function filesChecksum(files: readonly ExportFile[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.name).update('\0').update(f.bytes).update('\0');
  return hash.digest('hex');
}

export async function exportClose<P>(store: SystemOfRecord, close: CloseRecord, exporter: Exporter<P>, profile: P): Promise<ExportResult> {
  const billed = exportLines(store, close);
  const sums = new Summariser();
  let summed = false;
  const tapped: Iterable<CloseLine> = { *[Symbol.iterator]() { // the first full pass of the renderer also sums
    const into = summed ? undefined : sums;
    for (const l of billed) { into?.add(l); yield l; }
    summed = true;
  } };
  const files = await exporter.render({ close, lines: tapped }, profile);
  if (!summed) for (const l of billed) sums.add(l);
  const checksum = filesChecksum(files);
  const receipts = new Receipts(store.db);
  const receipt = store.transaction(() => {
    const known = receipts.find(close.id, exporter.id, checksum);
    if (known) return known;
    new Closes(store.db).freeze(close.id);
    return receipts.record({
      closeId: close.id, property: close.property, period: close.period, version: close.version, kind: close.kind,
      profile: exporter.id, files: files.map((f) => ({ name: f.name, bytes: f.bytes.length, lines: f.lines, sha256: createHash('sha256').update(f.bytes).digest('hex') })),
      checksum, ...sums.result(), closeStatus: new Closes(store.db).statusCounts(close.id),
    });
  });
  return { files, receipt };
}
