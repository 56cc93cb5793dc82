/**
 * Tenancy lists as rental systems export them (CSV or .xlsx): one line per contract — object
 * id, contract id, move-in, move-out (empty while it runs), optionally the tenant's name —
 * each cell checked, and the lines against each other (a contract twice, two contracts of one
 * apartment overlapping). Every problem with its line and column; then no entries at all.
 */
import { OBJECT_ID_COLUMN } from './columns';
import { dateProblem } from './entries';
import type { LineError, Sheet } from './sheet';
import { ColumnSet, type CellCheck, type ParsedRows } from './sheet-columns';
import { readSheet, type ReadOptions } from './sheet-file';

export type TenancyColumnKey = 'objectId' | 'contractId' | 'moveIn' | 'moveOut' | 'tenantName';

export const TENANCY_COLUMNS = new ColumnSet<TenancyColumnKey>([
  OBJECT_ID_COLUMN,
  { key: 'contractId', required: true, names: ['Kontraktsnummer', 'Kontrakt', 'Kontrakts-id', 'Avtalsnummer', 'Hyreskontrakt', 'contract id', 'contract', 'contract number'] },
  { key: 'moveIn', required: true, names: ['Inflyttningsdatum', 'Inflyttning', 'Tillträde', 'Tillträdesdatum', 'move-in', 'move-in date', 'moved in'] },
  { key: 'moveOut', required: false, names: ['Utflyttningsdatum', 'Utflyttning', 'Avflyttning', 'Avflyttningsdatum', 'move-out', 'move-out date', 'moved out'] },
  { key: 'tenantName', required: false, names: ['Hyresgäst', 'Namn', 'tenant', 'tenant name', 'name'] },
]);

/** One contract. `moveOut`/`tenantName`: null for an empty cell, undefined when the file has no such column (what is stored is kept). */
export interface TenancyEntry { line: number; objectId: string; contractId: string; moveIn: string; moveOut?: string | null; tenantName?: string | null }

export type ParsedTenancies = ParsedRows<TenancyEntry, TenancyColumnKey>;

const OPEN_END = '9999-12-31';

const CHECKS: Partial<Record<TenancyColumnKey, CellCheck<TenancyEntry>>> = {
  moveIn: (t, e) => dateProblem(t) ?? void (e.moveIn = t),
  moveOut: (t, e) => dateProblem(t) ?? (e.moveIn && t < e.moveIn ? `move-out ${t} is before move-in ${e.moveIn}` : void (e.moveOut = t)),
};

export function tenanciesOf(sheet: Sheet): ParsedTenancies {
  return TENANCY_COLUMNS.check(sheet, {
    cells: CHECKS,
    defaults: (present) => ({ ...(present.has('moveOut') ? { moveOut: null } : {}), ...(present.has('tenantName') ? { tenantName: null } : {}) }),
    across: crossCheck,
  });
}

/** Reads and checks a tenancy list; `errors` lists every problem (then `entries` is empty). */
export async function readTenancyFile(file: string, options: ReadOptions = {}): Promise<ParsedTenancies> {
  return tenanciesOf(await readSheet(file, TENANCY_COLUMNS, options));
}

/** The file against itself: each contract once, no two contracts of one apartment on the same day. */
function crossCheck(entries: TenancyEntry[], header: (key: TenancyColumnKey) => string): LineError[] {
  const errors: LineError[] = [];
  const contracts = new Map<string, number>();
  const byObject = new Map<string, TenancyEntry[]>();
  for (const e of entries) {
    const seen = contracts.get(e.contractId);
    if (seen !== undefined) {
      errors.push({ line: e.line, column: header('contractId'), message: `contract ${e.contractId} is already on line ${seen}` });
      continue;
    }
    contracts.set(e.contractId, e.line);
    const earlier = byObject.get(e.objectId) ?? [];
    const clash = earlier.find((o) => o.moveIn <= (e.moveOut ?? OPEN_END) && e.moveIn <= (o.moveOut ?? OPEN_END));
    if (clash) errors.push({ line: e.line, column: header('moveIn'), message: `contract ${e.contractId} overlaps contract ${clash.contractId} (line ${clash.line}) in the same apartment` });
    byObject.set(e.objectId, [...earlier, e]);
  }
  return errors;
}
