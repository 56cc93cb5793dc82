/**
 * Node-RED config node `imd-wmbus-keys`: the AES-128 keys of encrypted wireless M-Bus meters,
 * kept in the node's credentials (encrypted by Node-RED, never in the flow file, never sent
 * back to the editor, never logged). Wiring only: parsing and checks are in meter-keys.ts.
 * Nodes that decode read `keyStore`, or `keyError` when the keys could not be read.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import type { KeyStore } from '../../adapters/protocols/wmbus';
import { describeError } from '../../lib/errors';
import { parseMeterKeys } from './meter-keys';

interface KeysCredentials { keys?: string }

interface WmbusKeysNode extends Node<KeysCredentials> {
  keyStore?: KeyStore;
  keyError?: string;
}

export = function registerWmbusKeys(RED: NodeAPI): void {
  function WmbusKeysNode(this: WmbusKeysNode, config: NodeDef): void {
    RED.nodes.createNode(this, config);
    try {
      this.keyStore = parseMeterKeys(this.credentials?.keys);
    } catch (err) {
      this.keyError = describeError(err);
      this.error(this.keyError);
    }
  }

  RED.nodes.registerType<WmbusKeysNode, NodeDef, object, KeysCredentials>('imd-wmbus-keys', WmbusKeysNode, {
    credentials: { keys: { type: 'password' } },
  });
};
