/**
 * Node-RED config node `imd-delivery`: where billing files go — a local folder or an SFTP
 * server with its verified host key. The private key, password and passphrase live in the
 * node's credentials only. Wiring only: adapters/transports/delivery-config.ts builds the
 * Delivery; the imd-export node calls `deliveryFor(profileFolder)`.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { deliveryFromConfig, type DeliveryConfig } from '../../adapters/transports/delivery-config';
import type { Delivery } from '../../lib/billing';

interface DeliveryCredentials { privateKey?: string; password?: string; passphrase?: string }

interface DeliveryDef extends NodeDef {
  kind: 'local-folder' | 'sftp'; path: string; host: string; port: string; username: string; folder: string;
  fingerprint: string; knownHosts: string;
}

interface DeliveryNode extends Node<DeliveryCredentials> {
  deliveryFor(subfolder: string): Delivery;
}

export = function registerDelivery(RED: NodeAPI): void {
  function DeliveryConfigNode(this: DeliveryNode, config: DeliveryDef): void {
    RED.nodes.createNode(this, config);
    const c: DeliveryConfig = config.kind === 'sftp'
      ? { type: 'sftp', host: config.host, port: Number(config.port) || 22, username: config.username, folder: config.folder || '.',
        fingerprint: config.fingerprint || undefined, knownHostsFile: config.knownHosts || undefined }
      : { type: 'local-folder', path: config.path };
    this.deliveryFor = (subfolder) => deliveryFromConfig(c, subfolder, {
      privateKey: this.credentials?.privateKey || undefined, password: this.credentials?.password || undefined,
      passphrase: this.credentials?.passphrase || undefined,
    });
  }

  RED.nodes.registerType<DeliveryNode, DeliveryDef, object, DeliveryCredentials>('imd-delivery', DeliveryConfigNode, {
    credentials: { privateKey: { type: 'password' }, password: { type: 'password' }, passphrase: { type: 'password' } },
  });
};
