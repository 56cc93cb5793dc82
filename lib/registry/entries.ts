/**
 * From a sheet to registry entries: the header mapped to columns, every cell checked, and the
 * file checked against itself (a serial twice, an object id with two apartment numbers, two
 * meters at one metering point). Every problem is collected with its line and column; a file
 * with any problem yields no entries.
 */
import { isIsoDate, parseDecimal, type MeterSize } from '../store';
import { METER_COLUMNS, mediumOf, type ColumnKey } from './columns';
import type { LineError, Sheet } from './sheet';
import type { CellCheck, ParsedRows } from './sheet-columns';

/** One line of a meter list: an apartment and the meter at one of its metering points. */
export interface RegistryEntry {
  line: number;
  property: string; building: string; apartment: string; objectId: string; livingArea?: string;
  serial: string; manufacturer?: string; medium: string; placement: string;
  model?: string; size?: MeterSize; installDate?: string;
  primaryAddress?: number; secondaryAddress?: string; aesKeyRef?: string;
}

export type ParsedSheet = ParsedRows<RegistryEntry, ColumnKey>;

const SIZES: Record<string, MeterSize> = { small: 'small', liten: 'small', large: 'large', stor: 'large' };

/** A date cell (YYYY-MM-DD; an Excel date cell arrives as that text). */
export const dateProblem = (text: string): string | undefined => (isIsoDate(text) ? undefined : `'${text}' is not a date (YYYY-MM-DD)`);

/** A meter serial as the registry keeps it. */
export const serialProblem = (text: string): string | undefined =>
  (/^[0-9A-Za-z-]+$/.test(text) ? undefined : `serial '${text}' may hold only digits, letters and '-'`);

/** A manufacturer's three-letter FLAG code. */
export const manufacturerProblem = (text: string): string | undefined =>
  (/^[A-Za-z]{3}$/.test(text) ? undefined : `manufacturer '${text}' is not a three-letter code (e.g. KAM)`);

/** Per column: store the cell in the entry, or say why it is wrong (columns without one keep their text). */
const CHECKS: Partial<Record<ColumnKey, CellCheck<RegistryEntry>>> = {
  livingArea: (t, e) => {
    try { if (Number(parseDecimal(t).digits) <= 0) return 'living area must be above 0'; } catch { return `'${t}' is not a number (m²)`; }
    e.livingArea = t.replace(',', '.');
    return undefined;
  },
  serial: (t, e) => serialProblem(t) ?? void (e.serial = t),
  medium: (t, e) => { const m = mediumOf(t); return m ? void (e.medium = m) : `unknown medium '${t}' (e.g. kallvatten, varmvatten, el, värme, cold-water, hot-water, electricity, heat)`; },
  manufacturer: (t, e) => manufacturerProblem(t) ?? void (e.manufacturer = t.toUpperCase()),
  size: (t, e) => { const s = SIZES[t.toLowerCase()]; return s ? void (e.size = s) : `size '${t}' must be small/liten or large/stor`; },
  installDate: (t, e) => dateProblem(t) ?? void (e.installDate = t),
  primaryAddress: (t, e) => (/^\d+$/.test(t) && Number(t) <= 250 ? void (e.primaryAddress = Number(t)) : `primary address '${t}' is not 0…250`),
  secondaryAddress: (t, e) => (/^[0-9A-Fa-f]{16}$/.test(t) ? void (e.secondaryAddress = t.toUpperCase()) : `secondary address '${t}' is not 16 hex digits`),
  aesKeyRef: (t, e) => (/^[0-9A-Fa-f]{32}$/.test(t) ? 'this looks like an AES key itself; give a reference to it in the key store' : void (e.aesKeyRef = t)),
};

export function entriesOf(sheet: Sheet): ParsedSheet {
  return METER_COLUMNS.check(sheet, { cells: CHECKS, defaults: () => ({ property: '', building: '', placement: '' }), across: crossCheck });
}

/** The file against itself: each serial once, one apartment per object id, one meter per metering point. */
function crossCheck(entries: RegistryEntry[], header: (key: ColumnKey) => string): LineError[] {
  const errors: LineError[] = [];
  const serials = new Map<string, number>();
  const objects = new Map<string, RegistryEntry>();
  const points = new Map<string, number>();
  for (const e of entries) {
    const serialKey = `${e.serial}/${e.manufacturer ?? ''}`;
    const seen = serials.get(serialKey);
    if (seen !== undefined) errors.push({ line: e.line, column: header('serial'), message: `meter ${e.serial} is already on line ${seen}` });
    else serials.set(serialKey, e.line);
    const first = objects.get(e.objectId);
    if (first && (first.apartment !== e.apartment || first.building !== e.building || first.property !== e.property)) {
      errors.push({ line: e.line, column: header('objectId'), message: `object id ${e.objectId} is apartment ${first.apartment} on line ${first.line}, here ${e.apartment}` });
    } else if (!first) objects.set(e.objectId, e);
    const pointKey = `${e.objectId}/${e.medium}/${e.placement}`;
    const atPoint = points.get(pointKey);
    if (atPoint !== undefined && seen === undefined) {
      errors.push({ line: e.line, column: header('placement'), message: `apartment ${e.apartment} already has a ${e.medium} meter at '${e.placement}' (line ${atPoint}); give each its own placement` });
    } else if (atPoint === undefined) points.set(pointKey, e.line);
  }
  return errors;
}
