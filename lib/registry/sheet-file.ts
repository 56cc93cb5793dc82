/**
 * List files by extension — .csv (and .txt) or .xlsx — read into a sheet: the rows of either
 * format, split at the header the list's columns recognise.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../errors';
import { decodeText, parseCsv, type TextEncoding } from './csv';
import type { Sheet } from './sheet';
import type { ColumnSet } from './sheet-columns';
import { readXlsx } from './xlsx';

export interface ReadOptions { encoding?: TextEncoding; delimiter?: string }

export type SheetFormat = 'csv' | 'xlsx';

export function formatOf(file: string): SheetFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv' || ext === '.txt') return 'csv';
  throw new ConfigError(`'${file}': give a .csv or .xlsx file`);
}

export async function readSheet<K extends string>(file: string, columns: ColumnSet<K>, options: ReadOptions = {}): Promise<Sheet> {
  const format = formatOf(file);
  const bytes = await fs.readFile(file);
  return columns.sheet(format === 'xlsx' ? await readXlsx(bytes) : parseCsv(decodeText(bytes, options.encoding), options.delimiter));
}
