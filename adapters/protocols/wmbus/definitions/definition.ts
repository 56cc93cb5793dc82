/**
 * Meter definitions as data (one JSON file per meter type, in the spirit of wmbusmeters'
 * drivers): detection by manufacturer / version / device type, field names for records
 * (matched by quantity, storage, tariff, subunit, function or the exact DIF/VIF bytes),
 * status-bit meanings, values read out of a manufacturer-specific payload (bit ranges of
 * `manufacturerData`, e.g. Techem's CI 0xA2 or a decrypted Apator NA-1 block), and embedded test
 * telegrams with their expected fields, run by one generic test runner. The generic EN 13757-3
 * decoding is always done; a definition only names and interprets.
 */
import { ConfigError } from '../../../../lib/errors';
import type { DataRecord } from '../../mbus/app/types';
import type { WirelessTelegram } from '../types';

export interface FieldMatch {
  quantity?: string; storage?: number; tariff?: number; subunit?: number; function?: string;
  /** DIF and VIB bytes as sent, hex (e.g. "02FF20"). */
  difVif?: string;
}

/**
 * A value read out of `manufacturerData`: the sum of terms, each an unsigned integer made of bit
 * ranges [first bit, bit count] (bit 0 = least significant bit of the payload's first byte;
 * ranges concatenated least significant first) times `scale`.
 */
export interface DataTerm { bits: Array<[number, number]>; scale?: number }

export interface FieldDefinition {
  name: string;
  about?: string;
  /** Either `match` (a data record) or `data` (manufacturer-specific payload). */
  match?: FieldMatch;
  data?: DataTerm[];
  /** Status bits: bit value (decimal text) → meaning; the field becomes the list of set bits. */
  bits?: Record<string, string>;
}

export interface MeterDefinition {
  id: string;
  title: string;
  /** What is and is not decoded (proprietary payloads, undocumented bits). */
  about?: string;
  /** Manufacturer, and optionally versions, device types and the transport-layer CI (e.g. 0xA2). */
  detect: Array<{ manufacturer: string; version?: number[]; deviceType?: number[]; ci?: number[] }>;
  fields: FieldDefinition[];
  tests: Array<{ about: string; telegram: string; preceding?: string[]; key?: string; expect: Record<string, unknown> }>;
}

export type FieldValue = number | string | string[] | null;

/** Checks the shape of a parsed definition; `source` names the file in errors. */
export function checkDefinition(d: unknown, source: string): MeterDefinition {
  const o = d as Partial<MeterDefinition> | null;
  const fail = (what: string): never => { throw new ConfigError(`meter definition ${source}: ${what}`); };
  if (typeof o !== 'object' || o === null) return fail('not a JSON object');
  if (typeof o.id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(o.id)) fail('"id" must be a kebab-case text');
  if (typeof o.title !== 'string') fail('"title" must be a text');
  if (!Array.isArray(o.detect) || o.detect.some((r) => typeof r?.manufacturer !== 'string')) fail('"detect" must list {manufacturer, version?, deviceType?}');
  if (!Array.isArray(o.fields) || o.fields.some((f) => typeof f?.name !== 'string' || (typeof f.match !== 'object') === !Array.isArray(f.data))) fail('"fields" must list {name, match} or {name, data}');
  if (!Array.isArray(o.tests)) fail('"tests" must be a list (may be empty)');
  return o as MeterDefinition;
}

/** True when the definition applies to the meter of this telegram (TPL identity, else link layer). */
export function detects(d: MeterDefinition, t: WirelessTelegram): boolean {
  const m = t.header?.manufacturer ?? t.frame.manufacturer;
  const v = t.header?.version ?? t.frame.version;
  const type = t.header?.mediumCode ?? t.frame.deviceType;
  const ci = t.frame.tplCi ?? t.frame.ci;
  return d.detect.some((r) => r.manufacturer === m && (!r.version || r.version.includes(v)) && (!r.deviceType || r.deviceType.includes(type)) && (!r.ci || r.ci.includes(ci)));
}

function matches(m: FieldMatch, r: DataRecord): boolean {
  return (m.quantity === undefined || m.quantity === r.quantity) && (m.storage === undefined || m.storage === r.storage)
    && (m.tariff === undefined || m.tariff === r.tariff) && (m.subunit === undefined || m.subunit === r.subunit)
    && (m.function === undefined || m.function === r.function) && (m.difVif === undefined || m.difVif.toUpperCase() === r.dif + r.vif);
}

function littleEndian(hex: string): number {
  let v = 0;
  for (let i = hex.length - 2; i >= 0; i -= 2) v = v * 256 + parseInt(hex.slice(i, i + 2), 16);
  return v;
}

function valueOf(f: FieldDefinition, r: DataRecord): FieldValue {
  if (!f.bits) return r.value;
  const v = littleEndian(r.raw.bytes);
  return Object.entries(f.bits).filter(([bit]) => (v & Number(bit)) !== 0).map(([, meaning]) => meaning);
}

function bitsOf(data: string, [first, count]: [number, number]): number | null {
  let v = 0;
  for (let k = count - 1; k >= 0; k--) {
    const bit = first + k, at = 2 * (bit >> 3);
    if (at + 2 > data.length) return null;
    v = v * 2 + ((parseInt(data.slice(at, at + 2), 16) >> (bit & 7)) & 1);
  }
  return v;
}

/** The sum of the terms read out of the manufacturer data (hex); null when it is too short. */
function dataValue(terms: DataTerm[], data: string): number | null {
  let sum = 0;
  for (const t of terms) {
    let v = 0, weight = 1;
    for (const range of t.bits) {
      const part = bitsOf(data, range);
      if (part === null) return null;
      v += part * weight;
      weight *= 2 ** range[1];
    }
    sum += v * (t.scale ?? 1);
  }
  return Number(sum.toPrecision(12));
}

/** The named fields of a telegram: for each field the first matching record, or its payload value. */
export function applyDefinition(d: MeterDefinition, t: WirelessTelegram): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of d.fields) {
    if (f.data) {
      const v = t.manufacturerData ? dataValue(f.data, t.manufacturerData) : null;
      if (v !== null) out[f.name] = v;
      continue;
    }
    const r = t.records.find((rec) => matches(f.match!, rec));
    if (r) out[f.name] = valueOf(f, r);
  }
  return out;
}
