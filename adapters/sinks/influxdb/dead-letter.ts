/**
 * The dead-letter file: points InfluxDB refused (4xx other than configuration errors) and
 * readings that cannot become a point, appended as NDJSON to `<dir>/dead-letter.ndjson` with
 * the reason, so nothing is dropped silently. One record:
 * `{"at":"<ISO>","reason":"<InfluxDB's error text, which names the failing line>","status":400,
 * "lines":["<line protocol>", …]}` (or `"readings":[…]` for readings that never became lines).
 * Writes are idempotent, so replaying the lines after a fix is safe.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Reading } from '../../../lib/reading';

export interface DeadLetterRecord {
  reason: string;
  status?: number;
  lines?: string[];
  readings?: Reading[];
}

export class DeadLetterFile {
  readonly file: string;
  private chain: Promise<void> = Promise.resolve();

  constructor(dir: string) {
    this.file = path.join(dir, 'dead-letter.ndjson');
  }

  /** Appends one record durably (in order with earlier ones). */
  append(record: DeadLetterRecord): Promise<void> {
    const text = `${JSON.stringify({ at: new Date().toISOString(), ...record })}\n`;
    const run = this.chain.then(async () => {
      const handle = await fs.open(this.file, 'a');
      try {
        await handle.write(text);
        await handle.datasync();
      } finally {
        await handle.close();
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
