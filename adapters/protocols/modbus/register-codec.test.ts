/**
 * Register codec against fixtures/register-values.json (vectors made with Node's Buffer
 * writers, independently of the codec): every type in all four word/byte orders decodes to the
 * exact mantissa and encodes back to the same wire bytes.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fromHex, toHex } from '../../../lib/hex';
import { repoRoot } from '../../../test/support/repo-root';
import { decodeRegister, encodeRegister, type ByteOrder, type RegisterType, type WordOrder } from './register-codec';

interface Vector { type: RegisterType; wordOrder: WordOrder; byteOrder: ByteOrder; wire: string; mantissa: string }
const FILE = path.join(repoRoot(__dirname), 'adapters', 'protocols', 'modbus', 'fixtures', 'register-values.json');

describe('modbus register codec', () => {
  for (const v of JSON.parse(readFileSync(FILE, 'utf8')) as Vector[]) {
    it(`${v.type} ${v.wordOrder}/${v.byteOrder} ${v.wire} ↔ ${v.mantissa}`, () => {
      const decoded = decodeRegister(fromHex(v.wire), v.type, v.wordOrder, v.byteOrder);
      assert.equal(decoded.text, v.mantissa);
      assert.equal(decoded.encoding, v.type.startsWith('float') ? 'real' : 'int');
      if (v.mantissa !== 'NaN') assert.equal(toHex(encodeRegister(v.mantissa, v.type, v.wordOrder, v.byteOrder)), v.wire);
    });
  }

  it('refuses a value that does not fit and bytes of the wrong length', () => {
    assert.throws(() => encodeRegister('65536', 'u16', 'high-first', 'big'), /does not fit u16/);
    assert.throws(() => encodeRegister('-1', 'u32', 'high-first', 'big'), /does not fit u32/);
    assert.throws(() => decodeRegister(fromHex('0001'), 'u32', 'high-first', 'big'), /needs 4 bytes/);
  });
});
