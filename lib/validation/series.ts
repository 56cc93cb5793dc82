/**
 * Columnar meter series: per meter one Float64Array of times, one of values and one small
 * integer of flag bits per reading, so validating millions of readings creates no object per
 * reading. `SeriesBuilder` grows the arrays as readings arrive (from Reading objects, NDJSON,
 * or a generator that writes numbers directly) and `finish()` sorts and merges equal times.
 */
import type { Reading } from '../reading';
import { flagBits } from './flags';
import { mediumGroup } from './media';
import type { Medium } from './types';

export interface MeterSeries {
  /** The meter serial as heard. */
  meter: string;
  manufacturer: string;
  /** Medium group: the registry's when it knows the meter, else the reading's. */
  medium: Medium;
  /** Gateway / bus / receiver the readings came through ('' when unknown). */
  via: string;
  length: number;
  /** Reading times, ms UTC, ascending and distinct after finish(). */
  at: Float64Array;
  /** Register (m3, kWh) or temperature (°C); NaN when the telegram carried no usable value. */
  value: Float64Array;
  flags: Uint16Array;
  /** Meter clock minus collection clock (s); NaN when unknown. */
  clockOffset: Float32Array;
}

/** The register (or temperature) a rule looks at: storage 0, tariff 0, subunit 0, current value. */
const MAIN_QUANTITY: Record<Medium, string> = {
  'cold-water': 'volume', 'hot-water': 'volume', 'electricity': 'energy', 'heat': 'energy', 'room-temperature': 'temperature', 'other': '',
};

function grow<T extends Float64Array | Float32Array | Uint16Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

export class SeriesBuilder {
  private readonly byKey = new Map<string, MeterSeries>();

  /** The series of a meter (serial + manufacturer), created on first use. */
  series(meter: string, manufacturer: string, medium: Medium, via = ''): MeterSeries {
    const key = `${meter}/${manufacturer}`;
    let s = this.byKey.get(key);
    if (!s) {
      s = { meter, manufacturer, medium, via, length: 0, at: new Float64Array(64), value: new Float64Array(64), flags: new Uint16Array(64), clockOffset: new Float32Array(64) };
      this.byKey.set(key, s);
    }
    return s;
  }

  /** Appends one point; NaN value for a point that only carries flags. */
  add(s: MeterSeries, at: number, value: number, flags = 0, clockOffset = NaN): void {
    if (s.length === s.at.length) {
      const size = s.length * 2;
      s.at = grow(s.at, size); s.value = grow(s.value, size); s.flags = grow(s.flags, size); s.clockOffset = grow(s.clockOffset, size);
    }
    const i = s.length++;
    s.at[i] = at; s.value[i] = value; s.flags[i] = flags; s.clockOffset[i] = clockOffset;
  }

  /** A canonical reading: the main register becomes the value; every other reading adds only its flags. */
  addReading(r: Reading): void {
    const medium = mediumGroup(r.meter?.medium);
    const at = Date.parse(r.timestamp);
    if (!r.meter?.id || !Number.isFinite(at)) return;
    const s = this.series(r.meter.id, r.meter.manufacturer ?? '', medium, r.source?.via ?? '');
    const main = r.quantity === MAIN_QUANTITY[medium] && (r.storage ?? 0) === 0 && (r.tariff ?? 0) === 0 && (r.subunit ?? 0) === 0
      && (r.function ?? 'instantaneous') === 'instantaneous' && typeof r.value === 'number';
    let bits = flagBits(r.flags);
    if (r.quantity === 'error-flags' && typeof r.value === 'number' && r.value !== 0) bits |= flagBits(['meter-error']);
    if (!main && bits === 0 && r.clockOffsetSeconds === undefined) return;
    this.add(s, at, main ? (r.value as number) : NaN, bits, r.clockOffsetSeconds ?? NaN);
  }

  /** Forgets every point before `ms` (a rolling window of history). */
  dropBefore(ms: number): void {
    for (const s of this.byKey.values()) {
      let k = 0;
      while (k < s.length && s.at[k]! < ms) k++;
      if (k === 0) continue;
      for (const a of [s.at, s.value, s.flags, s.clockOffset]) a.copyWithin(0, k, s.length);
      s.length -= k;
    }
  }

  /** Every series, sorted by time with equal times merged (a value wins over NaN; flags OR-ed). */
  finish(): MeterSeries[] {
    return [...this.byKey.values()].map(sortAndMerge);
  }
}

function sortAndMerge(s: MeterSeries): MeterSeries {
  let sorted = true;
  for (let i = 1; i < s.length && sorted; i++) sorted = s.at[i - 1]! < s.at[i]!;
  if (sorted) return s;
  const order = Array.from({ length: s.length }, (_, i) => i).sort((a, b) => s.at[a]! - s.at[b]!);
  const out: MeterSeries = { ...s, length: 0, at: new Float64Array(s.length), value: new Float64Array(s.length), flags: new Uint16Array(s.length), clockOffset: new Float32Array(s.length) };
  for (const i of order) {
    const j = out.length - 1;
    if (j >= 0 && out.at[j] === s.at[i]) {
      if (Number.isNaN(out.value[j]!)) out.value[j] = s.value[i]!;
      if (Number.isNaN(out.clockOffset[j]!)) out.clockOffset[j] = s.clockOffset[i]!;
      out.flags[j] |= s.flags[i];
      continue;
    }
    out.at[out.length] = s.at[i]!; out.value[out.length] = s.value[i]!; out.flags[out.length] = s.flags[i]!; out.clockOffset[out.length] = s.clockOffset[i]!;
    out.length++;
  }
  return out;
}
