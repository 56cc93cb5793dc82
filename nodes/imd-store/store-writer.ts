/**
 * The work of the imd-store node, without Node-RED: resolve the database file from the node's
 * data folder (else IMD_DATA, else ./data), open it on first use (so the native SQLite driver
 * loads only when a flow writes), check the message, append readings and raw frames in one
 * transaction, and say what the status should be.
 */
import { ConfigError } from '../../lib/errors';
import { fromHex } from '../../lib/hex';
import type { Reading } from '../../lib/reading';
import { databasePath, SystemOfRecord, type AppendResult, type ArchivedFrame } from '../../lib/store';

export interface StoreWriterConfig {
  /** Data folder; the database is <data>/imd.sqlite. */
  data?: string;
}

export interface StoreStatus { fill: 'green' | 'yellow' | 'red' | 'grey'; shape: 'dot' | 'ring'; text: string }

function framesOf(frames: unknown): ArchivedFrame[] {
  if (frames === undefined) return [];
  const list = Array.isArray(frames) ? frames : [frames];
  return list.map((f, i) => {
    if (f instanceof Uint8Array) return { bytes: f };
    if (typeof f === 'string') return { bytes: fromHex(f) };
    throw new ConfigError(`msg.frames[${i}] is not a Buffer, Uint8Array or hex text`);
  });
}

export class StoreWriter {
  readonly file: string;
  private store: SystemOfRecord | undefined;
  private total = 0;
  private duplicates = 0;

  constructor(config: StoreWriterConfig, env: NodeJS.ProcessEnv = process.env) {
    this.file = databasePath(config.data?.trim() || undefined, env);
  }

  /** Stores msg.payload (Reading[] or one Reading) and msg.frames; returns after commit. */
  write(payload: unknown, frames?: unknown): AppendResult {
    const readings = (Array.isArray(payload) ? payload : [payload]) as Reading[];
    if (payload === null || typeof payload !== 'object') throw new ConfigError('msg.payload must be an array of readings (Reading[])');
    this.store ??= SystemOfRecord.open(this.file);
    const result = this.store.appendReadings(readings, framesOf(frames));
    this.total += result.inserted;
    this.duplicates += result.duplicates;
    return result;
  }

  /** "1 234 rows · +100" (green), with duplicates counted when there were any. */
  status(last: AppendResult): StoreStatus {
    const dup = this.duplicates > 0 ? ` · ${this.duplicates} dup` : '';
    return { fill: 'green', shape: 'dot', text: `${this.total} rows (+${last.inserted})${dup}` };
  }

  close(): void {
    this.store?.close();
    this.store = undefined;
  }
}
