/**
 * The commissioning report: the meters the registry expects (placed, not replaced) against
 * the meter ids heard on the buses — from `imd scan` lines ({"id": …}) or reading lines
 * ({"meter": {"id": …}}). Expected and heard, expected but silent, heard but unknown.
 */
import type { SystemOfRecord } from '../store';

export interface HeardMeter { id: string; manufacturer?: string; medium?: string }

export interface CommissioningReport {
  expected: number;
  heard: Array<{ serial: string; objectId: string; medium: string; placement: string }>;
  missing: Array<{ serial: string; objectId: string; apartment: string; medium: string; placement: string }>;
  unknown: HeardMeter[];
}

/** The meter of one NDJSON line (scan result or reading), or undefined for other lines. */
export function heardMeterOf(line: unknown): HeardMeter | undefined {
  const o = line as { id?: unknown; manufacturer?: unknown; medium?: unknown; meter?: unknown } | null;
  const m = (o && typeof o.meter === 'object' ? o.meter : o) as { id?: unknown; manufacturer?: unknown; medium?: unknown } | null;
  if (!m || typeof m.id !== 'string') return undefined;
  return { id: m.id, ...(typeof m.manufacturer === 'string' ? { manufacturer: m.manufacturer } : {}), ...(typeof m.medium === 'string' ? { medium: m.medium } : {}) };
}

export function commissioningReport(store: SystemOfRecord, heard: Iterable<HeardMeter>): CommissioningReport {
  const heardById = new Map<string, HeardMeter>();
  for (const h of heard) heardById.set(h.id, h);
  const report: CommissioningReport = { expected: 0, heard: [], missing: [], unknown: [] };
  const expected = new Set<string>();
  for (const p of store.registry.placedMeters()) {
    report.expected++;
    expected.add(p.meter.serial);
    const where = { serial: p.meter.serial, objectId: p.objectId, medium: p.medium, placement: p.placement };
    if (heardById.has(p.meter.serial)) report.heard.push(where);
    else report.missing.push({ ...where, apartment: p.apartment });
  }
  report.unknown = [...heardById.values()].filter((h) => !expected.has(h.id)).sort((a, b) => a.id.localeCompare(b.id));
  return report;
}
