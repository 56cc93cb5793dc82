/**
 * The polling scheduler of the central system: every gateway (or collection unit) polled 1–24
 * times a day on its schedule, shifted by its own jitter; all buses in parallel under one
 * global concurrency limit, one transaction at a time per bus (a gateway is one bus, its
 * meters are read one after the other). Each poll ends in one batch of readings to the sink,
 * stamped by the meters' clocks (meter-time.ts), and in the status book: per-meter contact and
 * failures, and per gateway "answering" / "not answering" — a gateway that cannot be reached,
 * or whose first meters are all silent, is one fault, not N dead meters.
 */
import { setMaxListeners } from 'node:events';
import type { Reading } from '../reading';
import { asReadFailure, type BusReader, type GatewayPlan, type ReadFailure } from './bus-reader';
import { systemClock, type Clock } from './clock';
import { ConcurrencyLimit } from './concurrency';
import { stampMeterTime, type MeterTimeOptions } from './meter-time';
import { dailySlots, DEFAULT_SPREAD_MS, jitterMs, nextPollAt, type DailySlots, type PollSchedule } from './poll-schedule';
import { DEFAULT_WITHOUT_CONTACT_MS, StatusBook, type StatusSnapshot } from './status-book';

const DAY_MS = 86_400_000;

export interface ScheduledGateway<M> extends GatewayPlan<M> {
  schedule: PollSchedule;
}

export interface PollReport {
  gateway: string;
  startedAt: string;
  finishedAt: string;
  readings: number;
  metersRead: number;
  metersFailed: number;
  /** Meters not tried because the gateway did not answer. */
  metersSkipped: number;
  answering: boolean;
  error?: string;
}

export type CollectionEvent =
  | { type: 'gateway-not-answering'; gateway: string; at: string; error: string }
  | { type: 'gateway-answering-again'; gateway: string; at: string }
  | { type: 'meter-without-contact'; gateway: string; meter: string; at: string; sinceMs: number }
  | { type: 'meter-contact-restored'; gateway: string; meter: string; at: string }
  | { type: 'slot-skipped'; gateway: string; at: string }
  | { type: 'sink-failed'; gateway: string; at: string; error: string }
  | { type: 'poll-finished'; report: PollReport };

export interface SchedulerOptions<M> {
  gateways: readonly ScheduledGateway<M>[];
  /** A fresh bus reader for one poll of `gateway`. */
  openBus(gateway: ScheduledGateway<M>): BusReader<M>;
  /** The meter's name in status and events, e.g. its secondary address. */
  meterLabel(meter: M): string;
  /** Receives each poll's readings; a rejection is reported ('sink-failed'), the poll still counts. */
  sink(batch: Reading[], report: PollReport): Promise<void>;
  /** Buses polled at once (default 16). */
  concurrency?: number;
  clock?: Clock;
  /** Jitter window (default 15 min). */
  spreadMs?: number;
  /** "Without contact" after this long without a reading (default 7 days). */
  withoutContactMs?: number;
  /** This many silent meters at the start of a poll, none answering, mean the gateway does not answer (default 3). */
  silentLimit?: number;
  meterTime?: MeterTimeOptions;
  onEvent?(event: CollectionEvent): void;
}

export class PollScheduler<M> {
  private readonly clock: Clock;
  private readonly limit: ConcurrencyLimit;
  private readonly book: StatusBook;
  private readonly slots = new Map<string, DailySlots>();

  constructor(private readonly options: SchedulerOptions<M>) {
    this.clock = options.clock ?? systemClock;
    this.limit = new ConcurrencyLimit(options.concurrency ?? 16);
    this.book = new StatusBook(options.withoutContactMs ?? DEFAULT_WITHOUT_CONTACT_MS);
    for (const g of options.gateways) {
      if (this.slots.has(g.id)) throw new RangeError(`gateway id "${g.id}" appears twice`);
      this.slots.set(g.id, dailySlots(g.schedule));
    }
  }

  status(): StatusSnapshot {
    return this.book.snapshot(this.clock.now());
  }

  /** Runs the schedule until `signal` aborts; then waits for the polls in progress to stop. */
  async run(signal: AbortSignal): Promise<void> {
    setMaxListeners(0, signal); // one listener per poll in progress, thousands of gateways
    const running = new Set<Promise<unknown>>();
    const spread = this.options.spreadMs ?? DEFAULT_SPREAD_MS;
    for (const g of this.options.gateways) {
      this.book.gateway(g.id).nextPollAt = nextPollAt(this.slots.get(g.id)!, this.clock.now(), jitterMs(g.id, spread));
    }
    while (!signal.aborted) {
      const now = this.clock.now();
      for (const g of this.options.gateways) {
        const record = this.book.gateway(g.id);
        if (record.nextPollAt! > now) continue;
        record.nextPollAt = nextPollAt(this.slots.get(g.id)!, now, jitterMs(g.id, spread));
        const poll = this.poll(g, signal);
        running.add(poll);
        void poll.finally(() => running.delete(poll));
      }
      const wake = Math.min(...this.options.gateways.map((g) => this.book.gateway(g.id).nextPollAt!));
      await this.clock.sleep(Number.isFinite(wake) ? wake - now : DAY_MS, signal); // no gateways: idle
    }
    await Promise.allSettled([...running]);
  }

  /** Polls every gateway once now (triggered mode, benchmarks); resolves with the reports. */
  async pollAll(signal: AbortSignal = new AbortController().signal): Promise<PollReport[]> {
    setMaxListeners(0, signal);
    const reports = await Promise.all(this.options.gateways.map((g) => this.poll(g, signal)));
    return reports.filter((r): r is PollReport => r !== undefined);
  }

  /** One poll under the concurrency limit; undefined when the gateway was still being polled. */
  private async poll(gateway: ScheduledGateway<M>, signal: AbortSignal): Promise<PollReport | undefined> {
    const record = this.book.gateway(gateway.id);
    if (record.polling) {
      this.emit({ type: 'slot-skipped', gateway: gateway.id, at: this.iso() });
      return undefined;
    }
    record.polling = true;
    try {
      return await this.limit.run(() => this.pollNow(gateway, signal));
    } finally {
      record.polling = false;
    }
  }

  private async pollNow(gateway: ScheduledGateway<M>, signal: AbortSignal): Promise<PollReport> {
    const startedAt = this.iso();
    const labels = gateway.meters.map((m) => this.options.meterLabel(m));
    this.book.known(gateway.id, labels, this.clock.now());
    const bus = this.options.openBus(gateway);
    const batch: Reading[] = [];
    const outcome = await this.readAll(gateway, labels, bus, batch, signal).finally(() => bus.close().catch(() => undefined));
    const at = this.clock.now();
    const report: PollReport = { gateway: gateway.id, startedAt, finishedAt: new Date(at).toISOString(), readings: batch.length, ...outcome };
    if (!signal.aborted && this.book.polled(gateway.id, at, outcome.answering, outcome.error)) {
      this.emit(outcome.answering
        ? { type: 'gateway-answering-again', gateway: gateway.id, at: report.finishedAt }
        : { type: 'gateway-not-answering', gateway: gateway.id, at: report.finishedAt, error: outcome.error ?? 'no answer' });
    }
    // Behind a gateway that does not answer, its meters are not reported one by one.
    for (const m of outcome.answering ? this.book.newlyWithoutContact(gateway.id, at) : []) {
      this.emit({ type: 'meter-without-contact', gateway: gateway.id, meter: m.meter, at: report.finishedAt, sinceMs: m.sinceMs });
    }
    if (batch.length > 0) {
      await this.options.sink(batch, report).catch((err: unknown) =>
        this.emit({ type: 'sink-failed', gateway: gateway.id, at: this.iso(), error: asReadFailure(err).message }));
    }
    this.emit({ type: 'poll-finished', report });
    return report;
  }

  /** Reads the meters one by one into `batch`, books contacts and failures, decides whether the gateway answers. */
  private async readAll(gateway: ScheduledGateway<M>, labels: string[], bus: BusReader<M>, batch: Reading[], signal: AbortSignal):
    Promise<Pick<PollReport, 'metersRead' | 'metersFailed' | 'metersSkipped' | 'answering' | 'error'>> {
    const silentLimit = this.options.silentLimit ?? 3;
    const pending: Array<[string, ReadFailure]> = [];
    let read = 0;
    let heard = false;
    const result = (error?: string, tried = read + pending.length) => {
      if (heard) for (const [label, f] of pending) this.book.failure(gateway.id, label, this.clock.now(), f);
      return { metersRead: read, metersFailed: heard ? pending.length : 0, metersSkipped: gateway.meters.length - tried,
        answering: error === undefined, ...(error === undefined ? {} : { error }) };
    };
    try {
      await bus.open(signal);
    } catch (err) {
      return result(asReadFailure(err).message, 0);
    }
    for (let i = 0; i < gateway.meters.length && !signal.aborted; i++) {
      try {
        const readings = await bus.read(gateway.meters[i]!, signal);
        batch.push(...stampMeterTime(readings, this.options.meterTime));
        read++;
        heard = true;
        if (this.book.contact(gateway.id, labels[i]!, this.clock.now())) {
          this.emit({ type: 'meter-contact-restored', gateway: gateway.id, meter: labels[i]!, at: this.iso() });
        }
      } catch (err) {
        if (signal.aborted) break;
        const failure = asReadFailure(err);
        if (failure.kind === 'unreachable') return result(failure.message);
        pending.push([labels[i]!, failure]);
        heard ||= failure.kind === 'failed';
        if (!heard && pending.length >= silentLimit) return result(`no answer from the first ${pending.length} meters`);
      }
    }
    return result(heard || pending.length === 0 ? undefined : `no meter answered (${pending.length} tried)`);
  }

  private emit(event: CollectionEvent): void {
    this.options.onEvent?.(event);
  }

  private iso(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
