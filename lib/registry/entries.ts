/**
 * From a sheet to registry entries: the header mapped to columns, every cell checked, and the
 * file checked against itself (a serial twice, an object id with two apartment numbers, two
 * meters at one metering point). Every problem is collected with its line and column; a file
 * with any problem yields no entries.
 */
import { isIsoDate, parseDecimal, type MeterSize } from '../store';
import { COLUMNS, columnOf, mediumOf, type ColumnKey } from './columns';
import type { LineError, Sheet } from './sheet';

/** One line of a meter list: an apartment and the meter at one of its metering points. */
export interface RegistryEntry {
  line: number;
  property: string; building: string; apartment: string; objectId: string; livingArea?: string;
  serial: string; manufacturer?: string; medium: string; placement: string;
  model?: string; size?: MeterSize; installDate?: string;
  primaryAddress?: number; secondaryAddress?: string; aesKeyRef?: string;
}

export interface ParsedSheet { entries: RegistryEntry[]; errors: LineError[] }

const SIZES: Record<string, MeterSize> = { small: 'small', liten: 'small', large: 'large', stor: 'large' };

type Cells = Partial<Record<ColumnKey, string>>;
type Check = (text: string, entry: Partial<RegistryEntry>) => string | undefined;

/** Per column: store the cell in the entry, or say why it is wrong. */
const CHECKS: Partial<Record<ColumnKey, Check>> = {
  livingArea: (t, e) => {
    try { if (Number(parseDecimal(t).digits) <= 0) return 'living area must be above 0'; } catch { return `'${t}' is not a number (m²)`; }
    e.livingArea = t.replace(',', '.');
    return undefined;
  },
  serial: (t, e) => (/^[0-9A-Za-z-]+$/.test(t) ? void (e.serial = t) : `serial '${t}' may hold only digits, letters and '-'`),
  medium: (t, e) => { const m = mediumOf(t); return m ? void (e.medium = m) : `unknown medium '${t}' (e.g. kallvatten, varmvatten, el, värme, cold-water, hot-water, electricity, heat)`; },
  manufacturer: (t, e) => (/^[A-Za-z]{3}$/.test(t) ? void (e.manufacturer = t.toUpperCase()) : `manufacturer '${t}' is not a three-letter code (e.g. KAM)`),
  size: (t, e) => { const s = SIZES[t.toLowerCase()]; return s ? void (e.size = s) : `size '${t}' must be small/liten or large/stor`; },
  installDate: (t, e) => (isIsoDate(t) ? void (e.installDate = t) : `'${t}' is not a date (YYYY-MM-DD)`),
  primaryAddress: (t, e) => (/^\d+$/.test(t) && Number(t) <= 250 ? void (e.primaryAddress = Number(t)) : `primary address '${t}' is not 0…250`),
  secondaryAddress: (t, e) => (/^[0-9A-Fa-f]{16}$/.test(t) ? void (e.secondaryAddress = t.toUpperCase()) : `secondary address '${t}' is not 16 hex digits`),
  aesKeyRef: (t, e) => (/^[0-9A-Fa-f]{32}$/.test(t) ? 'this looks like an AES key itself; give a reference to it in the key store' : void (e.aesKeyRef = t)),
};

export function entriesOf(sheet: Sheet): ParsedSheet {
  const errors: LineError[] = [];
  const index = new Map<ColumnKey, number>();
  sheet.headers.forEach((h, i) => {
    const key = columnOf(h);
    if (key && index.has(key)) errors.push({ line: sheet.headerLine, column: h, message: `column given twice (also column ${index.get(key)! + 1})` });
    else if (key) index.set(key, i);
  });
  for (const c of COLUMNS) {
    if (c.required && !index.has(c.key)) errors.push({ line: sheet.headerLine, column: c.names[0]!, message: `required column missing (accepted names: ${c.names.join(', ')})` });
  }
  if (errors.length > 0) return { entries: [], errors };

  const entries: RegistryEntry[] = [];
  for (const row of sheet.rows) {
    const cells: Cells = {};
    for (const [key, i] of index) cells[key] = (row.cells[i] ?? '').trim();
    const entry: Partial<RegistryEntry> = { line: row.line, property: cells.property ?? '', building: cells.building ?? '',
      apartment: cells.apartment, objectId: cells.objectId, placement: cells.placement ?? '' };
    const lineErrors: LineError[] = [];
    for (const c of COLUMNS) {
      const text = cells[c.key] ?? '';
      const header = sheet.headers[index.get(c.key) ?? -1] ?? c.names[0]!;
      if (text === '') {
        if (c.required && c.key !== 'placement') lineErrors.push({ line: row.line, column: header, message: 'empty; a value is required' });
        continue;
      }
      const why = CHECKS[c.key]?.(text, entry);
      if (why) lineErrors.push({ line: row.line, column: header, message: why });
    }
    errors.push(...lineErrors);
    if (lineErrors.length === 0) entries.push(entry as RegistryEntry);
  }
  errors.push(...crossCheck(entries, (key) => sheet.headers[index.get(key)!]!));
  return errors.length > 0 ? { entries: [], errors: errors.sort((a, b) => a.line - b.line) } : { entries, errors };
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
