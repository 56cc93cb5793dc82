/**
 * The seam between the scheduler and a field bus: open the bus behind a gateway (or a
 * collection unit), read one meter at a time, close. A protocol adapter implements it (see
 * adapters/protocols/mbus/master/tcp-bus-reader.ts); tests use a scripted one. Failures are classified, because "the gateway
 * does not answer" and "this meter does not answer" are different faults for the user.
 */
import type { Reading } from '../reading';

export type ReadFailureKind =
  /** The gateway itself cannot be reached (connection refused, timeout, dropped for good). */
  | 'unreachable'
  /** The meter did not answer at all. */
  | 'silent'
  /** The meter answered, but not usably (garbled, collision, wrong frame). */
  | 'failed';

export class ReadFailure extends Error {
  override readonly name = 'ReadFailure';
  constructor(readonly kind: ReadFailureKind, message: string) {
    super(message);
  }
}

/** One bus, opened for one poll. Calls never overlap: one transaction at a time per bus. */
export interface BusReader<M> {
  /** Connects; throws ReadFailure('unreachable') when the gateway cannot be reached. */
  open(signal: AbortSignal): Promise<void>;
  /** Every reading of one meter; throws ReadFailure. */
  read(meter: M, signal: AbortSignal): Promise<Reading[]>;
  close(): Promise<void>;
}

/** A gateway or collection unit and its meters (M: the protocol's meter address). */
export interface GatewayPlan<M> {
  /** Stable id: names the gateway in status and events and seeds its jitter. */
  id: string;
  meters: readonly M[];
}

/** Anything thrown, as a ReadFailure (unknown errors count as 'failed'). */
export function asReadFailure(err: unknown): ReadFailure {
  if (err instanceof ReadFailure) return err;
  return new ReadFailure('failed', err instanceof Error ? err.message : String(err));
}
