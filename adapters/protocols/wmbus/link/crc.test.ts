/**
 * CRC-16/EN-13757: the catalogue check value and the CRCs of the OMS example telegram blocks.
 */
import { strict as assert } from 'node:assert';
import { fromHex } from '../../../../lib/hex';
import { crc16, crcMatches } from './crc';

describe('wmbus crc16 (EN 13757)', () => {
  it('check("123456789") = 0xC2B7', () => {
    assert.equal(crc16(Buffer.from('123456789', 'ascii')), 0xc2b7);
  });

  it('matches the first block CRC of the OMS Annex N mode-5 example (frame format A)', () => {
    const b = fromHex('2E44931578563412330333637A2A0020255923C95AAA26D1B2E7493BC2AD013EC4A6F6D3529B520EDFF0EA6DEFC955B29D6D69EBF3EC8A');
    assert.ok(crcMatches(b, 0, 10));
    assert.ok(!crcMatches(b, 0, 9));
  });
});
