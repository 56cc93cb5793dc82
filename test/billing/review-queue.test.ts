/**
 * The close and validation's review queue: a blocking finding holds a meter's month (not billed,
 * carried, also when the held span ended mid-month); the reviewer's correction replaces the held
 * span's use in the close that bills it — not before the bill month the reviewer named — an
 * exclusion removes it, an approval bills the registers as read.
 */
import assert from 'node:assert/strict';
import { closeMonth, heldByReviewQueue, type CloseLine } from '../../lib/billing';
import type { SystemOfRecord } from '../../lib/store';
import { ReviewQueue } from '../../lib/validation';
import { DECEMBER_END, fixtureBuilding, NOVEMBER_END, OCTOBER_END, OCTOBER_START, PROPERTY, registerReading } from './fixture-building';

const hotWater1104 = (lines: CloseLine[]) => lines.find((l) => l.objectId === 'OBJ-1104' && l.medium === 'hot-water')!;

describe('billing: held values from the review queue', () => {
  let store: SystemOfRecord;
  let queue: ReviewQueue;
  let itemId: number;
  beforeEach(() => {
    store = fixtureBuilding();
    store.appendReadings([registerReading('11041002', 'hot-water', NOVEMBER_END, '11.500')]);
    queue = new ReviewQueue(store);
    itemId = queue.hold([{ meter: '11041002', from: OCTOBER_START, to: OCTOBER_END, rule: 'spike', severity: 'block', message: 'a week in a day' }])[0]!.id;
    const october = closeMonth(store, { property: PROPERTY, period: '2026-10', held: heldByReviewQueue(store) });
    assert.equal(hotWater1104(october.lines).status, 'held');
  });
  afterEach(() => store.close());

  const november = () => hotWater1104(closeMonth(store, { property: PROPERTY, period: '2026-11', held: heldByReviewQueue(store) }).lines);

  it('keeps a still-held month carried', () => {
    assert.deepEqual([november().status, november().from], ['held', '2026-10-01']);
  });

  it('keeps the point carried while an item that ended mid-October is still held', () => {
    queue.approve(itemId, 'anna');
    queue.hold([{ meter: '11041002', from: '2026-10-05T10:00:00Z', to: '2026-10-20T10:00:00Z', rule: 'spike', severity: 'block', message: 'x' }]);
    closeMonth(store, { property: PROPERTY, period: '2026-10', held: heldByReviewQueue(store) });
    assert.deepEqual([november().status, november().from, november().consumption], ['held', '2026-10-01', '1.500']);
  });

  it('holds a correction until the bill month the reviewer named, then bills it there', () => {
    store.appendReadings([registerReading('11041002', 'hot-water', DECEMBER_END, '12.000')]);
    queue.correct(itemId, { value: '0.800', reason: 'estimated', by: 'anna', billMonth: '2026-12' });
    assert.deepEqual([november().status, november().from], ['held', '2026-10-01']);
    const december = hotWater1104(closeMonth(store, { property: PROPERTY, period: '2026-12', held: heldByReviewQueue(store) }).lines);
    assert.deepEqual([december.status, december.from, december.to, december.consumption, december.flags, december.net],
      ['billed', '2026-10-01', '2026-12-31', '1.800', ['review-correction'], '87.66']);
  });

  it('bills the corrected value for the held span: 0.800 instead of the 1.000 read, plus November 0.500', () => {
    queue.correct(itemId, { value: '0.800', reason: 'leak repaired, estimated', by: 'anna', billMonth: '2026-11' });
    const l = november();
    assert.deepEqual([l.status, l.from, l.consumption, l.flags, l.net], ['billed', '2026-10-01', '1.300', ['review-correction'], '63.31']);
  });

  it('bills nothing for an excluded span, and the registers as read after an approval', () => {
    queue.exclude(itemId, 'anna', 'meter fault');
    assert.deepEqual([november().consumption, november().flags], ['0.500', ['review-exclusion']]);
    const other = fixtureBuilding();
    try {
      const q = new ReviewQueue(other);
      const [item] = q.hold([{ meter: '11041002', from: OCTOBER_START, to: OCTOBER_END, rule: 'spike', severity: 'block', message: 'x' }]);
      q.approve(item!.id, 'anna');
      assert.equal(hotWater1104(closeMonth(other, { property: PROPERTY, period: '2026-10', held: heldByReviewQueue(other) }).lines).consumption, '1.000');
    } finally {
      other.close();
    }
  });
});
