/**
 * Meter list files by extension: .csv (and .txt) or .xlsx, read into a checked list of
 * entries with every problem, and written back from the registry.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../errors';
import type { SystemOfRecord } from '../store';
import { decodeText, formatCsv, parseCsv, type TextEncoding } from './csv';
import { entriesOf, type ParsedSheet } from './entries';
import { registrySheet } from './export';
import type { Sheet } from './sheet';
import { readXlsx, writeXlsx } from './xlsx';

export interface ReadOptions { encoding?: TextEncoding; delimiter?: string }

type Format = 'csv' | 'xlsx';

function formatOf(file: string): Format {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv' || ext === '.txt') return 'csv';
  throw new ConfigError(`'${file}': give a .csv or .xlsx file`);
}

export async function readSheet(file: string, options: ReadOptions = {}): Promise<Sheet> {
  const format = formatOf(file);
  const bytes = await fs.readFile(file);
  return format === 'xlsx' ? readXlsx(bytes) : parseCsv(decodeText(bytes, options.encoding), options.delimiter);
}

/** Reads and checks a meter list; `errors` lists every problem (then `entries` is empty). */
export async function readRegistryFile(file: string, options: ReadOptions = {}): Promise<ParsedSheet> {
  return entriesOf(await readSheet(file, options));
}

/** Writes the registry as a meter list (.csv: UTF-8 with BOM, ';'; .xlsx). */
export async function writeRegistryFile(store: SystemOfRecord, file: string): Promise<number> {
  const sheet = registrySheet(store);
  const bytes = formatOf(file) === 'xlsx' ? await writeXlsx(sheet) : Buffer.from(formatCsv(sheet), 'utf8');
  await fs.writeFile(file, bytes);
  return sheet.rows.length;
}
