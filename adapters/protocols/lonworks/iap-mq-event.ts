/**
 * SmartServer IoT IAP/MQ datapoint events (topic `glp/0/<sid>/ev/data…`): a JSON object naming
 * the datapoint and carrying its value already scaled to the SNVT's unit. Accepted shape (see
 * README; written from the IAP documentation, not recorded from a SmartServer):
 *   {"message": "<device>/if/<block>/<index>/<datapoint>", "data": 21.5, "headers": {"ts": "…"}}
 * with "datapoint" accepted for "message", "value" for "data", and "ts" at the top level.
 */
import { DecodeError } from '../../../lib/errors';
import type { NvMap } from './nv-map';
import { datapointReading } from './nv-readings';
import type { NvOutcome } from './nv-source';

/** The topic filter for every datapoint update of every SmartServer on the broker. */
export const IAP_DATA_TOPIC = 'glp/0/+/ev/data/#';

interface IapDataEvent {
  message?: unknown;
  datapoint?: unknown;
  data?: unknown;
  value?: unknown;
  ts?: unknown;
  headers?: { ts?: unknown };
}

function timestampOf(ts: unknown): Date | undefined {
  if (typeof ts !== 'string' && typeof ts !== 'number') return undefined;
  const date = new Date(ts);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function eventOf(payload: Uint8Array): IapDataEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch (err) {
    throw new DecodeError(`IAP/MQ: payload is not JSON (${(err as Error).message})`, 0, 'bad-json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DecodeError('IAP/MQ: payload is not a JSON object', 0, 'bad-json');
  }
  return parsed as IapDataEvent;
}

/** Decodes one IAP/MQ message; never throws for bad input. */
export function decodeIapDataEvent(map: NvMap, topic: string, payload: Uint8Array, receivedAt: Date): NvOutcome {
  try {
    const event = eventOf(payload);
    const path = event.message ?? event.datapoint;
    if (typeof path !== 'string') return { kind: 'ignored', reason: 'no-datapoint' };
    const timestamp = timestampOf(event.headers?.ts ?? event.ts);
    const ctx = { receivedAt, frame: payload, via: topic, ...(timestamp ? { timestamp } : {}) };
    return { kind: 'readings', readings: [datapointReading(map, path, event.data ?? event.value, ctx)] };
  } catch (err) {
    if (err instanceof DecodeError) return { kind: 'failed', error: err };
    throw err;
  }
}
