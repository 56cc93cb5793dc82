/**
 * The billing schedule: a month's file must reach the billing system no later than the 4th
 * Swedish working day of the next month (public holidays counted, working-days.ts). The close
 * runs from the first working day (after `runHour`, Swedish time), so a failed run still has
 * working days to be retried; held or unread values raise a warning while there is time to
 * review them and 'late' once the deadline day has passed.
 */
import { wallTimeAt } from '../collection/stockholm-time';
import { formatPeriod, isoDate, nextPeriod, previousPeriod, type Period } from './calendar';
import { nthWorkingDay, workingDaysBetween } from './working-days';

export interface ScheduleOptions {
  /** The working day the file must have arrived by (default 4). */
  deadlineWorkingDay?: number;
  /** The working day the automatic close starts (default 1). */
  runWorkingDay?: number;
  /** Swedish hour on that day from which it runs (default 6). */
  runHour?: number;
  /** Warn when held values remain and at most this many working days are left (default 2). */
  warnWorkingDays?: number;
}

export type ScheduleState = 'waiting' | 'due' | 'warning' | 'late';

export interface ScheduleStatus {
  /** The month to bill (the previous calendar month), YYYY-MM. */
  period: string;
  runFrom: string;
  deadline: string;
  workingDaysLeft: number;
  state: ScheduleState;
  message: string;
}

/** The day the file for `period` must arrive by. */
export function billingDeadline(period: Period, options: ScheduleOptions = {}): string {
  return nthWorkingDay(nextPeriod(period), options.deadlineWorkingDay ?? 4);
}

/**
 * Where the schedule stands at `nowMs` for the previous month, given how many of its values are
 * held or unread and whether it is delivered already.
 */
export function scheduleStatus(nowMs: number, heldOrUnread: number, delivered: boolean, options: ScheduleOptions = {}): ScheduleStatus {
  const wall = wallTimeAt(nowMs);
  const today = isoDate(wall.year, wall.month, wall.day);
  const period = previousPeriod({ year: wall.year, month: wall.month });
  const runFrom = nthWorkingDay({ year: wall.year, month: wall.month }, options.runWorkingDay ?? 1);
  const deadline = billingDeadline(period, options);
  const workingDaysLeft = today > deadline ? 0 : workingDaysBetween(today, deadline);
  const base = { period: formatPeriod(period), runFrom, deadline, workingDaysLeft };
  if (delivered) return { ...base, state: 'waiting', message: `${base.period} delivered; next close from the first working day of next month` };
  if (today < runFrom || (today === runFrom && wall.hour < (options.runHour ?? 6))) return { ...base, state: 'waiting', message: `${base.period} closes on ${runFrom}` };
  if (today > deadline) return { ...base, state: 'late', message: `${base.period} is late: the file was due on ${deadline}` };
  if (heldOrUnread > 0 && workingDaysLeft <= (options.warnWorkingDays ?? 2)) {
    const left = workingDaysLeft === 0 ? `the deadline is today, ${deadline}` : `${workingDaysLeft} working day(s) to the deadline ${deadline}`;
    return { ...base, state: 'warning', message: `${heldOrUnread} held or unread value(s) in ${base.period}; ${left}` };
  }
  return { ...base, state: 'due', message: `${base.period} due; deliver by ${deadline}` };
}
