/**
 * Node-RED node `imd-store`: batches of canonical readings (msg.payload = Reading[]) into the
 * system of record, one transaction per message. The message goes on — and done() tells the
 * sender it is acknowledged — only after the commit; a failed write calls done(err) and sends
 * nothing. Wiring only: the work is in store-writer.ts and lib/store.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { describeError } from '../../lib/errors';
import { StoreWriter, type StoreWriterConfig } from './store-writer';

type StoreNodeDef = NodeDef & StoreWriterConfig;

export = function registerStore(RED: NodeAPI): void {
  function StoreNode(this: Node, config: StoreNodeDef): void {
    RED.nodes.createNode(this, config);
    const writer = new StoreWriter(config);
    this.status({ fill: 'grey', shape: 'ring', text: 'ready' });

    this.on('input', (msg, send, done) => {
      let stored;
      try {
        stored = writer.write(msg.payload, (msg as { frames?: unknown }).frames);
      } catch (err) {
        this.status({ fill: 'red', shape: 'ring', text: describeError(err).slice(0, 40) });
        done(err instanceof Error ? err : new Error(describeError(err)));
        return;
      }
      this.status(writer.status(stored));
      send({ ...msg, stored });
      done();
    });

    this.on('close', (_removed: boolean, done: () => void) => {
      try {
        writer.close();
      } catch (err) {
        this.error(`closing ${writer.file}: ${describeError(err)}`);
      }
      this.status({});
      done();
    });
  }

  RED.nodes.registerType('imd-store', StoreNode);
};
