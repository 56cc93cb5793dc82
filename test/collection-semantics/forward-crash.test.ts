/**
 * Store-and-forward survives kill -9: a child process appends batches and is killed mid-append,
 * another forwards and is killed mid-forward, a third drains the buffer. Checked: every batch
 * reported durable reaches the store, a batch whose acknowledgement was reported is never
 * delivered again, a batch delivered twice is the same id and marked as a redelivery, and no
 * damaged record is read back (the store checks each batch's content).
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const CHILD = path.join(__dirname, 'support', 'forward-child.js');

interface Run { child: ChildProcess; lines: string[]; exited: Promise<number | null> }

function start(args: string[]): Run {
  const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop()!;
    lines.push(...parts);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

/** Waits (at most `ms`) until `count` lines start with `prefix`, then kills the child with SIGKILL. */
async function killAfter(run: Run, prefix: string, count: number, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (run.lines.filter((l) => l.startsWith(prefix)).length < count) {
    if (Date.now() > until) throw new Error(`no ${count} "${prefix}" lines within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  run.child.kill('SIGKILL');
  await run.exited;
}

const ids = (run: Run, prefix: string): string[] => run.lines.filter((l) => l.startsWith(`${prefix} `)).map((l) => l.slice(prefix.length + 1));

describe('store-and-forward across kill -9', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'imd-crash-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loses nothing acknowledged, reads back no half record, and marks duplicates', async () => {
    const buffer = path.join(dir, 'buffer');
    const storeFile = path.join(dir, 'store.txt');
    const appender = start(['append', buffer, '1000000']);
    await killAfter(appender, 'durable', 200);
    const durable = ids(appender, 'durable');

    const first = start(['forward', buffer, storeFile]);
    await killAfter(first, 'acked', 50);
    const ackedBeforeCrash = ids(first, 'acked');

    const second = start(['forward', buffer, storeFile]);
    assert.equal(await Promise.race([second.exited, new Promise((r) => setTimeout(() => r('timeout'), 20_000))]), 0);
    assert.ok(second.lines.includes('drained'));

    const deliveries = readFileSync(storeFile, 'utf8').trim().split('\n').map((l) => l.split(' ') as [string, string]);
    const delivered = new Set(deliveries.map(([id]) => id));
    for (const id of durable) assert.ok(delivered.has(id), `durable batch ${id} never reached the store`);
    const seen = new Map<string, number>();
    for (const [id, redelivery] of deliveries) {
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      if (n > 1) {
        assert.equal(redelivery, 'true', `batch ${id} delivered again without the redelivery mark`);
        assert.ok(!ackedBeforeCrash.includes(id), `batch ${id} was acknowledged, yet delivered again`);
      }
    }
    assert.ok([...seen.values()].every((n) => n <= 2));
  });
});
