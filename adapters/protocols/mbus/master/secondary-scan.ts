/**
 * Secondary-address scan: the wildcard tree search of libmbus (mbus_scan_2nd_address_range),
 * extended to separate devices that share an id. Start from the mask FFFFFFFF FFFF FF FF; a
 * probe that collides descends: first over the 8 id digits (0–9 at each position, 0–E with
 * `hexDigits`; F is the wildcard so it cannot be probed), then, at a full id, over the
 * manufacturer (candidates: those already heard on this bus, the caller's list and common
 * makes; the field has no partial wildcard), then the medium, then the version. Devices still
 * colliding after all that share the whole secondary address and are reported unreadable.
 */
import { manufacturerValue } from '../app/manufacturer';
import { byteHex } from '../../../../lib/hex';
import type { MBusMaster } from './mbus-master';
import { probe, type FoundDevice } from './probe';

export interface ScanProgress {
  probes: number;
  found: number;
  /** The mask just probed and what answered. */
  mask: string;
  result: 'none' | 'single' | 'collision' | 'unreadable';
}

export interface ScanOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  /** Also try id digits A–E (non-BCD ids); default only 0–9, as libmbus. */
  hexDigits?: boolean;
  /** Extra manufacturer codes to try when devices share an id. */
  manufacturers?: string[];
  /** Medium bytes to try when devices share id and manufacturer (default 0x00–0x3F). */
  media?: number[];
  /** Version bytes to try last (default 0x00–0xFF). */
  versions?: number[];
}

export interface UnreadableDevice {
  /** The selection mask it answered to. */
  mask: string;
  reason: string;
}

/** The commissioning report (the registry comparison comes with the storage issue). */
export interface ScanReport {
  found: FoundDevice[];
  /** Collisions the search resolved by descending (at least one device found below). */
  collisionsResolved: number;
  unreadable: UnreadableDevice[];
  probes: number;
}

/** Common makes on Nordic M-Bus installations, tried when two devices share an id. */
export const COMMON_MANUFACTURERS = [
  'KAM', 'ELS', 'ABB', 'LUG', 'LGB', 'SEN', 'ZRI', 'DME', 'HYD', 'ELV', 'EFE', 'APA', 'AXI', 'ITW',
  'GAV', 'NZR', 'QDS', 'TCH', 'BMT', 'EMH', 'SON', 'LSE', 'WZG', 'GWF', 'ACW', 'INE', 'ENC', 'MAD',
];

const ROOT_MASK = 'FFFFFFFFFFFFFFFF';
const ID_DIGITS = 8;
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A field of the secondary address the search can fix beyond the id. */
interface FieldStage {
  at: number;
  values: (report: ScanReport) => string[];
}

export async function scanSecondary(master: MBusMaster, options: ScanOptions = {}): Promise<ScanReport> {
  const report: ScanReport = { found: [], collisionsResolved: 0, unreadable: [], probes: 0 };
  const digits = (options.hexDigits ? range(0, 14) : range(0, 9)).map((d) => d.toString(16).toUpperCase());
  const stages: FieldStage[] = [
    { at: 8, values: (r) => manufacturerCandidates(r, options.manufacturers ?? []) },
    { at: 14, values: () => (options.media ?? range(0, 0x3f)).map(byteHex) },
    { at: 12, values: () => (options.versions ?? range(0, 0xff)).map(byteHex) },
  ];

  async function search(mask: string, depth: number): Promise<void> {
    options.signal?.throwIfAborted();
    const result = await probe(master, mask, options.signal);
    report.probes++;
    if (result.kind === 'single') report.found.push(result.device);
    if (result.kind === 'unreadable') report.unreadable.push({ mask, reason: result.reason });
    options.onProgress?.({ probes: report.probes, found: report.found.length, mask, result: result.kind });
    if (result.kind !== 'collision') return;
    const before = report.found.length;
    await descend(mask, depth);
    if (report.found.length > before) report.collisionsResolved++;
  }

  async function descend(mask: string, depth: number): Promise<void> {
    if (depth < ID_DIGITS) {
      for (const d of digits) await search(mask.slice(0, depth) + d + mask.slice(depth + 1), depth + 1);
      return;
    }
    const stage = stages[depth - ID_DIGITS];
    if (!stage) {
      report.unreadable.push({ mask, reason: 'several devices share this whole secondary address' });
      return;
    }
    const before = report.found.length + report.unreadable.length;
    for (const value of stage.values(report)) {
      await search(mask.slice(0, stage.at) + value + mask.slice(stage.at + value.length), depth + 1);
    }
    // Nothing answered any candidate (e.g. an unknown manufacturer): try the next field instead.
    if (report.found.length + report.unreadable.length === before) await descend(mask, depth + 1);
  }

  await search(ROOT_MASK, 0);
  return report;
}

/** Manufacturer fields (wire order hex) to try: heard on this bus first, then given, then common. */
function manufacturerCandidates(report: ScanReport, extra: string[]): string[] {
  const codes = [...report.found.map((d) => d.manufacturer), ...extra, ...COMMON_MANUFACTURERS];
  const fields = new Set<string>();
  for (const code of codes) {
    if (!/^[A-Z]{3}$/.test(code)) continue;
    const value = manufacturerValue(code);
    fields.add(byteHex(value & 0xff) + byteHex(value >> 8));
  }
  return [...fields];
}
