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

/** A tenancy as a rental system states it again: `moveOut`/`tenantName` null = none, undefined = keep what is stored. */
export interface TenancyChange { objectId: string; contractId: string; moveIn: string; moveOut?: string | null; tenantName?: string | null }

export interface Tenancy { objectId: string; contractId: string; moveIn: string; moveOut: string | null; tenantName: string | null }

/** A refusal, with the field it is about. */
export class TenancyError extends ConfigError {
  constructor(message: string, readonly field: 'objectId' | 'contractId' | 'moveIn' | 'moveOut') {
    super(message);
  }
}

export type PutOutcome = 'added' | 'updated' | 'unchanged';

const OPEN_END = '9999-12-31';

const SELECT = `SELECT a.object_id AS objectId, t.contract_id AS contractId, t.move_in AS moveIn, t.move_out AS moveOut,
  t.tenant_name AS tenantName FROM tenancies t JOIN apartments a ON a.id = t.apartment_id`;

export class Tenancies {
  constructor(private readonly db: Database) {}

  /** Adds a new tenancy; refuses a known contract id, unknown apartments, bad dates and overlaps with another tenancy. */
  add(t: TenancyInput): void {
    if (this.byContract(t.contractId)) throw new TenancyError(`contract ${t.contractId} already exists (set its move-out with end)`, 'contractId');
    this.put({ ...t, moveOut: t.moveOut ?? null, tenantName: t.tenantName ?? null });
  }

  /** Ends a tenancy on its last day (or moves its move-out); returns it. */
  end(contractId: string, moveOut: string): Tenancy {
    const stored = this.byContract(contractId);
    if (!stored) throw new TenancyError(`no tenancy with contract id ${contractId}`, 'contractId');
    this.put({ ...stored, moveOut });
    return this.byContract(contractId)!;
  }

  /**
   * Adds a tenancy, or updates the one with its contract id (a rental system's re-export: the
   * move-out a contract got, a corrected move-in). Overlaps with the contracts in `rewritten`
   * — being rewritten in the same transaction — are the caller's to check.
   */
  put(t: TenancyChange, rewritten: ReadonlySet<string> = new Set()): PutOutcome {
    if (!isIsoDate(t.moveIn)) throw new TenancyError(`move-in date '${t.moveIn}' is not YYYY-MM-DD`, 'moveIn');
    if (t.moveOut && !isIsoDate(t.moveOut)) throw new TenancyError(`move-out date '${t.moveOut}' is not YYYY-MM-DD`, 'moveOut');
    const apartment = this.db.prepare('SELECT id FROM apartments WHERE object_id = ?').get(t.objectId) as { id: number } | undefined;
    if (!apartment) throw new TenancyError(`no apartment with object id ${t.objectId}`, 'objectId');
    const stored = this.byContract(t.contractId);
    if (stored && stored.objectId !== t.objectId) throw new TenancyError(`contract ${t.contractId} is a tenancy of apartment ${stored.objectId}, not ${t.objectId}`, 'contractId');
    const moveOut = t.moveOut === undefined ? stored?.moveOut ?? null : t.moveOut;
    const tenantName = (t.tenantName === undefined ? stored?.tenantName : t.tenantName) || null;
    if (moveOut !== null && moveOut < t.moveIn) throw new TenancyError(`contract ${t.contractId}: move-out ${moveOut} is before move-in ${t.moveIn}`, 'moveOut');
    this.checkNoOverlap(apartment.id, t.contractId, t.moveIn, moveOut ?? OPEN_END, rewritten);
    if (!stored) {
      this.db.prepare('INSERT INTO tenancies (apartment_id, contract_id, move_in, move_out, tenant_name) VALUES (?, ?, ?, ?, ?)')
        .run(apartment.id, t.contractId, t.moveIn, moveOut, tenantName);
      return 'added';
    }
    if (stored.moveIn === t.moveIn && stored.moveOut === moveOut && stored.tenantName === tenantName) return 'unchanged';
    this.db.prepare('UPDATE tenancies SET move_in = ?, move_out = ?, tenant_name = ? WHERE contract_id = ?').run(t.moveIn, moveOut, tenantName, t.contractId);
    return 'updated';
  }

  /** The tenancies of an apartment that touch the days `from` … `to` (inclusive), in order. */
  during(objectId: string, from: string, to: string): Tenancy[] {
    return this.db.prepare(`${SELECT} WHERE a.object_id = ? AND t.move_in <= ? AND coalesce(t.move_out, ?) >= ? ORDER BY t.move_in`)
      .all(objectId, to, OPEN_END, from) as Tenancy[];
  }

  /** Every tenancy (or an apartment's), by object id and move-in. */
  list(objectId?: string): Tenancy[] {
    return objectId === undefined
      ? this.db.prepare(`${SELECT} ORDER BY a.object_id, t.move_in`).all() as Tenancy[]
      : this.db.prepare(`${SELECT} WHERE a.object_id = ? ORDER BY t.move_in`).all(objectId) as Tenancy[];
  }

  byContract(contractId: string): Tenancy | undefined {
    return this.db.prepare(`${SELECT} WHERE t.contract_id = ?`).get(contractId) as Tenancy | undefined;
  }

  private checkNoOverlap(apartmentId: number, contractId: string, moveIn: string, moveOut: string, rewritten: ReadonlySet<string>): void {
    const clashes = this.db.prepare(`SELECT contract_id FROM tenancies WHERE apartment_id = ? AND contract_id <> ?
      AND move_in <= ? AND coalesce(move_out, ?) >= ?`).all(apartmentId, contractId, moveOut, OPEN_END, moveIn) as Array<{ contract_id: string }>;
    const clash = clashes.find((c) => !rewritten.has(c.contract_id));
    if (clash) throw new TenancyError(`contract ${contractId} overlaps contract ${clash.contract_id} in the same apartment`, 'moveIn');
  }
}
