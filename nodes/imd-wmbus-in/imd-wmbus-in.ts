/**
 * Node-RED node `imd-wmbus-in`: a wireless M-Bus receiver dongle (iM871A, AMB8465, CUL,
 * rtl_wmbus or raw hex lines; serial port or TCP) as batches of canonical readings
 * (msg.payload = Reading[]), decrypted with the keys of an imd-wmbus-keys config node. Wiring
 * only: configuration checks, decoding, batching and failure reporting are in wmbus-in.ts.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { describeError } from '../../lib/errors';
import { keysOf, type KeysSource } from '../imd-wmbus-decode/wireless-decode';
import { WmbusIn, type WmbusInConfig } from './wmbus-in';

type WmbusInNodeDef = NodeDef & WmbusInConfig & { keys?: string };

export = function registerWmbusIn(RED: NodeAPI): void {
  function WmbusInNode(this: Node, config: WmbusInNodeDef): void {
    RED.nodes.createNode(this, config);
    let wmbusIn: WmbusIn;
    try {
      const keys = keysOf(config.keys ? RED.nodes.getNode(config.keys) as KeysSource | null : undefined);
      wmbusIn = new WmbusIn(config, keys, {
        send: (readings, receiver) => this.send({ payload: readings, topic: 'wmbus', receiver }),
        // With a message, so a Catch node sees each distinct failure (meter and kind) once.
        error: (message, detail) => this.error(message, { topic: 'wmbus', payload: detail }),
        status: (status) => this.status(status),
      });
    } catch (err) {
      this.status({ fill: 'red', shape: 'ring', text: 'config error' });
      this.error(describeError(err));
      return;
    }
    wmbusIn.start().catch((err: unknown) => {
      this.status({ fill: 'red', shape: 'ring', text: describeError(err).slice(0, 40) });
      this.error(`cannot open the receiver: ${describeError(err)}`);
    });

    this.on('close', (_removed: boolean, done: () => void) => {
      wmbusIn.stop().finally(() => {
        this.status({});
        done();
      });
    });
  }

  RED.nodes.registerType('imd-wmbus-in', WmbusInNode);
};
