/**
 * For the list-import tests (lib/registry): the files under lib/registry/fixtures/, a store
 * holding the fixture meter list (Lönngatan 4), and a list read and imported as the command
 * line does it — the result, or every problem as printed ("line n, column …: why").
 */
import * as path from 'node:path';
import { formatLineError, importEntries, readRegistryFile, RegistryImportError, type ParsedRows } from '../../lib/registry';
import { SystemOfRecord } from '../../lib/store';
import { repoRoot } from './repo-root';

export const listFixture = (name: string): string => path.join(repoRoot(__dirname), 'lib', 'registry', 'fixtures', name);

/** A store in memory with fixtures/meters-lonngatan.csv imported. */
export async function storeWithMeters(): Promise<SystemOfRecord> {
  const store = SystemOfRecord.open(':memory:');
  importEntries(store, (await readRegistryFile(listFixture('meters-lonngatan.csv'))).entries);
  return store;
}

export async function importListFile<P extends ParsedRows<unknown>, R>(store: SystemOfRecord, file: string,
  read: (file: string) => Promise<P>, apply: (store: SystemOfRecord, parsed: P) => R): Promise<R | string[]> {
  const parsed = await read(file);
  if (parsed.errors.length > 0) return parsed.errors.map(formatLineError);
  try {
    return apply(store, parsed);
  } catch (err) {
    if (err instanceof RegistryImportError) return err.errors.map(formatLineError);
    throw err;
  }
}
