/**
 * The forward buffer's files in its folder: segments `segment-<first batch seq, 16 digits>.log`,
 * the acknowledged-up-to marker `acked` (written to a temporary file, fsynced, renamed, folder
 * fsynced: it is either the old or the new number, never half) and `buffer-id`, the random id
 * that makes batch ids unique across collectors.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const SEGMENT = /^segment-(\d{16})\.log$/;

export function segmentPath(dir: string, firstSeq: number): string {
  return path.join(dir, `segment-${String(firstSeq).padStart(16, '0')}.log`);
}

/** First seqs of the segments in `dir`, ascending. */
export async function listSegments(dir: string): Promise<number[]> {
  const names = await fs.readdir(dir);
  return names.flatMap((n) => { const m = SEGMENT.exec(n); return m ? [Number(m[1])] : []; }).sort((a, b) => a - b);
}

/** fsync of the folder, so a created, renamed or deleted entry survives a power loss. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try { await handle.sync(); } finally { await handle.close(); }
}

/** Writes `text` to `file` atomically and durably. */
export async function writeDurably(dir: string, file: string, text: string): Promise<void> {
  const target = path.join(dir, file);
  const temp = `${target}.tmp`;
  const handle = await fs.open(temp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temp, target);
  await syncDir(dir);
}

export async function readAcked(dir: string): Promise<number> {
  try {
    const n = Number((await fs.readFile(path.join(dir, 'acked'), 'utf8')).trim());
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${dir}/acked: not a batch number`);
    return n;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
}

export async function bufferId(dir: string): Promise<string> {
  try {
    return (await fs.readFile(path.join(dir, 'buffer-id'), 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const id = randomUUID();
    await writeDurably(dir, 'buffer-id', `${id}\n`);
    return id;
  }
}
