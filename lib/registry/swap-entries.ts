/**
 * Meter swaps (mätarbyte) as an installer's swap report (CSV or .xlsx) or the command line
 * gives them: the old meter's serial, the new meter's serial, the time of the swap, the old
 * meter's final register and the new meter's start register. Registers are exact decimals
 * ('12,345' or '12.345'); a time without a UTC offset is Swedish time (Europe/Stockholm).
 */
import { wallTimeToUtc, parseWallTime } from '../collection/stockholm-time';
import { ConfigError } from '../errors';
import { formatDecimal, isIsoDate, parseDecimal } from '../store';
import { serialProblem } from './entries';
import type { LineError, Sheet } from './sheet';
import { ColumnSet, type CellCheck, type ParsedRows } from './sheet-columns';
import { readSheet, type ReadOptions } from './sheet-file';

export type SwapColumnKey = 'oldSerial' | 'newSerial' | 'at' | 'oldFinal' | 'newStart';

export const SWAP_COLUMNS = new ColumnSet<SwapColumnKey>([
  { key: 'oldSerial', required: true, names: ['Gammalt mätarnummer', 'Gammal mätare', 'Nedtagen mätare', 'old serial', 'old meter'] },
  { key: 'newSerial', required: true, names: ['Nytt mätarnummer', 'Ny mätare', 'Uppsatt mätare', 'new serial', 'new meter'] },
  { key: 'at', required: true, names: ['Bytestid', 'Tidpunkt', 'Byte', 'time', 'swap time', 'swapped at'] },
  { key: 'oldFinal', required: true, names: ['Slutställning', 'Slutavläsning', 'Gammal mätarställning', 'old final', 'old final register'] },
  { key: 'newStart', required: true, names: ['Startställning', 'Startavläsning', 'Ny mätarställning', 'new start', 'new start register'] },
]);

/** One swap; `at` ISO 8601 UTC, registers as exact decimal text with '.'. */
export interface SwapEntry { line: number; oldSerial: string; newSerial: string; at: string; oldFinal: string; newStart: string }

export type ParsedSwaps = ParsedRows<SwapEntry, SwapColumnKey>;

const WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 time with an offset, or a Swedish wall time 'YYYY-MM-DD HH:MM[:SS]' ('T' allowed), as ISO UTC; undefined otherwise. */
export function swapInstant(text: string): string | undefined {
  if (!isIsoDate(text.slice(0, 10))) return undefined;
  const wall = parseWallTime(text);
  const ms = wall ? wallTimeToUtc(wall) : WITH_OFFSET.test(text) ? Date.parse(text) : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function registerValue(text: string): string | undefined {
  if (!/^\d+([.,]\d+)?$/.test(text)) return undefined;
  return formatDecimal(parseDecimal(text));
}

const registerCheck = (key: 'oldFinal' | 'newStart'): CellCheck<SwapEntry> => (t, e) => {
  const value = registerValue(t);
  return value === undefined ? `'${t}' is not a register value (a decimal number ≥ 0, e.g. 512,345)` : void (e[key] = value);
};

const CHECKS: Record<SwapColumnKey, CellCheck<SwapEntry>> = {
  oldSerial: (t, e) => serialProblem(t) ?? void (e.oldSerial = t),
  newSerial: (t, e) => serialProblem(t) ?? void (e.newSerial = t),
  at: (t, e) => {
    const at = swapInstant(t);
    return at ? void (e.at = at) : `'${t}' is not a time (YYYY-MM-DD HH:MM Swedish time, or ISO 8601 with Z or an offset)`;
  },
  oldFinal: registerCheck('oldFinal'),
  newStart: registerCheck('newStart'),
};

export function swapsOf(sheet: Sheet): ParsedSwaps {
  return SWAP_COLUMNS.check(sheet, { cells: CHECKS, across: crossCheck });
}

/** Reads and checks a swap report; `errors` lists every problem (then `entries` is empty). */
export async function readSwapFile(file: string, options: ReadOptions = {}): Promise<ParsedSwaps> {
  return swapsOf(await readSheet(file, SWAP_COLUMNS, options));
}

/** One swap from texts per column (the command line's arguments); a ConfigError names the first bad one by `name`. */
export function swapEntry(texts: Partial<Record<SwapColumnKey, string>>, name: (key: SwapColumnKey) => string): SwapEntry {
  const entry: Partial<SwapEntry> = { line: 0 };
  for (const { key } of SWAP_COLUMNS.columns) {
    const text = texts[key]?.trim();
    if (!text) throw new ConfigError(`${name(key)} is required`);
    const why = CHECKS[key](text, entry);
    if (why) throw new ConfigError(`${name(key)}: ${why}`);
  }
  return entry as SwapEntry;
}

/** The report against itself: a meter taken down once, put up once. */
function crossCheck(entries: SwapEntry[], header: (key: SwapColumnKey) => string): LineError[] {
  const errors: LineError[] = [];
  for (const key of ['oldSerial', 'newSerial'] as const) {
    const seen = new Map<string, number>();
    for (const e of entries) {
      const line = seen.get(e[key]);
      if (line !== undefined) errors.push({ line: e.line, column: header(key), message: `meter ${e[key]} is already ${key === 'oldSerial' ? 'taken down' : 'put up'} on line ${line}` });
      else seen.set(e[key], e.line);
    }
  }
  return errors;
}
