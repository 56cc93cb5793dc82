/**
 * The BMS register map: a building block at address 0 and one fixed block of 10 registers per
 * apartment (k = 1…N) at `apartmentBase + 10·(k−1)`, identical on FC03 (holding) and FC04
 * (input). Addresses are 0-based as on the wire; the CSV also gives the 1-based 3xxxx/4xxxx
 * numbers and the mbpoll `-r` value. Every field is described once here, for the encoder, the
 * CSV export and the README.
 */
import { ConfigError } from '../../../lib/errors';

export const MAP_VERSION = 1;
export const APARTMENT_STRIDE = 10;
export const DEFAULT_APARTMENT_BASE = 100;
/** Building block size: the apartment base may not be lower. */
export const BUILDING_REGISTERS = 20;
/** "No valid value" in a signed 16-bit register (−32768). */
export const MISSING_S16 = 0x8000;
/** "Never" in an unsigned 16-bit age register. */
export const NEVER_U16 = 0xffff;

/** Status bits of an apartment (register +3) and of the building (register 10). */
export const STATUS = {
  temperatureValid: 1 << 0, stale: 1 << 1, lowBattery: 1 << 2, meterError: 1 << 3, neverReceived: 1 << 4,
  temperature2Valid: 1 << 5, hotWaterValid: 1 << 6,
} as const;

export type FieldType = 'u16' | 's16' | 'u32' | 'float32';

export interface Field {
  offset: number;
  name: string;
  type: FieldType;
  /** Scale and unit as the integrator reads them, e.g. "°C×10", "l", "minutes". */
  unit: string;
  description: string;
}

export const BUILDING_FIELDS: readonly Field[] = [
  { offset: 0, name: 'map-version', type: 'u16', unit: '', description: `layout version (${MAP_VERSION})` },
  { offset: 1, name: 'apartments', type: 'u16', unit: '', description: 'number of apartment blocks N' },
  { offset: 2, name: 'apartment-base', type: 'u16', unit: '', description: 'address of apartment 1 block' },
  { offset: 3, name: 'apartment-stride', type: 'u16', unit: '', description: `registers per apartment block (${APARTMENT_STRIDE})` },
  { offset: 4, name: 'temperature-min', type: 's16', unit: '°C×10', description: 'lowest valid room temperature; 0x8000 none valid' },
  { offset: 5, name: 'temperature-mean', type: 's16', unit: '°C×10', description: 'mean of valid room temperatures; 0x8000 none valid' },
  { offset: 6, name: 'temperature-max', type: 's16', unit: '°C×10', description: 'highest valid room temperature; 0x8000 none valid' },
  { offset: 7, name: 'temperature-valid-count', type: 'u16', unit: '', description: 'valid room temperatures in the aggregate' },
  { offset: 8, name: 'hot-water-today', type: 'u32', unit: 'l', description: 'hot-water use since local midnight, all apartments (high word first)' },
  { offset: 10, name: 'building-status', type: 'u16', unit: 'bits', description: 'bit0 some temperature valid, bit1 some stale, bit2 some low battery, bit3 some meter error, bit4 some never received' },
  { offset: 11, name: 'data-age', type: 'u16', unit: 'minutes', description: 'minutes since the newest value; 0xFFFF never' },
  { offset: 12, name: 'temperature-mean-float', type: 'float32', unit: '°C', description: 'mean as IEEE float32 ABCD; NaN none valid' },
];

export const APARTMENT_FIELDS: readonly Field[] = [
  { offset: 0, name: 'room-temperature', type: 's16', unit: '°C×10', description: 'room temperature (sensor 1); 0x8000 missing or stale' },
  { offset: 1, name: 'room-temperature-2', type: 's16', unit: '°C×10', description: 'second room sensor; 0x8000 missing, stale or none' },
  { offset: 2, name: 'temperature-hourly-mean', type: 's16', unit: '°C×10', description: 'mean of sensor 1 over the last 60 minutes; 0x8000 none' },
  { offset: 3, name: 'status', type: 'u16', unit: 'bits', description: 'bit0 temperature valid, bit1 stale, bit2 low battery, bit3 meter error, bit4 never received, bit5 sensor 2 valid, bit6 hot water valid' },
  { offset: 4, name: 'age', type: 'u16', unit: 'minutes', description: 'age of the sensor 1 value; 0xFFFF never' },
  { offset: 5, name: 'room-temperature-float', type: 'float32', unit: '°C', description: 'room temperature as IEEE float32 ABCD; NaN missing or stale' },
  { offset: 7, name: 'hot-water-today', type: 'u32', unit: 'l', description: 'hot-water use since local midnight (high word first); 0 with bit6 clear when unknown' },
  { offset: 9, name: 'reserved', type: 'u16', unit: '', description: 'reserved, 0' },
];

export interface BmsLayout {
  apartments: number;
  apartmentBase: number;
}

export function checkLayout(apartments: number, apartmentBase = DEFAULT_APARTMENT_BASE): BmsLayout {
  if (!Number.isInteger(apartments) || apartments < 1) throw new ConfigError(`apartments ${apartments}: must be an integer ≥ 1`);
  if (!Number.isInteger(apartmentBase) || apartmentBase < BUILDING_REGISTERS) throw new ConfigError(`apartment base ${apartmentBase}: must be an integer ≥ ${BUILDING_REGISTERS}`);
  if (apartmentBase + APARTMENT_STRIDE * apartments > 0x10000) throw new ConfigError(`${apartments} apartments from ${apartmentBase} do not fit 65536 registers`);
  return { apartments, apartmentBase };
}

/** Registers the map spans (addresses 0 … size−1). */
export function mapSize(layout: BmsLayout): number {
  return layout.apartmentBase + APARTMENT_STRIDE * layout.apartments;
}

/** 0-based address of a field of apartment k (1-based). */
export function apartmentAddress(layout: BmsLayout, k: number, field = 'room-temperature'): number {
  const f = APARTMENT_FIELDS.find((x) => x.name === field);
  if (!f) throw new ConfigError(`unknown apartment field '${field}'`);
  return layout.apartmentBase + APARTMENT_STRIDE * (k - 1) + f.offset;
}

/** The map as CSV for the BMS integrator: one row per field. */
export function mapCsv(layout: BmsLayout): string {
  const rows = ['address,input_register,holding_register,mbpoll_r,apartment,name,type,registers,unit,description'];
  const row = (address: number, apartment: string, f: Field): string => [
    address, 30001 + address, 40001 + address, address + 1, apartment, f.name, f.type, f.type === 'u32' || f.type === 'float32' ? 2 : 1,
    f.unit, `"${f.description.replace(/"/g, '""')}"`].join(',');
  for (const f of BUILDING_FIELDS) rows.push(row(f.offset, '', f));
  for (let k = 1; k <= layout.apartments; k++) {
    for (const f of APARTMENT_FIELDS) rows.push(row(apartmentAddress(layout, k, f.name), String(k), f));
  }
  return `${rows.join('\n')}\n`;
}
