/**
 * The installer's meter list: its columns, the header names accepted for each (Swedish and
 * English; matched as sheet-columns.ts says), and the medium names accepted
 * (the hub's medium ids plus common Swedish and English words). Export writes the first
 * (Swedish) header name of each column.
 */
import { ColumnSet, normaliseName, type Column } from './sheet-columns';

export type ColumnKey =
  | 'property' | 'building' | 'apartment' | 'objectId' | 'livingArea' | 'serial' | 'medium' | 'placement'
  | 'manufacturer' | 'model' | 'size' | 'installDate' | 'primaryAddress' | 'secondaryAddress' | 'aesKeyRef';

/** The billing system's id of an apartment: the key a meter list and a tenancy list share. */
export const OBJECT_ID_COLUMN: Column<'objectId'> = { key: 'objectId', required: true, names: ['Objekt-id', 'Objektid', 'Objektnummer', 'Objekt', 'object id', 'object'] };

export const COLUMNS: readonly Column<ColumnKey>[] = [
  { key: 'property', required: false, names: ['Fastighet', 'Fastighetsbeteckning', 'property', 'property designation'] },
  { key: 'building', required: false, names: ['Byggnad', 'Hus', 'Adress', 'building', 'house', 'address'] },
  { key: 'apartment', required: true, names: ['Lägenhetsnummer', 'Lägenhet', 'Lgh', 'Lgh nr', 'apartment', 'apartment number', 'flat'] },
  OBJECT_ID_COLUMN,
  { key: 'livingArea', required: false, names: ['Boarea', 'Boarea m2', 'Boarea m²', 'living area', 'living area m2', 'area'] },
  { key: 'serial', required: true, names: ['Mätarnummer', 'Serienummer', 'Mätar-id', 'meter serial', 'serial', 'meter id', 'meter number'] },
  { key: 'medium', required: true, names: ['Medium', 'Media', 'Mätartyp', 'meter type'] },
  { key: 'placement', required: true, mayBeEmpty: true, names: ['Placering', 'Plats', 'placement', 'location'] },
  { key: 'manufacturer', required: false, names: ['Tillverkare', 'Fabrikat', 'manufacturer', 'make'] },
  { key: 'model', required: false, names: ['Modell', 'model'] },
  { key: 'size', required: false, names: ['Storlek', 'size'] },
  { key: 'installDate', required: false, names: ['Installationsdatum', 'Monteringsdatum', 'install date', 'installed'] },
  { key: 'primaryAddress', required: false, names: ['Primäradress', 'primary address'] },
  { key: 'secondaryAddress', required: false, names: ['Sekundäradress', 'secondary address'] },
  { key: 'aesKeyRef', required: false, names: ['Nyckelreferens', 'key reference', 'aes key reference', 'key ref'] },
];

export const METER_COLUMNS = new ColumnSet(COLUMNS);

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
