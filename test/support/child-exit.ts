/**
 * Bounded wait for a child process to end: the suites that start servers (Node-RED, influxd)
 * stop them with a signal and kill them when they have not exited in time.
 */
import type { ChildProcess } from 'node:child_process';

/** Resolves true once the child has exited, false if it still runs after `ms`. */
export function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => { clearTimeout(timer); resolve(true); });
  });
}
