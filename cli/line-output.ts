/**
 * Line output with backpressure, written in blocks: lines are collected and handed to the stream
 * once ~64 KiB have gathered or as soon as the producer pauses (waiting for input), so a large
 * file costs one write per block rather than one per line, and an interactive pipe still sees
 * each line at once. While the stream's buffer is full the producer waits for 'drain', so
 * output never piles up in memory.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

const BLOCK_SIZE = 64 * 1024;

export class LineOutput {
  private pending = '';
  private flushScheduled = false;
  private drained: Promise<void> | undefined;

  constructor(private readonly output: Writable) {}

  /** Queues one line; resolves when the caller may produce the next. */
  async writeLine(text: string): Promise<void> {
    this.pending += `${text}\n`;
    if (this.pending.length >= BLOCK_SIZE) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    await this.drained;
  }

  /** Hands everything queued to the stream and waits until the stream can take more. */
  async end(): Promise<void> {
    this.flush();
    await this.drained;
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pending === '') return;
    const accepted = this.output.write(this.pending);
    this.pending = '';
    if (!accepted && !this.drained) {
      this.drained = once(this.output, 'drain').then(() => { this.drained = undefined; });
      this.drained.catch(() => undefined); // a stream error reaches whoever awaits; never unhandled
    }
  }
}
