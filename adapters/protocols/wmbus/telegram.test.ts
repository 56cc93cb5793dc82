/**
 * decodeWirelessTelegram on the published OMS / EN 13757-4 examples: frame formats A, B and
 * none, security modes 5 and 7 (MAC verified), the radio-adapter form (ELL III + long TPL
 * header), partial encryption, and the errors: wrong or missing key, CRC error naming the block.
 */
import { strict as assert } from 'node:assert';
import { DecodeError } from '../../../lib/errors';
import { fromHex } from '../../../lib/hex';
import { KeyStore, WirelessDecodeError, decodeWirelessTelegram } from '.';
import { FORMAT_B_WITHOUT_CRC, FORMAT_B_WITH_CRC, OMS_MODE_5, OMS_MODE_7, OMS_PARTIAL, OMS_RADIO_ADAPTER, type OmsExample } from './fixtures/oms-examples';

function keysOf(e: OmsExample, key = e.key): KeyStore {
  const keys = new KeyStore();
  keys.set(e.keyId, key);
  return keys;
}

function volume(e: OmsExample): unknown {
  const t = decodeWirelessTelegram(fromHex(e.hex), { keys: keysOf(e) });
  return t.records.find((r) => r.quantity === 'volume')?.value;
}

describe('wmbus decodeWirelessTelegram (OMS Annex N examples)', () => {
  it('mode 5, frame format A: 28504.27 m3 from gas meter ELS 12345678', () => {
    const t = decodeWirelessTelegram(fromHex(OMS_MODE_5.hex), { keys: keysOf(OMS_MODE_5) });
    assert.equal(t.frame.format, 'A');
    assert.equal(t.frame.function, 'SND_NR');
    assert.deepEqual([t.frame.manufacturer, t.frame.id, t.frame.version, t.frame.medium], ['ELS', '12345678', 0x33, 'gas']);
    assert.equal(t.frame.security, 'aes-cbc-iv');
    assert.equal(t.header?.encryptionMode, 5);
    assert.equal(volume(OMS_MODE_5), 28504.27);
    assert.ok(t.records.some((r) => r.quantity === 'datetime'));
  });

  it('mode 7 (ELL + AFL): key derived by CMAC, MAC verified, same plaintext', () => {
    const t = decodeWirelessTelegram(fromHex(OMS_MODE_7.hex), { keys: keysOf(OMS_MODE_7) });
    assert.equal(t.frame.security, 'aes-cbc-kdf');
    assert.equal(t.frame.afl?.macVerified, true);
    assert.equal(t.frame.afl?.messageCounter, 0xab3);
    assert.equal(volume(OMS_MODE_7), 28504.27);
  });

  it('radio adapter: ELL III second address, long TPL header (key by the meter id)', () => {
    const t = decodeWirelessTelegram(fromHex(OMS_RADIO_ADAPTER.hex), { keys: keysOf(OMS_RADIO_ADAPTER) });
    assert.equal(t.frame.function, 'RSP_UD');
    assert.equal(t.header?.id, '12345678');
    assert.equal(t.frame.id, '11223344');
    assert.equal(volume(OMS_RADIO_ADAPTER), 28504.27);
  });

  it('partial encryption: the block after the encrypted one is read in clear', () => {
    const t = decodeWirelessTelegram(fromHex(OMS_PARTIAL.hex), { keys: keysOf(OMS_PARTIAL) });
    assert.equal(t.header?.encryptedBlocks, 1);
    assert.ok(t.records.some((r) => r.quantity === 'hca'));
    assert.equal(t.records.at(-1)?.quantity, 'customer-location');
  });

  it('frame format B with its CRC and the same telegram without CRCs decode alike', () => {
    const b = decodeWirelessTelegram(fromHex(FORMAT_B_WITH_CRC));
    const none = decodeWirelessTelegram(fromHex(FORMAT_B_WITHOUT_CRC));
    assert.equal(b.frame.format, 'B');
    assert.equal(none.frame.format, 'none');
    assert.deepEqual(b.records, none.records);
    assert.equal(b.records[0]?.value, 876.543);
  });

  it('a wrong key is an error naming the meter, with the unencrypted header', () => {
    const err = catchError(() => decodeWirelessTelegram(fromHex(OMS_MODE_5.hex), { keys: keysOf(OMS_MODE_5, '00'.repeat(16)) }));
    assert.ok(err instanceof WirelessDecodeError);
    assert.equal(err.code, 'wrong-key');
    assert.match(err.message, /^meter ELS 12345678: wrong key/);
    assert.equal(err.header.accessNumber, 0x2a);
    assert.doesNotMatch(err.message, /0{32}/);
  });

  it('mode 7 with a wrong key: the MAC does not match', () => {
    const err = catchError(() => decodeWirelessTelegram(fromHex(OMS_MODE_7.hex), { keys: keysOf(OMS_MODE_7, OMS_MODE_5.key) }));
    assert.match(err.message, /MAC does not match/);
  });

  it('no key: "encrypted" error naming the meter', () => {
    const err = catchError(() => decodeWirelessTelegram(fromHex(OMS_MODE_5.hex)));
    assert.equal(err.code, 'encrypted');
    assert.match(err.message, /^meter ELS 12345678: telegram is encrypted \(security mode 5, 2 blocks\)/);
  });

  it('a corrupted byte gives a CRC error naming the block', () => {
    const bytes = fromHex(OMS_MODE_5.hex);
    bytes[20]! ^= 0x01;
    const err = catchError(() => decodeWirelessTelegram(bytes));
    assert.equal(err.code, 'crc');
    assert.match(err.message, /frame format A: CRC of block 2 \(bytes 12–27\)/);
  });
});

function catchError(f: () => unknown): DecodeError {
  try { f(); } catch (err) { if (err instanceof DecodeError) return err; throw err; }
  assert.fail('expected a DecodeError');
}
