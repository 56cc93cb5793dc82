/**
 * Applies a checked list to the system of record in one transaction, all or nothing: each
 * entry applied in turn, every refusal only the database can see collected with its line and
 * column, and any refusal rolling the whole import back. For the meter list: apartments,
 * metering points and meters created or updated; refused are a serial already placed in
 * another apartment and an apartment number taken by another object id.
 */
import { ConfigError, describeError } from '../errors';
import type { SystemOfRecord } from '../store';
import { METER_COLUMNS } from './columns';
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

/** Where (the column's header) and why the store refused an entry. */
export type Refusal<E> = (entry: E, err: Error) => Omit<LineError, 'line'>;

/** Applies every entry in one transaction; throws RegistryImportError with every refusal, and then nothing is changed. */
export function applyEntries<E extends { line: number }>(store: SystemOfRecord, entries: readonly E[], apply: (entry: E) => void, refusal: Refusal<E>): void {
  store.transaction(() => {
    const errors: LineError[] = [];
    for (const e of entries) {
      try {
        apply(e);
      } catch (err) {
        if (!(err instanceof ConfigError) && !/constraint/i.test(describeError(err))) throw err;
        errors.push({ line: e.line, ...refusal(e, err as Error) });
      }
    }
    if (errors.length > 0) throw new RegistryImportError(errors);
  });
}

const APARTMENT_TAKEN = /^UNIQUE constraint failed: apartments\.building_id, apartments\.number$/;

/** Which column a database refusal of a meter-list line is about, and why in words. */
function meterRefusal(e: RegistryEntry, { message }: Error): Omit<LineError, 'line'> {
  if (APARTMENT_TAKEN.test(message)) return { column: METER_COLUMNS.name('apartment'), message: `apartment ${e.apartment} in this building already has another object id` };
  return { column: /meter|serial/i.test(message) ? METER_COLUMNS.name('serial') : '', message };
}

export function importEntries(store: SystemOfRecord, entries: readonly RegistryEntry[]): ImportSummary {
  const apartments = new Set<string>();
  applyEntries(store, entries, (e) => {
    const apartmentId = store.registry.upsertApartment({ ...e, number: e.apartment });
    const point = store.registry.upsertMeteringPoint(apartmentId, e.medium, e.placement);
    store.registry.placeMeter(point, e);
    apartments.add(e.objectId);
  }, meterRefusal);
  return { apartments: apartments.size, meters: entries.length };
}
