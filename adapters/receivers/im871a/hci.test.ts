/**
 * iM871A HCI: the CRC-16/X-25 check value, the SET_CONFIG command per link mode, C1+T1
 * refused, and a frame whose CRC fails is skipped while the next one is found.
 */
import { strict as assert } from 'node:assert';
import { toHex } from '../../../lib/hex';
import { Im871aFramer, crcX25, hciFrame, im871aCommands, setConfigCommand } from './hci';

describe('receiver im871a: HCI framing and commands', () => {
  it('CRC-16/X-25 check value 0x906E', () => {
    assert.equal(crcX25(Buffer.from('123456789')), 0x906e);
  });

  it('pings, then SET_CONFIG with the link mode, RSSI and timestamp on', () => {
    assert.deepEqual(im871aCommands('T1').map((c) => toHex(c)), ['A5010100', 'A5010306000203300101']);
    assert.equal(toHex(setConfigCommand('C1')), 'A5010306000206300101');
    assert.equal(toHex(setConfigCommand('S1')), 'A5010306000200300101');
    assert.deepEqual(im871aCommands(undefined).map((c) => toHex(c)), ['A5010100']);
    assert.throws(() => setConfigCommand('C1+T1'), /cannot listen on C1\+T1/);
  });

  it('a frame with its CRC attached verifies; a flipped bit is skipped and the next frame found', () => {
    const good = hciFrame(2, 3, Uint8Array.of(0x44, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0x7a), { rssiRaw: 0xf0, crc: true });
    const bad = good.slice();
    bad[6] ^= 0x01;
    const events = new Im871aFramer().push(Uint8Array.of(...bad, ...good));
    assert.deepEqual(events.map((e) => e.kind), ['skipped', 'skipped', 'telegram']);
    assert.deepEqual(events[2], { kind: 'telegram', telegram: Uint8Array.of(11, 0x44, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0x7a), rssi: -82 });
  });
});
