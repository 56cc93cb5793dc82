/**
 * The NV map: what the wire does not say. Each entry ties a network variable — an NV selector
 * from a sending device (IP-852) or a SmartServer datapoint path (IAP/MQ) — to its SNVT type,
 * the meter it belongs to and the quantity it measures. Validated once, with errors naming the
 * entry and field; lookups are by selector + source device + domain, or by datapoint path.
 */
import { ConfigError } from '../../../lib/errors';
import type { Quantity } from '../../../lib/reading';
import { NV_SELECTOR_MAX } from './nv-message';
import { snvtDefinition } from './snvt-codec';
import type { SnvtDefinition } from './snvt-table';

/** One entry as written in configuration (JSON). */
export interface NvMapEntryConfig {
  /** NV selector 0…0x3FFF (number, or text like "0x12"), for NV updates from IP-852. */
  selector?: number | string;
  /** Sending device as "subnet/node" (e.g. "1/12"); omitted = any device. */
  device?: string;
  /** Domain id as hex (e.g. "4C"); omitted = any domain. */
  domain?: string;
  /** SmartServer datapoint path, or its trailing part (e.g. "nvoTotkWhImp"), for IAP/MQ. */
  datapoint?: string;
  /** SNVT name, e.g. "SNVT_elec_kwh_l". */
  type: string;
  /** Meter id the value belongs to (the hub's meter / metering point key). */
  meter: string;
  quantity?: Quantity;
  medium?: string;
  tariff?: number;
}

export interface NvMapEntry {
  selector?: number;
  device?: string;
  domain?: string;
  datapoint?: string;
  snvt: SnvtDefinition;
  meter: string;
  quantity?: Quantity;
  medium: string;
  tariff: number;
}

const DEVICE = /^(\d{1,3})\/(\d{1,3})$/;
const DOMAIN = /^[0-9A-F]*$/;

function selectorOf(value: number | string, where: string): number {
  const n = typeof value === 'number' ? value : /^(0x[0-9a-f]+|\d+)$/i.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > NV_SELECTOR_MAX) throw new ConfigError(`${where}: selector '${value}' is not 0…0x3FFF`);
  return n;
}

function deviceOf(text: string, where: string): string {
  const m = DEVICE.exec(text.trim());
  if (!m || Number(m[1]) > 255 || Number(m[2]) > 127 || Number(m[1]) === 0) {
    throw new ConfigError(`${where}: device '${text}' is not "subnet/node" (subnet 1…255, node 0…127)`);
  }
  return `${Number(m[1])}/${Number(m[2])}`;
}

function entryOf(raw: unknown, i: number): NvMapEntry {
  const where = `NV map entry ${i + 1}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${where}: expected an object`);
  const c = raw as Partial<NvMapEntryConfig>;
  if (typeof c.type !== 'string') throw new ConfigError(`${where}: "type" (an SNVT name) is required`);
  if (typeof c.meter !== 'string' || c.meter.trim() === '') throw new ConfigError(`${where}: "meter" (a meter id) is required`);
  if (c.selector === undefined && c.datapoint === undefined) throw new ConfigError(`${where}: give "selector" (IP-852) or "datapoint" (IAP/MQ)`);
  let snvt: SnvtDefinition;
  try { snvt = snvtDefinition(c.type); } catch (err) { throw new ConfigError(`${where}: ${(err as Error).message}`); }
  const domain = c.domain?.trim().toUpperCase();
  if (domain !== undefined && !(DOMAIN.test(domain) && [0, 2, 6, 12].includes(domain.length))) throw new ConfigError(`${where}: domain '${c.domain}' is not 0, 1, 3 or 6 bytes of hex`);
  if (c.tariff !== undefined && !(Number.isInteger(c.tariff) && c.tariff >= 0)) throw new ConfigError(`${where}: tariff must be a whole number ≥ 0`);
  return {
    ...(c.selector === undefined ? {} : { selector: selectorOf(c.selector, where) }),
    ...(c.device === undefined ? {} : { device: deviceOf(c.device, where) }),
    ...(domain === undefined ? {} : { domain }),
    ...(c.datapoint === undefined ? {} : { datapoint: String(c.datapoint) }),
    ...(c.quantity === undefined ? {} : { quantity: c.quantity }),
    snvt, meter: c.meter.trim(), medium: c.medium ?? 'unknown', tariff: c.tariff ?? 0,
  };
}

/** The key that must be unique per entry. */
const keyOf = (e: NvMapEntry): string => e.datapoint !== undefined ? `datapoint ${e.datapoint}` : `selector ${e.selector} device ${e.device ?? '*'} domain ${e.domain ?? '*'}`;

export class NvMap {
  readonly entries: readonly NvMapEntry[];

  /** Validates configuration (an array of entries, or its JSON text); ConfigError names the entry. */
  constructor(config: unknown) {
    const list = typeof config === 'string' ? parseJson(config) : config;
    if (!Array.isArray(list)) throw new ConfigError('NV map: expected a JSON array of entries');
    this.entries = list.map(entryOf);
    const seen = new Set<string>();
    for (const e of this.entries) {
      if (seen.has(keyOf(e))) throw new ConfigError(`NV map: ${keyOf(e)} appears twice`);
      seen.add(keyOf(e));
    }
  }

  /** The entry of an NV selector from subnet/node in a domain; device- and domain-specific entries win. */
  forNv(selector: number, subnet: number, node: number, domain: string): NvMapEntry | undefined {
    const device = `${subnet}/${node}`;
    let best: NvMapEntry | undefined;
    let bestScore = -1;
    for (const e of this.entries) {
      if (e.selector !== selector || (e.device ?? device) !== device || (e.domain ?? domain) !== domain) continue;
      const score = (e.device ? 2 : 0) + (e.domain !== undefined ? 1 : 0);
      if (score > bestScore) { best = e; bestScore = score; }
    }
    return best;
  }

  /** The entry of a datapoint path: an exact match, else the entry whose path is its trailing part. */
  forDatapoint(path: string): NvMapEntry | undefined {
    return this.entries.find((e) => e.datapoint === path)
      ?? this.entries.find((e) => e.datapoint !== undefined && path.endsWith(`/${e.datapoint}`));
  }
}

function parseJson(text: string): unknown {
  try { return JSON.parse(text); } catch (err) { throw new ConfigError(`NV map: not valid JSON (${(err as Error).message})`); }
}
