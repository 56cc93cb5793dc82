/**
 * Node-RED config node `imd-influxdb`: one InfluxDB server (1.x or 2.x), its database or
 * bucket, and its credentials (username/password or API token, in Node-RED's encrypted
 * credentials). Wiring only: the checks are in influxdb-config.ts; each imd-influxdb-out node
 * runs its own sink with this connection.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { describeError } from '../../lib/errors';
import { connectionFrom, type InfluxConfig, type InfluxConfigNode, type InfluxCredentials } from './influxdb-config';

type InfluxNodeDef = NodeDef & InfluxConfig;

export = function registerInfluxdb(RED: NodeAPI): void {
  function InfluxdbNode(this: Node<InfluxCredentials> & InfluxConfigNode, config: InfluxNodeDef): void {
    RED.nodes.createNode(this, config);
    try {
      this.connection = connectionFrom(config, this.credentials ?? {});
    } catch (err) {
      this.problem = describeError(err);
      this.error(this.problem);
    }
  }

  RED.nodes.registerType<Node<InfluxCredentials>, InfluxNodeDef, object, InfluxCredentials>('imd-influxdb', InfluxdbNode, {
    credentials: { username: { type: 'text' }, password: { type: 'password' }, token: { type: 'password' } },
  });
};
