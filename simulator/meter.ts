/**
 * One simulated meter: its identity, its register or room climate over time with its faults
 * applied, and the records it would send at a given moment (telegram-layout.ts). No link-layer
 * state here: that is the M-Bus slave's (mbus-slave.ts).
 */
import type { RecordSpec } from '../adapters/protocols/mbus/app/encoder';
import { roomClimate, type RoomClimate, type RoomSpec } from './climate';
import type { Register } from './consumption';
import { CLOCK_DRIFT_MS, type DeviceKind, type FaultKind } from './faults';
import { hashUnit } from './random';
import { HOUR_MS, monthStart, swedishDateTime } from './sim-time';
import { telegramRecords, type MeterValues } from './telegram-layout';

export interface MeterIdentity {
  /** 8 digits as printed on the meter. */
  id: string;
  /** Three-letter manufacturer code. */
  manufacturer: string;
  version: number;
  /** Medium byte (0x16 cold water, 0x06 warm water, 0x02 electricity, 0x1B room sensor). */
  medium: number;
}

export interface MeterSpec {
  /** Position in the building (0-based), the key of its randomness. */
  index: number;
  /** Apartment number, 1-based. */
  apartment: number;
  kind: DeviceKind;
  identity: MeterIdentity;
  /** Primary address at power-up (1–250). */
  primaryAddress: number;
  /** Water (m3) and electricity (kWh) meters. */
  register?: Register;
  /** Room sensors. */
  room?: RoomSpec;
  faults: FaultKind[];
  /** When the time-dependent faults start (ms). */
  faultsFrom: number;
  /** The replacement meter's identity (meter-swap). */
  replacement?: MeterIdentity;
  /** Extra use added by a spike, in the register's unit. */
  spike: number;
  /** Electricity: split the readout over three telegrams. */
  multiTelegram: boolean;
  seed: number;
}

const STATUS_POWER_LOW = 0x04;
/** Register resolution: litres for water, 10 Wh for electricity. */
const RESOLUTION: Record<DeviceKind, number> = { 'cold-water': 1000, 'hot-water': 1000, 'electricity': 100, 'room-temperature': 1 };
const TARIFF_1_SHARE = 0.7;
const SPIKE_TEMPERATURE_C = 60;

export class SimulatedMeter {
  constructor(readonly spec: MeterSpec) {}

  has(fault: FaultKind): boolean {
    return this.spec.faults.includes(fault);
  }

  /** Who the meter is at `ms`: the replacement after a meter swap. */
  identityAt(ms: number): MeterIdentity {
    return this.spec.replacement && ms >= this.spec.faultsFrom ? this.spec.replacement : this.spec.identity;
  }

  /** The status byte of its telegrams. */
  get status(): number {
    return this.has('dead-battery') ? STATUS_POWER_LOW : 0;
  }

  /** The register (m3 or kWh) at `ms` with the faults applied; 0 for room sensors. */
  registerAt(ms: number): number {
    const r = this.spec.register;
    if (!r) return 0;
    const from = this.spec.faultsFrom;
    if (ms < from) return r.at(ms);
    if (this.has('stuck')) return r.at(from);
    if (this.has('counter-reset') || this.has('meter-swap')) return r.at(ms) - r.at(from);
    if (this.has('spike')) return r.at(ms) + this.spec.spike * Math.min(1, (ms - from) / HOUR_MS);
    return r.at(ms);
  }

  /** The room's climate at `ms` as the sensor reports it. */
  climateAt(ms: number): RoomClimate {
    const from = this.spec.faultsFrom;
    if (!this.spec.room) return { temperature: 0, humidity: 0 };
    if (this.has('stuck') && ms >= from) return roomClimate(this.spec.room, from);
    const climate = roomClimate(this.spec.room, ms);
    const spiking = this.has('spike') && ms >= from && ms < from + HOUR_MS;
    return spiking ? { ...climate, temperature: climate.temperature + SPIKE_TEMPERATURE_C } : climate;
  }

  /** Everything the meter sends at `ms`, in its units. */
  valuesAt(ms: number): MeterValues {
    const resolution = RESOLUTION[this.spec.kind];
    const register = Math.floor(this.registerAt(ms) * resolution);
    const monthBegins = monthStart(ms);
    const swappedSince = this.spec.replacement && ms >= this.spec.faultsFrom && monthBegins < this.spec.faultsFrom;
    const monthEnd = swappedSince ? 0 : Math.floor(this.registerAt(monthBegins) * resolution);
    const noise = hashUnit(this.spec.seed, this.spec.index, Math.floor(ms / 60_000), 5);
    const powerW = (this.spec.register?.hourlyRateAt(ms) ?? 0) * 1000 * (0.6 + 0.8 * noise);
    return {
      clock: swedishDateTime(ms + (this.has('clock-drift') ? CLOCK_DRIFT_MS : 0)),
      register,
      monthEnd: { register: monthEnd, date: swedishDateTime(monthBegins - 1) },
      powerW,
      tariff1: Math.floor(register * TARIFF_1_SHARE),
      voltage: 2250 + Math.round(100 * noise),
      climate: this.climateAt(ms),
    };
  }

  /** The records of each telegram of a readout at `ms`, first to last. */
  telegramsAt(ms: number): RecordSpec[][] {
    return telegramRecords(this.spec.kind, this.valuesAt(ms), this.spec.multiTelegram);
  }
}
