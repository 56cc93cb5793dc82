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
const quote = (s: string): string => `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r]/g, ' ')}"`;

/** A reading that cannot become a point, and why. */
export class UnwritableReading extends Error {}

/** A reading as its series key (measurement and tags) and the rest of its line (fields and time). */
interface Point { series: string; rest: string }

/**
 * The reading as one point (precision ms). Tags in key order, empty ones left out; `record`
 * (the record position in its frame) only when asked for. Throws UnwritableReading for a
 * timestamp that is not a date.
 */
function toPoint(reading: Reading, options: PointOptions, record?: number): Point {
  const time = Date.parse(reading.timestamp);
  if (!Number.isFinite(time)) throw new UnwritableReading(`timestamp '${reading.timestamp}' is not a date`);
  const place = options.lookup?.(reading.meter);
  const qualifiers = reading.qualifiers?.length ? [...reading.qualifiers].sort().join('+') : '';
  const { raw } = reading;
  // Keys sorted as InfluxDB sorts them (it then skips its own sort).
  const tags: Array<[string, string | undefined]> = [
    ['apartment', place?.apartment], ['building', place?.building], ['function', reading.function],
    ['manufacturer', reading.meter.manufacturer], ['medium', reading.meter.medium], ['meter', reading.meter.id],
    ['property', place?.property], ['qualifiers', qualifiers], ['quantity', reading.quantity], ['raw_unit', raw.unit],
    ['record', record === undefined ? '' : String(record)], ['storage', String(reading.storage)],
    ['subunit', String(reading.subunit)], ['tariff', String(reading.tariff)], ['unit', reading.unit],
  ];
  let series = escapeMeasurement(options.measurement ?? 'reading');
  for (const [key, value] of tags) if (value) series += `,${key}=${escapeTag(value)}`;
  const { value } = reading;
  let rest = '';
  if (typeof value === 'number' && Number.isFinite(value)) rest += `value=${value},`;
  else if (typeof value === 'string') rest += `text=${quote(value)},`;
  rest += `raw_mantissa=${quote(raw.mantissa)},raw_exponent=${Math.trunc(raw.exponent)}i`;
  if (reading.flags.length > 0) rest += `,flags=${quote(reading.flags.join(','))}`;
  if (reading.clockOffsetSeconds !== undefined && Number.isFinite(reading.clockOffsetSeconds)) rest += `,clock_offset_s=${reading.clockOffsetSeconds}`;
  return { series, rest: `${rest} ${time}` };
}

/** The reading as one line of line protocol (precision ms), without the `record` tag. */
export function toLine(reading: Reading, options: PointOptions = {}): string {
  const point = toPoint(reading, options);
  return `${point.series} ${point.rest}`;
}

/**
 * Readings as lines. A frame that holds the same register twice (same series key) would have its
 * later records overwrite the first: those later ones get the tag `record` = their position in
 * the frame, the first stays in the register's series. Deterministic per frame, so sending a
 * frame's readings again gives the same points (readings of one frame must come in one call).
 */
export function toLines(readings: Reading[], options: PointOptions = {}): { lines: string[]; unwritable: Array<{ reading: Reading; reason: string }> } {
  const lines: string[] = [];
  const unwritable: Array<{ reading: Reading; reason: string }> = [];
  const seen = new Set<string>();
  for (const reading of readings) {
    try {
      let point = toPoint(reading, options);
      const key = `${reading.source.frame} ${point.series}`;
      if (seen.has(key) && reading.source.record !== undefined) point = toPoint(reading, options, reading.source.record);
      else seen.add(key);
      lines.push(`${point.series} ${point.rest}`);
    } catch (err) {
      if (!(err instanceof UnwritableReading)) throw err;
      unwritable.push({ reading, reason: err.message });
    }
  }
  return { lines, unwritable };
}
