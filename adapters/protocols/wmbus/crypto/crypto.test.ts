/**
 * The crypto primitives: AES-128 against FIPS 197 and Node's aes-128-ecb on random blocks and
 * keys; AES-CMAC against the RFC 4493 §4 vectors; MeterKey's CBC and CTR against Node's
 * aes-128-cbc / aes-128-ctr, and its one-block CMAC against the general CMAC.
 */
import { strict as assert } from 'node:assert';
import { createCipheriv, randomBytes } from 'node:crypto';
import { Aes128 } from './aes128';
import { cmac } from './cmac';
import { MeterKey } from './meter-key';

const KEY = Buffer.from('2b7e151628aed2a6abf7158809cf4f3c', 'hex');
const M = Buffer.from('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710', 'hex');

describe('wmbus crypto', () => {
  it('AES-128: FIPS 197 C.1, and 200 random keys/blocks equal Node\'s aes-128-ecb both ways', () => {
    const out = new Uint8Array(16);
    new Aes128(Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex')).encrypt(Buffer.from('00112233445566778899aabbccddeeff', 'hex'), 0, out, 0);
    assert.equal(Buffer.from(out).toString('hex'), '69c4e0d86a7b0430d8cdb78070b4c55a');
    for (let n = 0; n < 200; n++) {
      const key = randomBytes(16), block = randomBytes(16);
      const aes = new Aes128(key);
      aes.encrypt(block, 0, out, 0);
      assert.deepEqual(Buffer.from(out), createCipheriv('aes-128-ecb', key, null).setAutoPadding(false).update(block));
      aes.decrypt(out, 0, out, 0);
      assert.deepEqual(Buffer.from(out), block);
    }
  });

  const vectors: Array<[number, string]> = [
    [0, 'bb1d6929e95937287fa37d129b756746'], [16, '070a16b46b4d4144f79bdd9dd04a287c'],
    [40, 'dfa66747de9ae63030ca32611497c827'], [64, '51f0bebf7e3b9d92fc49741779363cfe'],
  ];
  for (const [length, mac] of vectors) {
    it(`AES-CMAC, RFC 4493 example with a ${length}-byte message`, () => {
      assert.equal(Buffer.from(cmac(KEY, M.subarray(0, length))).toString('hex'), mac);
    });
  }

  it('MeterKey: CBC and CTR equal Node\'s aes-128-cbc / aes-128-ctr; one-block CMAC equals cmac()', () => {
    const key = new MeterKey(KEY);
    const iv = Buffer.from('000102030405060708090a0b0c0dfeff', 'hex');
    const cbc = createCipheriv('aes-128-cbc', KEY, iv).setAutoPadding(false).update(M);
    assert.deepEqual(Buffer.from(key.cbcDecrypt(cbc, 0, 4, iv)), M);
    const ctr = createCipheriv('aes-128-ctr', KEY, iv).update(M.subarray(0, 50));
    assert.deepEqual(Buffer.from(key.ctr(ctr, 0, 50, iv)), M.subarray(0, 50));
    assert.deepEqual(key.cmacBlock(M.subarray(16, 32)), cmac(KEY, M.subarray(16, 32)));
  });
});
