/**
 * Pulse inputs of a collection unit (water and electricity meters with a pulse output): pulse
 * counts summed per hour into consumption readings, and corrupt pulses caught. A count whose
 * rate exceeds what the meter can physically give (its maximum pulses per second, e.g. from
 * Q4 of a water meter or Imax of an electricity meter) raises an alarm point — what, when,
 * which meter — and is left out of the hour's sum, which is then flagged 'pulse-error'.
 * A count belongs to the hour in which its interval ends (units count from one hour boundary
 * to the next, or more often).
 */
import type { CanonicalUnit, MeterIdentity, Quantity, Reading } from '../reading';
import { hourEnd } from './hourly';

export interface PulseInput {
  meter: MeterIdentity;
  /** Input number on the collection unit (becomes the reading's subunit). */
  input: number;
  quantity: Quantity;
  unit: CanonicalUnit;
  /** Consumption per pulse in `unit`, e.g. 0.001 m3 (1 l per pulse) or 0.001 kWh (1000 imp/kWh). */
  valuePerPulse: number;
  /** The most pulses per second the meter can give; above is corrupt. */
  maxPulsesPerSecond: number;
  /** The collection unit, for source.via. */
  via?: string;
}

/** Pulses counted between `from` and `to` (UTC ms). */
export interface PulseCount {
  from: number;
  to: number;
  pulses: number;
}

/** An alarm point (SABO): what happened, when, on which meter. */
export interface AlarmPoint {
  what: 'impossible-pulse-rate' | 'invalid-pulse-count';
  /** ISO 8601 UTC: the end of the offending count. */
  when: string;
  meter: MeterIdentity;
  input: number;
  detail: string;
}

export const PULSE_ERROR_FLAG = 'pulse-error';
const VALUE_DECIMALS = 9;

export function sumPulsesPerHour(input: PulseInput, counts: readonly PulseCount[]): { readings: Reading[]; alarms: AlarmPoint[] } {
  const hours = new Map<number, { pulses: number; corrupt: boolean; last: number }>();
  const alarms: AlarmPoint[] = [];
  for (const c of [...counts].sort((a, b) => a.to - b.to)) {
    const hour = hourEnd(c.to - 1);
    const h = hours.get(hour) ?? { pulses: 0, corrupt: false, last: c.to };
    hours.set(hour, h);
    h.last = Math.max(h.last, c.to);
    const problem = checkCount(input, c);
    if (problem) {
      h.corrupt = true;
      alarms.push({ ...problem, when: new Date(c.to).toISOString(), meter: input.meter, input: input.input });
    } else {
      h.pulses += c.pulses;
    }
  }
  const readings = [...hours].sort(([a], [b]) => a - b).map(([hour, h]) => hourReading(input, hour, h.pulses, h.corrupt, h.last));
  return { readings, alarms };
}

function checkCount(input: PulseInput, c: PulseCount): Pick<AlarmPoint, 'what' | 'detail'> | undefined {
  const seconds = (c.to - c.from) / 1000;
  if (!Number.isInteger(c.pulses) || c.pulses < 0 || !(seconds > 0)) {
    return { what: 'invalid-pulse-count', detail: `${c.pulses} pulses over ${seconds} s` };
  }
  const rate = c.pulses / seconds;
  if (rate > input.maxPulsesPerSecond) {
    return { what: 'impossible-pulse-rate', detail: `${c.pulses} pulses in ${seconds} s = ${rate.toFixed(3)}/s > max ${input.maxPulsesPerSecond}/s` };
  }
  return undefined;
}

function hourReading(input: PulseInput, hour: number, pulses: number, corrupt: boolean, last: number): Reading {
  const timestamp = new Date(hour).toISOString();
  return {
    meter: input.meter,
    quantity: input.quantity,
    value: Number((pulses * input.valuePerPulse).toFixed(VALUE_DECIMALS)),
    unit: input.unit,
    raw: { mantissa: String(pulses), exponent: 0, unit: 'pulse', encoding: 'int', bytes: '' },
    storage: 0,
    tariff: 0,
    subunit: input.input,
    function: 'instantaneous',
    qualifiers: ['hourly-sum'],
    timestamp,
    receivedAt: new Date(last).toISOString(),
    flags: corrupt ? [PULSE_ERROR_FLAG] : [],
    source: { protocol: 'pulse', frame: `pulse:${input.meter.id}:${input.input}:${timestamp}`, ...(input.via ? { via: input.via } : {}) },
  };
}
