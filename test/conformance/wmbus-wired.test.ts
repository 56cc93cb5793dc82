/**
 * Held-out wired telegrams: the wired M-Bus telegrams of wmbusmeters' driver tests
 * (../shared/conformance/wmbus, read in place), decoded by our generic decoder; every value
 * wmbusmeters reads as a plain EN 13757-3 record ("standard: true") must be reproduced.
 */
import { strict as assert } from 'node:assert';
import { decodeTelegram } from '../../adapters/protocols/mbus';
import { describeError } from '../../lib/errors';
import { fromHex } from '../../lib/hex';
import { loadCorpusOrSkip } from '../support/conformance-data';
import { reproduces, type WmbusCase } from './wmbus-compare';

describe('conformance: wired telegrams of the wmbusmeters corpus', function () {
  let cases: WmbusCase[];
  before(function () { cases = loadCorpusOrSkip<{ cases: WmbusCase[] }>(this, 'wmbus/cases.json').cases.filter((c) => c.frame === 'wired'); });

  it('reproduces every standard value', function () {
    const misses: string[] = [];
    let total = 0;
    for (const c of cases) {
      const standard = c.expected.filter((e) => e.standard);
      total += standard.length;
      try {
        const { records } = decodeTelegram(fromHex(c.telegram_hex));
        for (const e of standard) if (!reproduces(records, e)) misses.push(`${c.case_id} ${e.field}: expected ${String(e.canonical_value)} ${e.unit}`);
      } catch (err) {
        misses.push(`${c.case_id}: ${describeError(err)}`);
      }
    }
    console.log(`      ${cases.length} wired telegrams, ${total - misses.length}/${total} standard values reproduced`);
    assert.deepEqual(misses, []);
  });
});
