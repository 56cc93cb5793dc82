/**
 * Line-oriented text input (telegram logs, NDJSON): read line by line with readline, so a
 * gigabyte file flows through in bounded memory. Blank lines and '#' comment lines are skipped.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** The lines of `input` that carry content, exactly as written (CR LF or LF endings removed). */
export async function* contentLines(input: Readable): AsyncGenerator<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.trim();
    if (text !== '' && !text.startsWith('#')) yield line;
  }
}
