/**
 * Node-RED node `imd-mbus-decode`: wired M-Bus telegrams in (Buffer, Uint8Array, hex text, or
 * an array of those as a batch), canonical readings or decoded telegrams out. Wiring only:
 * the decoding is in decode-payload.ts and the M-Bus adapter; failures go to done(err) with
 * the untouched input message so Catch nodes see the raw telegram.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { decodePayload, failureError, statusOf } from './decode-payload';

interface DecodeNodeDef extends NodeDef {
  /** What msg.payload carries out: "readings" (Reading[], default) or "telegram". */
  output?: string;
}

export = function registerMbusDecode(RED: NodeAPI): void {
  function MbusDecodeNode(this: Node, config: DecodeNodeDef): void {
    RED.nodes.createNode(this, config);
    const readingsOut = config.output !== 'telegram';

    this.on('input', (msg, send, done) => {
      const outcome = decodePayload(msg.payload, new Date());
      this.status(statusOf(outcome));
      if (outcome.telegrams.length > 0) {
        const telegram = outcome.batch ? outcome.telegrams : outcome.telegrams[0];
        send(readingsOut ? { ...msg, payload: outcome.readings, telegram } : { ...msg, payload: telegram });
      }
      const err = failureError(outcome);
      if (err) done(err);
      else done();
    });

    this.on('close', () => this.status({}));
  }

  RED.nodes.registerType('imd-mbus-decode', MbusDecodeNode);
};
