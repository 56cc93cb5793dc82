/**
 * The work of the imd-mbus-poll node, without Node-RED: read the selected meters one after
 * the other on the gateway's shared master (each readout one bus transaction, multi-telegram
 * followed to the end), gather every reading into one batch and every failed meter into a
 * list, and say what the status and the error should be. A gateway that cannot be reached
 * stops the poll and is one failure naming the gateway, not one per meter.
 */
import {
  MBusMasterError, meterLabel, readMeter, scanSecondary, type MBusMaster, type MeterAddress,
} from '../../adapters/protocols/mbus/master';
import { describeError } from '../../lib/errors';
import type { Reading } from '../../lib/reading';
import { gatewayDownError } from '../imd-mbus-gateway/gateway-config';
import { STATUS_MAX, throttled, type NodeStatus } from '../imd-mbus-gateway/node-status';
import type { MeterSelection } from './meter-list';

/** One meter that could not be read (msg.failures). */
export interface MeterFailure {
  /** "primary 5" or the 16-hex secondary address (for a scan's unreadable device: the mask). */
  meter: string;
  /** MBusMasterError code ("no-answer", "timeout", "collision", …) or "unreadable" from the scan. */
  code: string;
  message: string;
}

export interface PollOutcome {
  bus: string;
  /** Meters the poll set out to read (after the scan, for "all"). */
  meters: number;
  /** Meters read completely. */
  read: number;
  readings: Reading[];
  failures: MeterFailure[];
  /** Set when the gateway could not be reached: the poll stopped there. */
  gatewayDown?: MBusMasterError;
  /** The poll was stopped by close (redeploy, shutdown). */
  aborted: boolean;
}

export interface PollProgress { done: number; meters: number }

/** Errors that end the whole poll rather than one meter. */
function stopsPoll(err: unknown): err is MBusMasterError {
  return err instanceof MBusMasterError && (err.code === 'connection' || err.code === 'aborted');
}

function failureOf(meter: string, err: unknown): MeterFailure {
  return { meter, code: err instanceof MBusMasterError ? err.code : 'internal', message: describeError(err) };
}

/** Reads the selection; never throws for bus trouble (it is in the outcome). */
export async function pollMeters(master: MBusMaster, selection: MeterSelection, signal: AbortSignal,
  onProgress: (p: PollProgress) => void = () => undefined): Promise<PollOutcome> {
  const outcome: PollOutcome = { bus: master.bus, meters: 0, read: 0, readings: [], failures: [], aborted: false };
  const stop = (err: MBusMasterError): PollOutcome => {
    if (err.code === 'aborted' || signal.aborted) outcome.aborted = true;
    else outcome.gatewayDown = err;
    return outcome;
  };
  let meters: MeterAddress[];
  if (selection === 'all') {
    try {
      const report = await scanSecondary(master, { signal });
      meters = report.found.map((d) => ({ secondary: d.secondaryAddress }));
      for (const u of report.unreadable) outcome.failures.push({ meter: u.mask, code: 'unreadable', message: `${master.bus}, meter ${u.mask}: ${u.reason}` });
      outcome.meters = report.unreadable.length;
    } catch (err) {
      if (stopsPoll(err)) return stop(err);
      throw err;
    }
  } else {
    meters = selection;
  }
  outcome.meters += meters.length;
  for (const meter of meters) {
    if (signal.aborted) { outcome.aborted = true; break; }
    try {
      const readout = await readMeter(master, meter, signal);
      for (const reading of readout.readings) outcome.readings.push(reading);
      outcome.read++;
    } catch (err) {
      if (stopsPoll(err)) return stop(err);
      outcome.failures.push(failureOf(meterLabel(meter), err));
    }
    onProgress({ done: outcome.read + outcome.failures.length, meters: outcome.meters });
  }
  return outcome;
}

/** "250 m · 1084 rec" all read, yellow "248/250 m" some failed, red "gateway down" / "0/5 m". */
export function statusOf(o: PollOutcome): NodeStatus {
  if (o.aborted) return {};
  if (o.gatewayDown) return { fill: 'red', shape: 'ring', text: 'gateway down' };
  if (o.read === o.meters) return { fill: 'green', shape: 'dot', text: `${o.meters} m · ${o.readings.length} rec`.slice(0, STATUS_MAX) };
  return { fill: o.read === 0 ? 'red' : 'yellow', shape: 'ring', text: `${o.read}/${o.meters} m` };
}

/** The progress status while a poll runs. */
export function progressStatus(p: PollProgress): NodeStatus {
  return { fill: 'blue', shape: 'ring', text: `polling ${p.done}/${p.meters}`.slice(0, STATUS_MAX) };
}

/**
 * The error for done(err), or null: the gateway could not be reached (one error naming it),
 * or not one meter could be read. Some meters failing is not an error: they are in msg.failures.
 */
export function pollError(o: PollOutcome): Error | null {
  if (o.aborted) return null;
  if (o.gatewayDown) {
    const unread = o.meters - o.read - o.failures.length;
    const rest = unread > 0 ? `; ${unread} of ${o.meters} meter${o.meters === 1 ? '' : 's'} not read` : '';
    return gatewayDownError(o.gatewayDown, rest);
  }
  if (o.meters > 0 && o.read === 0) {
    return Object.assign(new Error(`${o.bus}: none of ${o.meters} meter${o.meters === 1 ? '' : 's'} could be read; first: ${o.failures[0]!.message}`), { code: 'no-meter-read' });
  }
  return null;
}

/** Whether a message goes out: whenever readings were gathered, or the poll simply found nothing to read. */
export function sendsMessage(o: PollOutcome): boolean {
  return !o.aborted && (o.readings.length > 0 || pollError(o) === null);
}

/** What a node does with one poll's outcome (mapped to send / status / done by the node file). */
export interface PollHandlers {
  status(status: NodeStatus): void;
  send(batch: { payload: Reading[]; failures: MeterFailure[]; topic: string }): void;
  /** With the failures when the poll failed as a whole, so a Catch node sees them on the message. */
  done(err?: Error, failures?: MeterFailure[]): void;
}

/** One poll from start to done: progress statuses, at most one message, done() exactly once. */
export async function runPoll(master: MBusMaster, selection: MeterSelection, signal: AbortSignal, handlers: PollHandlers): Promise<void> {
  const progress = throttled((p: PollProgress) => handlers.status(progressStatus(p)));
  let outcome: PollOutcome;
  try {
    handlers.status({ fill: 'blue', shape: 'ring', text: 'polling' });
    outcome = await pollMeters(master, selection, signal, progress);
  } catch (err) {
    handlers.status({ fill: 'red', shape: 'ring', text: 'error' });
    handlers.done(err instanceof Error ? err : new Error(describeError(err)));
    return;
  }
  handlers.status(statusOf(outcome));
  if (sendsMessage(outcome)) handlers.send({ payload: outcome.readings, failures: outcome.failures, topic: outcome.bus });
  const err = pollError(outcome);
  if (err) handlers.done(err, outcome.failures);
  else handlers.done();
}
