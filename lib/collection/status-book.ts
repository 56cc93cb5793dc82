/**
 * What the central system knows about its gateways and meters (SABO: monitor the collection
 * units and the devices below them): per meter the last contact, consecutive failures, the
 * last error and the "without contact" state (no reading for longer than the threshold,
 * 7 days by the DOMAIN contract); per gateway whether it answers. A gateway that does not
 * answer is one fault: its meters keep their last state and are not counted as failing.
 */
import type { ReadFailure } from './bus-reader';

export const DEFAULT_WITHOUT_CONTACT_MS = 7 * 24 * 3_600_000;

export interface MeterStatus {
  meter: string;
  /** Last successful readout (ISO 8601 UTC); absent when never read. */
  lastContactAt?: string;
  consecutiveFailures: number;
  lastError?: string;
  /** No reading for at least the threshold (counted from the first attempt when never read). */
  withoutContact: boolean;
  /** Time since the last reading (or since the first attempt), ms. */
  sinceLastReadingMs: number;
}

export type GatewayState = 'never-polled' | 'answering' | 'not-answering';

export interface GatewayStatus {
  gateway: string;
  state: GatewayState;
  lastPollAt?: string;
  nextPollAt?: string;
  /** Running or waiting for a concurrency slot. */
  polling: boolean;
  /** Polls in a row in which the gateway did not answer. */
  consecutiveSilentPolls: number;
  lastError?: string;
  meters: MeterStatus[];
}

export interface StatusSnapshot {
  at: string;
  gateways: GatewayStatus[];
  notAnswering: number;
  withoutContact: number;
}

interface MeterRecord {
  firstAttemptAt: number;
  lastContactAt?: number;
  consecutiveFailures: number;
  lastError?: string;
  reportedWithoutContact: boolean;
}

interface GatewayRecord {
  state: GatewayState;
  lastPollAt?: number;
  nextPollAt?: number;
  polling: boolean;
  consecutiveSilentPolls: number;
  lastError?: string;
  meters: Map<string, MeterRecord>;
}

export class StatusBook {
  private readonly gateways = new Map<string, GatewayRecord>();

  constructor(private readonly withoutContactMs = DEFAULT_WITHOUT_CONTACT_MS) {}

  gateway(id: string): GatewayRecord {
    let g = this.gateways.get(id);
    if (!g) {
      g = { state: 'never-polled', polling: false, consecutiveSilentPolls: 0, meters: new Map() };
      this.gateways.set(id, g);
    }
    return g;
  }

  private meter(gateway: string, meter: string, at: number): MeterRecord {
    const meters = this.gateway(gateway).meters;
    let m = meters.get(meter);
    if (!m) {
      m = { firstAttemptAt: at, consecutiveFailures: 0, reportedWithoutContact: false };
      meters.set(meter, m);
    }
    return m;
  }

  /** A successful readout; true when the meter was reported without contact before. */
  contact(gateway: string, meter: string, at: number): boolean {
    const m = this.meter(gateway, meter, at);
    const restored = m.reportedWithoutContact;
    Object.assign(m, { lastContactAt: at, consecutiveFailures: 0, lastError: undefined, reportedWithoutContact: false });
    return restored;
  }

  /** A failed readout of a meter on an answering gateway. */
  failure(gateway: string, meter: string, at: number, failure: ReadFailure): void {
    const m = this.meter(gateway, meter, at);
    m.consecutiveFailures++;
    m.lastError = failure.message;
  }

  /** Meters seen for the first time get their clock started (so "never read" ages too). */
  known(gateway: string, meters: readonly string[], at: number): void {
    for (const meter of meters) this.meter(gateway, meter, at);
  }

  /** The end of a poll; returns true when the gateway's answering state changed. */
  polled(gateway: string, at: number, answering: boolean, error?: string): boolean {
    const g = this.gateway(gateway);
    const before = g.state;
    g.lastPollAt = at;
    g.state = answering ? 'answering' : 'not-answering';
    g.consecutiveSilentPolls = answering ? 0 : g.consecutiveSilentPolls + 1;
    g.lastError = answering ? undefined : error;
    return before !== g.state && (before !== 'never-polled' || !answering);
  }

  /** Meters of `gateway` that crossed the without-contact threshold since last asked. */
  newlyWithoutContact(gateway: string, now: number): Array<{ meter: string; sinceMs: number }> {
    const out: Array<{ meter: string; sinceMs: number }> = [];
    for (const [meter, m] of this.gateway(gateway).meters) {
      const since = now - (m.lastContactAt ?? m.firstAttemptAt);
      if (since >= this.withoutContactMs && !m.reportedWithoutContact) {
        m.reportedWithoutContact = true;
        out.push({ meter, sinceMs: since });
      }
    }
    return out;
  }

  snapshot(now: number): StatusSnapshot {
    const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());
    const gateways: GatewayStatus[] = [...this.gateways].map(([id, g]) => ({
      gateway: id, state: g.state, lastPollAt: iso(g.lastPollAt), nextPollAt: iso(g.nextPollAt), polling: g.polling,
      consecutiveSilentPolls: g.consecutiveSilentPolls, lastError: g.lastError,
      meters: [...g.meters].map(([meter, m]) => {
        const since = now - (m.lastContactAt ?? m.firstAttemptAt);
        return {
          meter, lastContactAt: iso(m.lastContactAt), consecutiveFailures: m.consecutiveFailures, lastError: m.lastError,
          withoutContact: since >= this.withoutContactMs, sinceLastReadingMs: since,
        };
      }),
    }));
    return {
      at: new Date(now).toISOString(), gateways,
      notAnswering: gateways.filter((g) => g.state === 'not-answering').length,
      withoutContact: gateways.reduce((n, g) => n + g.meters.filter((m) => m.withoutContact).length, 0),
    };
  }
}
