/**
 * The columns of an imported list as data — meter lists, tenancy lists, swap reports: the
 * header names accepted per column (Swedish and English, any case; spaces, dashes,
 * underscores, dots and parentheses ignored), the header row found below title rows, and every
 * row checked cell by cell. Each problem names its line and the column's header as written in
 * the file; a list with any problem yields no entries (all or nothing).
 */
import type { LineError, Sheet, SheetRow } from './sheet';

export interface Column<K extends string = string> {
  key: K;
  /** The column must be in the header, and its cells filled unless `mayBeEmpty`. */
  required: boolean;
  mayBeEmpty?: boolean;
  /** Accepted header names; the first is what export writes. */
  names: readonly string[];
}

/** Lower case, NFC, without spaces, dashes, underscores, dots and parentheses. */
export function normaliseName(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[\s\-_.()]/g, '');
}

/** A cell's check: stores the value in the entry, or says why the text is wrong. */
export type CellCheck<E> = (text: string, entry: Partial<E>) => string | undefined;

export interface ParsedRows<E, K extends string = string> {
  entries: E[];
  errors: LineError[];
  /** The header as written in the file, per column present. */
  headers: Partial<Record<K, string>>;
}

export interface RowChecks<K extends string, E> {
  /** Per column; a column without a check keeps its text under its key. */
  cells: Partial<Record<K, CellCheck<E>>>;
  /** The entry before its cells are read, knowing which columns the file has. */
  defaults?: (present: ReadonlySet<K>) => Partial<E>;
  /** The entries against each other (a serial twice …); `header` names a column as in the file. */
  across?: (entries: E[], header: (key: K) => string) => LineError[];
}

/** Rows searched for the header (people put titles above it). */
const HEADER_SEARCH_ROWS = 10;

export class ColumnSet<K extends string> {
  private readonly byName: Map<string, K>;

  constructor(readonly columns: readonly Column<K>[]) {
    this.byName = new Map(columns.flatMap((c) => c.names.map((n) => [normaliseName(n), c.key] as const)));
  }

  /** The column a header cell names, or undefined (unknown columns are ignored). */
  columnOf(header: string): K | undefined {
    return this.byName.get(normaliseName(header));
  }

  /** The column's first (export) name. */
  name(key: K): string {
    return this.columns.find((c) => c.key === key)!.names[0]!;
  }

  /** Splits rows into the header — the first of the first rows naming at least two known columns, else the first row — and the rows below. */
  sheet(rows: SheetRow[]): Sheet {
    const known = (r: SheetRow) => r.cells.filter((c) => this.columnOf(c) !== undefined).length;
    const at = Math.max(0, rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => known(r) >= 2));
    const header = rows[at];
    return { headerLine: header?.line ?? 1, headers: (header?.cells ?? []).map((h) => h.trim()), rows: rows.slice(at + 1) };
  }

  /** Every row of the sheet checked into an entry; any problem anywhere and `entries` is empty. */
  check<E extends { line: number }>(sheet: Sheet, checks: RowChecks<K, E>): ParsedRows<E, K> {
    const errors: LineError[] = [];
    const index = new Map<K, number>();
    const headers: Partial<Record<K, string>> = {};
    sheet.headers.forEach((h, i) => {
      const key = this.columnOf(h);
      if (key && index.has(key)) errors.push({ line: sheet.headerLine, column: h, message: `column given twice (also column ${index.get(key)! + 1})` });
      else if (key) { index.set(key, i); headers[key] = h; }
    });
    for (const c of this.columns) {
      if (c.required && !index.has(c.key)) errors.push({ line: sheet.headerLine, column: c.names[0]!, message: `required column missing (accepted names: ${c.names.join(', ')})` });
    }
    if (errors.length > 0) return { entries: [], errors, headers };

    const present = new Set(index.keys());
    const entries: E[] = [];
    for (const row of sheet.rows) {
      const entry = { ...checks.defaults?.(present), line: row.line } as Partial<E>;
      const lineErrors: LineError[] = [];
      for (const c of this.columns) {
        const i = index.get(c.key);
        const text = i === undefined ? '' : (row.cells[i] ?? '').trim();
        if (text === '') {
          if (c.required && !c.mayBeEmpty) lineErrors.push({ line: row.line, column: headers[c.key]!, message: 'empty; a value is required' });
          continue;
        }
        const check = checks.cells[c.key];
        const why = check ? check(text, entry) : void ((entry as Record<string, unknown>)[c.key] = text);
        if (why) lineErrors.push({ line: row.line, column: headers[c.key]!, message: why });
      }
      errors.push(...lineErrors);
      if (lineErrors.length === 0) entries.push(entry as E);
    }
    errors.push(...checks.across?.(entries, (key) => headers[key] ?? this.name(key)) ?? []);
    return errors.length > 0 ? { entries: [], errors: errors.sort((a, b) => a.line - b.line), headers } : { entries, errors, headers };
  }
}
