/**
 * Applies a checked tenancy list to the system of record, all or nothing. A contract id
 * already stored is updated, not duplicated — a rental system's re-export gives contracts
 * their move-out dates — so importing the same file again changes nothing. Contracts the file
 * does not name are left as they are (an export of current contracts leaves out the ended
 * ones). Refused, per line: an unknown object id, a contract of another apartment, an overlap
 * with a stored contract of the same apartment.
 */
import { TenancyError, type PutOutcome, type SystemOfRecord } from '../store';
import { applyEntries } from './import';
import { TENANCY_COLUMNS, type ParsedTenancies } from './tenancy-entries';

export type TenancyImportSummary = { tenancies: number } & Record<PutOutcome, number>;

export function importTenancies(store: SystemOfRecord, parsed: ParsedTenancies): TenancyImportSummary {
  const summary: TenancyImportSummary = { tenancies: parsed.entries.length, added: 0, updated: 0, unchanged: 0 };
  const rewritten = new Set(parsed.entries.map((e) => e.contractId));
  applyEntries(store, parsed.entries, (e) => { summary[store.tenancies.put(e, rewritten)]++; }, (_, err) => {
    const key = err instanceof TenancyError ? err.field : undefined;
    return { column: key ? parsed.headers[key] ?? TENANCY_COLUMNS.name(key) : '', message: err.message };
  });
  return summary;
}
