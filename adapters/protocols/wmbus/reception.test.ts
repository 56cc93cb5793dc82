/**
 * WirelessReception: the second copy of a telegram from another receiver is suppressed; the
 * readings of the first carry protocol wmbus, the frame reference, the receiver and its RSSI,
 * and the meter identity of the link layer (short TPL header).
 */
import { strict as assert } from 'node:assert';
import { fromHex } from '../../../lib/hex';
import { FORMAT_B_WITHOUT_CRC, FORMAT_B_WITH_CRC } from './fixtures/oms-examples';
import { WirelessReception } from './reception';

describe('wmbus WirelessReception', () => {
  it('decodes the first reception into readings with via and rssi, suppresses the duplicate', () => {
    const r = new WirelessReception({ dedupWindowMs: 60_000 });
    const first = r.receive(fromHex(FORMAT_B_WITH_CRC), { receivedAt: new Date('2024-01-01T00:00:00Z'), via: 'cul-1', rssi: -71 });
    assert.equal(first.duplicate, false);
    if (first.duplicate) return;
    const [reading] = first.readings;
    assert.deepEqual(reading?.source, { protocol: 'wmbus', frame: first.frameRef, record: 0, via: 'cul-1', rssi: -71 });
    assert.deepEqual([reading?.meter.manufacturer, reading?.meter.id, reading?.value], ['CEN', '12345678', 876.543]);
    const second = r.receive(fromHex(FORMAT_B_WITHOUT_CRC), { receivedAt: new Date('2024-01-01T00:00:05Z'), via: 'im871a', rssi: -90 });
    assert.deepEqual(second, { duplicate: true, frameRef: first.frameRef });
  });
});
