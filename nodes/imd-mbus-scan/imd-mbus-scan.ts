/**
 * Node-RED node `imd-mbus-scan`: on any input message, searches the gateway's bus
 * (imd-mbus-gateway config node) for every device by secondary address and sends the
 * commissioning report as msg.payload ({found, collisionsResolved, unreadable, probes}).
 * Wiring only: the scan, status and errors are in mbus-scan.ts; close aborts a running scan.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import type { MBusMaster } from '../../adapters/protocols/mbus/master';
import { describeError } from '../../lib/errors';
import { masterOf, type MbusGateway } from '../imd-mbus-gateway/gateway-config';
import { runScan } from './mbus-scan';

interface ScanNodeDef extends NodeDef {
  gateway: string;
}

export = function registerMbusScan(RED: NodeAPI): void {
  function MbusScanNode(this: Node, config: ScanNodeDef): void {
    RED.nodes.createNode(this, config);
    const closing = new AbortController();
    let master: MBusMaster | undefined;
    try {
      master = masterOf(RED.nodes.getNode(config.gateway) as MbusGateway | null);
    } catch (err) {
      this.status({ fill: 'red', shape: 'ring', text: 'config error' });
      this.error(describeError(err));
    }

    this.on('input', (msg, send, done) => {
      if (!master) { done(new Error('imd-mbus-scan: not configured (see the node\'s error)')); return; }
      void runScan(master, closing.signal, {
        status: (s) => { if (!closing.signal.aborted) this.status(s); },
        send: (result) => send({ ...msg, ...result }),
        done: (err) => (err ? done(err) : done()),
      });
    });

    this.on('close', (_removed: boolean, done: () => void) => {
      closing.abort();
      this.status({});
      done();
    });
  }

  RED.nodes.registerType('imd-mbus-scan', MbusScanNode);
};
