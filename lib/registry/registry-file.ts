/**
 * Meter list files (.csv, .txt or .xlsx): read into a checked list of entries with every
 * problem, and written back from the registry.
 */
import { promises as fs } from 'node:fs';
import type { SystemOfRecord } from '../store';
import { METER_COLUMNS } from './columns';
import { formatCsv } from './csv';
import { entriesOf, type ParsedSheet } from './entries';
import { registrySheet } from './export';
import { formatOf, readSheet, type ReadOptions } from './sheet-file';
import { writeXlsx } from './xlsx';

/** Reads and checks a meter list; `errors` lists every problem (then `entries` is empty). */
export async function readRegistryFile(file: string, options: ReadOptions = {}): Promise<ParsedSheet> {
  return entriesOf(await readSheet(file, METER_COLUMNS, options));
}

/** Writes the registry as a meter list (.csv: UTF-8 with BOM, ';'; .xlsx). */
export async function writeRegistryFile(store: SystemOfRecord, file: string): Promise<number> {
  const sheet = registrySheet(store);
  const bytes = formatOf(file) === 'xlsx' ? await writeXlsx(sheet) : Buffer.from(formatCsv(sheet), 'utf8');
  await fs.writeFile(file, bytes);
  return sheet.rows.length;
}
