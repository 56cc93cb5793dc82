/**
 * What the BMS map shows, from live readings: per apartment its room sensors' latest values
 * (and the last hour's samples of sensor 1) and its hot-water meters' use since local
 * midnight; `snapshot(now)` evaluates validity, staleness and age at the moment of reading.
 * Readings of meters not in the configuration are ignored (counted).
 */
import { ConfigError } from '../../../lib/errors';
import type { Reading } from '../../../lib/reading';

export interface BmsApartment {
  /** Meter ids of the room temperature sensors, sensor 1 first (at most 2). */
  rooms: string[];
  /** Meter ids of the hot-water meters. */
  hotWater: string[];
}

export interface BmsStateOptions {
  apartments: BmsApartment[];
  /** A temperature older than this is stale: 0x8000 plus status bit 1 (default 60). */
  staleAfterMinutes?: number;
  /** Local day for "today" (default Europe/Stockholm). */
  timeZone?: string;
}

interface Sample { at: number; value: number }
interface Sensor { latest?: Sample & { valid: boolean; flags: string[] }; hour: Sample[] }
interface WaterMeter { baseline?: number; latest?: Sample & { day: string } }

export interface ApartmentSnapshot {
  temperatures: Array<number | null>;
  hourlyMean: number | null;
  ageMinutes: number | null;
  stale: boolean;
  lowBattery: boolean;
  meterError: boolean;
  hotWaterLitres: number | null;
}

const HOUR_MS = 3_600_000;
const TEMPERATURE_QUANTITIES = new Set(['temperature', 'external-temperature', 'flow-temperature']);
const ERROR_FLAGS = ['meter-error', 'permanent-error', 'temporary-error', 'invalid-value'];

export class BmsState {
  readonly staleMs: number;
  private readonly sensors = new Map<string, Sensor>();
  private readonly water = new Map<string, WaterMeter>();
  private readonly day: Intl.DateTimeFormat;
  newest: number | undefined;

  constructor(readonly options: BmsStateOptions) {
    if (!Array.isArray(options.apartments) || options.apartments.length === 0) throw new ConfigError('apartments: at least one is needed');
    options.apartments.forEach((a, i) => {
      if (!Array.isArray(a.rooms) || a.rooms.length > 2 || !Array.isArray(a.hotWater)) throw new ConfigError(`apartment ${i + 1}: rooms (≤ 2 meter ids) and hotWater (meter ids) are needed`);
      for (const id of a.rooms) this.sensors.set(String(id), { hour: [] });
      for (const id of a.hotWater) this.water.set(String(id), {});
    });
    this.staleMs = (options.staleAfterMinutes ?? 60) * 60_000;
    this.day = new Intl.DateTimeFormat('sv-SE', { timeZone: options.timeZone ?? 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  /** Takes the readings that belong to configured meters; returns how many were used. */
  update(readings: readonly Reading[]): number {
    let used = 0;
    for (const r of readings) {
      const at = Date.parse(r.timestamp);
      if (Number.isNaN(at) || r.storage !== 0) continue;
      const sensor = this.sensors.get(r.meter.id);
      const meter = this.water.get(r.meter.id);
      if (sensor && r.unit === 'C' && TEMPERATURE_QUANTITIES.has(r.quantity)) used += this.takeTemperature(sensor, r, at);
      else if (meter && r.unit === 'm3' && r.quantity === 'volume' && r.tariff === 0 && typeof r.value === 'number') used += this.takeVolume(meter, r.value, at);
    }
    return used;
  }

  private seen(at: number): number {
    this.newest = Math.max(this.newest ?? at, at);
    return 1;
  }

  private takeTemperature(sensor: Sensor, r: Reading, at: number): number {
    if (sensor.latest && at < sensor.latest.at) return 0;
    const valid = typeof r.value === 'number' && !r.flags.some((f) => ERROR_FLAGS.includes(f));
    sensor.latest = { at, value: typeof r.value === 'number' ? r.value : Number.NaN, valid, flags: r.flags };
    if (valid) sensor.hour = [...sensor.hour.filter((s) => s.at > at - HOUR_MS), { at, value: r.value as number }];
    return this.seen(at);
  }

  private takeVolume(meter: WaterMeter, m3: number, at: number): number {
    if (meter.latest && at < meter.latest.at) return 0;
    const day = this.day.format(at);
    if (!meter.latest) meter.baseline = m3;
    else if (meter.latest.day !== day) meter.baseline = meter.latest.value;
    meter.latest = { at, value: m3, day };
    return this.seen(at);
  }

  private temperatureAt(id: string | undefined, now: number): { value: number | null; sensor?: Sensor; stale: boolean } {
    const sensor = id === undefined ? undefined : this.sensors.get(id);
    const latest = sensor?.latest;
    if (!latest) return { value: null, ...(sensor ? { sensor } : {}), stale: false };
    const stale = now - latest.at > this.staleMs;
    return { value: latest.valid && !stale ? latest.value : null, sensor: sensor!, stale };
  }

  /** Litres since local midnight of `now`, summed over the meters; null when none has a reading today. */
  private hotWaterToday(ids: readonly string[], now: number): number | null {
    const today = this.day.format(now);
    let litres: number | null = null;
    for (const id of ids) {
      const m = this.water.get(id)!;
      if (m.latest?.day === today && m.baseline !== undefined) litres = (litres ?? 0) + Math.max(0, Math.round((m.latest.value - m.baseline) * 1000));
    }
    return litres;
  }

  snapshot(now: number): { apartments: ApartmentSnapshot[]; hotWaterLitres: number | null } {
    const apartments = this.options.apartments.map((a): ApartmentSnapshot => {
      const first = this.temperatureAt(a.rooms[0], now);
      const second = this.temperatureAt(a.rooms[1], now);
      const hour = first.sensor?.hour.filter((s) => s.at > now - HOUR_MS) ?? [];
      const flags = [first, second].flatMap((t) => t.sensor?.latest?.flags ?? []);
      const latest = first.sensor?.latest;
      return {
        temperatures: [first.value, second.value],
        hourlyMean: hour.length > 0 ? hour.reduce((s, x) => s + x.value, 0) / hour.length : null,
        ageMinutes: latest ? Math.max(0, Math.floor((now - latest.at) / 60_000)) : null,
        stale: first.stale || second.stale,
        lowBattery: flags.includes('power-low'),
        meterError: flags.some((f) => ERROR_FLAGS.includes(f)),
        hotWaterLitres: this.hotWaterToday(a.hotWater, now),
      };
    });
    const perApartment = apartments.map((a) => a.hotWaterLitres).filter((l): l is number => l !== null);
    return { apartments, hotWaterLitres: perApartment.length > 0 ? perApartment.reduce((s, l) => s + l, 0) : null };
  }
}
