/**
 * Europe/Stockholm billing months, Swedish public holidays (Easter-based ones computed) and
 * the 4th-working-day deadline of the schedule.
 */
import assert from 'node:assert/strict';
import { billingDeadline, easterSunday, nthWorkingDay, parsePeriod, periodBounds, scheduleStatus, swedishHolidays } from '../../lib/billing';

describe('billing: calendar and schedule', () => {
  it('a period runs from 00:00 Swedish time on the 1st to 00:00 on the next 1st (CEST → CET in October)', () => {
    const { start, end } = periodBounds(parsePeriod('2026-10'));
    assert.equal(new Date(start).toISOString(), '2026-09-30T22:00:00.000Z');
    assert.equal(new Date(end).toISOString(), '2026-10-31T23:00:00.000Z');
  });

  it('computes Easter and the holidays hanging on it', () => {
    assert.deepEqual([2024, 2025, 2026, 2027].map(easterSunday), ['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28']);
    const h = swedishHolidays(2026);
    assert.equal(h.get('2026-04-03'), 'långfredagen');
    assert.equal(h.get('2026-04-06'), 'annandag påsk');
    assert.equal(h.get('2026-05-14'), 'Kristi himmelsfärdsdag');
    assert.equal(h.get('2026-06-19'), 'midsommarafton');
    assert.equal(h.get('2026-10-31'), 'alla helgons dag');
  });

  it('the 4th working day skips weekends and holidays', () => {
    // January 2027: 1 Fri (nyårsdagen), 4 Mon, 5 Tue, 6 Wed (trettondedag jul), 7 Thu, 8 Fri
    assert.equal(billingDeadline(parsePeriod('2026-12')), '2027-01-08');
    // April 2026: 1 Wed, 2 Thu, 3 Fri (långfredagen), 6 Mon (annandag påsk), 7 Tue
    assert.equal(nthWorkingDay(parsePeriod('2026-04'), 4), '2026-04-08');
    assert.equal(billingDeadline(parsePeriod('2026-10')), '2026-11-05');
  });

  it('warns when held values threaten the deadline and reports late after it', () => {
    const at = (iso: string) => Date.parse(iso);
    assert.equal(scheduleStatus(at('2026-11-02T08:00:00Z'), 3, false).state, 'due');
    assert.equal(scheduleStatus(at('2026-11-04T08:00:00Z'), 3, false).state, 'warning');
    assert.equal(scheduleStatus(at('2026-11-04T08:00:00Z'), 0, false).state, 'due');
    assert.equal(scheduleStatus(at('2026-11-06T08:00:00Z'), 0, false).state, 'late');
    assert.equal(scheduleStatus(at('2026-11-02T04:00:00Z'), 0, false).state, 'waiting');
  });
});
