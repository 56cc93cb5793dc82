/**
 * AMB8465: the SET_MODE command per link mode with its XOR checksum, and CMD_DATA_IND frames
 * taken with or without the RSSI byte as the checksum says.
 */
import { strict as assert } from 'node:assert';
import { toHex } from '../../../lib/hex';
import { Amb8465Framer, amb8465Commands, commandFrame } from './amb8465-framer';

const TELEGRAM = [0x44, 0x2d, 0x2c, 0x44, 0x33, 0x22, 0x11, 0x01, 0x07, 0x7a];

describe('receiver amb8465: command frames', () => {
  it('SET_MODE: S1 0x03, T1 0x08, C1 0x0E, C1+T1 0x09, checksum = XOR of the bytes before it', () => {
    assert.deepEqual(amb8465Commands('T1').map((c) => toHex(c)), ['FF040108F2']);
    assert.equal(toHex(amb8465Commands('S1')[0]!), 'FF040103F9');
    assert.equal(toHex(amb8465Commands('C1')[0]!), 'FF04010EF4');
    assert.equal(toHex(amb8465Commands('C1+T1')[0]!), 'FF040109F3');
    assert.deepEqual(amb8465Commands(undefined), []);
  });

  it('CMD_DATA_IND without the RSSI byte is taken when its checksum fits that layout', () => {
    const frame = commandFrame(0x03, Uint8Array.from(TELEGRAM));
    const events = new Amb8465Framer({ rssi: true }).push(Uint8Array.of(...frame, ...commandFrame(0x84, Uint8Array.of(0))));
    assert.deepEqual(events[0], { kind: 'telegram', telegram: Uint8Array.of(10, ...TELEGRAM) });
    assert.deepEqual(events[1], { kind: 'response', text: 'AMB8465 command 0x84 00' });
  });

  it('a frame with a wrong checksum is skipped byte by byte until the next frame', () => {
    const bad = commandFrame(0x84, Uint8Array.of(0));
    bad[4] ^= 0xff;
    const events = new Amb8465Framer().push(Uint8Array.of(...bad, ...commandFrame(0x84, Uint8Array.of(1))));
    assert.deepEqual(events, [
      { kind: 'skipped', bytes: 5, reason: 'AMB8465: bytes that start neither a command frame nor a telegram' },
      { kind: 'response', text: 'AMB8465 command 0x84 01' },
    ]);
  });
});
