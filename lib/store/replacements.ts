/**
 * Meter replacements (mätarbyte) and consumption across them. A swap records the old meter's
 * final register and the new meter's start register at the moment of the swap, so the
 * consumption of a metering point over any period is the sum, over the meters that served it,
 * of (register at the end − register at the start) — exact decimals, never floats. The
 * register of a meter at a time is its latest ledger value at or before that time (storage 0,
 * tariff 0, subunit 0, instantaneous), or the swap reading at the swap's edges. The register
 * carried over is the one the point's medium is billed on unless given (billed-quantity.ts).
 */
import { ConfigError } from '../errors';
import { billedQuantityOf, CANONICAL_UNIT, type BilledQuantity } from './billed-quantity';
import type { MeterSize } from './certification';
import { addDecimal, canonicalRegister, formatDecimal, parseDecimal, subtractDecimal, ZERO, type Decimal } from './decimal';
import type { Database } from './sqlite-driver';
import type { MeterInput, RegistryTables } from './registry-tables';

export interface MeterReplacement {
  /** The meter taken down. */
  oldSerial: string;
  oldManufacturer?: string;
  /** The meter put up (created when new; takes the old meter's metering point). */
  newMeter: Omit<MeterInput, 'medium' | 'size'> & { medium?: string; size?: MeterSize };
  /** When the swap happened (ISO 8601). */
  at: string;
  /** The register carried over (default: the one the metering point's medium is billed on). */
  quantity?: BilledQuantity;
  /** Exact decimal texts in the register's canonical unit, m3 or kWh (',' or '.'). */
  oldFinal: string;
  newStart: string;
}

/** A recorded swap with where it happened. */
export interface Swap {
  objectId: string; medium: string; placement: string;
  oldSerial: string; newSerial: string;
  /** ISO 8601 UTC. */
  at: string;
  quantity: string; unit: string; oldFinal: string; newStart: string;
}

const SWAPS = `SELECT a.object_id AS objectId, p.medium, p.placement, o.serial AS oldSerial, n.serial AS newSerial, x.replaced_at AS at,
    x.quantity, x.unit, x.old_final AS oldFinal, x.new_start AS newStart
  FROM meter_replacements x JOIN meters o ON o.id = x.old_meter_id JOIN meters n ON n.id = x.new_meter_id
  JOIN metering_points p ON p.id = x.metering_point_id JOIN apartments a ON a.id = p.apartment_id`;

/** A register value as stored: exact decimal text with '.', never negative. */
function registerText(text: string, what: string): string {
  const d = parseDecimal(text);
  if (d.digits < 0n) throw new ConfigError(`${what} ${text} is negative`);
  return formatDecimal(d);
}

export interface Consumption {
  /** Exact decimal text in `unit`. */
  value: string;
  unit: string;
  /** The meters the period covered, oldest first. */
  meters: string[];
}

interface Segment { meterId: number; serial: string; start?: { at: number; value: Decimal }; end?: { at: number; value: Decimal } }

export class Replacements {
  constructor(private readonly db: Database, private readonly registry: RegistryTables) {}

  /** Records a swap in one step: the new meter takes the old one's place; returns the new meter's row id. */
  replace(r: MeterReplacement): number {
    const old = this.registry.findMeter(r.oldSerial, r.oldManufacturer);
    if (!old || old.metering_point_id === null) throw new ConfigError(`meter ${r.oldSerial} is not placed at a metering point`);
    if (old.removed_at !== null) throw new ConfigError(`meter ${r.oldSerial} was already replaced`);
    const at = Date.parse(r.at);
    if (!Number.isFinite(at)) throw new ConfigError(`swap time '${r.at}' is not an ISO 8601 time`);
    const [oldFinal, newStart] = [registerText(r.oldFinal, 'old final register'), registerText(r.newStart, 'new start register')];
    const pointId = old.metering_point_id;
    const since = this.db.prepare('SELECT replaced_at FROM meter_replacements WHERE new_meter_id = ?').get(old.id) as { replaced_at: number } | undefined;
    if (since && since.replaced_at >= at) throw new ConfigError(`meter ${r.oldSerial} was put up at ${new Date(since.replaced_at).toISOString()}; its swap must be later`);
    const point = this.db.prepare('SELECT medium FROM metering_points WHERE id = ?').get(pointId) as { medium: string };
    const quantity = r.quantity ?? billedQuantityOf(point.medium) ?? billedQuantityOf(old.medium) ?? 'volume';
    this.db.prepare('UPDATE meters SET removed_at = ? WHERE id = ?').run(at, old.id);
    const newId = this.registry.placeMeter(pointId, { medium: old.medium, size: old.size ?? undefined, ...r.newMeter });
    this.db.prepare(`INSERT INTO meter_replacements (metering_point_id, old_meter_id, new_meter_id, replaced_at, quantity, unit, old_final, new_start)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(pointId, old.id, newId, at, quantity, CANONICAL_UNIT[quantity], oldFinal, newStart);
    return newId;
  }

  /** Every recorded swap (or the one that put up meter `newMeterId`), oldest first. */
  list(newMeterId?: number): Swap[] {
    const rows = (newMeterId === undefined
      ? this.db.prepare(`${SWAPS} ORDER BY x.replaced_at, x.id`).all()
      : this.db.prepare(`${SWAPS} WHERE x.new_meter_id = ?`).all(newMeterId)) as Array<Swap & { at: number }>;
    return rows.map((x) => ({ ...x, at: new Date(x.at).toISOString() }));
  }

  /** Consumption of the metering point the meter `serial` serves (or served), from `from` to `to` (ISO). */
  consumption(serial: string, from: string, to: string, quantity = 'volume'): Consumption {
    const meter = this.registry.findMeter(serial);
    if (!meter?.metering_point_id) throw new ConfigError(`meter ${serial} is not placed at a metering point`);
    const [fromMs, toMs] = [Date.parse(from), Date.parse(to)];
    if (!(fromMs <= toMs)) throw new ConfigError(`period ${from} … ${to} is not a time range`);
    let total = ZERO;
    let unit = '';
    const used: string[] = [];
    for (const s of this.segments(meter.metering_point_id, quantity)) {
      if ((s.start && s.start.at >= toMs) || (s.end && s.end.at <= fromMs)) continue;
      const start = s.start && s.start.at >= fromMs ? { value: s.start.value } : this.registerAt(s, quantity, fromMs);
      const end = s.end && s.end.at <= toMs ? { value: s.end.value } : this.registerAt(s, quantity, toMs);
      total = addDecimal(total, subtractDecimal(end.value, start.value));
      unit ||= end.unit ?? start.unit ?? '';
      used.push(s.serial);
    }
    return { value: formatDecimal(total), unit, meters: used };
  }

  /** The meters of a metering point in service order, each with its swap edges. */
  private segments(pointId: number, quantity: string): Segment[] {
    const swaps = this.db.prepare(`SELECT x.*, o.serial AS old_serial, n.serial AS new_serial FROM meter_replacements x
      JOIN meters o ON o.id = x.old_meter_id JOIN meters n ON n.id = x.new_meter_id
      WHERE x.metering_point_id = ? AND x.quantity = ? ORDER BY x.replaced_at`).all(pointId, quantity) as Array<Record<string, any>>;
    if (swaps.length === 0) {
      const only = this.db.prepare('SELECT id, serial FROM meters WHERE metering_point_id = ? AND removed_at IS NULL').get(pointId) as { id: number; serial: string };
      return [{ meterId: only.id, serial: only.serial }];
    }
    const segments: Segment[] = [{ meterId: swaps[0]!.old_meter_id, serial: swaps[0]!.old_serial }];
    for (const x of swaps) {
      segments[segments.length - 1]!.end = { at: x.replaced_at, value: parseDecimal(x.old_final) };
      segments.push({ meterId: x.new_meter_id, serial: x.new_serial, start: { at: x.replaced_at, value: parseDecimal(x.new_start) } });
    }
    return segments;
  }

  private registerAt(s: Segment, quantity: string, at: number): { value: Decimal; unit?: string } {
    const row = this.db.prepare(`SELECT r.mantissa, r.exponent, r.raw_unit, r.unit FROM registers g JOIN readings r ON r.register_id = g.id
      WHERE g.meter_id = ? AND g.quantity = ? AND g.storage = 0 AND g.tariff = 0 AND g.subunit = 0 AND g.function = 'instantaneous'
      AND g.qualifiers = '' AND r.at <= ? ORDER BY r.at DESC LIMIT 1`)
      .get(s.meterId, quantity, at) as { mantissa: string; exponent: number; raw_unit: string; unit: string } | undefined;
    if (!row) {
      if (s.start) return { value: s.start.value }; // nothing read yet since the swap
      throw new ConfigError(`meter ${s.serial} has no ${quantity} reading at or before ${new Date(at).toISOString()}`);
    }
    const value = canonicalRegister(row.mantissa, row.exponent, row.raw_unit);
    if (!value) throw new ConfigError(`meter ${s.serial}: register ${row.mantissa}e${row.exponent} ${row.raw_unit} cannot be converted exactly`);
    return { value, unit: row.unit };
  }
}
