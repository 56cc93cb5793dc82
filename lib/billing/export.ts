/**
 * The exporter contract (implemented by the plugins under adapters/exporters) and `exportClose`:
 * the lines a close exports — its billed lines, and its information lines (model 3) under their
 * own charge codes when the profile includes them; for a correction close, the differences from
 * the close it corrects — rendered by an exporter with a profile, the export receipt
 * (exportkvitto) made and stored, and the close frozen — in one transaction. Exporting the same
 * close with the same profile again gives byte-identical files and returns the stored receipt
 * (idempotent).
 */
import { createHash } from 'node:crypto';
import { ConfigError } from '../errors';
import type { SystemOfRecord } from '../store/system-of-record';
import type { CloseLine, LineStatus } from './close';
import { Closes, type CloseRecord } from './close-store';
import { correctionLines } from './corrections';
import { Receipts, type ExportReceipt } from './receipts';
import { Summariser } from './summary';

export interface ExportFile { name: string; bytes: Buffer; mediaType: string; lines: number }

export interface ExportInput {
  close: CloseRecord;
  /**
   * Lines to export: status 'billed', and 'information' when the profile includes them (or the
   * correction differences of those); re-iterable, possibly streamed from the store.
   */
  lines: Iterable<CloseLine>;
}

/** What an export holds besides the billed lines: the settings every profile may carry. */
export interface InformationSettings {
  /** 'omit' (default): billed lines only; 'include': the close's information lines (model 3) too. */
  informationLines?: 'omit' | 'include';
  /** Charge code of an information line per medium; default the billed code + '-INFO' (VV-INFO). */
  informationChargeCodes?: Record<string, string>;
}

/** A billing-file format; `profile` is its configuration (columns, separator, encoding …). */
export interface Exporter<P extends InformationSettings = InformationSettings> {
  id: string;
  defaultProfile: P;
  /** Merges a partial user profile over the default and checks it (ConfigError on mistakes). */
  profile(overrides?: Record<string, unknown>): P;
  render(input: ExportInput, profile: P): ExportFile[] | Promise<ExportFile[]>;
}

export interface ExportResult { files: ExportFile[]; receipt: ExportReceipt }

/** An information line's charge code: the profile's for its medium, else the billed code + '-INFO'; never the billed code. */
function informationChargeCode(l: CloseLine, s: InformationSettings): string {
  const code = s.informationChargeCodes?.[l.medium] ?? `${l.chargeCode}-INFO`;
  if (code === l.chargeCode) throw new ConfigError(`profile: informationChargeCodes gives ${l.medium} information lines the billed charge code '${code}'; they must differ`);
  return code;
}

/**
 * The lines an export of `close` holds: its billed lines streamed from the store, or a
 * correction's differences — and, with `informationLines: 'include'`, the information lines
 * (or their differences) with their information charge code.
 */
export function exportLines(store: SystemOfRecord, close: CloseRecord, s: InformationSettings = {}): Iterable<CloseLine> {
  const closes = new Closes(store.db);
  const statuses: LineStatus[] = s.informationLines === 'include' ? ['billed', 'information'] : ['billed'];
  const lines = close.corrects === null ? closes.stream(close.id, statuses)
    : correctionLines(closes.lines(close.corrects), closes.lines(close.id)).filter((l) => statuses.includes(l.status));
  return { *[Symbol.iterator]() {
    for (const l of lines) yield l.status === 'information' ? { ...l, chargeCode: informationChargeCode(l, s) } : l;
  } };
}

export function filesChecksum(files: readonly ExportFile[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.name).update('\0').update(f.bytes).update('\0');
  return hash.digest('hex');
}

export async function exportClose<P extends InformationSettings>(store: SystemOfRecord, close: CloseRecord, exporter: Exporter<P>, profile: P): Promise<ExportResult> {
  const exported = exportLines(store, close, profile);
  const sums = new Summariser();
  let summed = false;
  const tapped: Iterable<CloseLine> = { *[Symbol.iterator]() { // the first full pass of the renderer also sums
    const into = summed ? undefined : sums;
    for (const l of exported) { into?.add(l); yield l; }
    summed = true;
  } };
  const files = await exporter.render({ close, lines: tapped }, profile);
  if (!summed) for (const l of exported) sums.add(l);
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
