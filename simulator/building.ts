/**
 * A deterministic building: N apartments, each with a cold-water, a hot-water and an
 * electricity meter and 1–2 room temperature sensors, all wired M-Bus. Sizes, habits, ids and
 * fault placement come from the seed; registers from simulated time (consumption.ts), so the
 * same seed and clock give the same telegrams byte for byte.
 *
 * Yearly use per apartment (DOMAIN.md): hot water ≈ 0.7 m3 per m2 of living area, hot water
 * 40–50 % of all water, electricity ≈ 2 000 kWh for a 77 m2 apartment.
 */
import { ConfigError } from '../lib/errors';
import { ELECTRICITY_PROFILE, Register, WATER_PROFILE } from './consumption';
import { FAULT_RULES, placeFaults, type DeviceKind, type FaultKind } from './faults';
import { SimulatedMeter, type MeterIdentity } from './meter';
import { Sequence } from './random';
import { DAY_MS, cetDay, type Clock } from './sim-time';

export interface BuildingOptions {
  apartments: number;
  seed?: number;
  /** Room temperature sensors per apartment, 1 or 2 (default 1). */
  roomSensors?: number;
  faults?: readonly FaultKind[];
  /** Simulated time (default: the real clock). */
  clock?: Clock;
  /** When time-dependent faults start (default: midnight CET two days before the building is created). */
  faultsFrom?: number;
  /** Electricity meters answer in three telegrams (default true); false: one telegram. */
  multiTelegram?: boolean;
}

/** A fault as placed: the kind, what it does and the meters it hit (identities before any swap). */
export interface PlannedFault {
  kind: FaultKind;
  what: string;
  meters: Array<{ index: number; id: string; manufacturer: string; primaryAddress: number; replacementId?: string }>;
}

/** Manufacturer, version and medium of each meter kind (the models a building would have). */
const MODELS: Record<DeviceKind, Omit<MeterIdentity, 'id'>> = {
  'cold-water': { manufacturer: 'SEN', version: 0x0e, medium: 0x16 },
  'hot-water': { manufacturer: 'SEN', version: 0x0e, medium: 0x06 },
  'electricity': { manufacturer: 'ABB', version: 0x20, medium: 0x02 },
  'room-temperature': { manufacturer: 'ELV', version: 0x12, medium: 0x1b },
};
const KIND_ORDER: readonly DeviceKind[] = ['cold-water', 'hot-water', 'electricity', 'room-temperature'];
/** Each kind's ids come from its own 20-million block, so they never collide across kinds. */
const ID_BLOCK = 20_000_000;
const REPLACEMENT_OFFSET = 9_000_000;
const MAX_APARTMENTS = 10_000;
const INSTALLED = Date.UTC(2021, 0, 1);

export class Building {
  readonly meters: SimulatedMeter[] = [];
  readonly clock: Clock;
  readonly seed: number;
  readonly faultsFrom: number;
  private readonly plan: PlannedFault[] = [];

  constructor(options: BuildingOptions) {
    const apartments = options.apartments;
    const roomSensors = options.roomSensors ?? 1;
    if (!Number.isInteger(apartments) || apartments < 1 || apartments > MAX_APARTMENTS) {
      throw new ConfigError(`apartments ${apartments}: must be an integer 1–${MAX_APARTMENTS}`);
    }
    if (roomSensors !== 1 && roomSensors !== 2) throw new ConfigError(`room sensors ${roomSensors}: must be 1 or 2`);
    this.seed = (options.seed ?? 1) >>> 0;
    this.clock = options.clock ?? Date.now;
    this.faultsFrom = options.faultsFrom ?? (cetDay(this.clock()).day - 2) * DAY_MS - DAY_MS / 24;
    const kinds = Array.from({ length: apartments }, () => [...KIND_ORDER, ...(roomSensors === 2 ? ['room-temperature' as const] : [])]).flat();
    const placements = placeFaults(options.faults ?? [], kinds, this.seed);
    const faultsOf = (i: number): FaultKind[] => placements.filter((p) => p.meters.includes(i)).map((p) => p.kind);
    const sequence = new Sequence(this.seed);
    const idBase = KIND_ORDER.map((_, k) => 10_000_000 + k * ID_BLOCK + sequence.int(ID_BLOCK - REPLACEMENT_OFFSET - 3 * kinds.length));
    const next = KIND_ORDER.map(() => 0);
    let apartment = 0, area = 0, hotWaterShare = 0, electricityFactor = 1;
    kinds.forEach((kind, index) => {
      if (kind === 'cold-water') {
        apartment++;
        area = sequence.range(32, 115);
        hotWaterShare = 0.4 + 0.1 * sequence.next();
        electricityFactor = 0.75 + 0.5 * sequence.next();
      }
      const k = KIND_ORDER.indexOf(kind);
      next[k] += 1 + sequence.int(3);
      const number = idBase[k]! + next[k]!;
      const identity = { id: String(number), ...MODELS[kind] };
      const faults = faultsOf(index);
      const hotWater = 0.7 * area * (0.6 + 0.8 * sequence.next());
      const yearly = kind === 'hot-water' ? hotWater
        : kind === 'cold-water' ? hotWater * (1 / hotWaterShare - 1)
          : 2000 * Math.sqrt(area / 77) * electricityFactor;
      const installedDay = cetDay(INSTALLED).day + sequence.int(365);
      const register = kind === 'room-temperature' ? undefined
        : new Register({ seed: this.seed, key: index, yearly, profile: kind === 'electricity' ? ELECTRICITY_PROFILE : WATER_PROFILE, installedDay, initial: sequence.next() * 2 });
      this.meters.push(new SimulatedMeter({
        index, apartment, kind, identity, primaryAddress: (index % 250) + 1,
        register, room: kind === 'room-temperature' ? { seed: this.seed, key: index, setpoint: 20.5 + 2 * sequence.next() } : undefined,
        faults, faultsFrom: this.faultsFrom,
        replacement: faults.includes('meter-swap') ? { ...identity, id: String(number + REPLACEMENT_OFFSET) } : undefined,
        spike: yearly / 52, multiTelegram: options.multiTelegram ?? true, seed: this.seed,
      }));
    });
    for (const p of placements) this.applyPlacement(p.kind, p.meters);
  }

  /** Identity sharing, which changes meters already built; and the plan entry of every fault. */
  private applyPlacement(kind: FaultKind, indices: number[]): void {
    const meters = indices.map((i) => this.meters[i]!);
    if (kind === 'duplicate-ids') meters[1]!.spec.identity = { ...meters[1]!.spec.identity, id: meters[0]!.spec.identity.id };
    if (kind === 'shared-address') for (const m of meters) m.spec.primaryAddress = meters[0]!.spec.primaryAddress;
    this.plan.push({
      kind, what: FAULT_RULES[kind].what,
      meters: meters.map((m) => ({
        index: m.spec.index, id: m.spec.identity.id, manufacturer: m.spec.identity.manufacturer,
        primaryAddress: m.spec.primaryAddress, ...(m.spec.replacement ? { replacementId: m.spec.replacement.id } : {}),
      })),
    });
  }

  /** The faults as placed, for tests and acceptance scripts to check what was injected. */
  faultPlan(): PlannedFault[] {
    return this.plan.map((p) => ({ ...p, meters: p.meters.map((m) => ({ ...m })) }));
  }
}
