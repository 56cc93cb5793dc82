/**
 * The system of record: one SQLite database (registry, readings ledger, telegram archive),
 * upgraded to the newest schema when opened. Writes are synchronous and each call is one
 * transaction: when `appendReadings` returns, the batch is committed and — with WAL and
 * synchronous=FULL — on disk; that return is the acknowledgement a collector may act on
 * (delete its buffered copy). A throw means nothing of the batch was written.
 */
import { frameRef } from '../frame-ref';
import type { Reading } from '../reading';
import { Ledger, type AppendResult, type StoredReading } from './ledger';
import { migrate } from './migrations';
import { RegistryTables } from './registry-tables';
import { Replacements } from './replacements';
import { openDatabase, type Database } from './sqlite-driver';
import { Tenancies } from './tenancies';

/** A raw telegram for the archive. */
export interface ArchivedFrame {
  bytes: Uint8Array;
  /** ISO 8601 or ms since 1970; default now. */
  receivedAt?: string | number;
  via?: string;
}

export interface StoreStats {
  meters: number;
  readings: number;
  /** The newest reading time in the ledger (ISO 8601 UTC), null when empty. */
  lastReadingAt: string | null;
}

export class SystemOfRecord {
  readonly registry: RegistryTables;
  readonly replacements: Replacements;
  readonly tenancies: Tenancies;
  private readonly ledger: Ledger;
  private readonly archive;

  private constructor(readonly db: Database) {
    this.ledger = new Ledger(db);
    this.registry = new RegistryTables(db);
    this.replacements = new Replacements(db, this.registry);
    this.tenancies = new Tenancies(db);
    this.archive = db.prepare('INSERT OR IGNORE INTO frames (ref, bytes, received_at, via) VALUES (?, ?, ?, ?)');
  }

  /** Opens (creating and migrating) the database file, or ':memory:' for tests. */
  static open(file: string): SystemOfRecord {
    const db = openDatabase(file);
    try {
      migrate(db);
    } catch (err) {
      db.close();
      throw err;
    }
    return new SystemOfRecord(db);
  }

  /**
   * Runs `fn` in one write transaction (BEGIN IMMEDIATE): all or nothing. Nested calls join
   * the outer transaction. Caches of meter ids are dropped on rollback.
   */
  transaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (err) {
      this.ledger.clearCache();
      throw err;
    }
  }

  /** Stores readings (and their raw frames) in one transaction; returns after commit. */
  appendReadings(readings: readonly Reading[], frames: readonly ArchivedFrame[] = []): AppendResult {
    return this.transaction(() => {
      this.archiveFramesNow(frames);
      return this.ledger.append(readings);
    });
  }

  /** Adapter for the store-and-forward loop (lib/collection forward()): resolves after commit. */
  async acceptBatch(batch: { readings: Reading[] }): Promise<void> {
    this.appendReadings(batch.readings);
  }

  /** Archives raw telegrams under their frame reference; returns the references. */
  archiveFrames(frames: readonly ArchivedFrame[]): string[] {
    return this.transaction(() => this.archiveFramesNow(frames));
  }

  /** The bytes of an archived telegram, or undefined. */
  frame(ref: string): Uint8Array | undefined {
    const row = this.db.prepare('SELECT bytes FROM frames WHERE ref = ?').get(ref) as { bytes: Buffer } | undefined;
    return row ? new Uint8Array(row.bytes) : undefined;
  }

  readingsOf(serial: string, from?: string, to?: string): StoredReading[] {
    return this.ledger.readingsOf(serial, from, to);
  }

  stats(): StoreStats {
    const row = this.db.prepare('SELECT count(*) AS meters, coalesce(sum(reading_count), 0) AS readings, max(last_reading_at) AS last FROM meters')
      .get() as { meters: number; readings: number; last: number | null };
    return { meters: row.meters, readings: row.readings, lastReadingAt: row.last === null ? null : new Date(row.last).toISOString() };
  }

  /** Checkpoints the WAL into the main file and closes. */
  close(): void {
    if (!this.db.open) return;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }

  private archiveFramesNow(frames: readonly ArchivedFrame[]): string[] {
    return frames.map((f) => {
      const ref = frameRef(f.bytes);
      const at = typeof f.receivedAt === 'number' ? f.receivedAt : f.receivedAt ? Date.parse(f.receivedAt) : Date.now();
      this.archive.run(ref, Buffer.from(f.bytes), Number.isFinite(at) ? at : Date.now(), f.via ?? null);
      return ref;
    });
  }
}
