/**
 * The work of the imd-mbus-scan node, without Node-RED: run the secondary-address scan on the
 * gateway's shared master, show its progress, and map the commissioning report to the message,
 * the final status and the error (a gateway that cannot be reached is one error naming it; a
 * close aborts the scan quietly).
 */
import { MBusMasterError, scanSecondary, type MBusMaster, type ScanProgress, type ScanReport } from '../../adapters/protocols/mbus/master';
import { describeError } from '../../lib/errors';
import { gatewayDownError } from '../imd-mbus-gateway/gateway-config';
import { STATUS_MAX, throttled, type NodeStatus } from '../imd-mbus-gateway/node-status';

export interface ScanHandlers {
  status(status: NodeStatus): void;
  send(result: { payload: ScanReport; topic: string }): void;
  done(err?: Error): void;
}

/** "scanning · 12 found" while it runs. */
export function progressStatus(p: ScanProgress): NodeStatus {
  return { fill: 'blue', shape: 'ring', text: `scanning · ${p.found} found`.slice(0, STATUS_MAX) };
}

/** "20 found" when every device that answered was read, yellow "18 found · 2 bad" otherwise. */
export function statusOf(report: ScanReport): NodeStatus {
  const found = `${report.found.length} found`;
  if (report.unreadable.length === 0) return { fill: 'green', shape: 'dot', text: found };
  return { fill: 'yellow', shape: 'ring', text: `${found} · ${report.unreadable.length} bad`.slice(0, STATUS_MAX) };
}

/** One scan from start to done: progress, the report as one message, done() exactly once. */
export async function runScan(master: MBusMaster, signal: AbortSignal, handlers: ScanHandlers): Promise<void> {
  handlers.status({ fill: 'blue', shape: 'ring', text: 'scanning' });
  let report: ScanReport;
  try {
    report = await scanSecondary(master, { signal, onProgress: throttled((p: ScanProgress) => handlers.status(progressStatus(p))) });
  } catch (err) {
    if (signal.aborted || (err instanceof MBusMasterError && err.code === 'aborted')) { handlers.done(); return; }
    const down = err instanceof MBusMasterError && err.code === 'connection';
    handlers.status({ fill: 'red', shape: 'ring', text: down ? 'gateway down' : 'error' });
    handlers.done(down ? gatewayDownError(err) : err instanceof Error ? err : new Error(describeError(err)));
    return;
  }
  handlers.status(statusOf(report));
  handlers.send({ payload: report, topic: master.bus });
  handlers.done();
}
