/**
 * Node-RED node `imd-wmbus-decode`: wireless M-Bus telegrams in (Buffer, Uint8Array, hex text,
 * or an array of them), canonical readings out, decrypted with the keys of an imd-wmbus-keys
 * config node. Repeats within the duplicate window are dropped. Wiring only: decoding is in
 * wireless-decode.ts; failures go to done(err) with the input message, naming the meter.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { describeError } from '../../lib/errors';
import { WirelessDecoder, decodeBatch, keysOf, type KeysSource } from './wireless-decode';

interface WmbusDecodeNodeDef extends NodeDef {
  keys?: string;
  /** Seconds a repeat of the same telegram is dropped (0 = keep all). */
  dedupSeconds?: string | number;
  output?: string;
}

export = function registerWmbusDecode(RED: NodeAPI): void {
  function WmbusDecodeNode(this: Node, config: WmbusDecodeNodeDef): void {
    RED.nodes.createNode(this, config);
    let decoder: WirelessDecoder;
    try {
      const seconds = Number(config.dedupSeconds ?? 0);
      if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`duplicate window '${config.dedupSeconds}' must be 0 or more seconds`);
      decoder = new WirelessDecoder(keysOf(config.keys ? RED.nodes.getNode(config.keys) as KeysSource | null : undefined), seconds * 1000);
    } catch (err) {
      this.status({ fill: 'red', shape: 'ring', text: 'config error' });
      this.error(describeError(err));
      return;
    }
    const readingsOut = config.output !== 'telegram';

    this.on('input', (msg, send, done) => {
      const m = msg as { rssi?: unknown; receiver?: unknown };
      const info = { receivedAt: new Date(), ...(typeof m.rssi === 'number' ? { rssi: m.rssi } : {}), ...(typeof m.receiver === 'string' ? { via: m.receiver } : {}) };
      const { batch, readings, telegrams, failures } = decodeBatch(decoder, msg.payload, info);
      this.status(decoder.status());
      if (telegrams.length > 0) {
        const telegram = batch ? telegrams : telegrams[0];
        send(readingsOut ? { ...msg, payload: readings, telegram } : { ...msg, payload: telegram });
      }
      if (failures.length > 0) done(new Error(failures.join('; ')));
      else done();
    });

    this.on('close', () => this.status({}));
  }

  RED.nodes.registerType('imd-wmbus-decode', WmbusDecodeNode);
};
