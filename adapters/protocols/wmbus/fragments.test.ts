/**
 * AFL fragments and replay protection, with telegrams built by our encoder and encrypted by our
 * mode-7 fixture code: a message split into three fragments is held, then reassembled and
 * decoded (MAC verified) by WirelessReception, in any order; a lone fragment given to
 * decodeWirelessTelegram is a clear "fragmented" error; an old message counter is refused.
 */
import { strict as assert } from 'node:assert';
import { DecodeError } from '../../../lib/errors';
import { toHex } from '../../../lib/hex';
import { decodeWirelessTelegram, KeyStore, WirelessReception } from '.';
import { buildTelegram, fragments, type MeterIdentity } from './fixtures/build-wireless';

const METER: MeterIdentity = { manufacturer: 'ELS', id: '20240101', version: 0x33, deviceType: 3 };
const KEY = '2B7E151628AED2A6ABF7158809CF4F3C';
const keys = new KeyStore();
keys.set(METER.id, KEY);

/** A mode-7 gas meter message with 12 volume records (one telegram of 3 AES blocks and more). */
function message(counter: number, litres = 1000): Uint8Array {
  const records = Array.from({ length: 12 }, (_, storage) => ({ storage, vif: [0x13], data: { type: 'int' as const, size: 4 as const, value: litres + storage } }));
  return buildTelegram({ meter: METER, header: 'short', ell: [0x8c, 0x20, 7], records, security: { mode: 7, key: KEY, counter } });
}

const at = (s: number): { receivedAt: Date } => ({ receivedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, s)) });

function errorOf(f: () => unknown): DecodeError {
  try { f(); } catch (err) { if (err instanceof DecodeError) return err; throw err; }
  assert.fail('expected a DecodeError');
}

describe('wmbus AFL fragments and replay protection', () => {
  it('holds fragments 1 and 2, decodes the message when fragment 3 arrives (MAC verified)', () => {
    const parts = fragments(message(41), 40, 3);
    assert.equal(parts.length, 3);
    const r = new WirelessReception({ keys });
    const first = r.receive(parts[0]!, at(0));
    assert.ok(!first.duplicate && first.fragment?.complete === false && first.readings.length === 0);
    assert.match(first.telegram.warnings[0]!, /fragment 1 of a multi-fragment message held/);
    assert.ok(!r.receive(parts[1]!, at(1)).duplicate);
    const last = r.receive(parts[2]!, at(2));
    assert.ok(!last.duplicate);
    if (last.duplicate) return;
    assert.deepEqual(last.fragment, { id: 3, complete: true });
    assert.equal(last.telegram.frame.afl?.macVerified, true);
    assert.equal(last.telegram.frame.security, 'aes-cbc-kdf');
    assert.deepEqual(last.readings.map((x) => x.value), Array.from({ length: 12 }, (_, k) => (1000 + k) / 1000));
  });

  it('reassembles fragments that arrive out of order', () => {
    const parts = fragments(message(42), 20, 3);
    const r = new WirelessReception({ keys });
    const results = [parts[2]!, parts[0]!, ...parts.slice(3), parts[1]!].map((p, k) => r.receive(p, at(k)));
    const done = results.at(-1)!;
    assert.ok(!done.duplicate && done.fragment?.complete === true && done.readings.length === 12);
  });

  it('drops an unfinished message after the timeout', () => {
    const parts = fragments(message(43), 30, 3);
    const r = new WirelessReception({ keys, fragments: { timeoutMs: 10_000 } });
    r.receive(parts[0]!, at(0));
    r.receive(parts[1]!, at(1));
    const late = r.receive(parts[2]!, at(30));
    assert.ok(!late.duplicate && late.fragment?.complete === false);
    assert.match(late.telegram.warnings.join(' '), /dropped an unfinished message of 2 fragments \(timed out\)/);
  });

  it('a lone fragment given to decodeWirelessTelegram: "fragment k of a multi-fragment message"', () => {
    const err = errorOf(() => decodeWirelessTelegram(fragments(message(44), 30, 3)[1]!, { keys }));
    assert.equal(err.code, 'fragmented');
    assert.match(err.message, /^meter ELS 20240101: fragment 2 of a multi-fragment message .*feed the stream to WirelessReception/);
  });

  it('refuses a replayed message counter, accepts the next one', () => {
    const r = new WirelessReception({ keys, dedupWindowMs: 1_000 });
    assert.ok(!r.receive(message(100), at(0)).duplicate);
    assert.ok(r.receive(message(100), at(0)).duplicate, 'the same telegram within the window is a duplicate');
    const err = errorOf(() => r.receive(message(100), at(10)));
    assert.equal(err.code, 'replay');
    assert.match(err.message, /^meter ELS 20240101: message counter 100 is not above the last accepted 100/);
    assert.equal(errorOf(() => r.receive(message(99, 2000), at(20))).code, 'replay');
    assert.ok(!r.receive(message(101), at(30)).duplicate);
  });

  it('a forged telegram (wrong MAC) does not move the counter', () => {
    const r = new WirelessReception({ keys });
    const forged = message(500);
    forged[forged.length - 1]! ^= 0xff;
    assert.equal(errorOf(() => r.receive(forged, at(0))).code, 'wrong-key');
    assert.ok(!r.receive(message(200), at(1)).duplicate, toHex(message(200)));
  });
});
