/**
 * What every NV source (IP-852 listener, IAP/MQ subscriber) shares: the outcome of one received
 * frame, the callbacks it reports to, and the counters of what it saw.
 */
import type { DecodeError } from '../../../lib/errors';
import type { Reading } from '../../../lib/reading';

/** What became of one received frame (datagram or MQTT message). */
export type NvOutcome =
  | { kind: 'readings'; readings: Reading[] }
  | { kind: 'ignored'; reason: string }
  | { kind: 'failed'; error: DecodeError };

export interface NvSourceHandlers {
  onReadings(readings: Reading[]): void;
  onFailure(error: DecodeError): void;
}

export interface NvSourceCounters {
  /** Frames received (datagrams or MQTT messages). */
  received: number;
  readings: number;
  failed: number;
  /** Ignored frames by reason: IP-852 packet type name, LonTalk service, 'not-nv-update', … */
  ignored: Record<string, number>;
}

/** A running source: start resolves to where it listens / what it subscribed; stop frees it. */
export interface NvSource {
  readonly counters: NvSourceCounters;
  start(): Promise<string>;
  stop(): Promise<void>;
}

/** Counts one outcome and hands readings or the failure to the handlers. */
export function reportOutcome(outcome: NvOutcome, counters: NvSourceCounters, handlers: NvSourceHandlers): void {
  counters.received++;
  if (outcome.kind === 'readings') {
    counters.readings += outcome.readings.length;
    handlers.onReadings(outcome.readings);
  } else if (outcome.kind === 'failed') {
    counters.failed++;
    handlers.onFailure(outcome.error);
  } else {
    counters.ignored[outcome.reason] = (counters.ignored[outcome.reason] ?? 0) + 1;
  }
}

export const emptyCounters = (): NvSourceCounters => ({ received: 0, readings: 0, failed: 0, ignored: {} });
