/**
 * The work of the imd-billing-close node, without Node-RED: which month and property a message
 * asks for (default: the previous Swedish month, the node's property), the close against the
 * system of record (held values from the review queue), the schedule state for that month, and
 * the status to show.
 */
import { closeMonth, dueStatus, formatPeriod, heldByReviewQueue, previousPeriod, Receipts, scheduleStatus, type ClosedMonth, type CloseSummary, type ScheduleStatus, type SplitMethod } from '../../lib/billing';
import { wallTimeAt } from '../../lib/collection/stockholm-time';
import { ConfigError } from '../../lib/errors';
import { databasePath, SystemOfRecord } from '../../lib/store';

export interface CloseRunnerConfig { data?: string; property?: string; split?: string; maxGapHours?: string | number; auto?: boolean }

export interface CloseResult { close: ClosedMonth['close']; outcome: ClosedMonth['outcome']; summary: CloseSummary; schedule: ScheduleStatus }

export function runClose(config: CloseRunnerConfig, msg: { period?: unknown; property?: unknown }, now = Date.now()): CloseResult {
  const property = typeof msg.property === 'string' && msg.property ? msg.property : config.property;
  if (!property) throw new ConfigError('no property: set it in the node or in msg.property');
  const wall = wallTimeAt(now);
  const period = typeof msg.period === 'string' && msg.period ? msg.period : formatPeriod(previousPeriod({ year: wall.year, month: wall.month }));
  const store = SystemOfRecord.open(databasePath(config.data?.trim() || undefined));
  try {
    const split = (config.split || 'readings') as SplitMethod;
    const maxGapHours = config.maxGapHours === undefined || config.maxGapHours === '' ? undefined : Number(config.maxGapHours);
    const { close, outcome, summary } = closeMonth(store, { property, period, held: heldByReviewQueue(store), split, maxGapHours });
    const open = (summary.byStatus.held ?? 0) + (summary.byStatus.unread ?? 0);
    const delivered = new Receipts(store.db).closeDelivered(close.id);
    return { close, outcome, summary, schedule: scheduleStatus(now, open, delivered) };
  } finally {
    store.close();
  }
}

/** Automatic mode: whether the previous month should be closed now (its run day has come and it is not delivered yet). */
export function dueNow(config: CloseRunnerConfig, now = Date.now()): boolean {
  if (!config.property) return false;
  const store = SystemOfRecord.open(databasePath(config.data?.trim() || undefined));
  try {
    return dueStatus(store, config.property, now).state !== 'waiting';
  } finally {
    store.close();
  }
}

export function statusOf(r: CloseResult): { fill: 'green' | 'yellow' | 'red'; shape: 'dot'; text: string } {
  const held = (r.summary.byStatus.held ?? 0) + (r.summary.byStatus.unread ?? 0);
  const fill = r.schedule.state === 'late' ? 'red' : r.schedule.state === 'warning' || held > 0 ? 'yellow' : 'green';
  return { fill, shape: 'dot', text: `${r.close.period} v${r.close.version}: ${r.summary.total.gross} kr${held ? `, ${held} held` : ''}` };
}
