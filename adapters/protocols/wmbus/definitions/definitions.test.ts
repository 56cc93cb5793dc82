/**
 * The one generic runner of the meter definitions' embedded tests: for every definition and
 * every test, decode its preceding telegrams then its telegram (key if given), check the
 * definition detects the meter, and compare each expected field. Also: user definitions load
 * from a directory, a broken file is a ConfigError naming it.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError } from '../../../../lib/errors';
import { fromHex } from '../../../../lib/hex';
import { CompactFormats } from '../compact';
import { KeyStore } from '../keys';
import { readAddress } from '../link/dll';
import { decodeWirelessTelegram } from '../telegram';
import { applyDefinition } from './definition';
import { definitionFor, loadDefinitions } from './load';

const TOLERANCE = 1e-9;

describe('wmbus meter definitions', () => {
  const definitions = loadDefinitions();
  for (const d of definitions) {
    describe(d.id, () => {
      d.tests.forEach((test, n) => {
        it(`test ${n}: ${test.about}`, () => {
          const formats = new CompactFormats();
          const keys = new KeyStore();
          if (test.key) keys.set(readAddress(fromHex(test.telegram), 2).id, test.key);
          for (const hex of test.preceding ?? []) decodeWirelessTelegram(fromHex(hex), { formats, keys });
          const t = decodeWirelessTelegram(fromHex(test.telegram), { formats, keys });
          assert.equal(definitionFor(definitions, t)?.id, d.id);
          const fields = applyDefinition(d, t);
          for (const [name, want] of Object.entries(test.expect)) {
            const got = fields[name];
            if (typeof want === 'number') assert.ok(typeof got === 'number' && Math.abs(got - want) <= TOLERANCE, `${name}: ${String(got)} ≠ ${want}`);
            else assert.deepEqual(got, want, name);
          }
        });
      });
    });
  }

  it('loads user definitions from a directory; a broken one is a ConfigError naming the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imd-meters-'));
    writeFileSync(path.join(dir, 'my-meter.json'), JSON.stringify({ id: 'my-meter', title: 'x', detect: [{ manufacturer: 'ABC' }], fields: [], tests: [] }));
    assert.ok(loadDefinitions(dir).some((d) => d.id === 'my-meter'));
    writeFileSync(path.join(dir, 'z-broken.json'), '{"id": "Bad Id"}');
    assert.throws(() => loadDefinitions(dir), (e: unknown) => e instanceof ConfigError && /z-broken\.json/.test(e.message));
  });
});
