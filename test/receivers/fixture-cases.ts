/**
 * The receivers' golden fixtures, read from the source tree: each plugin's
 * `fixtures/cases.json` holds dongle byte streams (as `text` for line-based dongles, `hex` for
 * binary ones) written from the documented framings, beside the telegrams (hex, RSSI in dBm),
 * responses and skipped byte count the framer must find. Used by the framer tests and the
 * pty tests.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fromHex } from '../../lib/hex';
import { repoRoot } from '../support/repo-root';

export interface ReceiverCase {
  about: string;
  text?: string;
  hex?: string;
  expect: { telegram: string; rssi?: number }[];
  responses: string[];
  skippedBytes: number;
}

export function receiverCases(id: string): ReceiverCase[] {
  const file = path.join(repoRoot(__dirname), 'adapters', 'receivers', id, 'fixtures', 'cases.json');
  return JSON.parse(readFileSync(file, 'utf8')) as ReceiverCase[];
}

/** The byte stream of a case. */
export function caseStream(c: ReceiverCase): Uint8Array {
  return c.text !== undefined ? Buffer.from(c.text, 'latin1') : fromHex(c.hex ?? '');
}
