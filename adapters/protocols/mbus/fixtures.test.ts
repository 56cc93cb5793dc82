/**
 * Golden fixture runner: every fixtures/frames/*.hex must decode to exactly its .json, every
 * fixtures/error-frames/*.hex must be rejected with exactly the error and offset in its .json
 * (the output of `imd decode`). Files are read from the source tree. The fixture files must be
 * those fixtures/sources.ts describes: change them with `npm run fixtures:update`, then review.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../../test/support/repo-root';
import { expectedOutput } from './fixtures/expected-output';
import { FIXTURE_FOLDERS } from './fixtures/sources';

const FIXTURES = path.join(repoRoot(__dirname), 'adapters', 'protocols', 'mbus', 'fixtures');

function filesOf(dir: string, ext: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(ext)).map((f) => f.slice(0, -ext.length)).sort() : [];
}

describe('mbus golden fixtures', () => {
  for (const [folder, sources] of Object.entries(FIXTURE_FOLDERS)) {
    describe(`fixtures/${folder}`, () => {
      const dir = path.join(FIXTURES, folder);
      const names = filesOf(dir, '.hex');

      it('are the fixtures of fixtures/sources.ts, each .hex beside its .json (else run npm run fixtures:update)', () => {
        assert.deepEqual(names, filesOf(dir, '.json'), 'every .hex has a .json and vice versa');
        assert.deepEqual(names, sources.map((s) => s.name).sort(), 'file names');
        for (const s of sources) assert.equal(readFileSync(path.join(dir, `${s.name}.hex`), 'utf8').trim(), s.hex, `${s.name}.hex`);
      });

      for (const name of names) {
        it(name, () => {
          const hex = readFileSync(path.join(dir, `${name}.hex`), 'utf8').trim();
          const expected = JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) as { ok: boolean };
          assert.equal(expected.ok, folder === 'frames', `${name}.json: ok must be ${folder === 'frames'} in ${folder}/`);
          assert.deepEqual(expectedOutput(hex), expected);
        });
      }
    });
  }
});
