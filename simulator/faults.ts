/**
 * The faults a simulated building can have, and where they go. Each kind is placed on meters of
 * the kinds it fits, chosen by a seeded sequence among the meters without a fault yet, so the
 * same seed and fault list always hit the same meters. Time-dependent faults start at the
 * building's `faultsFrom` moment (see building.ts).
 */
import { ConfigError } from '../lib/errors';
import { HOUR_MS } from './sim-time';
import { Sequence } from './random';

export type DeviceKind = 'cold-water' | 'hot-water' | 'electricity' | 'room-temperature';

export const FAULT_KINDS = [
  'stuck', 'counter-reset', 'meter-swap', 'spike', 'dead-battery', 'no-answer', 'garbled',
  'clock-drift', 'duplicate-ids', 'shared-address',
] as const;
export type FaultKind = typeof FAULT_KINDS[number];

interface FaultRule {
  /** Meter kinds the fault may be placed on (duplicate-ids: one meter of each). */
  on: readonly DeviceKind[];
  /** How many meters one placement takes. */
  meters: number;
  what: string;
}

const ANY: readonly DeviceKind[] = ['cold-water', 'hot-water', 'electricity', 'room-temperature'];

export const FAULT_RULES: Record<FaultKind, FaultRule> = {
  'stuck': { on: ['cold-water'], meters: 1, what: 'the register stops advancing at faultsFrom' },
  'counter-reset': { on: ['electricity'], meters: 1, what: 'the register restarts from 0 at faultsFrom' },
  'meter-swap': { on: ['hot-water'], meters: 1, what: 'replaced at faultsFrom by a new meter (new id, register from 0)' },
  'spike': { on: ['cold-water', 'hot-water'], meters: 1, what: 'a week of use within the hour after faultsFrom' },
  'dead-battery': { on: ['room-temperature', 'cold-water'], meters: 1, what: 'status byte has power-low (0x04)' },
  'no-answer': { on: ANY, meters: 1, what: 'never answers (not even E5)' },
  'garbled': { on: ANY, meters: 1, what: 'every RSP_UD has a wrong checksum' },
  'clock-drift': { on: ['electricity', 'room-temperature'], meters: 1, what: 'the date/time record runs 2 h 13 min fast' },
  'duplicate-ids': { on: ['cold-water', 'electricity'], meters: 2, what: 'the electricity meter gets the id of the cold-water meter (another manufacturer)' },
  'shared-address': { on: ANY, meters: 3, what: 'three meters share one primary address' },
};

/** How fast a clock-drift meter's clock runs. */
export const CLOCK_DRIFT_MS = 2 * HOUR_MS + 13 * 60_000;

/** Parses "stuck,garbled" (or "all", or "" for none); unknown names throw ConfigError. */
export function parseFaults(text: string): FaultKind[] {
  if (text.trim() === '') return [];
  if (text.trim() === 'all') return [...FAULT_KINDS];
  const kinds = text.split(',').map((s) => s.trim());
  for (const kind of kinds) {
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
      throw new ConfigError(`fault "${kind}": must be one of ${FAULT_KINDS.join(', ')} or all`);
    }
  }
  return [...new Set(kinds as FaultKind[])];
}

export interface FaultPlacement {
  kind: FaultKind;
  /** Meter indices in the building, in the order the rule takes them. */
  meters: number[];
}

/** Faults that change who a meter is (its id or address) rather than how it behaves. */
const IDENTITY_FAULTS: readonly FaultKind[] = ['duplicate-ids', 'shared-address'];
/** Meters a master cannot hear: identity faults avoid them, or the scan could not find the pair. */
const UNHEARD: readonly FaultKind[] = ['no-answer', 'garbled'];

/**
 * Places each fault kind on meters of the kinds it fits. Behaviour faults take one meter each,
 * never sharing one; identity faults (duplicate-ids takes one cold-water and one electricity
 * meter, shared-address three meters) may land on a meter with a behaviour fault, but not on
 * one that cannot be heard. A kind that finds no fitting meter is left out.
 */
export function placeFaults(kinds: readonly FaultKind[], meterKinds: readonly DeviceKind[], seed: number): FaultPlacement[] {
  const sequence = new Sequence(seed ^ 0x5eed_fa17);
  const behaviour = new Set<number>(), identity = new Set<number>(), unheard = new Set<number>();
  const placements: FaultPlacement[] = [];
  for (const kind of FAULT_KINDS.filter((k) => kinds.includes(k))) {
    const rule = FAULT_RULES[kind];
    const isIdentity = IDENTITY_FAULTS.includes(kind);
    const taken = isIdentity ? identity : behaviour;
    const free = (on: readonly DeviceKind[]): number[] =>
      meterKinds.flatMap((k, i) => (on.includes(k) && !taken.has(i) && !(isIdentity && unheard.has(i)) ? [i] : []));
    const pools = kind === 'duplicate-ids' ? rule.on.map((k) => free([k])) : [free(rule.on)];
    const need = kind === 'duplicate-ids' ? 1 : rule.meters;
    const chosen = pools.flatMap((pool) => Array.from({ length: Math.min(need, pool.length) },
      () => pool.splice(sequence.int(pool.length), 1)[0]!));
    if (chosen.length < rule.meters) continue;
    for (const i of chosen) {
      taken.add(i);
      if (UNHEARD.includes(kind)) unheard.add(i);
    }
    placements.push({ kind, meters: chosen });
  }
  return placements;
}
