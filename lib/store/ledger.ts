/**
 * The readings ledger: a Reading becomes one row keyed by (register, time), a register being
 * (meter, quantity, storage, tariff, subunit, function, qualifiers) — the same reading stored
 * twice is one row (INSERT OR IGNORE on the unique key; the first stored wins). The register
 * value goes in exactly as sent (mantissa text + exponent + the meter's unit + bytes); the
 * canonical value beside it is for display and queries only. Meters and registers are resolved
 * with caches; a meter heard before it is in the registry gets a row of its own (no metering
 * point yet), so nothing collected is dropped.
 */
import { ConfigError } from '../errors';
import type { Reading } from '../reading';
import type { Database } from './sqlite-driver';

export interface AppendResult {
  /** Rows written by this call. */
  inserted: number;
  /** Readings that were already in the ledger (same key). */
  duplicates: number;
}

/** A ledger row as read back. */
export interface StoredReading {
  serial: string;
  manufacturer: string;
  quantity: string;
  storage: number; tariff: number; subunit: number;
  function: string;
  qualifiers: string;
  at: string;
  mantissa: string; exponent: number; rawUnit: string; encoding: string; rawBytes: string;
  value: number | string | null;
  unit: string;
  flags: string[];
  frame: string;
  receivedAt: string;
  via: string | null;
}

const INSERT_READING = `INSERT OR IGNORE INTO readings
  (register_id, at, mantissa, exponent, raw_unit, encoding, raw_bytes, value, unit, flags, frame, record, received_at, via)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function time(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new ConfigError(`${what} '${iso}' is not an ISO 8601 time`);
  return ms;
}

/** Checks the fields the ledger needs, so a malformed reading fails the batch with a reason. */
function checkReading(r: Reading, index: number): void {
  const ok = r && typeof r === 'object' && r.meter && typeof r.meter.id === 'string' && r.meter.id !== ''
    && typeof r.quantity === 'string' && r.raw && typeof r.raw.mantissa === 'string' && Number.isInteger(r.raw.exponent)
    && typeof r.timestamp === 'string' && r.source && typeof r.source.frame === 'string';
  if (!ok) throw new ConfigError(`reading ${index} is not a canonical Reading (needs meter.id, quantity, raw.mantissa/exponent, timestamp, source.frame)`);
}

export class Ledger {
  private readonly insert;
  private readonly findMeter;
  private readonly adoptMeter;
  private readonly newMeter;
  private readonly bumpMeter;
  private readonly findRegister;
  private readonly newRegister;
  private readonly meterIds = new Map<string, number>();
  private readonly registerIds = new Map<string, number>();

  constructor(private readonly db: Database) {
    this.insert = db.prepare(INSERT_READING);
    this.findMeter = db.prepare(`SELECT id, manufacturer FROM meters WHERE serial = ? AND manufacturer IN (?, '')
      ORDER BY manufacturer DESC LIMIT 1`);
    this.adoptMeter = db.prepare('UPDATE meters SET manufacturer = ? WHERE id = ?');
    this.newMeter = db.prepare('INSERT INTO meters (serial, manufacturer, medium) VALUES (?, ?, ?)');
    this.findRegister = db.prepare(`SELECT id FROM registers WHERE meter_id = ? AND quantity = ? AND storage = ? AND tariff = ?
      AND subunit = ? AND function = ? AND qualifiers = ?`);
    this.newRegister = db.prepare(`INSERT INTO registers (meter_id, quantity, storage, tariff, subunit, function, qualifiers)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.bumpMeter = db.prepare(`UPDATE meters SET reading_count = reading_count + ?,
      last_reading_at = max(coalesce(last_reading_at, 0), ?) WHERE id = ?`);
  }

  /** Forgets cached meter ids (after the registry changed meters outside this ledger). */
  clearCache(): void {
    this.meterIds.clear();
    this.registerIds.clear();
  }

  /** The meter row of a reading's meter, created when unknown. Call inside a transaction. */
  meterId(serial: string, manufacturer: string, medium: string): number {
    const key = `${manufacturer}/${serial}`;
    const cached = this.meterIds.get(key);
    if (cached !== undefined) return cached;
    const row = this.findMeter.get(serial, manufacturer) as { id: number; manufacturer: string } | undefined;
    let id: number;
    if (!row) id = Number(this.newMeter.run(serial, manufacturer, medium).lastInsertRowid);
    else {
      id = row.id;
      if (row.manufacturer === '' && manufacturer !== '') this.adoptMeter.run(manufacturer, id);
    }
    this.meterIds.set(key, id);
    return id;
  }

  /** The register row of a reading's meter register, created when new. Call inside a transaction. */
  private registerId(meterId: number, r: Reading): number {
    const key = [meterId, r.quantity, r.storage ?? 0, r.tariff ?? 0, r.subunit ?? 0, r.function ?? 'instantaneous', (r.qualifiers ?? []).join(',')] as const;
    const text = key.join('|');
    let id = this.registerIds.get(text);
    if (id === undefined) {
      id = (this.findRegister.get(...key) as { id: number } | undefined)?.id ?? Number(this.newRegister.run(...key).lastInsertRowid);
      this.registerIds.set(text, id);
    }
    return id;
  }

  /** Inserts a batch; the caller wraps it in the transaction that makes it durable. */
  append(readings: readonly Reading[]): AppendResult {
    let inserted = 0;
    const touched = new Map<number, { count: number; last: number }>();
    readings.forEach((r, i) => {
      checkReading(r, i);
      const meterId = this.meterId(r.meter.id, r.meter.manufacturer ?? '', r.meter.medium ?? '');
      const at = time(r.timestamp, `reading ${i} timestamp`);
      const value = typeof r.value === 'number' && !Number.isFinite(r.value) ? null : r.value;
      const changes = this.insert.run(this.registerId(meterId, r), at, r.raw.mantissa, r.raw.exponent,
        r.raw.unit ?? '', r.raw.encoding ?? 'none', r.raw.bytes ?? '', value ?? null, r.unit ?? '', (r.flags ?? []).join(','),
        r.source.frame, r.source.record ?? null, r.receivedAt ? time(r.receivedAt, `reading ${i} receivedAt`) : at,
        r.source.via ?? null).changes;
      if (changes === 0) return;
      inserted++;
      const t = touched.get(meterId);
      if (t) { t.count++; t.last = Math.max(t.last, at); } else touched.set(meterId, { count: 1, last: at });
    });
    for (const [meterId, t] of touched) this.bumpMeter.run(t.count, t.last, meterId);
    return { inserted, duplicates: readings.length - inserted };
  }

  /** A meter's readings between two times (ISO, inclusive), oldest first. */
  readingsOf(serial: string, from = '0000-01-01T00:00:00Z', to = '9999-12-31T23:59:59Z'): StoredReading[] {
    const rows = this.db.prepare(`SELECT m.serial, m.manufacturer, g.quantity, g.storage, g.tariff, g.subunit, g.function, g.qualifiers, r.*
      FROM readings r JOIN registers g ON g.id = r.register_id JOIN meters m ON m.id = g.meter_id
      WHERE m.serial = ? AND r.at BETWEEN ? AND ? ORDER BY r.at, r.id`).all(serial, time(from, 'from'), time(to, 'to')) as Array<Record<string, any>>;
    return rows.map((row) => ({
      serial: row.serial, manufacturer: row.manufacturer, quantity: row.quantity, storage: row.storage, tariff: row.tariff,
      subunit: row.subunit, function: row.function, qualifiers: row.qualifiers, at: new Date(row.at).toISOString(),
      mantissa: row.mantissa, exponent: row.exponent, rawUnit: row.raw_unit, encoding: row.encoding, rawBytes: row.raw_bytes,
      value: row.value, unit: row.unit, flags: row.flags === '' ? [] : row.flags.split(','), frame: row.frame,
      receivedAt: new Date(row.received_at).toISOString(), via: row.via,
    }));
  }
}
