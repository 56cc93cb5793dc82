/**
 * The registry back out as a meter list (the same columns an import accepts, Swedish header
 * names): one row per placed meter. Export then import gives the same registry.
 */
import type { SystemOfRecord } from '../store';
import { COLUMNS, type ColumnKey } from './columns';

export function registrySheet(store: SystemOfRecord): { headers: string[]; rows: string[][] } {
  const rows = store.registry.placedMeters().map((p) => {
    const m = p.meter;
    const values: Record<ColumnKey, string | number | null> = {
      property: p.property, building: p.building, apartment: p.apartment, objectId: p.objectId, livingArea: p.livingArea,
      serial: m.serial, medium: p.medium, placement: p.placement, manufacturer: m.manufacturer, model: m.model, size: m.size,
      installDate: m.install_date, primaryAddress: m.primary_address, secondaryAddress: m.secondary_address, aesKeyRef: m.aes_key_ref,
    };
    return COLUMNS.map((c) => String(values[c.key] ?? ''));
  });
  return { headers: COLUMNS.map((c) => c.names[0]!), rows };
}
