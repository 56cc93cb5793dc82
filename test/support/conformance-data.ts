/**
 * Where the shared conformance corpora live (`../shared/conformance` beside the checkout, or
 * IMD_CONFORMANCE_DIR). They are read in place, never copied into the repository. Absent on a
 * user's clone: the suites skip with a message. In CI (CI=true) they are required.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './repo-root';

export function conformanceDir(): string {
  return process.env.IMD_CONFORMANCE_DIR ?? path.join(repoRoot(), '..', 'shared', 'conformance');
}

/**
 * Loads `<conformance>/<relative>` or, when absent, skips the calling suite (fails under CI=true).
 * Call from a mocha `before` hook with its `this`.
 */
export function loadCorpusOrSkip<T>(ctx: Mocha.Context, relative: string): T {
  const file = path.join(conformanceDir(), relative);
  if (!existsSync(file)) {
    if (process.env.CI === 'true') throw new Error(`conformance corpus ${file} is missing; CI requires ../shared/conformance`);
    console.log(`      (skipped: conformance corpus ${file} not found; it ships beside the repository in CI, not in a user's clone)`);
    ctx.skip();
  }
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
