/**
 * A socat pty pair for serial tests: two linked pseudo-terminals in a temporary folder, ready
 * when both links exist (polled, never a fixed sleep). Tests skip with a message when socat
 * is not installed (CI installs it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const SOCAT_MISSING_MESSAGE = 'socat is not installed (apt-get install socat)';

export function hasSocat(): boolean {
  return spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
}

export interface PtyPair {
  /** The master's end. */
  a: string;
  /** The bus's end. */
  b: string;
  close(): void;
}

export async function openPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'imd-pty-'));
  const a = path.join(dir, 'ttyA');
  const b = path.join(dir, 'ttyB');
  const child: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
  const deadline = Date.now() + 5000;
  while (!(existsSync(a) && existsSync(b))) {
    if (Date.now() > deadline || child.exitCode !== null) { child.kill(); throw new Error('socat did not create the pty pair within 5 s'); }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { a, b, close: () => { child.kill(); rmSync(dir, { recursive: true, force: true }); } };
}
