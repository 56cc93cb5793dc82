/**
 * The forward buffer and forwarder in a temporary folder: order and acknowledgement, restart,
 * a torn or damaged tail cut off by its checksum, segment rotation and deletion only after
 * acknowledgement, and the forwarder's retry with backoff (fake time). The crash test with a
 * killed child process is in test/collection-semantics/.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Reading } from '../reading';
import { ManualClock } from './clock';
import { ForwardBuffer, type StoredBatch } from './forward-buffer';
import { forward } from './forwarder';

const batch = (n: number): Reading[] => [{ quantity: 'volume', value: n } as unknown as Reading];
const segments = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith('segment-')).sort();

describe('forward buffer', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'imd-forward-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hands out batches oldest first and keeps each until acknowledged', async () => {
    const buffer = await ForwardBuffer.open(dir);
    const ids = [await buffer.append(batch(1)), await buffer.append(batch(2))];
    assert.match(ids[0]!, /^[0-9a-f-]{36}:1$/);
    const first = await buffer.next();
    assert.equal(first!.id, ids[0]);
    assert.equal((await buffer.next())!.id, ids[0], 'same batch again until acknowledged');
    await buffer.ack(first!.seq);
    assert.equal((await buffer.next())!.id, ids[1]);
    await assert.rejects(buffer.ack(first!.seq), /oldest unacknowledged is 2/);
    assert.equal(buffer.pending, 1);
    await buffer.close();
  });

  it('keeps unacknowledged batches across a restart; the first may be a redelivery', async () => {
    let buffer = await ForwardBuffer.open(dir);
    for (let i = 1; i <= 3; i++) await buffer.append(batch(i));
    await buffer.ack((await buffer.next())!.seq);
    await buffer.next();
    await buffer.close();
    buffer = await ForwardBuffer.open(dir);
    const again = await buffer.next();
    assert.equal(again!.seq, 2);
    assert.equal(again!.redelivery, true);
    await buffer.ack(2);
    const third = await buffer.next();
    assert.deepEqual([third!.seq, third!.redelivery, third!.readings[0]!.value], [3, false, 3]);
    assert.equal(await buffer.append(batch(4)), `${buffer.id}:4`);
    await buffer.close();
  });

  it('never reads back a half-written or damaged record: the tail is cut off', async () => {
    let buffer = await ForwardBuffer.open(dir);
    for (let i = 1; i <= 3; i++) await buffer.append(batch(i));
    await buffer.close();
    const file = path.join(dir, segments(dir)[0]!);
    truncateSync(file, statSync(file).size - 5);
    const problems: string[] = [];
    buffer = await ForwardBuffer.open(dir, { onCorrupt: (m) => problems.push(m) });
    assert.equal(problems.length, 1);
    assert.equal(buffer.pending, 2);
    assert.equal(await buffer.append(batch(9)), `${buffer.id}:3`);
    await buffer.close();
    const bytes = readFileSync(file);
    bytes[bytes.length - 3] ^= 0xff; // damage the payload of the last record
    writeFileSync(file, bytes);
    buffer = await ForwardBuffer.open(dir, { onCorrupt: (m) => problems.push(m) });
    assert.match(problems[1]!, /checksum/);
    const seen: number[] = [];
    const stop = new AbortController();
    await forward(buffer, async (b) => { seen.push(b.readings[0]!.value as number); if (seen.length === 2) stop.abort(); }, { signal: stop.signal });
    assert.deepEqual(seen, [1, 2]);
    await buffer.close();
  });

  it('rotates segments and deletes one only when all its batches are acknowledged', async () => {
    const buffer = await ForwardBuffer.open(dir, { segmentBytes: 1 });
    for (let i = 1; i <= 5; i++) await buffer.append(batch(i));
    assert.equal(segments(dir).length, 5);
    for (let i = 1; i <= 3; i++) await buffer.ack((await buffer.next())!.seq);
    await buffer.next();
    assert.deepEqual(segments(dir), ['segment-0000000000000004.log', 'segment-0000000000000005.log']);
    await buffer.close();
  });

  it('the forwarder retries a failing store with backoff and acknowledges only after it succeeds', async () => {
    const buffer = await ForwardBuffer.open(dir);
    await buffer.append(batch(1));
    const clock = new ManualClock(0);
    const stop = new AbortController();
    const delivered: StoredBatch[] = [];
    let failures = 0;
    const running = forward(buffer, async (b) => {
      if (failures < 2) { failures++; throw new Error('store down'); }
      delivered.push(b);
      stop.abort();
    }, { signal: stop.signal, clock, initialDelayMs: 1000, random: () => 1 });
    const asleep = async (): Promise<void> => { while (clock.waiting === 0) await new Promise((r) => setTimeout(r, 1)); };
    await asleep();
    await clock.advance(999);
    assert.equal(failures, 1);
    assert.equal(buffer.pending, 1);
    await clock.advance(1);
    await asleep();
    assert.equal(failures, 2);
    await clock.advance(2000);
    await running;
    assert.equal(delivered.length, 1);
    assert.equal(buffer.pending, 0);
    await buffer.close();
  });

  it('forwards with a window: the next batch is stored while the previous one is; acknowledged in order', async () => {
    const buffer = await ForwardBuffer.open(dir, { window: 2 });
    for (let i = 1; i <= 3; i++) await buffer.append(batch(i));
    const stop = new AbortController();
    const release = new Map<number, () => void>();
    const forwarded: number[] = [];
    const running = forward(buffer, (b) => new Promise<void>((resolve) => { release.set(b.seq, resolve); }), {
      signal: stop.signal, window: 2, onForwarded: (b) => { forwarded.push(b.seq); if (b.seq === 3) stop.abort(); },
    });
    while (!release.has(2)) await new Promise((r) => setTimeout(r, 1));
    assert.equal(release.has(3), false, 'at most two with the store');
    release.get(2)!();
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(forwarded, [], 'batch 2 waits for batch 1');
    release.get(1)!();
    while (!release.has(3)) await new Promise((r) => setTimeout(r, 1));
    release.get(3)!();
    await running;
    assert.deepEqual(forwarded, [1, 2, 3]);
    await buffer.close();
    await (await ForwardBuffer.open(dir)).close();
    assert.equal(readFileSync(path.join(dir, 'acked'), 'utf8'), '3\n');
  });

  it('marks the window of batches after the acknowledged ones as redeliveries after a restart', async () => {
    let buffer = await ForwardBuffer.open(dir, { window: 2 });
    for (let i = 1; i <= 4; i++) await buffer.append(batch(i));
    await buffer.close();
    buffer = await ForwardBuffer.open(dir, { window: 2 });
    const first = (await buffer.next())!;
    const second = (await buffer.after(first.seq))!;
    const third = (await buffer.after(second.seq))!;
    assert.deepEqual([first, second, third].map((b) => [b.seq, b.redelivery]), [[1, true], [2, true], [3, false]]);
    await buffer.ack(2);
    assert.equal(buffer.pending, 2);
    await buffer.close();
  });
});
