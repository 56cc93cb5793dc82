/**
 * The register image of the BMS map: a snapshot (bms-state.ts) encoded field by field as
 * bms-layout.ts describes — temperatures as signed °C×10 (0x8000 when missing or stale) and
 * float32 ABCD (NaN), status bits, ages in minutes (0xFFFF never), litres as u32 high word first.
 */
import {
  APARTMENT_FIELDS, APARTMENT_STRIDE, BUILDING_FIELDS, MAP_VERSION, MISSING_S16, NEVER_U16, STATUS, mapSize, type BmsLayout, type Field,
} from './bms-layout';
import type { ApartmentSnapshot, BmsState } from './bms-state';

const U32_MAX = 0xffffffff;

function tenths(value: number | null): number {
  if (value === null) return MISSING_S16;
  const t = Math.round(value * 10);
  return t < -32767 || t > 32767 ? MISSING_S16 : t & 0xffff;
}

function put(image: Uint16Array, at: number, f: Field, value: number | null): void {
  const a = at + f.offset;
  if (f.type === 'float32') {
    const b = Buffer.alloc(4);
    b.writeFloatBE(value ?? Number.NaN);
    image[a] = b.readUInt16BE(0);
    image[a + 1] = b.readUInt16BE(2);
  } else if (f.type === 'u32') {
    const v = Math.min(U32_MAX, Math.max(0, Math.round(value ?? 0)));
    image[a] = Math.floor(v / 0x10000);
    image[a + 1] = v % 0x10000;
  } else if (f.type === 's16') image[a] = tenths(value);
  else image[a] = value === null ? NEVER_U16 : Math.min(NEVER_U16, Math.max(0, Math.round(value)));
}

function apartmentStatus(a: ApartmentSnapshot): number {
  return (a.temperatures[0] !== null ? STATUS.temperatureValid : 0) | (a.stale ? STATUS.stale : 0)
    | (a.lowBattery ? STATUS.lowBattery : 0) | (a.meterError ? STATUS.meterError : 0)
    | (a.ageMinutes === null ? STATUS.neverReceived : 0) | (a.temperatures[1] !== null ? STATUS.temperature2Valid : 0)
    | (a.hotWaterLitres !== null ? STATUS.hotWaterValid : 0);
}

function apartmentValues(a: ApartmentSnapshot): Record<string, number | null> {
  return {
    'room-temperature': a.temperatures[0] ?? null, 'room-temperature-2': a.temperatures[1] ?? null,
    'temperature-hourly-mean': a.hourlyMean, 'status': apartmentStatus(a), 'age': a.ageMinutes,
    'room-temperature-float': a.temperatures[0] ?? null, 'hot-water-today': a.hotWaterLitres, 'reserved': 0,
  };
}

export function encodeImage(layout: BmsLayout, state: BmsState, now: number): Uint16Array {
  const image = new Uint16Array(mapSize(layout));
  const snap = state.snapshot(now);
  const statuses = snap.apartments.map(apartmentStatus);
  const valid = snap.apartments.map((a) => a.temperatures[0]).filter((t): t is number => t !== null && t !== undefined);
  const mean = valid.length > 0 ? valid.reduce((s, t) => s + t, 0) / valid.length : null;
  const any = (bit: number): number => (statuses.some((s) => (s & bit) !== 0) ? bit : 0);
  const building: Record<string, number | null> = {
    'map-version': MAP_VERSION, 'apartments': layout.apartments, 'apartment-base': layout.apartmentBase, 'apartment-stride': APARTMENT_STRIDE,
    'temperature-min': valid.length > 0 ? Math.min(...valid) : null, 'temperature-mean': mean,
    'temperature-max': valid.length > 0 ? Math.max(...valid) : null, 'temperature-valid-count': valid.length,
    'hot-water-today': snap.hotWaterLitres,
    'building-status': any(STATUS.temperatureValid) | any(STATUS.stale) | any(STATUS.lowBattery) | any(STATUS.meterError) | any(STATUS.neverReceived),
    'data-age': state.newest === undefined ? null : Math.floor((now - state.newest) / 60_000), 'temperature-mean-float': mean,
  };
  for (const f of BUILDING_FIELDS) put(image, 0, f, building[f.name] ?? null);
  snap.apartments.slice(0, layout.apartments).forEach((a, i) => {
    const values = apartmentValues(a);
    for (const f of APARTMENT_FIELDS) put(image, layout.apartmentBase + APARTMENT_STRIDE * i, f, values[f.name] ?? null);
  });
  return image;
}
