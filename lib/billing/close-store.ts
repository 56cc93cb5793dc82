/**
 * Closes in the system of record (tables `billing_closes`, `billing_close_lines`, migration 3).
 * A close is a draft until its first export freezes it; re-running a draft replaces it. Re-running
 * a frozen close that comes out the same (same line checksum) returns the frozen one; one that
 * comes out different becomes a correction close (version + 1, `corrects` = the frozen one),
 * never a silent rewrite.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../store/sqlite-driver';
import { LINE_KEYS, type CloseLine, type LineStatus } from './close';

export interface CloseRecord {
  id: number; property: string; period: string; version: number; kind: 'close' | 'correction';
  corrects: number | null; tariffValidFrom: string; options: Record<string, unknown>; checksum: string;
  createdAt: string; frozenAt: string | null;
}

export type SaveOutcome = 'new' | 'replaced-draft' | 'unchanged' | 'correction';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A line as stored: a JSON array of its values in LINE_KEYS order (half the size of an object). */
export function encodeLine(l: CloseLine): string {
  return JSON.stringify(LINE_KEYS.map((k) => l[k]));
}

function decodeLine(text: string): CloseLine {
  const values = JSON.parse(text) as unknown[];
  const line: Record<string, unknown> = {};
  for (let i = 0; i < LINE_KEYS.length; i++) line[LINE_KEYS[i]!] = values[i];
  return line as unknown as CloseLine;
}

export class Closes {
  constructor(private readonly db: Database) {}

  /** The newest version of a property's close for a period, or undefined. */
  latest(property: string, period: string): CloseRecord | undefined {
    const row = this.db.prepare('SELECT * FROM billing_closes WHERE property = ? AND period = ? ORDER BY version DESC LIMIT 1').get(property, period);
    return row ? record(row) : undefined;
  }

  byId(id: number): CloseRecord | undefined {
    const row = this.db.prepare('SELECT * FROM billing_closes WHERE id = ?').get(id);
    return row ? record(row) : undefined;
  }

  lines(closeId: number): CloseLine[] {
    return (this.db.prepare('SELECT content FROM billing_close_lines WHERE close_id = ? ORDER BY line').raw().all(closeId) as string[][])
      .map((r) => decodeLine(r[0]!));
  }

  /** Metering point → first unbilled day, from the held or unread lines of a close. */
  carried(closeId: number): Map<number, string> {
    const rows = this.db.prepare(`SELECT metering_point_id AS point, min(from_day) AS day FROM billing_close_lines
      WHERE close_id = ? AND status IN ('held', 'unread') GROUP BY metering_point_id`).all(closeId) as Array<{ point: number; day: string }>;
    return new Map(rows.map((r) => [r.point, r.day]));
  }

  /**
   * Saves a close's lines as they stream in, under the draft / frozen / correction rules above;
   * `onLine` sees each line (for sums). Call inside a transaction: the lines of a re-run that
   * matches the frozen close are rolled back to a savepoint and the frozen close is returned.
   */
  save(property: string, period: string, tariffValidFrom: string, options: Record<string, unknown>, lines: Iterable<CloseLine>,
    onLine: (l: CloseLine) => void = () => undefined): { close: CloseRecord; outcome: SaveOutcome } {
    const last = this.latest(property, period);
    const unchanged = new Error('unchanged');
    try {
      return this.db.transaction(() => this.insert(property, period, tariffValidFrom, options, lines, onLine, last, unchanged))();
    } catch (err) {
      if (err === unchanged) return { close: last!, outcome: 'unchanged' };
      throw err;
    }
  }

  private insert(property: string, period: string, tariffValidFrom: string, options: Record<string, unknown>, lines: Iterable<CloseLine>,
    onLine: (l: CloseLine) => void, last: CloseRecord | undefined, unchanged: Error): { close: CloseRecord; outcome: SaveOutcome } {
    let outcome: SaveOutcome = 'new';
    let version = 1;
    if (last && !last.frozenAt) {
      this.db.prepare('DELETE FROM billing_close_lines WHERE close_id = ?').run(last.id);
      this.db.prepare('DELETE FROM billing_closes WHERE id = ?').run(last.id);
      [outcome, version] = ['replaced-draft', last.version];
    } else if (last) [outcome, version] = ['correction', last.version + 1];
    const corrects = outcome === 'correction' ? last!.id : outcome === 'replaced-draft' ? last!.corrects : null;
    const id = Number(this.db.prepare(`INSERT INTO billing_closes (property, period, version, kind, corrects, tariff_valid_from, options, checksum, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(property, period, version, corrects === null ? 'close' : 'correction', corrects,
      tariffValidFrom, JSON.stringify(options), '', Date.now()).lastInsertRowid);
    const insert = this.db.prepare('INSERT INTO billing_close_lines (close_id, line, metering_point_id, status, from_day, content) VALUES (?, ?, ?, ?, ?, ?)');
    const hash = createHash('sha256');
    let i = 0;
    for (const l of lines) {
      const text = encodeLine(l);
      hash.update(text).update('\n');
      insert.run(id, i++, l.meteringPointId, l.status, l.from, text);
      onLine(l);
    }
    const checksum = hash.digest('hex');
    if (last?.frozenAt && last.checksum === checksum) throw unchanged;
    this.db.prepare('UPDATE billing_closes SET checksum = ? WHERE id = ?').run(checksum, id);
    return { close: this.byId(id)!, outcome };
  }

  /** A close's lines as a re-iterable sequence read from the store, optionally only those with one of `statuses`. */
  stream(closeId: number, statuses?: readonly LineStatus[]): Iterable<CloseLine> {
    const only = statuses === undefined ? '' : ` AND status IN (${statuses.map(() => '?').join(', ')})`;
    const query = this.db.prepare(`SELECT content FROM billing_close_lines WHERE close_id = ?${only} ORDER BY line`).pluck();
    const args = [closeId, ...statuses ?? []];
    return { *[Symbol.iterator]() { for (const text of query.iterate(...args) as Iterable<string>) yield decodeLine(text); } };
  }

  /** Lines per status of a close. */
  statusCounts(closeId: number): Partial<Record<LineStatus, number>> {
    const rows = this.db.prepare('SELECT status, count(*) AS n FROM billing_close_lines WHERE close_id = ? GROUP BY status ORDER BY status').all(closeId) as Array<{ status: LineStatus; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Points whose lines in a close start before `day` (consumption carried into that close from earlier months). */
  carriedInto(closeId: number, day: string): Set<number> {
    return new Set(this.db.prepare('SELECT DISTINCT metering_point_id FROM billing_close_lines WHERE close_id = ? AND from_day < ?').pluck().all(closeId, day) as number[]);
  }

  /** Freezes a close (first export); later changes become correction closes. */
  freeze(closeId: number): void {
    this.db.prepare('UPDATE billing_closes SET frozen_at = coalesce(frozen_at, ?) WHERE id = ?').run(Date.now(), closeId);
  }
}

function record(row: unknown): CloseRecord {
  const r = row as Record<string, any>;
  return {
    id: r.id, property: r.property, period: r.period, version: r.version, kind: r.kind, corrects: r.corrects,
    tariffValidFrom: r.tariff_valid_from, options: JSON.parse(r.options), checksum: r.checksum,
    createdAt: iso(r.created_at)!, frozenAt: iso(r.frozen_at),
  };
}
