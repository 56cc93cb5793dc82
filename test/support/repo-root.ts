/**
 * The repository root, for tests that read sources: the nearest folder at or above the running
 * file that holds package.json (tests run compiled from dist/test/…).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export function repoRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json at or above ${start}`);
  }
}
