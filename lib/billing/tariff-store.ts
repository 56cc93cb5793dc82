/**
 * Dated tariffs per property in the system of record (table `tariffs`, migration 3): set one
 * from a given day, list them, and find the one in force on a day (the latest `valid_from` at
 * or before it). Setting the same day again replaces that day's tariff.
 */
import { ConfigError } from '../errors';
import { isIsoDate } from '../store/certification';
import type { Database } from '../store/sqlite-driver';
import { checkTariff, type Tariff } from './tariff';

export class Tariffs {
  constructor(private readonly db: Database) {}

  set(property: string, validFrom: string, document: unknown): Tariff {
    if (!isIsoDate(validFrom)) throw new ConfigError(`--from '${validFrom}' is not YYYY-MM-DD`);
    const doc = checkTariff(document);
    this.db.prepare(`INSERT INTO tariffs (property, valid_from, document, set_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (property, valid_from) DO UPDATE SET document = excluded.document, set_at = excluded.set_at`)
      .run(property, validFrom, JSON.stringify(doc), Date.now());
    return { property, validFrom, document: doc };
  }

  /** Every tariff of a property, oldest first. */
  list(property: string): Tariff[] {
    return (this.db.prepare('SELECT valid_from, document FROM tariffs WHERE property = ? ORDER BY valid_from').all(property) as Array<{ valid_from: string; document: string }>)
      .map((r) => ({ property, validFrom: r.valid_from, document: JSON.parse(r.document) }));
  }

  /** The tariff in force on `day`; ConfigError when there is none. */
  inForce(property: string, day: string): Tariff {
    const row = this.db.prepare('SELECT valid_from, document FROM tariffs WHERE property = ? AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1')
      .get(property, day) as { valid_from: string; document: string } | undefined;
    if (!row) throw new ConfigError(`no tariff for property '${property}' in force on ${day}; set one with "imd tariff set"`);
    return { property, validFrom: row.valid_from, document: JSON.parse(row.document) };
  }
}
