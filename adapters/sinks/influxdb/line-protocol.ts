/**
 * The InfluxDB schema of a reading, as line protocol (the same text for 1.x and 2.x): one
 * measurement (`reading` by default), the register key as tags, the value and the exact raw
 * register as fields (as few as possible: InfluxDB 1.x stores every field as its own column, so
 * each one costs write throughput), the reading's own timestamp in milliseconds. Two readings with the same
 * register key and timestamp are the same point, so writing a reading twice overwrites it
 * (idempotent); two different registers never share a tag set. The schema is documented in
 * README.md ("What it produces") and dashboards/README.md.
 */
import type { MeterIdentity, Reading } from '../../../lib/reading';

/** Where a meter is installed, from the meter registry (tags; absent = tag left out). */
export interface MeterPlacement { property?: string; building?: string; apartment?: string }

/** Registry enrichment: the placement of a meter, or undefined when it is not registered. Called once per reading; cache inside. */
export type PlacementLookup = (meter: MeterIdentity) => MeterPlacement | undefined;

export interface PointOptions {
  measurement?: string;
  lookup?: PlacementLookup;
}

// InfluxDB 1.x unescapes only '\,', '\=' and '\ ' in tags and keeps other backslashes as they
// are; a trailing backslash would escape the separator after it, so it is left out.
const TAG_SPECIAL = /[,= \n\r]/g;
const HAS_TAG_SPECIAL = /[,= \n\r]|\\$/;
const escapeTag = (s: string): string => (HAS_TAG_SPECIAL.test(s)
  ? s.replace(/\\+$/, '').replace(TAG_SPECIAL, (c) => (c === '\n' || c === '\r' ? ' ' : `\\${c}`)) : s);
const escapeMeasurement = (s: string): string => s.replace(/[, ]/g, (c) => `\\${c}`);
const QUOTE_SPECIAL = /[\\"\n\r]/;
const quote = (s: string): string => (QUOTE_SPECIAL.test(s) ? `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r]/g, ' ')}"` : `"${s}"`);

/** A reading that cannot become a point, and why. */
export class UnwritableReading extends Error {}

/** Distinct series keys remembered by an encoder before it starts over (≈ 10 000 meters' registers). */
const MAX_CACHED_SERIES = 200_000;
const NO_PLACE: MeterPlacement = {};

/**
 * Readings into lines, remembering the series key (measurement and escaped tags) of every
 * register it has seen: a register read again only costs a lookup by its raw tag values. One
 * encoder per sink; the registry lookup is still called for every reading (a moved meter gets
 * its new tags at once).
 */
export class LineEncoder {
  private readonly measurement: string;
  private readonly series = new Map<string, string>();
  private lastTimestamp = '';
  private lastTime = NaN;

  constructor(private readonly options: PointOptions = {}) {
    this.measurement = escapeMeasurement(options.measurement ?? 'reading');
  }

  /**
   * Calls `emit` with the line of every reading that can become a point; returns the others.
   * A frame that holds the same register twice (same series key) would have its later records
   * overwrite the first: those later ones get the tag `record` = their position in the frame,
   * the first stays in the register's series. Deterministic per frame, so sending a frame's
   * readings again gives the same points (readings of one frame must come in one call).
   */
  encode(readings: readonly Reading[], emit: (line: string) => void): Array<{ reading: Reading; reason: string }> {
    const unwritable: Array<{ reading: Reading; reason: string }> = [];
    const seen = new Map<string, Set<string>>();
    for (const reading of readings) {
      try {
        const time = this.timeOf(reading.timestamp);
        const place = this.options.lookup?.(reading.meter) ?? NO_PLACE;
        let series = this.seriesOf(reading, place);
        const frame = seen.get(reading.source.frame) ?? seen.set(reading.source.frame, new Set()).get(reading.source.frame)!;
        if (frame.has(series) && reading.source.record !== undefined) series = seriesKey(this.measurement, reading, place, reading.source.record);
        else frame.add(series);
        emit(`${series} ${fields(reading)} ${time}`);
      } catch (err) {
        if (!(err instanceof UnwritableReading)) throw err;
        unwritable.push({ reading, reason: err.message });
      }
    }
    return unwritable;
  }

  private timeOf(timestamp: string): number {
    if (timestamp !== this.lastTimestamp) {
      const time = Date.parse(timestamp);
      if (!Number.isFinite(time)) throw new UnwritableReading(`timestamp '${timestamp}' is not a date`);
      [this.lastTimestamp, this.lastTime] = [timestamp, time];
    }
    return this.lastTime;
  }

  private seriesOf(reading: Reading, place: MeterPlacement): string {
    const { meter, raw } = reading;
    // The raw tag values (absent = empty: both leave the tag out), NUL-separated (no meter or registry text holds one).
    const key = `${place.apartment ?? ''}\0${place.building ?? ''}\0${reading.function}\0${meter.manufacturer}\0${meter.medium}\0${meter.id
    }\0${place.property ?? ''}\0${reading.qualifiers?.join('+') ?? ''}\0${reading.quantity}\0${raw.unit ?? ''}\0${reading.storage}\0${
      reading.subunit}\0${reading.tariff}\0${reading.unit ?? ''}`;
    let series = this.series.get(key);
    if (series === undefined) {
      if (this.series.size >= MAX_CACHED_SERIES) this.series.clear();
      series = seriesKey(this.measurement, reading, place);
      this.series.set(key, series);
    }
    return series;
  }
}

/** Measurement and tags (keys sorted as InfluxDB sorts them, so it skips its own sort); empty ones left out; `record` only when asked for. */
function seriesKey(measurement: string, reading: Reading, place: MeterPlacement, record?: number): string {
  const qualifiers = reading.qualifiers?.length ? [...reading.qualifiers].sort().join('+') : '';
  const tags: Array<[string, string | undefined]> = [
    ['apartment', place.apartment], ['building', place.building], ['function', reading.function],
    ['manufacturer', reading.meter.manufacturer], ['medium', reading.meter.medium], ['meter', reading.meter.id],
    ['property', place.property], ['qualifiers', qualifiers], ['quantity', reading.quantity], ['raw_unit', reading.raw.unit],
    ['record', record === undefined ? '' : String(record)], ['storage', String(reading.storage)],
    ['subunit', String(reading.subunit)], ['tariff', String(reading.tariff)], ['unit', reading.unit],
  ];
  let series = measurement;
  for (const [key, value] of tags) if (value) series += `,${key}=${escapeTag(value)}`;
  return series;
}

/** The field set of a reading. */
function fields(reading: Reading): string {
  const { value, raw } = reading;
  let rest = '';
  if (typeof value === 'number' && Number.isFinite(value)) rest += `value=${value},`;
  else if (typeof value === 'string') rest += `text=${quote(value)},`;
  rest += `raw_mantissa=${quote(raw.mantissa)},raw_exponent=${Math.trunc(raw.exponent)}i`;
  if (reading.flags.length > 0) rest += `,flags=${quote(reading.flags.join(','))}`;
  if (reading.clockOffsetSeconds !== undefined && Number.isFinite(reading.clockOffsetSeconds)) rest += `,clock_offset_s=${reading.clockOffsetSeconds}`;
  return rest;
}

/** The reading as one line of line protocol (precision ms), without the `record` tag. Throws UnwritableReading for a timestamp that is not a date. */
export function toLine(reading: Reading, options: PointOptions = {}): string {
  let line = '';
  const [unwritable] = new LineEncoder(options).encode([reading], (l) => { line = l; });
  if (unwritable) throw new UnwritableReading(unwritable.reason);
  return line;
}

/** Readings as lines (see LineEncoder.encode); a fresh encoder each call. */
export function toLines(readings: Reading[], options: PointOptions = {}): { lines: string[]; unwritable: Array<{ reading: Reading; reason: string }> } {
  const lines: string[] = [];
  const unwritable = new LineEncoder(options).encode(readings, (line) => lines.push(line));
  return { lines, unwritable };
}
