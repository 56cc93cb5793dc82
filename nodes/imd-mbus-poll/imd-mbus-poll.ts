/**
 * Node-RED node `imd-mbus-poll`: reads M-Bus meters on a gateway (imd-mbus-gateway config
 * node) when a message arrives — msg.payload may list the meters — and, optionally, on an
 * interval; sends one message per poll, msg.payload = Reading[] and msg.failures. Wiring only:
 * the meter lists are in meter-list.ts, the poll, status and errors in mbus-poll.ts.
 */
import type { Node, NodeAPI, NodeDef, NodeMessage } from 'node-red';
import type { MBusMaster } from '../../adapters/protocols/mbus/master';
import { describeError } from '../../lib/errors';
import { masterOf, type MbusGateway } from '../imd-mbus-gateway/gateway-config';
import { parseMeterList, selectionOf, type MeterSelection } from './meter-list';
import { runPoll } from './mbus-poll';

interface PollNodeDef extends NodeDef {
  gateway: string;
  /** "all", or primary/secondary addresses and ranges ("1-20, 12345678FFFFFFFF"). */
  meters?: string;
  /** Seconds between polls without input; 0 or empty: only on input. */
  interval?: string | number;
}

export = function registerMbusPoll(RED: NodeAPI): void {
  function MbusPollNode(this: Node, config: PollNodeDef): void {
    RED.nodes.createNode(this, config);
    const closing = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let polling = false;
    let setup: { master: MBusMaster; meters: MeterSelection } | undefined;
    try {
      const interval = Number(config.interval || 0);
      if (!Number.isInteger(interval) || interval < 0 || interval > 86_400) throw new Error(`interval must be 0…86400 s, got '${config.interval}'`);
      setup = { master: masterOf(RED.nodes.getNode(config.gateway) as MbusGateway | null), meters: parseMeterList(config.meters || 'all') };
      if (interval > 0) timer = setInterval(() => { if (!polling) poll({}, (m) => this.send(m), (err) => { if (err) this.error(err, {}); }); }, interval * 1000);
    } catch (err) {
      this.status({ fill: 'red', shape: 'ring', text: 'config error' });
      this.error(describeError(err));
    }

    const poll = (msg: NodeMessage, send: (m: NodeMessage) => void, done: (err?: Error) => void): void => {
      if (!setup) { done(new Error('imd-mbus-poll: not configured (see the node\'s error)')); return; }
      let selection: MeterSelection;
      try {
        selection = selectionOf(msg.payload, setup.meters);
      } catch (err) {
        done(err as Error);
        return;
      }
      polling = true;
      void runPoll(setup.master, selection, closing.signal, {
        status: (s) => { if (!closing.signal.aborted) this.status(s); },
        send: (batch) => send({ ...msg, ...batch }),
        done: (err, failures) => {
          polling = false;
          if (failures) Object.assign(msg, { failures });
          done(err);
        },
      });
    };

    this.on('input', (msg, send, done) => poll(msg, send, done));

    this.on('close', (_removed: boolean, done: () => void) => {
      clearInterval(timer);
      closing.abort();
      this.status({});
      done();
    });
  }

  RED.nodes.registerType('imd-mbus-poll', MbusPollNode);
};
