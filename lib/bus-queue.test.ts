/**
 * BusQueue: one job at a time in FIFO order, and the lock released on every path — a job that
 * throws, rejects, overruns its time limit or is aborted never blocks the next one; close()
 * aborts the running job and rejects the waiting ones.
 */
import { strict as assert } from 'node:assert';
import { BusQueue, QueueClosedError, QueueTimeoutError } from './bus-queue';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('BusQueue', function () {
  it('runs one job at a time, first in first out', async function () {
    const queue = new BusQueue('test bus');
    const log: string[] = [];
    let active = 0;
    const job = (name: string, ms: number) => queue.run(async () => {
      active++;
      assert.equal(active, 1, 'two jobs on the bus at once');
      log.push(`start ${name}`);
      await tick(ms);
      log.push(`end ${name}`);
      active--;
      return name;
    });
    const results = await Promise.all([job('a', 15), job('b', 1), job('c', 5)]);
    assert.deepEqual(results, ['a', 'b', 'c']);
    assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    assert.equal(queue.busy, false);
  });

  it('releases the bus when a job throws synchronously or rejects', async function () {
    const queue = new BusQueue('test bus');
    const first = queue.run(() => { throw new Error('sync boom'); });
    const second = queue.run(async () => { throw new Error('async boom'); });
    const third = queue.run(async () => 'next ran');
    await assert.rejects(first, /sync boom/);
    await assert.rejects(second, /async boom/);
    assert.equal(await third, 'next ran');
  });

  it('releases the bus when a job overruns its time limit, and aborts its signal', async function () {
    const queue = new BusQueue('tcp 127.0.0.1:1');
    let seen: AbortSignal | undefined;
    const hanging = queue.run((signal) => { seen = signal; return new Promise<never>(() => undefined); }, { timeoutMs: 20 });
    const next = queue.run(async () => 'next ran');
    await assert.rejects(hanging, (err: Error) => err instanceof QueueTimeoutError && /tcp 127\.0\.0\.1:1: .*20 ms/.test(err.message));
    assert.equal(seen?.aborted, true);
    assert.equal(await next, 'next ran');
  });

  it("removes a waiting job when the caller aborts it, and aborts a running one", async function () {
    const queue = new BusQueue('test bus');
    const gate = new AbortController();
    const running = queue.run((signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))), { signal: gate.signal });
    const waiting = new AbortController();
    const skipped = queue.run(async () => 'must not run', { signal: waiting.signal });
    waiting.abort(new Error('caller gave up'));
    await assert.rejects(skipped, /caller gave up/);
    gate.abort(new Error('stop'));
    await assert.rejects(running, /stop/);
    assert.equal(await queue.run(async () => 'free'), 'free');
  });

  it('close() aborts the running job, rejects waiting and later jobs', async function () {
    const queue = new BusQueue('serial /dev/ttyX');
    let aborted = false;
    const running = queue.run((signal) => new Promise<never>(() => signal.addEventListener('abort', () => { aborted = true; })));
    const waiting = queue.run(async () => 'never');
    await tick();
    queue.close();
    await assert.rejects(running, QueueClosedError);
    await assert.rejects(waiting, /serial \/dev\/ttyX: closed/);
    await assert.rejects(queue.run(async () => 'late'), QueueClosedError);
    assert.equal(aborted, true);
    assert.equal(queue.pending, 0);
  });
});
