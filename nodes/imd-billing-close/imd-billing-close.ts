/**
 * Node-RED node `imd-billing-close`: on a message (an inject on the 1st working day, or by
 * hand) closes a month for a property — msg.period (YYYY-MM, default the previous month) and
 * msg.property (default the node's) — and sends the close with its sums and the schedule
 * state; warns when held values threaten the 4th-working-day deadline. Wiring only: the work
 * is in close-runner.ts and lib/billing.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { describeError } from '../../lib/errors';
import { dueNow, runClose, statusOf, type CloseRunnerConfig } from './close-runner';

const AUTO_CHECK_MS = 15 * 60_000;

type CloseNodeDef = NodeDef & CloseRunnerConfig;

export = function registerBillingClose(RED: NodeAPI): void {
  function BillingCloseNode(this: Node, config: CloseNodeDef): void {
    RED.nodes.createNode(this, config);
    this.status({ fill: 'grey', shape: 'ring', text: 'ready' });

    this.on('input', (msg, send, done) => {
      try {
        const result = runClose(config, msg as { period?: unknown; property?: unknown });
        this.status(statusOf(result));
        if (result.schedule.state === 'warning' || result.schedule.state === 'late') this.warn(result.schedule.message);
        send({ ...msg, payload: result.summary, close: result.close, outcome: result.outcome, schedule: result.schedule });
        done();
      } catch (err) {
        this.status({ fill: 'red', shape: 'ring', text: describeError(err).slice(0, 40) });
        done(err instanceof Error ? err : new Error(describeError(err)));
      }
    });

    const timer = config.auto ? setInterval(() => {
      try { if (dueNow(config)) this.receive({}); } catch (err) { this.error(describeError(err)); }
    }, AUTO_CHECK_MS) : undefined;

    this.on('close', (_removed: boolean, done: () => void) => {
      clearInterval(timer);
      this.status({});
      done();
    });
  }

  RED.nodes.registerType('imd-billing-close', BillingCloseNode);
};
