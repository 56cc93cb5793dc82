/**
 * Timestamps of a meter's readout. Every reading is stamped at reception; when the readout has
 * the meter's own date/time record (storage 0, quantity 'datetime', Swedish wall time) that
 * time, converted to UTC, becomes the timestamp of the current values (storage 0) and the
 * difference meter − hub is kept as `clockOffsetSeconds` on every reading of the readout.
 * A meter clock off by more than the drift threshold is not trusted: its current values keep
 * the reception time and carry the flag 'clock-drift' (the offset is still recorded).
 * Historic values (storage > 0) keep whatever time the codec gave them.
 */
import type { Reading } from '../reading';
import { parseWallTime, wallTimeToUtc } from './stockholm-time';

/** Default tolerated meter clock error: 5 minutes (type F clocks only show whole minutes). */
export const DEFAULT_DRIFT_THRESHOLD_SECONDS = 300;
export const CLOCK_DRIFT_FLAG = 'clock-drift';

export interface MeterTimeOptions {
  driftThresholdSeconds?: number;
}

/** The meter's own clock at the readout, as UTC ms; undefined when absent or invalid. */
export function meterClockUtc(readings: readonly Reading[]): number | undefined {
  const record = readings.find((r) => r.quantity === 'datetime' && r.storage === 0 && r.tariff === 0 && r.subunit === 0
    && typeof r.value === 'string' && !r.flags.includes('invalid-time'));
  const wall = record ? parseWallTime(record.value as string) : undefined;
  if (!record || !wall) return undefined;
  return wallTimeToUtc(wall, { summerTime: record.flags.includes('summer-time') ? true : undefined });
}

/** The readout's readings, stamped as described above (new objects; the input is unchanged). */
export function stampMeterTime(readings: readonly Reading[], options: MeterTimeOptions = {}): Reading[] {
  const meterUtc = meterClockUtc(readings);
  if (meterUtc === undefined) return [...readings];
  const threshold = options.driftThresholdSeconds ?? DEFAULT_DRIFT_THRESHOLD_SECONDS;
  return readings.map((r) => {
    const offset = Math.round((meterUtc - Date.parse(r.receivedAt)) / 1000);
    const current = r.storage === 0;
    const drift = Math.abs(offset) > threshold;
    return {
      ...r,
      clockOffsetSeconds: offset,
      ...(current && !drift ? { timestamp: new Date(meterUtc).toISOString() } : {}),
      ...(current && drift && !r.flags.includes(CLOCK_DRIFT_FLAG) ? { flags: [...r.flags, CLOCK_DRIFT_FLAG] } : {}),
    };
  });
}
