/**
 * Applies a checked meter list to the system of record in one transaction: apartments,
 * metering points and meters created or updated. Problems only the database can see (a serial
 * already placed in another apartment, an apartment number taken by another object id) are
 * collected per line too; any problem rolls the whole import back — all or nothing.
 */
import { ConfigError, describeError } from '../errors';
import type { SystemOfRecord } from '../store';
import { COLUMNS, type ColumnKey } from './columns';
import type { RegistryEntry } from './entries';
import type { LineError } from './sheet';

export interface ImportSummary { apartments: number; meters: number }

/** Thrown when an import is refused; nothing was changed. */
export class RegistryImportError extends Error {
  override readonly name = 'RegistryImportError';
  constructor(readonly errors: LineError[]) {
    super(`${errors.length} problem(s); nothing imported`);
  }
}

const columnName = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)!.names[0]!;

/** Which column a database refusal is about, from its message. */
function columnOfRefusal(message: string): string {
  if (/meter|serial/i.test(message)) return columnName('serial');
  if (/UNIQUE constraint failed: apartments/.test(message)) return columnName('apartment');
  return '';
}

export function importEntries(store: SystemOfRecord, entries: readonly RegistryEntry[]): ImportSummary {
  const errors: LineError[] = [];
  const apartments = new Set<string>();
  const work = () => {
    for (const e of entries) {
      try {
        const apartmentId = store.registry.upsertApartment({ ...e, number: e.apartment });
        const point = store.registry.upsertMeteringPoint(apartmentId, e.medium, e.placement);
        store.registry.placeMeter(point, e);
        apartments.add(e.objectId);
      } catch (err) {
        const message = describeError(err).replace(/^UNIQUE constraint failed: apartments\.building_id, apartments\.number$/,
          `apartment ${e.apartment} in this building already has another object id`);
        errors.push({ line: e.line, column: columnOfRefusal(describeError(err)), message });
        if (!(err instanceof ConfigError) && !/constraint/i.test(describeError(err))) throw err;
      }
    }
    if (errors.length > 0) throw new RegistryImportError(errors);
  };
  store.transaction(work);
  return { apartments: apartments.size, meters: entries.length };
}
