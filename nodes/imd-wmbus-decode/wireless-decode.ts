/**
 * Wireless M-Bus decoding for the imd-wmbus-decode and imd-wmbus-in nodes, without Node-RED:
 * one WirelessReception (duplicate suppression, keys, compact-format cache) per node, each
 * telegram's outcome sorted into readings, duplicates and failures, the failure's meter and
 * kind (so a node can report each distinct one once), counters and the status text.
 */
import { telegramToJson } from '../../adapters/protocols/mbus';
import { KeyStore, WirelessDecodeError, WirelessReception } from '../../adapters/protocols/wmbus';
import { ConfigError, DecodeError, describeError } from '../../lib/errors';
import { fromHex } from '../../lib/hex';
import type { Reading } from '../../lib/reading';

/** Node-RED status shape (kept local so this file stays free of Node-RED imports). */
export interface NodeStatus { fill: 'green' | 'yellow' | 'red' | 'grey'; shape: 'dot' | 'ring'; text: string }

/** What a keys config node offers (imd-wmbus-keys). */
export interface KeysSource { keyStore?: KeyStore; keyError?: string }

export type Outcome =
  | { kind: 'decoded'; readings: Reading[]; telegram: Record<string, unknown> }
  | { kind: 'duplicate' }
  | { kind: 'failed'; error: Error; code: string; meter: string };

export interface Counters { telegrams: number; readings: number; duplicates: number; failed: number }

/** The key store of a keys config node; a node whose keys failed to parse stops the user node too. */
export function keysOf(source: KeysSource | null | undefined): KeyStore | undefined {
  if (source?.keyError) throw new ConfigError(`keys: ${source.keyError}`);
  return source?.keyStore;
}

/** A telegram as given in msg.payload: Buffer, Uint8Array or hex text. */
export function telegramOf(item: unknown): Uint8Array {
  if (item instanceof Uint8Array) return item;
  if (typeof item === 'string') return fromHex(item);
  throw new DecodeError(`expected a Buffer, Uint8Array or hex string, got ${item === null ? 'null' : typeof item}`, 0, 'bad-input');
}

export class WirelessDecoder {
  readonly counters: Counters = { telegrams: 0, readings: 0, duplicates: 0, failed: 0 };
  private readonly reception: WirelessReception;

  constructor(keys: KeyStore | undefined, dedupWindowMs: number) {
    this.reception = new WirelessReception({ ...(keys ? { keys } : {}), dedupWindowMs });
  }

  decode(item: unknown, info: { receivedAt: Date; via?: string; rssi?: number }): Outcome {
    this.counters.telegrams++;
    try {
      const result = this.reception.receive(telegramOf(item), info);
      if (result.duplicate) { this.counters.duplicates++; return { kind: 'duplicate' }; }
      this.counters.readings += result.readings.length;
      return { kind: 'decoded', readings: result.readings, telegram: telegramToJson(result.telegram) };
    } catch (err) {
      this.counters.failed++;
      const error = err instanceof Error ? err : new Error(describeError(err));
      const meter = err instanceof WirelessDecodeError ? `${err.header.manufacturer} ${err.header.id}` : '';
      return { kind: 'failed', error, code: err instanceof DecodeError ? err.code : 'internal', meter };
    }
  }

  /** "12 rec · 3 tg · 1 dup · 1 err". */
  status(): NodeStatus {
    const c = this.counters;
    const parts = [`${c.readings} rec`, `${c.telegrams} tg`, ...(c.duplicates ? [`${c.duplicates} dup`] : []), ...(c.failed ? [`${c.failed} err`] : [])];
    return { fill: c.failed > 0 ? 'yellow' : 'green', shape: 'dot', text: parts.join(' · ') };
  }
}

export interface BatchOutcome { batch: boolean; readings: Reading[]; telegrams: Record<string, unknown>[]; failures: string[] }

/** Decodes msg.payload: one telegram or an array of them; failures are described per telegram. */
export function decodeBatch(decoder: WirelessDecoder, payload: unknown, info: { receivedAt: Date; via?: string; rssi?: number }): BatchOutcome {
  const batch = Array.isArray(payload);
  const items: unknown[] = batch ? payload : [payload];
  const out: BatchOutcome = { batch, readings: [], telegrams: [], failures: [] };
  items.forEach((item, i) => {
    const o = decoder.decode(item, info);
    if (o.kind === 'decoded') { out.readings.push(...o.readings); out.telegrams.push(o.telegram); }
    if (o.kind === 'failed') out.failures.push(batch ? `telegram ${i + 1} of ${items.length}: ${o.error.message}` : o.error.message);
  });
  return out;
}
