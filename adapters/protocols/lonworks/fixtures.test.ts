/**
 * Golden fixtures of the LonWorks sources, read from the source tree: every IP-852 datagram in
 * fixtures/ip852-datagrams.json and every IAP/MQ event in fixtures/iap-mq-events.json, decoded
 * against fixtures/nv-map.json, must give exactly the outcome written beside it.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { frameRef } from '../../../lib/frame-ref';
import { fromHex } from '../../../lib/hex';
import type { Reading } from '../../../lib/reading';
import { repoRoot } from '../../../test/support/repo-root';
import { decodeIapDataEvent } from './iap-mq-event';
import { decodeIp852Datagram } from './ip852-datagram';
import { NvMap } from './nv-map';
import type { NvOutcome } from './nv-source';

const FIXTURES = path.join(repoRoot(__dirname), 'adapters', 'protocols', 'lonworks', 'fixtures');
const read = <T>(name: string): T => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as T;

interface Fixture { name: string; comment: string; expect: Record<string, unknown> }
const RECEIVED_AT = new Date('2024-05-01T12:00:00.000Z');

/** The fields a fixture states about a reading. */
export function readingSummary(r: Reading): Record<string, unknown> {
  return {
    meter: r.meter.id, quantity: r.quantity, value: r.value, unit: r.unit, mantissa: r.raw.mantissa,
    exponent: r.raw.exponent, rawUnit: r.raw.unit, tariff: r.tariff, flags: r.flags,
    ...(r.timestamp === r.receivedAt ? {} : { timestamp: r.timestamp }),
  };
}

function summary(outcome: NvOutcome): Record<string, unknown> {
  if (outcome.kind === 'readings') return { kind: 'readings', reading: readingSummary(outcome.readings[0]!) };
  if (outcome.kind === 'failed') return { kind: 'failed', code: outcome.error.code };
  return outcome;
}

describe('lonworks golden fixtures', () => {
  const map = new NvMap(read<unknown>('nv-map.json'));

  describe('fixtures/ip852-datagrams.json', () => {
    for (const f of read<Array<Fixture & { hex: string }>>('ip852-datagrams.json')) {
      it(`${f.name}: ${f.comment}`, () => {
        const datagram = fromHex(f.hex);
        const outcome = decodeIp852Datagram(map, datagram, RECEIVED_AT, 'test');
        assert.deepEqual(summary(outcome), f.expect);
        if (outcome.kind === 'readings') {
          const r = outcome.readings[0]!;
          assert.deepEqual(r.source, { protocol: 'lonworks', frame: frameRef(datagram), via: 'test' });
          assert.equal(r.receivedAt, RECEIVED_AT.toISOString());
        }
      });
    }
  });

  describe('fixtures/iap-mq-events.json', () => {
    for (const f of read<Array<Fixture & { topic: string; payload: string }>>('iap-mq-events.json')) {
      it(`${f.name}: ${f.comment}`, () => {
        const payload = Buffer.from(f.payload, 'utf8');
        const outcome = decodeIapDataEvent(map, f.topic, payload, RECEIVED_AT);
        assert.deepEqual(summary(outcome), f.expect);
        if (outcome.kind === 'readings') assert.deepEqual(outcome.readings[0]!.source, { protocol: 'lonworks', frame: frameRef(payload), via: f.topic });
      });
    }
  });
});
