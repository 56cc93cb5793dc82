/**
 * Duplicate suppression: the same telegram from two receivers (one with format A CRCs, one
 * without) and through a repeater (ELL hop bit) within the window is kept once; after the
 * window, or with other content, it is kept again; memory stays bounded.
 */
import { strict as assert } from 'node:assert';
import { fromHex } from '../../../lib/hex';
import { Deduplicator, telegramKey } from './dedup';
import { addCrcs, stripFrame } from './link/frame-format';

const PLAIN = fromHex('1244AE0C7856341201078C2027780B13436587');

describe('wmbus duplicate suppression', () => {
  it('keeps the first of two receptions (format A and no CRCs) within the window', () => {
    const d = new Deduplicator(10_000);
    const viaA = telegramKey(stripFrame(addCrcs(PLAIN, 'A')).bytes);
    const viaPlain = telegramKey(stripFrame(PLAIN).bytes);
    assert.equal(viaA, viaPlain);
    assert.equal(d.accept(viaA, 1000), true);
    assert.equal(d.accept(viaPlain, 5000), false);
    assert.equal(d.accept(viaPlain, 11_000), true);
  });

  it('treats a repeated telegram (ELL hop-count bit set) as the same', () => {
    const repeated = PLAIN.slice();
    repeated[11]! |= 0x10;
    assert.equal(telegramKey(repeated), telegramKey(PLAIN));
    const other = PLAIN.slice();
    other[12] = 0x28;
    assert.notEqual(telegramKey(other), telegramKey(PLAIN));
  });

  it('stays bounded', () => {
    const d = new Deduplicator(1_000_000, 100);
    for (let i = 0; i < 1000; i++) d.accept(`k${i}`, i);
    assert.equal(d.accept('k999', 1000), false);
    assert.equal(d.accept('k0', 1000), true);
  });
});
