/**
 * A socat pseudo-terminal pair for receiver tests: bytes written to one end come out of the
 * other, as between a USB dongle and the hub. Links appear within a bounded wait; close()
 * stops socat. `socatMissing()` says why, where socat is absent (test/support/peer-required.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const LINK_WAIT_MS = 5000;
const STOP_WAIT_MS = 2000;

export interface PtyPair { a: string; b: string; close(): Promise<void> }

/** Why the pty suites cannot run, or undefined when socat runs. */
export function socatMissing(): string | undefined {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return probe.error ? 'socat is not installed (apt-get install socat)' : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function ptyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(path.join(tmpdir(), 'imd-pty-'));
  const a = path.join(dir, 'dongle');
  const b = path.join(dir, 'hub');
  const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => socat.once('exit', () => resolve()));
  const close = async (): Promise<void> => {
    if (socat.exitCode === null && socat.signalCode === null) {
      socat.kill('SIGTERM');
      if (!(await Promise.race([exited.then(() => true), sleep(STOP_WAIT_MS).then(() => false)]))) socat.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (const deadline = Date.now() + LINK_WAIT_MS; !(existsSync(a) && existsSync(b)); await sleep(20)) {
    if (Date.now() > deadline || socat.exitCode !== null) { await close(); throw new Error(`socat made no pty pair within ${LINK_WAIT_MS} ms`); }
  }
  return { a, b, close };
}
