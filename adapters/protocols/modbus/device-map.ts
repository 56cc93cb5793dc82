/**
 * Device maps: one meter model's Modbus registers as data (devices/<vendor>-<model>.json) —
 * address (0-based, as on the wire), function (input FC04 / holding FC03), data type, word and
 * byte order, decimal exponent, unit, quantity, tariff, qualifiers (phase, direction) and the
 * "not available" sentinel — plus an embedded register dump with the readings it must give.
 * `checkDeviceMap` validates a parsed file and fills the map-level defaults into every register.
 */
import { ConfigError } from '../../../lib/errors';
import type { Quantity } from '../../../lib/reading';
import { conversionOf } from '../../../lib/units';
import { BYTE_ORDERS, REGISTER_TYPES, WORD_ORDERS, registerCount, type ByteOrder, type RegisterType, type WordOrder } from './register-codec';

export type RegisterFunction = 'input' | 'holding';
const FUNCTIONS: readonly RegisterFunction[] = ['input', 'holding'];
/** Registers per read request (Modbus Application Protocol: FC03/FC04 carry at most 125). */
export const MAX_READ_REGISTERS = 125;

export interface RegisterDef {
  /** kebab-case, unique in the map, e.g. "import-energy", "voltage-l1". */
  name: string;
  address: number;
  function: RegisterFunction;
  type: RegisterType;
  wordOrder: WordOrder;
  byteOrder: ByteOrder;
  /** Value in `unit` = raw × 10^exponent. */
  exponent: number;
  /** The meter's unit (a lib/units.ts unit: kWh, Wh, W, kW, V, A, Hz, kvarh …). */
  unit: string;
  quantity: Quantity;
  tariff: number;
  /** e.g. ["export"], ["phase-l1"]. */
  qualifiers: string[];
  /** Value bytes (hex, most significant first) meaning "not available"; NaN floats always are. */
  invalid: string[];
}

export interface DeviceTest {
  /** Register dump per function: block start address (decimal or "0x…") → words as hex, 4 digits each (spaces allowed). */
  dump: Partial<Record<RegisterFunction, Record<string, string>>>;
  /** Expected readings in register order: name, value (canonical unit), mantissa, exponent, rawUnit, flags. */
  expected: ExpectedReading[];
}

export interface ExpectedReading {
  register: string;
  value: number | null;
  unit: string;
  mantissa: string;
  exponent: number;
  rawUnit: string;
  flags?: string[];
}

export interface DeviceMap {
  id: string;
  vendor: string;
  model: string;
  /** Three-letter FLAG manufacturer code for MeterIdentity ('' when none is known). */
  manufacturer: string;
  medium: string;
  /** Registers per request this device accepts (default 125). */
  maxRegisters: number;
  /** Unmapped registers a request may span to join two ranges (default 0: contiguous only). */
  maxGap: number;
  /** Where the addresses come from. */
  source: string;
  /** What is verified from our notes and which values are assumptions, to verify against the vendor's document. */
  assumptions: string[];
  /** A template: its addresses are not confirmed from any register document (listed as such). */
  template: boolean;
  registers: RegisterDef[];
  test?: DeviceTest;
}

type Json = Record<string, unknown>;

function fail(where: string, what: string): never {
  throw new ConfigError(`device map ${where}: ${what}`);
}

function oneOf<T extends string>(where: string, value: unknown, allowed: readonly T[], fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !allowed.includes(value as T)) fail(where, `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
  return value as T;
}

/** A register address: an integer 0…65535 or its "0x…" hex text. */
export function parseAddress(where: string, value: unknown): number {
  const n = typeof value === 'string' && /^0x[0-9a-f]+$/i.test(value) ? parseInt(value, 16)
    : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 0xffff) fail(where, `address ${JSON.stringify(value)} is not 0…65535`);
  return n;
}

function integer(where: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) fail(where, `${JSON.stringify(value)} is not an integer ${min}…${max}`);
  return value;
}

function strings(where: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(where, 'must be an array of strings');
  return value as string[];
}

function checkRegister(r: Json, map: Json, where: string): RegisterDef {
  if (typeof r.name !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(r.name)) fail(where, `name ${JSON.stringify(r.name)} is not kebab-case`);
  const at = `${where} (${r.name})`;
  const type = oneOf(`${at} type`, r.type ?? map.type, REGISTER_TYPES);
  const unit = typeof r.unit === 'string' ? r.unit : fail(at, 'unit is missing');
  if (unit !== '' && conversionOf(unit).unit === '') fail(at, `unit '${unit}' is not a known meter unit`);
  const address = parseAddress(`${at} address`, r.address);
  if (address + registerCount(type) > 0x10000) fail(at, 'runs past register 65535');
  const invalid = strings(`${at} invalid`, r.invalid);
  for (const hex of invalid) if (!/^([0-9A-F]{4})+$/.test(hex) || hex.length !== registerCount(type) * 4) fail(at, `invalid '${hex}' is not ${registerCount(type) * 4} upper-case hex digits`);
  return {
    name: r.name, address, type, unit, invalid,
    function: oneOf(`${at} function`, r.function ?? map.function, FUNCTIONS),
    wordOrder: oneOf(`${at} wordOrder`, r.wordOrder ?? map.wordOrder, WORD_ORDERS, 'high-first'),
    byteOrder: oneOf(`${at} byteOrder`, r.byteOrder ?? map.byteOrder, BYTE_ORDERS, 'big'),
    exponent: integer(`${at} exponent`, r.exponent, 0, -9, 9),
    quantity: (typeof r.quantity === 'string' ? r.quantity : fail(at, 'quantity is missing')) as Quantity,
    tariff: integer(`${at} tariff`, r.tariff, 0, 0, 15),
    qualifiers: strings(`${at} qualifiers`, r.qualifiers),
  };
}

/** Validates a parsed device map file; `where` names it in errors (a path or "built-in #3"). */
export function checkDeviceMap(parsed: unknown, where: string): DeviceMap {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail(where, 'must be a JSON object');
  const m = parsed as Json;
  if (typeof m.id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(m.id)) fail(where, `id ${JSON.stringify(m.id)} is not kebab-case`);
  const at = `${m.id}`;
  if (!Array.isArray(m.registers) || m.registers.length === 0) fail(at, 'registers must be a non-empty array');
  const registers = m.registers.map((r, i) => checkRegister(r as Json, m, `${at} register #${i}`));
  const names = new Set<string>();
  for (const r of registers) {
    if (names.has(r.name)) fail(at, `register name '${r.name}' twice`);
    names.add(r.name);
  }
  const text = (key: string, fallback?: string): string =>
    typeof m[key] === 'string' ? m[key] as string : fallback ?? fail(at, `${key} is missing`);
  return {
    id: m.id, vendor: text('vendor'), model: text('model'), manufacturer: text('manufacturer', ''), medium: text('medium', 'electricity'),
    maxRegisters: integer(`${at} maxRegisters`, m.maxRegisters, MAX_READ_REGISTERS, 4, MAX_READ_REGISTERS),
    maxGap: integer(`${at} maxGap`, m.maxGap, 0, 0, MAX_READ_REGISTERS),
    source: text('source'), assumptions: strings(`${at} assumptions`, m.assumptions), registers,
    template: m.template === undefined ? false : typeof m.template === 'boolean' ? m.template : fail(at, 'template must be true or false'),
    ...(m.test === undefined ? {} : { test: m.test as DeviceTest }),
  };
}
