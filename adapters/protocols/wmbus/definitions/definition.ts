/**
 * Meter definitions as data (one JSON file per meter type, in the spirit of wmbusmeters'
 * drivers): detection by manufacturer / version / device type, field names for records
 * (matched by quantity, storage, tariff, subunit, function or the exact DIF/VIF bytes),
 * status-bit meanings, and embedded test telegrams with their expected fields, run by one
 * generic test runner. The generic EN 13757-3 decoding is always done; a definition only names
 * and interprets records.
 */
import { ConfigError } from '../../../../lib/errors';
import type { DataRecord } from '../../mbus/app/types';
import type { WirelessTelegram } from '../types';

export interface FieldMatch {
  quantity?: string; storage?: number; tariff?: number; subunit?: number; function?: string;
  /** DIF and VIB bytes as sent, hex (e.g. "02FF20"). */
  difVif?: string;
}

export interface FieldDefinition {
  name: string;
  about?: string;
  match: FieldMatch;
  /** Status bits: bit value (decimal text) → meaning; the field becomes the list of set bits. */
  bits?: Record<string, string>;
}

export interface MeterDefinition {
  id: string;
  title: string;
  detect: Array<{ manufacturer: string; version?: number[]; deviceType?: number[] }>;
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
  if (!Array.isArray(o.fields) || o.fields.some((f) => typeof f?.name !== 'string' || typeof f.match !== 'object')) fail('"fields" must list {name, match}');
  if (!Array.isArray(o.tests)) fail('"tests" must be a list (may be empty)');
  return o as MeterDefinition;
}

/** True when the definition applies to the meter of this telegram (TPL identity, else link layer). */
export function detects(d: MeterDefinition, t: WirelessTelegram): boolean {
  const m = t.header?.manufacturer ?? t.frame.manufacturer;
  const v = t.header?.version ?? t.frame.version;
  const type = t.header?.mediumCode ?? t.frame.deviceType;
  return d.detect.some((r) => r.manufacturer === m && (!r.version || r.version.includes(v)) && (!r.deviceType || r.deviceType.includes(type)));
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

/** The named fields of a telegram: for each field the first matching record. */
export function applyDefinition(d: MeterDefinition, t: WirelessTelegram): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of d.fields) {
    const r = t.records.find((rec) => matches(f.match, rec));
    if (r) out[f.name] = valueOf(f, r);
  }
  return out;
}
