/**
 * Tenancies (hyreskontrakt): who rents an apartment from which day to which day, by contract
 * id — what move-in/move-out billing splits on. Tenancies of one apartment never overlap.
 * The tenant's name is optional and should stay empty unless a billing export needs it
 * (privacy: hourly data per apartment is personal data; the contract id is enough to bill).
 */
import { ConfigError } from '../errors';
import { isIsoDate } from './certification';
import type { Database } from './sqlite-driver';

export interface TenancyInput {
  objectId: string;
  contractId: string;
  /** First day (YYYY-MM-DD). */
  moveIn: string;
  /** Last day (YYYY-MM-DD); omitted while the tenancy runs. */
  moveOut?: string;
  tenantName?: string;
}

export interface Tenancy { objectId: string; contractId: string; moveIn: string; moveOut: string | null; tenantName: string | null }

const OPEN_END = '9999-12-31';

export class Tenancies {
  constructor(private readonly db: Database) {}

  /** Adds a tenancy; refuses unknown apartments, bad dates and overlaps with another tenancy. */
  add(t: TenancyInput): void {
    for (const [what, date] of [['move-in', t.moveIn], ['move-out', t.moveOut]] as const) {
      if (date !== undefined && !isIsoDate(date)) throw new ConfigError(`${what} date '${date}' is not YYYY-MM-DD`);
    }
    if (t.moveOut !== undefined && t.moveOut < t.moveIn) throw new ConfigError(`contract ${t.contractId}: move-out ${t.moveOut} is before move-in ${t.moveIn}`);
    const apartment = this.db.prepare('SELECT id FROM apartments WHERE object_id = ?').get(t.objectId) as { id: number } | undefined;
    if (!apartment) throw new ConfigError(`no apartment with object id ${t.objectId}`);
    this.checkNoOverlap(apartment.id, t.contractId, t.moveIn, t.moveOut ?? OPEN_END);
    this.db.prepare('INSERT INTO tenancies (apartment_id, contract_id, move_in, move_out, tenant_name) VALUES (?, ?, ?, ?, ?)')
      .run(apartment.id, t.contractId, t.moveIn, t.moveOut ?? null, t.tenantName || null);
  }

  /** Ends a running tenancy on its last day. */
  end(contractId: string, moveOut: string): void {
    if (!isIsoDate(moveOut)) throw new ConfigError(`move-out date '${moveOut}' is not YYYY-MM-DD`);
    const row = this.db.prepare('SELECT apartment_id, move_in FROM tenancies WHERE contract_id = ?').get(contractId) as { apartment_id: number; move_in: string } | undefined;
    if (!row) throw new ConfigError(`no tenancy with contract id ${contractId}`);
    if (moveOut < row.move_in) throw new ConfigError(`contract ${contractId}: move-out ${moveOut} is before move-in ${row.move_in}`);
    this.checkNoOverlap(row.apartment_id, contractId, row.move_in, moveOut);
    this.db.prepare('UPDATE tenancies SET move_out = ? WHERE contract_id = ?').run(moveOut, contractId);
  }

  /** The tenancies of an apartment that touch the days `from` … `to` (inclusive), in order. */
  during(objectId: string, from: string, to: string): Tenancy[] {
    return this.db.prepare(`SELECT a.object_id AS objectId, t.contract_id AS contractId, t.move_in AS moveIn, t.move_out AS moveOut,
        t.tenant_name AS tenantName FROM tenancies t JOIN apartments a ON a.id = t.apartment_id
      WHERE a.object_id = ? AND t.move_in <= ? AND coalesce(t.move_out, ?) >= ? ORDER BY t.move_in`)
      .all(objectId, to, OPEN_END, from) as Tenancy[];
  }

  private checkNoOverlap(apartmentId: number, contractId: string, moveIn: string, moveOut: string): void {
    const clash = this.db.prepare(`SELECT contract_id FROM tenancies WHERE apartment_id = ? AND contract_id <> ?
      AND move_in <= ? AND coalesce(move_out, ?) >= ?`).get(apartmentId, contractId, moveOut, OPEN_END, moveIn) as { contract_id: string } | undefined;
    if (clash) throw new ConfigError(`contract ${contractId} overlaps contract ${clash.contract_id} in the same apartment`);
  }
}
