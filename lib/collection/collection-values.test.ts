/**
 * Collection-unit values: meter-clock timestamps (Swedish wall time → UTC, offset kept, drift
 * flagged), hourly values (last register value, mean temperature), and pulse inputs summed per
 * hour with an alarm point for an impossible rate.
 */
import { strict as assert } from 'node:assert';
import type { Reading } from '../reading';
import { hourlyValues } from './hourly';
import { stampMeterTime } from './meter-time';
import { sumPulsesPerHour, type PulseInput } from './pulse-input';

const METER = { manufacturer: 'SEN', id: '12345678', version: 1, medium: 'water', mediumCode: 7 };

function reading(quantity: Reading['quantity'], value: number | string, at: string, storage = 0): Reading {
  return {
    meter: METER, quantity, value, unit: quantity === 'temperature' ? 'C' : 'm3',
    raw: { mantissa: String(value), exponent: 0, unit: 'm3', encoding: 'bcd', bytes: '00' }, storage, tariff: 0, subunit: 0,
    function: 'instantaneous', timestamp: at, receivedAt: at, flags: [], source: { protocol: 'mbus', frame: 'ab' },
  };
}

describe('collection values', () => {
  it('timestamps by the meter clock (summer time) and keeps the offset', () => {
    const at = '2025-07-01T10:00:20.000Z';
    const out = stampMeterTime([reading('volume', 1, at), reading('volume', 0.5, at, 1), reading('datetime', '2025-07-01T12:00', at)]);
    assert.equal(out[0]!.timestamp, '2025-07-01T10:00:00.000Z');
    assert.equal(out[0]!.clockOffsetSeconds, -20);
    assert.equal(out[1]!.timestamp, at, 'historic values keep their time');
    const drift = stampMeterTime([reading('volume', 1, at), reading('datetime', '2025-07-01T14:13', at)]);
    assert.deepEqual([drift[0]!.timestamp, drift[0]!.clockOffsetSeconds, drift[0]!.flags], [at, 2 * 3600 + 13 * 60 - 20, ['clock-drift']]);
    assert.equal(stampMeterTime([reading('volume', 1, at)])[0]!.clockOffsetSeconds, undefined);
  });

  it('hourly values: the last register value and the mean temperature, at the hour end', () => {
    const out = hourlyValues([
      reading('volume', 10.5, '2025-01-15T10:10:00Z'), reading('volume', 10.7, '2025-01-15T10:50:00Z'),
      reading('volume', 10.9, '2025-01-15T11:05:00Z'),
      reading('temperature', 21, '2025-01-15T10:00:00Z'), reading('temperature', 21.5, '2025-01-15T10:30:00Z'),
      reading('temperature', 22.25, '2025-01-15T10:59:59Z'),
    ]);
    const volume = out.filter((r) => r.quantity === 'volume').map((r) => [r.timestamp, r.value, r.raw.mantissa]);
    assert.deepEqual(volume, [['2025-01-15T11:00:00.000Z', 10.7, '10.7'], ['2025-01-15T12:00:00.000Z', 10.9, '10.9']]);
    const temperature = out.find((r) => r.quantity === 'temperature')!;
    assert.deepEqual([temperature.timestamp, temperature.value, temperature.raw.mantissa, temperature.qualifiers],
      ['2025-01-15T11:00:00.000Z', 21.583, '21583', ['hourly-mean']]);
  });

  it('sums pulses per hour and raises an alarm point for an impossible rate', () => {
    const input: PulseInput = { meter: METER, input: 2, quantity: 'volume', unit: 'm3', valuePerPulse: 0.001, maxPulsesPerSecond: 1 };
    const t = Date.parse('2025-01-15T10:00:00Z');
    const min = 60_000;
    const { readings, alarms } = sumPulsesPerHour(input, [
      { from: t, to: t + 30 * min, pulses: 120 }, { from: t + 30 * min, to: t + 60 * min, pulses: 80 },
      { from: t + 60 * min, to: t + 61 * min, pulses: 5000 }, { from: t + 61 * min, to: t + 120 * min, pulses: 7 },
    ]);
    assert.deepEqual(readings.map((r) => [r.timestamp, r.value, r.raw.mantissa, r.flags, r.subunit]), [
      ['2025-01-15T11:00:00.000Z', 0.2, '200', [], 2],
      ['2025-01-15T12:00:00.000Z', 0.007, '7', ['pulse-error'], 2],
    ]);
    assert.equal(alarms.length, 1);
    assert.deepEqual([alarms[0]!.what, alarms[0]!.when, alarms[0]!.meter.id], ['impossible-pulse-rate', '2025-01-15T11:01:00.000Z', '12345678']);
  });
});
