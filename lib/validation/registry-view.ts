/**
 * What the rules need to know about the registry: which apartment, building and property a
 * meter serves, its medium, certification expiry and registered swaps. Built from a meter list
 * (lib/registry entries, for `imd validate --registry`) or from the system of record.
 */
import type { RegistryEntry } from '../registry';
import { certifiedUntil, type SystemOfRecord } from '../store';
import { mediumGroup } from './media';
import type { Medium } from './types';

export interface MeterInfo {
  serial: string;
  manufacturer: string;
  medium: Medium;
  objectId: string;
  apartment: string;
  building: string;
  property: string;
  /** YYYY-MM-DD: the end of the certification lifetime, when known. */
  certifiedUntil?: string;
  /** A registered swap: this meter replaced `serial` at `at` (ms), or was replaced by it. */
  replaces?: { serial: string; at: number };
  replacedBy?: { serial: string; at: number };
}

export class RegistryView {
  private readonly bySerial = new Map<string, MeterInfo[]>();

  constructor(readonly meters: readonly MeterInfo[]) {
    for (const m of meters) this.bySerial.set(m.serial, [...(this.bySerial.get(m.serial) ?? []), m]);
  }

  /** True when a registry was given at all (otherwise "not registered" means nothing). */
  get known(): boolean {
    return this.meters.length > 0;
  }

  /** The meter with this serial (and manufacturer, when several share the serial). */
  find(serial: string, manufacturer = ''): MeterInfo | undefined {
    const rows = this.bySerial.get(serial);
    if (!rows) return undefined;
    return rows.find((m) => m.manufacturer === manufacturer) ?? rows.find((m) => m.manufacturer === '' || manufacturer === '') ?? undefined;
  }

  /** Every registry row with this serial. */
  withSerial(serial: string): readonly MeterInfo[] {
    return this.bySerial.get(serial) ?? [];
  }

  /** The meters of each apartment (object id). */
  apartments(): Map<string, MeterInfo[]> {
    const out = new Map<string, MeterInfo[]>();
    for (const m of this.meters) out.set(m.objectId, [...(out.get(m.objectId) ?? []), m]);
    return out;
  }

  static empty(): RegistryView {
    return new RegistryView([]);
  }

  /** From a checked meter list (readRegistryFile): certification by the 10/5/18-year rule. */
  static fromEntries(entries: readonly RegistryEntry[]): RegistryView {
    return new RegistryView(entries.map((e) => ({
      serial: e.serial, manufacturer: e.manufacturer ?? '', medium: mediumGroup(e.medium), objectId: e.objectId,
      apartment: e.apartment, building: e.building, property: e.property,
      certifiedUntil: certifiedUntil(e.medium, e.installDate, e.size),
    })));
  }

  /** From the system of record: placed meters, plus the swaps of meter_replacements. */
  static fromStore(store: SystemOfRecord): RegistryView {
    const swaps = store.db.prepare(`SELECT o.serial AS old, n.serial AS new, x.replaced_at AS at FROM meter_replacements x
      JOIN meters o ON o.id = x.old_meter_id JOIN meters n ON n.id = x.new_meter_id`).all() as Array<{ old: string; new: string; at: number }>;
    const rows = store.db.prepare(`SELECT m.serial, m.manufacturer, m.certified_until AS until, p.medium, a.object_id AS objectId, a.number AS apartment,
        b.name AS building, pr.designation AS property
      FROM meters m JOIN metering_points p ON p.id = m.metering_point_id JOIN apartments a ON a.id = p.apartment_id
      JOIN buildings b ON b.id = a.building_id JOIN properties pr ON pr.id = b.property_id`).all() as Array<Record<string, string | null>>;
    return new RegistryView(rows.map((r) => {
      const replaces = swaps.find((x) => x.new === r.serial);
      const replacedBy = swaps.find((x) => x.old === r.serial);
      return {
        serial: r.serial!, manufacturer: r.manufacturer ?? '', medium: mediumGroup(r.medium ?? ''), objectId: r.objectId!,
        apartment: r.apartment!, building: r.building ?? '', property: r.property ?? '',
        ...(r.until ? { certifiedUntil: r.until } : {}),
        ...(replaces ? { replaces: { serial: replaces.old, at: replaces.at } } : {}),
        ...(replacedBy ? { replacedBy: { serial: replacedBy.new, at: replacedBy.at } } : {}),
      };
    }));
  }
}
