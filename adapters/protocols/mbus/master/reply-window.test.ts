// Tests of the learned reply window: the configured margin until three answers, then 3 × the largest extra delay + 20 ms, bounded.
import { strict as assert } from 'assert';
import { ReplyWindow } from './reply-window';
import { responseTimeoutMs, wireTimeMs } from './timing';

describe('mbus master: reply window', () => {
  it('uses the configured margin until three answers were seen', () => {
    const w = new ReplyWindow(2400, 500);
    assert.equal(w.timeoutMs, responseTimeoutMs(2400, 500));
    w.observe(5, 1, wireTimeMs(6, 2400) + 10);
    w.observe(5, 1, wireTimeMs(6, 2400) + 10);
    assert.equal(w.timeoutMs, responseTimeoutMs(2400, 500));
  });

  it('then waits 3 × the largest extra delay + 20 ms, at least 50 ms, at most the configured margin', () => {
    const w = new ReplyWindow(2400, 500);
    for (const extra of [5, 30, 10]) w.observe(5, 40, wireTimeMs(45, 2400) + extra);
    assert.equal(w.timeoutMs, responseTimeoutMs(2400, 3 * 30 + 20));
    const slow = new ReplyWindow(2400, 500);
    for (let i = 0; i < 3; i++) slow.observe(5, 40, wireTimeMs(45, 2400) + 400);
    assert.equal(slow.timeoutMs, responseTimeoutMs(2400, 500));
    const fast = new ReplyWindow(2400, 500);
    for (let i = 0; i < 3; i++) fast.observe(5, 1, wireTimeMs(6, 2400));
    assert.equal(fast.timeoutMs, responseTimeoutMs(2400, 50));
  });

  it('keeps a fixed window as given', () => {
    const w = new ReplyWindow(2400, 500, 42);
    for (let i = 0; i < 5; i++) w.observe(5, 1, 1);
    assert.equal(w.timeoutMs, 42);
  });
});
