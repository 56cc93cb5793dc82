/**
 * Whether the automatic monthly close of a property is due: the schedule (schedule.ts) for the
 * month before `nowMs`, 'waiting' once that month has been delivered. Shared by the
 * imd-billing-close node's automatic mode and `imd bill --when-due` (a daily cron job).
 */
import { wallTimeAt } from '../collection/stockholm-time';
import type { SystemOfRecord } from '../store/system-of-record';
import { formatPeriod, previousPeriod } from './calendar';
import { Receipts } from './receipts';
import { scheduleStatus, type ScheduleOptions, type ScheduleStatus } from './schedule';

export function dueStatus(store: SystemOfRecord, property: string, nowMs: number, options: ScheduleOptions = {}): ScheduleStatus {
  const wall = wallTimeAt(nowMs);
  const period = formatPeriod(previousPeriod({ year: wall.year, month: wall.month }));
  return scheduleStatus(nowMs, 0, new Receipts(store.db).periodDelivered(property, period), options);
}
