/**
 * Node-RED node `imd-review`: the review queue of the system of record from a flow. msg.topic
 * (or msg.payload.command) is list, show, approve, correct or exclude; msg.payload holds its
 * arguments; msg.payload out is the items, the item with its audit trail, or the decided item.
 * Errors (unknown id, already decided, missing who or why) go to done(err) for a Catch node.
 * Status: the items still held. Wiring only: the work is in review-controller.ts.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { describeError } from '../../lib/errors';
import { ReviewController, type ReviewConfig } from './review-controller';

type ReviewNodeDef = NodeDef & ReviewConfig;

export = function registerReview(RED: NodeAPI): void {
  function ReviewNode(this: Node, config: ReviewNodeDef): void {
    RED.nodes.createNode(this, config);
    const controller = new ReviewController(config);
    this.status({ fill: 'grey', shape: 'ring', text: 'ready' });

    this.on('input', (msg, send, done) => {
      let payload;
      try {
        payload = controller.run(msg.topic, msg.payload);
        this.status(controller.status());
      } catch (err) {
        this.status({ fill: 'red', shape: 'ring', text: describeError(err).slice(0, 40) });
        done(err instanceof Error ? err : new Error(describeError(err)));
        return;
      }
      send({ ...msg, payload });
      done();
    });

    this.on('close', (_removed: boolean, done: () => void) => {
      try {
        controller.close();
      } catch (err) {
        this.error(`closing ${controller.file}: ${describeError(err)}`);
      }
      this.status({});
      done();
    });
  }

  RED.nodes.registerType('imd-review', ReviewNode);
};
