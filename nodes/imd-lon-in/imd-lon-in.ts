/**
 * Node-RED node `imd-lon-in`: LonWorks network-variable values in — from a passive IP-852
 * channel listener or a SmartServer IoT IAP/MQ broker — as batches of canonical readings out
 * (msg.payload = Reading[]). Wiring only: configuration checks, the source, batching and
 * failure reporting are in lon-in.ts and the LonWorks adapter.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { describeError } from '../../lib/errors';
import { LonIn, type LonInConfig, type LonInCredentials } from './lon-in';

type LonInNodeDef = NodeDef & LonInConfig;

export = function registerLonIn(RED: NodeAPI): void {
  function LonInNode(this: Node<LonInCredentials>, config: LonInNodeDef): void {
    RED.nodes.createNode(this, config);
    let lonIn: LonIn;
    try {
      lonIn = new LonIn(config, this.credentials ?? {}, {
        send: (readings) => this.send({ payload: readings, topic: 'lonworks' }),
        // With a message, so a Catch node sees each distinct failure.
        error: (err) => this.error(err.message, { topic: 'lonworks', payload: { code: err.code, offset: err.offset } }),
        status: (status) => this.status(status),
      });
    } catch (err) {
      this.status({ fill: 'red', shape: 'ring', text: 'config error' });
      this.error(describeError(err));
      return;
    }
    lonIn.start().catch((err: unknown) => {
      this.status({ fill: 'red', shape: 'ring', text: describeError(err).slice(0, 30) });
      this.error(`cannot start: ${describeError(err)}`);
    });

    this.on('close', (_removed: boolean, done: () => void) => {
      lonIn.stop().finally(() => {
        this.status({});
        done();
      });
    });
  }

  RED.nodes.registerType<Node<LonInCredentials>, LonInNodeDef, object, LonInCredentials>('imd-lon-in', LonInNode, {
    credentials: { username: { type: 'text' }, password: { type: 'password' } },
  });
};
