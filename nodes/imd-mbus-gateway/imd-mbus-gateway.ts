/**
 * Node-RED config node `imd-mbus-gateway`: one M-Bus bus — a transparent TCP gateway or a
 * local serial level converter — and its one MBusMaster, shared by every imd-mbus-poll and
 * imd-mbus-scan node that uses it (one transaction at a time per bus). Wiring only: checks and
 * the master are in gateway-config.ts. No credentials: transparent gateways have none.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { describeError } from '../../lib/errors';
import { closeMaster, createMaster, type GatewayConfig, type MbusGateway } from './gateway-config';

type GatewayNodeDef = NodeDef & GatewayConfig;

export = function registerMbusGateway(RED: NodeAPI): void {
  function MbusGatewayNode(this: Node & MbusGateway, config: GatewayNodeDef): void {
    RED.nodes.createNode(this, config);
    try {
      this.master = createMaster(config);
    } catch (err) {
      this.problem = describeError(err);
      this.error(this.problem);
    }

    this.on('close', (_removed: boolean, done: () => void) => {
      const master = this.master;
      delete this.master;
      if (!master) { done(); return; }
      closeMaster(master).finally(() => done());
    });
  }

  RED.nodes.registerType('imd-mbus-gateway', MbusGatewayNode);
};
