/**
 * Hourly values, as a collection unit stores them: for a register (a meter reading that only
 * grows or any other numeric value) the last value read within the hour; for temperatures the
 * mean of the values read within the hour. An hourly value is stamped with the end of its hour
 * (UTC; Swedish hours start on UTC hour boundaries) and keeps the meter, the register's
 * storage/tariff/subunit and the source of its last reading. A last value keeps its raw register
 * unchanged (traceability); a mean is computed, so its raw value is the mean (encoding 'none').
 * Only current values (storage 0) with a numeric value count.
 */
import type { Quantity, Reading } from '../reading';

export const HOUR_MS = 3_600_000;
export const TEMPERATURE_QUANTITIES: ReadonlySet<Quantity> = new Set<Quantity>(
  ['temperature', 'flow-temperature', 'return-temperature', 'external-temperature']);
/** Decimals kept in an hourly mean. */
const MEAN_DECIMALS = 3;

/** The end of the UTC hour containing `ms`. */
export function hourEnd(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS + HOUR_MS;
}

/** The series a reading belongs to: one meter's one register. */
export function seriesKey(r: Reading): string {
  const m = r.meter;
  return [m.manufacturer, m.id, m.version, m.mediumCode, r.quantity, r.unit, r.storage, r.tariff, r.subunit, r.function].join('|');
}

/** Hourly values of `readings` (any order), sorted by series then hour. */
export function hourlyValues(readings: readonly Reading[]): Reading[] {
  const buckets = new Map<string, Reading[]>();
  for (const r of readings) {
    if (r.storage !== 0 || typeof r.value !== 'number' || !Number.isFinite(r.value)) continue;
    const key = `${seriesKey(r)}#${hourEnd(Date.parse(r.timestamp))}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(r);
    else buckets.set(key, [r]);
  }
  const out = [...buckets.values()].map((bucket) => {
    bucket.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
    return TEMPERATURE_QUANTITIES.has(bucket[0]!.quantity) ? hourlyMean(bucket) : hourlyLast(bucket);
  });
  return out.sort((a, b) => seriesKey(a).localeCompare(seriesKey(b)) || a.timestamp.localeCompare(b.timestamp));
}

function stamp(last: Reading, qualifier: string): Reading {
  return {
    ...last,
    timestamp: new Date(hourEnd(Date.parse(last.timestamp))).toISOString(),
    qualifiers: [...(last.qualifiers ?? []), qualifier],
  };
}

function hourlyLast(bucket: Reading[]): Reading {
  return stamp(bucket[bucket.length - 1]!, 'hourly-last');
}

function hourlyMean(bucket: Reading[]): Reading {
  const last = bucket[bucket.length - 1]!;
  const sum = bucket.reduce((s, r) => s + (r.value as number), 0);
  const scaled = Math.round((sum / bucket.length) * 10 ** MEAN_DECIMALS);
  const flags = [...new Set(bucket.flatMap((r) => r.flags))];
  return {
    ...stamp(last, 'hourly-mean'),
    value: scaled / 10 ** MEAN_DECIMALS,
    raw: { mantissa: String(scaled), exponent: -MEAN_DECIMALS, unit: last.unit, encoding: 'none', bytes: '' },
    flags,
  };
}
