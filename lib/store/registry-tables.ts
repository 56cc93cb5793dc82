/**
 * The registry side of the system of record: properties → buildings → apartments → metering
 * points → meters. Upserts are keyed the way installers and billing systems name things
 * (property designation, building name, apartment object id, apartment + medium + placement,
 * meter serial + manufacturer). A meter sits at one metering point at a time; moving it to
 * another apartment is refused here (that is a replacement or a removal, done explicitly).
 */
import { ConfigError } from '../errors';
import { certifiedUntil, type MeterSize } from './certification';
import type { Database } from './sqlite-driver';

export interface ApartmentInput {
  property: string;
  building: string;
  number: string;
  objectId: string;
  /** Exact decimal text in m². */
  livingArea?: string | undefined;
}

export interface MeterInput {
  serial: string;
  manufacturer?: string | undefined;
  medium: string;
  model?: string | undefined;
  size?: MeterSize | undefined;
  installDate?: string | undefined;
  /** Overrides the 10/5/18-year rule when given. */
  certifiedUntil?: string | undefined;
  /** A reference into a key store (e.g. "vault:imd/meter/12345678"), never the key itself. */
  aesKeyRef?: string | undefined;
  primaryAddress?: number | undefined;
  secondaryAddress?: string | undefined;
}

export interface MeterRow {
  id: number; serial: string; manufacturer: string; medium: string; model: string | null; size: MeterSize | null;
  install_date: string | null; certified_until: string | null; aes_key_ref: string | null;
  primary_address: number | null; secondary_address: string | null; metering_point_id: number | null;
  reading_count: number; last_reading_at: number | null; removed_at: number | null;
}

/** One placed meter with where it is: the shape registry export and commissioning use. */
export interface PlacedMeter {
  property: string; building: string; apartment: string; objectId: string; livingArea: string | null;
  medium: string; placement: string; meter: MeterRow;
}

const upsertReturningId = (db: Database, insert: string, select: string) => {
  const ins = db.prepare(insert);
  const sel = db.prepare(select);
  return (...args: unknown[]): number => {
    ins.run(...args);
    return (sel.get(...args) as { id: number }).id;
  };
};

export class RegistryTables {
  private readonly property;
  private readonly building;
  private readonly meteringPoint;

  constructor(private readonly db: Database) {
    this.property = upsertReturningId(db, 'INSERT OR IGNORE INTO properties (designation) VALUES (?)',
      'SELECT id FROM properties WHERE designation = ?');
    this.building = upsertReturningId(db, 'INSERT OR IGNORE INTO buildings (property_id, name) VALUES (?, ?)',
      'SELECT id FROM buildings WHERE property_id = ? AND name = ?');
    this.meteringPoint = upsertReturningId(db, 'INSERT OR IGNORE INTO metering_points (apartment_id, medium, placement) VALUES (?, ?, ?)',
      'SELECT id FROM metering_points WHERE apartment_id = ? AND medium = ? AND placement = ?');
  }

  /** Creates or updates an apartment (keyed by object id); returns its row id. */
  upsertApartment(a: ApartmentInput): number {
    const buildingId = this.building(this.property(a.property), a.building);
    const existing = this.db.prepare('SELECT id FROM apartments WHERE object_id = ?').get(a.objectId) as { id: number } | undefined;
    if (existing) {
      this.db.prepare('UPDATE apartments SET building_id = ?, number = ?, living_area_m2 = coalesce(?, living_area_m2) WHERE id = ?')
        .run(buildingId, a.number, a.livingArea ?? null, existing.id);
      return existing.id;
    }
    return Number(this.db.prepare('INSERT INTO apartments (building_id, object_id, number, living_area_m2) VALUES (?, ?, ?, ?)')
      .run(buildingId, a.objectId, a.number, a.livingArea ?? null).lastInsertRowid);
  }

  upsertMeteringPoint(apartmentId: number, medium: string, placement: string): number {
    return this.meteringPoint(apartmentId, medium, placement);
  }

  /** Meters with this serial (one per manufacturer; '' when the manufacturer is not known yet). */
  metersBySerial(serial: string): MeterRow[] {
    return this.db.prepare('SELECT * FROM meters WHERE serial = ? ORDER BY manufacturer').all(serial) as MeterRow[];
  }

  /** The one meter a serial (and optional manufacturer) names, or undefined; ConfigError when ambiguous. */
  findMeter(serial: string, manufacturer?: string): MeterRow | undefined {
    const rows = this.metersBySerial(serial).filter((m) => !manufacturer || m.manufacturer === manufacturer || m.manufacturer === '');
    if (rows.length > 1) throw new ConfigError(`serial ${serial} belongs to meters of ${rows.map((m) => m.manufacturer || '?').join(', ')}; give the manufacturer`);
    return rows[0];
  }

  /** The apartment object id a metering point belongs to. */
  objectIdOfPoint(meteringPointId: number): string {
    return (this.db.prepare('SELECT a.object_id FROM metering_points p JOIN apartments a ON a.id = p.apartment_id WHERE p.id = ?')
      .get(meteringPointId) as { object_id: string }).object_id;
  }

  /**
   * Creates or updates a meter and places it at a metering point (or leaves it unplaced with
   * null). A meter already placed in another apartment is refused; the expiry follows the
   * 10/5/18-year rule unless given.
   */
  placeMeter(meteringPointId: number | null, m: MeterInput): number {
    const existing = this.findMeter(m.serial, m.manufacturer);
    if (existing?.metering_point_id != null && existing.removed_at === null && meteringPointId != null && existing.metering_point_id !== meteringPointId) {
      const here = this.objectIdOfPoint(meteringPointId);
      const there = this.objectIdOfPoint(existing.metering_point_id);
      if (here !== there) throw new ConfigError(`meter ${m.serial} is already placed in apartment ${there}`);
    }
    const until = m.certifiedUntil ?? certifiedUntil(m.medium, m.installDate, m.size) ?? null;
    const fields = [m.manufacturer ?? existing?.manufacturer ?? '', m.medium, m.model ?? null, m.size ?? null, m.installDate ?? null,
      until, m.aesKeyRef ?? null, m.primaryAddress ?? null, m.secondaryAddress ?? null, meteringPointId];
    if (existing) {
      this.db.prepare(`UPDATE meters SET manufacturer = ?, medium = ?, model = coalesce(?, model), size = coalesce(?, size),
        install_date = coalesce(?, install_date), certified_until = coalesce(?, certified_until), aes_key_ref = coalesce(?, aes_key_ref),
        primary_address = coalesce(?, primary_address), secondary_address = coalesce(?, secondary_address),
        metering_point_id = coalesce(?, metering_point_id) WHERE id = ?`).run(...fields, existing.id);
      return existing.id;
    }
    return Number(this.db.prepare(`INSERT INTO meters (serial, manufacturer, medium, model, size, install_date, certified_until,
      aes_key_ref, primary_address, secondary_address, metering_point_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(m.serial, ...fields).lastInsertRowid);
  }

  /** Every placed meter with its apartment, ordered by property, building, apartment, medium. */
  placedMeters(): PlacedMeter[] {
    const rows = this.db.prepare(`SELECT pr.designation AS property, b.name AS building, a.number AS apartment, a.object_id AS objectId,
        a.living_area_m2 AS livingArea, p.medium AS pointMedium, p.placement, m.*
      FROM meters m JOIN metering_points p ON p.id = m.metering_point_id JOIN apartments a ON a.id = p.apartment_id
      JOIN buildings b ON b.id = a.building_id JOIN properties pr ON pr.id = b.property_id
      WHERE m.removed_at IS NULL
      ORDER BY pr.designation, b.name, a.number, p.medium, p.placement, m.serial`).all() as Array<Record<string, any>>;
    return rows.map(({ property, building, apartment, objectId, livingArea, pointMedium, placement, ...meter }) =>
      ({ property, building, apartment, objectId, livingArea, medium: pointMedium, placement, meter: meter as MeterRow }));
  }

  /** Meters heard (in the ledger) but not placed at any metering point. */
  unplacedMeters(): MeterRow[] {
    return this.db.prepare('SELECT * FROM meters WHERE metering_point_id IS NULL ORDER BY serial').all() as MeterRow[];
  }
}
