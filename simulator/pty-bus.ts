/**
 * The simulated bus on a pseudo-terminal, for masters that open a serial port: socat links a
 * new pty at `path` to the gateway's TCP port, so the pty carries the same bus, with the same
 * byte timing, as the TCP gateway. (A pty has no baud rate or parity of its own: the timing is
 * the gateway's.) The link appears within a bounded wait; socat is stopped on close.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, readlinkSync, unlinkSync } from 'node:fs';
import { sleep } from './bus-timing';

const LINK_WAIT_MS = 5000;
const STOP_WAIT_MS = 2000;
const POLL_MS = 25;

export class PtyBus {
  private exited: Promise<void>;

  private constructor(readonly path: string, private readonly socat: ChildProcess) {
    this.exited = new Promise((resolve) => socat.once('exit', () => resolve()));
  }

  /** Starts socat between a pty linked at `path` and 127.0.0.1:`port`; resolves when the link exists. */
  static async start(path: string, port: number, socatCommand = 'socat'): Promise<PtyBus> {
    removeStaleLink(path);
    const socat = spawn(socatCommand, ['-d', '-d', `pty,raw,echo=0,link=${path}`, `tcp:127.0.0.1:${port}`],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    socat.stderr!.setEncoding('utf8').on('data', (text: string) => { log = (log + text).slice(-2000); });
    let failure: Error | null = null;
    socat.once('error', (err) => { failure = err; });
    socat.once('exit', (code) => { failure ??= new Error(`socat exited (${String(code)}): ${log.trim().split('\n').pop() ?? ''}`); });
    const bus = new PtyBus(path, socat);
    for (const deadline = Date.now() + LINK_WAIT_MS; !existsSync(path); await sleep(POLL_MS)) {
      if (failure) throw ptyError(path, failure);
      if (Date.now() > deadline) { await bus.close(); throw new Error(`pty ${path}: socat made no link within ${LINK_WAIT_MS} ms`); }
    }
    return bus;
  }

  /** Stops socat (SIGTERM, then SIGKILL after a bounded wait); the link goes with it. */
  async close(): Promise<void> {
    if (this.socat.exitCode === null && this.socat.signalCode === null) {
      this.socat.kill('SIGTERM');
      const stopped = await Promise.race([this.exited.then(() => true), sleep(STOP_WAIT_MS).then(() => false)]);
      if (!stopped) { this.socat.kill('SIGKILL'); await this.exited; }
    }
    removeStaleLink(this.path);
  }
}

/** The error with the pty named; a missing socat says how to get it (keeps the system error's fields). */
function ptyError(path: string, err: Error): Error {
  const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
  err.message = `pty ${path}: ${missing ? 'socat is not installed (Debian: apt-get install socat)' : err.message}`;
  return err;
}

/** Removes a symbolic link to a pty left by a socat that did not stop; nothing else. */
function removeStaleLink(path: string): void {
  try {
    if (lstatSync(path).isSymbolicLink() && readlinkSync(path).startsWith('/dev/pts/')) unlinkSync(path);
  } catch {
    // no such file: nothing to remove
  }
}
