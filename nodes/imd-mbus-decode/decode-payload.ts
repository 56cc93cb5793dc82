/**
 * The work of the imd-mbus-decode node, without Node-RED: turn a message payload (one
 * telegram or a batch) into frames, decode each with the M-Bus adapter, gather readings,
 * telegrams and failures, and say what the node status and error should be. The node file
 * only maps this outcome to send / status / done.
 */
import { decodeTelegram, telegramToJson, toReadings } from '../../adapters/protocols/mbus';
import { DecodeError, describeError } from '../../lib/errors';
import { frameRef } from '../../lib/frame-ref';
import { fromHex } from '../../lib/hex';
import type { Reading } from '../../lib/reading';

/** Node-RED status shape (kept local so this file stays free of Node-RED imports). */
export interface DecodeStatus { fill: 'green' | 'yellow' | 'red'; shape: 'dot' | 'ring'; text: string }

export interface TelegramFailure {
  /** Position in the batch (0 for a single telegram). */
  index: number;
  error: Error;
  /** Short error code for the status, e.g. "checksum", "bad-hex". */
  code: string;
}

export interface DecodeOutcome {
  /** The payload was an array. */
  batch: boolean;
  /** Telegrams received. */
  received: number;
  /** `imd decode` JSON of every telegram that decoded, in input order. */
  telegrams: Record<string, unknown>[];
  readings: Reading[];
  failures: TelegramFailure[];
}

/** Status texts are cut to this length so they stay readable under the node. */
const STATUS_MAX = 19;

function frameOf(item: unknown): Uint8Array {
  if (item instanceof Uint8Array) return item; // a Buffer is a Uint8Array
  if (typeof item === 'string') return fromHex(item);
  const kind = item === null ? 'null' : typeof item;
  throw new DecodeError(`msg.payload: expected a Buffer, Uint8Array or hex string, got ${kind}`, 0, 'bad-input');
}

function failureOf(index: number, err: unknown): TelegramFailure {
  const error = err instanceof Error ? err : new Error(describeError(err));
  return { index, error, code: err instanceof DecodeError ? err.code : 'internal' };
}

/** Decodes one telegram or a batch; never throws, failures are collected per telegram. */
export function decodePayload(payload: unknown, receivedAt: Date): DecodeOutcome {
  const batch = Array.isArray(payload);
  const items: unknown[] = batch ? payload : [payload];
  const outcome: DecodeOutcome = { batch, received: items.length, telegrams: [], readings: [], failures: [] };
  items.forEach((item, index) => {
    try {
      const frame = frameOf(item);
      const telegram = decodeTelegram(frame);
      const readings = toReadings(telegram, { receivedAt, frameRef: frameRef(frame) });
      outcome.telegrams.push(telegramToJson(telegram));
      for (const reading of readings) outcome.readings.push(reading);
    } catch (err) {
      outcome.failures.push(failureOf(index, err));
    }
  });
  return outcome;
}

/** "12 rec · 3 tg" when all decoded, "9 rec · 2/3 tg" when some failed, "error: <code>" when none did. */
export function statusOf(o: DecodeOutcome): DecodeStatus {
  const decoded = o.telegrams.length;
  if (o.failures.length === 0) return { fill: 'green', shape: 'dot', text: `${o.readings.length} rec · ${decoded} tg` };
  if (decoded > 0) return { fill: 'yellow', shape: 'ring', text: `${o.readings.length} rec · ${decoded}/${o.received} tg` };
  return { fill: 'red', shape: 'ring', text: `error: ${o.failures[0]!.code}`.slice(0, STATUS_MAX) };
}

/**
 * The error to report through done(err), or null when every telegram decoded. A single
 * telegram's own error passes through; a batch gets one error naming each failed telegram.
 */
export function failureError(o: DecodeOutcome): Error | null {
  if (o.failures.length === 0) return null;
  if (!o.batch) return o.failures[0]!.error;
  const each = o.failures.map((f) => `telegram ${f.index + 1} of ${o.received}: ${f.error.message}`);
  return new Error(`${o.failures.length} of ${o.received} telegrams failed; ${each.join('; ')}`);
}
