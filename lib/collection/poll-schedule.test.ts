/**
 * Poll times in Swedish wall time across both DST changes, intervals, validation and the
 * deterministic jitter spread.
 */
import { strict as assert } from 'node:assert';
import { ConfigError } from '../errors';
import { dailySlots, jitterMs, nextPollAt } from './poll-schedule';
import { wallTimeToUtc } from './stockholm-time';

const utc = (iso: string): number => Date.parse(iso);
const at = (ms: number): string => new Date(ms).toISOString();

describe('poll schedule', () => {
  it('"06:00" is 05:00Z in winter and 04:00Z in summer', () => {
    const slots = dailySlots({ times: ['06:00'] });
    assert.equal(at(nextPollAt(slots, utc('2025-01-15T12:00:00Z'))), '2025-01-16T05:00:00.000Z');
    assert.equal(at(nextPollAt(slots, utc('2025-07-15T03:00:00Z'))), '2025-07-15T04:00:00.000Z');
  });

  it('follows the DST changes: 30 March 2025 (02:30 does not exist) and 26 October 2025 (02:30 occurs twice)', () => {
    const slots = dailySlots({ times: ['02:30', '12:00'] });
    assert.equal(at(nextPollAt(slots, utc('2025-03-29T23:00:00Z'))), '2025-03-30T01:30:00.000Z'); // 03:30 CEST
    const first = nextPollAt(slots, utc('2025-10-25T23:00:00Z'));
    assert.equal(at(first), '2025-10-26T00:30:00.000Z'); // 02:30 CEST, the first one
    assert.equal(at(nextPollAt(slots, first)), '2025-10-26T11:00:00.000Z'); // not 02:30 CET again
    assert.equal(wallTimeToUtc({ year: 2025, month: 10, day: 26, hour: 2, minute: 30 }, { summerTime: false }), utc('2025-10-26T01:30:00Z'));
  });

  it('an interval counts from Swedish midnight', () => {
    const slots = dailySlots({ everyMinutes: 360 });
    assert.deepEqual(slots.minutes, [0, 360, 720, 1080]);
    assert.equal(at(nextPollAt(slots, utc('2025-01-15T12:00:00Z'))), '2025-01-15T17:00:00.000Z'); // 18:00 CET
  });

  it('accepts 1–24 polls a day only', () => {
    assert.throws(() => dailySlots({ times: [] }), ConfigError);
    assert.throws(() => dailySlots({ everyMinutes: 30 }), ConfigError);
    assert.throws(() => dailySlots({ everyMinutes: 100 }), ConfigError);
    assert.throws(() => dailySlots({ times: ['25:00'] }), ConfigError);
    assert.equal(dailySlots({ everyMinutes: 60 }).minutes.length, 24);
  });

  it('jitter is stable per gateway and spreads 2000 gateways over the window', () => {
    assert.equal(jitterMs('gw-17'), jitterMs('gw-17'));
    const seconds = new Set(Array.from({ length: 2000 }, (_, i) => Math.floor(jitterMs(`gateway-${i}`) / 1000)));
    assert.ok(seconds.size > 600, `only ${seconds.size} distinct start seconds`);
    const slots = dailySlots({ times: ['06:00'] });
    const j = jitterMs('gw-17');
    const first = nextPollAt(slots, utc('2025-01-15T12:00:00Z'), j);
    assert.equal(first, utc('2025-01-16T05:00:00Z') + j);
    assert.equal(nextPollAt(slots, first, j), first + 86_400_000);
  });
});
