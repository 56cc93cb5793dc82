/**
 * The installer's meter list: its columns, the header names accepted for each (Swedish and
 * English, any case, spaces/dashes/underscores ignored), and the medium names accepted
 * (the hub's medium ids plus common Swedish and English words). Export writes the first
 * (Swedish) header name of each column.
 */
import type { Sheet, SheetRow } from './sheet';

export type ColumnKey =
  | 'property' | 'building' | 'apartment' | 'objectId' | 'livingArea' | 'serial' | 'medium' | 'placement'
  | 'manufacturer' | 'model' | 'size' | 'installDate' | 'primaryAddress' | 'secondaryAddress' | 'aesKeyRef';

export interface Column { key: ColumnKey; required: boolean; names: string[] }

export const COLUMNS: readonly Column[] = [
  { key: 'property', required: false, names: ['Fastighet', 'Fastighetsbeteckning', 'property', 'property designation'] },
  { key: 'building', required: false, names: ['Byggnad', 'Hus', 'Adress', 'building', 'house', 'address'] },
  { key: 'apartment', required: true, names: ['Lägenhetsnummer', 'Lägenhet', 'Lgh', 'Lgh nr', 'apartment', 'apartment number', 'flat'] },
  { key: 'objectId', required: true, names: ['Objekt-id', 'Objektid', 'Objektnummer', 'Objekt', 'object id', 'object'] },
  { key: 'livingArea', required: false, names: ['Boarea', 'Boarea m2', 'Boarea m²', 'living area', 'living area m2', 'area'] },
  { key: 'serial', required: true, names: ['Mätarnummer', 'Serienummer', 'Mätar-id', 'meter serial', 'serial', 'meter id', 'meter number'] },
  { key: 'medium', required: true, names: ['Medium', 'Media', 'Mätartyp', 'meter type'] },
  { key: 'placement', required: true, names: ['Placering', 'Plats', 'placement', 'location'] },
  { key: 'manufacturer', required: false, names: ['Tillverkare', 'Fabrikat', 'manufacturer', 'make'] },
  { key: 'model', required: false, names: ['Modell', 'model'] },
  { key: 'size', required: false, names: ['Storlek', 'size'] },
  { key: 'installDate', required: false, names: ['Installationsdatum', 'Monteringsdatum', 'install date', 'installed'] },
  { key: 'primaryAddress', required: false, names: ['Primäradress', 'primary address'] },
  { key: 'secondaryAddress', required: false, names: ['Sekundäradress', 'secondary address'] },
  { key: 'aesKeyRef', required: false, names: ['Nyckelreferens', 'key reference', 'aes key reference', 'key ref'] },
];

/** Lower case, NFC, without spaces, dashes, underscores, dots and parentheses. */
export function normaliseName(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[\s\-_.()]/g, '');
}

const BY_NAME = new Map(COLUMNS.flatMap((c) => c.names.map((n) => [normaliseName(n), c.key] as const)));

/** The column a header cell names, or undefined (unknown columns are ignored). */
export function columnOf(header: string): ColumnKey | undefined {
  return BY_NAME.get(normaliseName(header));
}

/** Rows searched for the header (installers put titles above it). */
const HEADER_SEARCH_ROWS = 10;

/**
 * Splits rows into the header and the rows below it: the header is the first of the first
 * rows that names at least two known columns (else the first row).
 */
export function sheetFromRows(rows: SheetRow[]): Sheet {
  const known = (r: SheetRow) => r.cells.filter((c) => columnOf(c) !== undefined).length;
  const at = Math.max(0, rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => known(r) >= 2));
  const header = rows[at];
  return { headerLine: header?.line ?? 1, headers: (header?.cells ?? []).map((h) => h.trim()), rows: rows.slice(at + 1) };
}

/** Medium ids the registry accepts (a metering point's medium). */
export const MEDIA = ['cold-water', 'hot-water', 'water', 'warm-water', 'electricity', 'heat', 'cooling', 'heat-cooling',
  'gas', 'room-sensor', 'heat-cost-allocator'] as const;

const MEDIUM_WORDS: Record<string, string> = {
  kallvatten: 'cold-water', kv: 'cold-water', coldwater: 'cold-water',
  varmvatten: 'hot-water', vv: 'hot-water', tappvarmvatten: 'hot-water', hotwater: 'hot-water',
  vatten: 'water', el: 'electricity', elektricitet: 'electricity', elmätare: 'electricity', hushållsel: 'electricity',
  värme: 'heat', energi: 'heat', kyla: 'cooling', värmekyla: 'heat-cooling', temperatur: 'room-sensor',
  rumstemperatur: 'room-sensor', rumsgivare: 'room-sensor', givare: 'room-sensor', temperature: 'room-sensor',
  värmekostnadsfördelare: 'heat-cost-allocator', hca: 'heat-cost-allocator',
  ...Object.fromEntries(MEDIA.map((m) => [normaliseName(m), m])),
};

/** The medium id for a cell ('Kallvatten', 'KV', 'cold water', 'cold-water' …), or undefined. */
export function mediumOf(text: string): string | undefined {
  return MEDIUM_WORDS[normaliseName(text)];
}
