/**
 * The review queue (granskningskö) in the system of record: findings that block billing hold
 * the meter's values over their period until a person approves them, corrects them (a value and
 * a reason, billed in the month the reviewer names — e.g. the next one) or excludes them. Every
 * step — the hold too — is a row in the append-only audit trail (review_decisions). Billing reads
 * the queue through lib/billing/held.ts: a held value never silently reaches an export.
 */
import { ConfigError } from '../errors';
import { parseDecimal, type SystemOfRecord } from '../store';
import type { Finding } from './types';

export type ReviewStatus = 'held' | 'approved' | 'corrected' | 'excluded';

export interface ReviewItem {
  id: number; meter: string; rule: string; severity: string; from: string; to: string; message: string;
  status: ReviewStatus; createdAt: string;
}

export interface ReviewDecision {
  action: 'held' | 'approve' | 'correct' | 'exclude';
  by: string; at: string; reason: string | null; value: string | null; billMonth: string | null;
}

export interface Correction { value: string; reason: string; by: string; billMonth?: string }

const DECIDED: Record<'approve' | 'correct' | 'exclude', ReviewStatus> = { approve: 'approved', correct: 'corrected', exclude: 'excluded' };

function itemOf(r: Record<string, any>): ReviewItem {
  return { id: r.id, meter: r.meter, rule: r.rule, severity: r.severity, from: new Date(r.from_at).toISOString(), to: new Date(r.to_at).toISOString(),
    message: r.message, status: r.status, createdAt: r.created_at };
}

export class ReviewQueue {
  constructor(private readonly store: SystemOfRecord, private readonly clock: () => Date = () => new Date()) {}

  private get db() { return this.store.db; }

  /** Holds every blocking finding (the same finding twice is one item); returns the new items. */
  hold(findings: readonly Finding[], by = 'validation'): ReviewItem[] {
    const insert = this.db.prepare(`INSERT OR IGNORE INTO review_items (meter, rule, severity, from_at, to_at, message, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    return this.store.transaction(() => findings.filter((f) => f.severity === 'block').flatMap((f) => {
      const at = this.clock().toISOString();
      const r = insert.run(f.meter, f.rule, f.severity, Date.parse(f.from), Date.parse(f.to), f.message, at);
      if (r.changes === 0) return [];
      this.audit(Number(r.lastInsertRowid), { action: 'held', by, reason: `${f.rule}: ${f.message}` });
      return [this.show(Number(r.lastInsertRowid)).item];
    }));
  }

  list(status: ReviewStatus | 'all' = 'held'): ReviewItem[] {
    const rows = status === 'all' ? this.db.prepare('SELECT * FROM review_items ORDER BY id').all()
      : this.db.prepare('SELECT * FROM review_items WHERE status = ? ORDER BY id').all(status);
    return (rows as Array<Record<string, any>>).map(itemOf);
  }

  show(id: number): { item: ReviewItem; decisions: ReviewDecision[] } {
    const row = this.db.prepare('SELECT * FROM review_items WHERE id = ?').get(id) as Record<string, any> | undefined;
    if (!row) throw new ConfigError(`no review item ${id}`);
    const decisions = (this.db.prepare('SELECT action, by, at, reason, value, bill_month AS billMonth FROM review_decisions WHERE item_id = ? ORDER BY id')
      .all(id) as ReviewDecision[]);
    return { item: itemOf(row), decisions };
  }

  approve(id: number, by: string, reason?: string): ReviewItem {
    return this.decide(id, { action: 'approve', by, reason });
  }

  /** A corrected use (exact decimal text in the meter's unit) replaces the held period's use. */
  correct(id: number, c: Correction): ReviewItem {
    parseDecimal(c.value);
    if (!c.reason) throw new ConfigError('a correction needs a reason');
    if (c.billMonth !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(c.billMonth)) throw new ConfigError(`bill month '${c.billMonth}' is not YYYY-MM`);
    return this.decide(id, { action: 'correct', by: c.by, reason: c.reason, value: c.value, billMonth: c.billMonth });
  }

  exclude(id: number, by: string, reason: string): ReviewItem {
    if (!reason) throw new ConfigError('excluding needs a reason');
    return this.decide(id, { action: 'exclude', by, reason });
  }

  private decide(id: number, d: { action: 'approve' | 'correct' | 'exclude'; by: string; reason?: string | undefined; value?: string; billMonth?: string | undefined }): ReviewItem {
    if (!d.by) throw new ConfigError('a decision needs who made it (--by)');
    return this.store.transaction(() => {
      const { item } = this.show(id);
      if (item.status !== 'held') throw new ConfigError(`review item ${id} is already ${item.status}`);
      this.db.prepare('UPDATE review_items SET status = ? WHERE id = ?').run(DECIDED[d.action], id);
      this.audit(id, d);
      return this.show(id).item;
    });
  }

  private audit(id: number, d: { action: string; by: string; reason?: string | undefined; value?: string; billMonth?: string | undefined }): void {
    this.db.prepare('INSERT INTO review_decisions (item_id, action, by, at, reason, value, bill_month) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, d.action, d.by, this.clock().toISOString(), d.reason ?? null, d.value ?? null, d.billMonth ?? null);
  }
}
