/**
 * A simulated year of hourly values for the acceptance test, generated in-process from the
 * building simulator's model (no TCP): every meter of a Building becomes a track — one value,
 * flag word and clock offset per hour, or nothing (silent) — with the simulator's faults as
 * the meters themselves apply them (SimulatedMeter.registerAt / climateAt / status / identity).
 * What a real collection chain would see of the faults that live below the values:
 * - no-answer: the meter is never heard;
 * - garbled: every hour a telegram with a bad checksum, forwarded with its error (flag crc);
 * - shared-address: a primary-address poll makes the three meters collide: corrupt telegrams for
 *   the day the installer polled by primary address (FAULTS_FROM + 5 days), documented here;
 * - clock-drift: the meter's clock 2 h 13 min fast all year (clockOffsetSeconds);
 * - dead-battery: the power-low status bit on every reading.
 * Registry: apartment k is object A<k> in gateway gw-<⌈k/50⌉>, meters installed 2021-06-01.
 */
import { Building, FAULT_KINDS } from '../../simulator';
import type { SimulatedMeter } from '../../simulator/meter';
import { FLAG } from '../../lib/validation/flags';
import { RegistryView, type MeterInfo } from '../../lib/validation/registry-view';
import type { MeterSeries } from '../../lib/validation/series';
import { certifiedUntil } from '../../lib/store';
import { mediumGroup } from '../../lib/validation/media';

export const YEAR_START = Date.UTC(2024, 11, 31, 23); // 2025-01-01 00:00 CET
export const HOURS = 8760;
export const HOUR = 3_600_000;
export const FAULTS_FROM = YEAR_START + (160 * 24 + 22) * HOUR;
const APARTMENTS_PER_GATEWAY = 50;
const MEDIUM = { 'cold-water': 'cold-water', 'hot-water': 'hot-water', 'electricity': 'electricity', 'room-temperature': 'room-sensor' } as const;
const RESOLUTION = { 'cold-water': 1000, 'hot-water': 1000, 'electricity': 100, 'room-temperature': 100 } as const;

/** One meter identity's hourly values: present[h] = 1 when hour h was heard. */
export interface Track {
  serial: string; manufacturer: string; medium: string; apartment: number; via: string;
  present: Uint8Array; value: Float64Array; flags: Uint16Array; offset: Float32Array;
}

/** A fault placed on purpose, and the rule expected to find it. */
export interface Injected { kind: string; rule: string; meter: string; from: number; to: number; meters: string[] }

export interface Year { building: Building; tracks: Track[]; registry: MeterInfo[]; injected: Injected[] }

export const hourAt = (h: number): number => YEAR_START + (h + 1) * HOUR;

function newTrack(m: SimulatedMeter, serial: string): Track {
  return { serial, manufacturer: m.spec.identity.manufacturer, medium: MEDIUM[m.spec.kind], apartment: m.spec.apartment,
    via: `gw-${Math.ceil(m.spec.apartment / APARTMENTS_PER_GATEWAY)}`, present: new Uint8Array(HOURS), value: new Float64Array(HOURS),
    flags: new Uint16Array(HOURS), offset: new Float32Array(HOURS).fill(NaN) };
}

function tracksOf(m: SimulatedMeter): Track[] {
  if (m.has('no-answer')) return [];
  const old = newTrack(m, m.spec.identity.id);
  const swapped = m.spec.replacement ? newTrack(m, m.spec.replacement.id) : undefined;
  const res = RESOLUTION[m.spec.kind];
  const corruptFrom = FAULTS_FROM + 5 * 24 * HOUR;
  for (let h = 0; h < HOURS; h++) {
    const t = hourAt(h);
    const track = swapped && t >= m.spec.faultsFrom ? swapped : old;
    const corrupt = m.has('garbled') || (m.has('shared-address') && t >= corruptFrom && t < corruptFrom + 24 * HOUR);
    track.present[h] = 1;
    track.value[h] = corrupt ? NaN : m.spec.kind === 'room-temperature' ? Math.round(m.climateAt(t).temperature * res) / res : Math.floor(m.registerAt(t) * res) / res;
    track.flags[h] = (corrupt ? FLAG.corrupt : 0) | (m.status & 0x04 ? FLAG.powerLow : 0);
    if (m.has('clock-drift')) track.offset[h] = (2 * 60 + 13) * 60;
  }
  return swapped ? [old, swapped] : [old];
}

export function simulatedYear(withFaults: boolean, seed = 11, apartments = 200): Year {
  const building = new Building({ apartments, seed, faults: withFaults ? FAULT_KINDS : [], clock: () => FAULTS_FROM, faultsFrom: FAULTS_FROM });
  const tracks = building.meters.flatMap(tracksOf);
  const registry: MeterInfo[] = building.meters.map((m) => ({
    serial: m.spec.identity.id, manufacturer: m.spec.identity.manufacturer, medium: mediumGroup(MEDIUM[m.spec.kind]),
    objectId: `A${m.spec.apartment}`, apartment: String(1000 + m.spec.apartment), building: `gw-${Math.ceil(m.spec.apartment / APARTMENTS_PER_GATEWAY)}`, property: 'Simulerad 1:1',
    certifiedUntil: certifiedUntil(MEDIUM[m.spec.kind], '2021-06-01'),
  }));
  return { building, tracks, registry, injected: [] };
}

/** The tracks as columnar series (silent hours left out). */
export function seriesOf(tracks: readonly Track[]): MeterSeries[] {
  return tracks.map((t) => {
    let n = 0;
    for (let h = 0; h < HOURS; h++) n += t.present[h]!;
    const s: MeterSeries = { meter: t.serial, manufacturer: t.manufacturer, medium: mediumGroup(t.medium), via: t.via, length: n,
      at: new Float64Array(n), value: new Float64Array(n), flags: new Uint16Array(n), clockOffset: new Float32Array(n) };
    for (let h = 0, i = 0; h < HOURS; h++) {
      if (!t.present[h]) continue;
      s.at[i] = hourAt(h); s.value[i] = t.value[h]!; s.flags[i] = t.flags[h]!; s.clockOffset[i] = t.offset[h]!;
      i++;
    }
    return s;
  });
}

export const registryOf = (year: Year): RegistryView => new RegistryView(year.registry);
