/**
 * CUL: the init commands per link mode (RSSI reporting, then brt/brs/brc) and the frame-A
 * length arithmetic that tells whether an RSSI byte follows the telegram.
 */
import { strict as assert } from 'node:assert';
import { culCommands, frameALength } from './cul-framer';

const text = (commands: Uint8Array[]): string[] => commands.map((c) => Buffer.from(c).toString('latin1'));

describe('receiver cul: commands and frame lengths', () => {
  it('X21 then brt (T1), brs (S1), brc (C1 and C1+T1)', () => {
    assert.deepEqual(text(culCommands('T1')), ['X21\r\n', 'brt\r\n']);
    assert.deepEqual(text(culCommands('S1')), ['X21\r\n', 'brs\r\n']);
    assert.deepEqual(text(culCommands('C1')), ['X21\r\n', 'brc\r\n']);
    assert.deepEqual(text(culCommands('C1+T1')), ['X21\r\n', 'brc\r\n']);
    assert.deepEqual(text(culCommands(undefined)), ['X21\r\n']);
  });

  it('frame A: 10-byte first block and 16-byte blocks, 2 CRC bytes each', () => {
    assert.equal(frameALength(0x2e), 0x2e + 1 + 2 * 4); // OMS Annex N: L 46 → 4 blocks
    assert.equal(frameALength(9), 12);
    assert.equal(frameALength(25), 12 + 16 + 2);
    assert.equal(frameALength(26), 12 + 17 + 4);
  });
});
