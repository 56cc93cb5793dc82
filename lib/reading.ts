/**
 * The canonical reading: the one shape every protocol adapter emits, validation annotates,
 * stores persist and billing/exporters consume. `msg.payload` in Node-RED carries `Reading[]`.
 *
 * Traceability rule: `raw` keeps the register exactly as the meter sent it (integer mantissa
 * and decimal exponent in the unit the meter used, plus the data bytes), so the value on an
 * invoice can be traced back bit for bit to the telegram referenced by `source.frame`.
 */

/** What a value measures. Ids are kebab-case and the same across every protocol. */
export type Quantity =
  | 'energy' | 'volume' | 'mass' | 'power' | 'volume-flow' | 'mass-flow'
  | 'flow-temperature' | 'return-temperature' | 'temperature-difference' | 'external-temperature'
  | 'temperature' | 'pressure' | 'hca' | 'relative-humidity' | 'voltage' | 'current' | 'frequency'
  | 'on-time' | 'operating-time' | 'averaging-duration' | 'actuality-duration' | 'duration'
  | 'date' | 'datetime' | 'time'
  | 'fabrication-number' | 'enhanced-identification' | 'bus-address' | 'access-number' | 'medium'
  | 'manufacturer' | 'parameter-set' | 'model-version' | 'hardware-version' | 'firmware-version'
  | 'software-version' | 'customer-location' | 'customer' | 'access-code' | 'password'
  | 'error-flags' | 'error-mask' | 'digital-output' | 'digital-input' | 'baud-rate' | 'response-delay'
  | 'retry' | 'remote-control' | 'size-of-storage-block' | 'storage-interval' | 'reset-counter'
  | 'cumulation-counter' | 'control-signal' | 'day-of-week' | 'week-number' | 'time-point-of-day-change'
  | 'state-of-parameter-activation' | 'special-supplier-information' | 'duration-since-last-cumulation'
  | 'operating-time-battery' | 'battery-change-date' | 'remaining-battery-life' | 'rf-level'
  | 'reactive-energy' | 'apparent-energy' | 'reactive-power' | 'apparent-power' | 'phase'
  | 'credit' | 'debit' | 'unique-message-id' | 'device-type' | 'dimensionless' | 'text'
  | 'manufacturer-specific' | 'unknown';

/**
 * Canonical units (one per quantity family): energy kWh, volume m3, power W, volume flow m3/h,
 * temperature C, temperature difference K, mass kg, mass flow kg/h, durations s, pressure bar,
 * HCA units hca, relative humidity %, voltage V, current A, frequency Hz, dates as text.
 * '' means dimensionless (counters, identifiers, flags).
 */
export type CanonicalUnit =
  | 'kWh' | 'kvarh' | 'kVAh' | 'm3' | 'kg' | 'W' | 'var' | 'VA' | 'm3/h' | 'kg/h' | 'C' | 'K'
  | 's' | 'bar' | 'hca' | '%' | 'V' | 'A' | 'Hz' | 'dBm' | 'date' | 'datetime' | 'time' | '';

/** How the value was formed over time (EN 13757-3 DIF function field). */
export type ReadingFunction = 'instantaneous' | 'maximum' | 'minimum' | 'error';

/**
 * The register exactly as sent. For integer and BCD data `mantissa` holds every digit
 * (a decimal integer string with optional '-'), and the value in `unit` is
 * mantissa × 10^exponent — exact, no binary float involved. For 32-bit reals `mantissa` is the
 * shortest decimal that round-trips the float. Dates and texts carry their text in `mantissa`
 * with exponent 0. `bytes` is the data field in telegram byte order (hex).
 */
export interface RawValue {
  mantissa: string;
  exponent: number;
  /** The unit the meter used before conversion, e.g. "Wh", "m3", "J", "MWh", "GJ", "l/h". */
  unit: string;
  /** The wire encoding: int, bcd, real, date, text, bytes, bool. */
  encoding: 'int' | 'bcd' | 'real' | 'date' | 'text' | 'bytes' | 'none';
  /** The data bytes as sent (hex, telegram byte order). */
  bytes: string;
}

/** Who the meter is. Identity travels with every value, from telegram to export. */
export interface MeterIdentity {
  /** Three-letter manufacturer code (FLAG association), e.g. "KAM". */
  manufacturer: string;
  /** Meter id / serial, the 8 BCD digits as printed on the meter. */
  id: string;
  version: number;
  /** Medium / device type name, e.g. "water", "heat", "electricity", "room-sensor". */
  medium: string;
  /** The medium byte as sent. */
  mediumCode: number;
}

/** Where a reading came from and where its raw frame is kept for audit. */
export interface ReadingSource {
  protocol: 'mbus' | 'wmbus' | 'modbus' | 'lonworks' | 'pulse' | 'manual' | string;
  /** Reference to the raw frame: a content hash or archive key of the telegram. */
  frame: string;
  /** Position of the record within the frame (0-based), when the protocol has records. */
  record?: number;
  /** Gateway, bus or receiver the frame came through. */
  via?: string;
  /** Received signal strength in dBm (radio receivers), when the receiver reports it. */
  rssi?: number;
}

/** Quality and status flags; validation adds its own. */
export type QualityFlag =
  | 'meter-busy' | 'meter-error' | 'meter-alarm' | 'power-low' | 'permanent-error'
  | 'temporary-error' | 'value-during-error' | 'invalid-time' | 'bcd-error-digits'
  | 'manufacturer-specific' | 'unknown-unit' | 'estimated' | 'corrected' | string;

/** One value of one register of one meter at one time. */
export interface Reading {
  meter: MeterIdentity;
  quantity: Quantity;
  /** Value in `unit` (a canonical unit); a number, or a text for dates/identifiers. */
  value: number | string | null;
  unit: CanonicalUnit;
  raw: RawValue;
  storage: number;
  tariff: number;
  subunit: number;
  function: ReadingFunction;
  /** Extra meaning from combinable VIFEs (e.g. "per-hour", "accumulation-positive"). */
  qualifiers?: string[];
  /** When the value applies (ISO 8601, UTC): the meter's own time when given, else reception time. */
  timestamp: string;
  /** When the hub received the frame (ISO 8601, UTC). */
  receivedAt: string;
  /**
   * The meter's own clock minus the hub's at the readout, in seconds, when the readout had a
   * date/time record (lib/collection/meter-time.ts); beyond the drift threshold the reading is
   * also flagged 'clock-drift'.
   */
  clockOffsetSeconds?: number;
  flags: QualityFlag[];
  source: ReadingSource;
}
