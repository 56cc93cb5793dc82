/**
 * Servers a test starts as child processes (sshd, the SMTP server): wait until 127.0.0.1:<port>
 * accepts a TCP connection, polling every 50 ms within a bound and failing early when the
 * process exits; stop it with SIGTERM (SIGKILL after 5 s), wait for it to exit and remove its folder.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { exited } from './child-exit';

const accepts = (port: number): Promise<boolean> => new Promise((resolve) => {
  const socket = connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); }).on('error', () => resolve(false));
});

export async function waitForPort(port: number, what: string, child?: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await accepts(port))) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${what} did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const STOP_WAIT_MS = 5000;

export async function stopServer(child: ChildProcess, dir: string): Promise<void> {
  child.kill('SIGTERM');
  if (!(await exited(child, STOP_WAIT_MS))) {
    child.kill('SIGKILL');
    await exited(child, STOP_WAIT_MS);
  }
  rmSync(dir, { recursive: true, force: true });
}
