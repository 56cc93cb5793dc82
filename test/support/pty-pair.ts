/**
 * A socat pseudo-terminal pair for serial tests (M-Bus master, Modbus RTU, wireless receivers):
 * bytes written to one end come out of the other, as between a level converter or USB dongle
 * and the hub (the ends are symmetric). The links appear within a bounded wait; close() stops
 * socat (SIGKILL after 2 s). `socatMissing()` says why where socat is absent (for requirePeer).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exited } from './child-exit';

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
  const close = async (): Promise<void> => {
    socat.kill('SIGTERM');
    if (!(await exited(socat, STOP_WAIT_MS))) socat.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  for (const deadline = Date.now() + LINK_WAIT_MS; !(existsSync(a) && existsSync(b)); await sleep(20)) {
    if (Date.now() > deadline || socat.exitCode !== null) { await close(); throw new Error(`socat made no pty pair within ${LINK_WAIT_MS} ms`); }
  }
  return { a, b, close };
}
