/**
 * What a close reads from the system of record, in bulk per property: its apartments and
 * metering points, each point's meters in service order with the swap edges (old meter's final
 * register, new meter's start register), tenancies, and — per register and instant — the
 * nearest ledger reading at or before and after (storage 0, tariff 0, subunit 0,
 * instantaneous). The close itself (close.ts) only sees the `CloseSource` interface.
 */
import { ConfigError } from '../errors';
import type { BilledQuantity } from '../store/billed-quantity';
import { canonicalRegister } from '../store/decimal';
import type { SystemOfRecord } from '../store/system-of-record';
import type { Tenancy } from '../store/tenancies';
import { parseDecimal, type Decimal } from './exact';
import type { RegisterSample } from './month-end';

export type { BilledQuantity } from '../store/billed-quantity';

export interface Segment {
  meterId: number;
  serial: string;
  /** The swap that started this meter's service at the point (absent for the first meter). */
  start?: { at: number; value: Decimal; quantity: string };
  /** The swap that ended it (absent for the meter in service). */
  end?: { at: number; value: Decimal; quantity: string };
}

export interface PointInfo { id: number; medium: string; placement: string; segments: Segment[] }

export interface ApartmentInfo {
  objectId: string; number: string; building: string;
  /** Exact decimal text in m², or null. */
  livingArea: string | null;
  points: PointInfo[];
}

export interface CloseSource {
  apartments(property: string): ApartmentInfo[];
  tenancies(objectId: string, from: string, to: string): Tenancy[];
  /** The latest reading of the meter's `quantity` register at or before `at`. */
  before(meterId: number, quantity: BilledQuantity, at: number): RegisterSample | undefined;
  /** The earliest reading strictly after `at`. */
  after(meterId: number, quantity: BilledQuantity, at: number): RegisterSample | undefined;
}

/** The billing register of every meter that serves or served a point of the property. */
const REGISTERS = `SELECT g.meter_id, g.quantity, g.id FROM registers g JOIN meters m ON m.id = g.meter_id
  JOIN metering_points p ON p.id = m.metering_point_id JOIN apartments a ON a.id = p.apartment_id JOIN buildings b ON b.id = a.building_id
  JOIN properties pr ON pr.id = b.property_id
  WHERE pr.designation = ? AND g.storage = 0 AND g.tariff = 0 AND g.subunit = 0 AND g.function = 'instantaneous' AND g.qualifiers = ''`;

const TENANCIES = `SELECT a.object_id AS objectId, t.contract_id AS contractId, t.move_in AS moveIn, t.move_out AS moveOut, t.tenant_name AS tenantName
  FROM tenancies t JOIN apartments a ON a.id = t.apartment_id WHERE a.object_id = ? AND t.move_in <= ? AND coalesce(t.move_out, '9999-12-31') >= ?
  ORDER BY t.move_in`;

export class StoreCloseSource implements CloseSource {
  /** Billing register id by meter id × 2 + (0 volume, 1 energy): numeric keys, no strings per meter. */
  private readonly registerIds = new Map<number, number>();
  private readonly tenancyQuery;
  private readonly beforeQuery;
  private readonly afterQuery;

  constructor(private readonly store: SystemOfRecord) {
    const db = store.db;
    this.tenancyQuery = db.prepare(TENANCIES);
    this.beforeQuery = db.prepare('SELECT at, mantissa, exponent, raw_unit FROM readings WHERE register_id = ? AND at <= ? ORDER BY at DESC LIMIT 1');
    this.afterQuery = db.prepare('SELECT at, mantissa, exponent, raw_unit FROM readings WHERE register_id = ? AND at > ? ORDER BY at LIMIT 1');
  }

  apartments(property: string): ApartmentInfo[] {
    const db = this.store.db;
    if (!db.prepare('SELECT 1 FROM properties WHERE designation = ?').get(property)) throw new ConfigError(`no property '${property}' in the registry`);
    const segments = this.segmentsOf(property);
    for (const [meterId, quantity, id] of db.prepare(REGISTERS).raw().iterate(property) as Iterable<[number, string, number]>) {
      if (quantity === 'volume' || quantity === 'energy') this.registerIds.set(registerKey(meterId, quantity), id);
    }
    const rows = db.prepare(`SELECT a.object_id AS objectId, a.number, b.name AS building, a.living_area_m2 AS livingArea,
        p.id AS pointId, p.medium, p.placement
      FROM properties pr JOIN buildings b ON b.property_id = pr.id JOIN apartments a ON a.building_id = b.id
      LEFT JOIN metering_points p ON p.apartment_id = a.id
      WHERE pr.designation = ? ORDER BY b.name, a.number, a.object_id, p.medium, p.placement`).iterate(property) as Iterable<Record<string, any>>;
    const out: ApartmentInfo[] = [];
    for (const r of rows) {
      let a = out[out.length - 1];
      if (!a || a.objectId !== r.objectId) out.push(a = { objectId: r.objectId, number: r.number, building: r.building, livingArea: r.livingArea, points: [] });
      if (r.pointId !== null) a.points.push({ id: r.pointId, medium: r.medium, placement: r.placement, segments: segments.get(r.pointId) ?? [] });
    }
    return out;
  }

  tenancies(objectId: string, from: string, to: string): Tenancy[] {
    return this.tenancyQuery.all(objectId, to, from) as Tenancy[];
  }

  before(meterId: number, quantity: BilledQuantity, at: number): RegisterSample | undefined {
    const id = this.registerIds.get(registerKey(meterId, quantity));
    return id === undefined ? undefined : sample(this.beforeQuery.get(id, at));
  }

  after(meterId: number, quantity: BilledQuantity, at: number): RegisterSample | undefined {
    const id = this.registerIds.get(registerKey(meterId, quantity));
    return id === undefined ? undefined : sample(this.afterQuery.get(id, at));
  }


  /** Every point's meters in service order: the swap chain, then the meter in service. */
  private segmentsOf(property: string): Map<number, Segment[]> {
    const db = this.store.db;
    const inProperty = `SELECT p.id FROM metering_points p JOIN apartments a ON a.id = p.apartment_id JOIN buildings b ON b.id = a.building_id
      JOIN properties pr ON pr.id = b.property_id WHERE pr.designation = ?`;
    const byPoint = new Map<number, Segment[]>();
    const swaps = db.prepare(`SELECT x.metering_point_id AS point, x.replaced_at AS at, x.quantity, x.old_final, x.new_start,
        x.old_meter_id, o.serial AS old_serial, x.new_meter_id, n.serial AS new_serial
      FROM meter_replacements x JOIN meters o ON o.id = x.old_meter_id JOIN meters n ON n.id = x.new_meter_id
      WHERE x.metering_point_id IN (${inProperty}) ORDER BY x.metering_point_id, x.replaced_at`).all(property) as Array<Record<string, any>>;
    for (const x of swaps) {
      let chain = byPoint.get(x.point);
      if (!chain) byPoint.set(x.point, chain = [{ meterId: x.old_meter_id, serial: x.old_serial }]);
      chain[chain.length - 1]!.end = { at: x.at, value: parseDecimal(x.old_final), quantity: x.quantity };
      chain.push({ meterId: x.new_meter_id, serial: x.new_serial, start: { at: x.at, value: parseDecimal(x.new_start), quantity: x.quantity } });
    }
    const current = db.prepare(`SELECT id, serial, metering_point_id AS point FROM meters WHERE removed_at IS NULL AND metering_point_id IN (${inProperty})
      ORDER BY id`).all(property) as Array<{ id: number; serial: string; point: number }>;
    for (const m of current) if (!byPoint.has(m.point)) byPoint.set(m.point, [{ meterId: m.id, serial: m.serial }]);
    return byPoint;
  }
}

const registerKey = (meterId: number, quantity: BilledQuantity): number => meterId * 2 + (quantity === 'energy' ? 1 : 0);

function sample(row: unknown): RegisterSample | undefined {
  if (!row) return undefined;
  const r = row as { at: number; mantissa: string; exponent: number; raw_unit: string };
  const value = canonicalRegister(r.mantissa, r.exponent, r.raw_unit);
  if (!value) throw new ConfigError(`register ${r.mantissa}e${r.exponent} ${r.raw_unit} cannot be converted exactly to its canonical unit`);
  return { at: r.at, value };
}
