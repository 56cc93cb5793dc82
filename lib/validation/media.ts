/**
 * The medium groups rule defaults are given for, from the registry's media (lib/registry
 * columns) or a reading's medium name (M-Bus: water, warm-water, electricity, room-sensor …).
 */
import type { Medium } from './types';

const GROUPS: Record<string, Medium> = {
  'cold-water': 'cold-water', 'water': 'cold-water', 'dual-water': 'cold-water',
  'hot-water': 'hot-water', 'warm-water': 'hot-water',
  'electricity': 'electricity', 'breaker-electricity': 'electricity',
  'heat': 'heat', 'heat-inlet': 'heat', 'heat-outlet': 'heat', 'cooling': 'heat', 'heat-cooling': 'heat',
  'room-sensor': 'room-temperature', 'room-temperature': 'room-temperature',
};

export function mediumGroup(name: string | undefined): Medium {
  return (name && GROUPS[name]) || 'other';
}

export const isWater = (m: Medium): boolean => m === 'cold-water' || m === 'hot-water';
/** Registers that count up (water, electricity, heat); room sensors give a level instead. */
export const isRegister = (m: Medium): boolean => m !== 'room-temperature' && m !== 'other';
