/**
 * Node-RED node `imd-modbus-server`: the BMS/DUC Modbus TCP server. Input msg.payload =
 * Reading[] updates the served register map (adapters/sinks/bms-modbus); config: host, port,
 * apartments (JSON: apartment k's room sensors and hot-water meters). Close frees the port.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { BmsModbusServer } from '../../adapters/sinks/bms-modbus';
import { describeError } from '../../lib/errors';
import type { Reading } from '../../lib/reading';

interface ModbusServerDef extends NodeDef {
  host: string; port: string; apartments: string; apartmentBase: string; staleAfterMinutes: string;
}

export = function registerModbusServer(RED: NodeAPI): void {
  function ModbusServerNode(this: Node, config: ModbusServerDef): void {
    RED.nodes.createNode(this, config);
    let server: BmsModbusServer;
    try {
      server = new BmsModbusServer({
        apartments: JSON.parse(config.apartments || '[]'), host: config.host || '127.0.0.1', port: Number(config.port),
        apartmentBase: Number(config.apartmentBase) || 100, staleAfterMinutes: Number(config.staleAfterMinutes) || 60,
      });
    } catch (err) {
      this.status({ fill: 'red', shape: 'ring', text: 'config error' });
      this.error(`apartments/port: ${describeError(err)}`);
      return;
    }
    const listening = server.start().then(
      () => this.status({ fill: 'green', shape: 'dot', text: `modbus :${config.port}` }),
      (err: unknown) => { this.status({ fill: 'red', shape: 'ring', text: 'cannot listen' }); this.error(`cannot listen: ${describeError(err)}`); },
    );

    this.on('input', (msg, _send, done) => {
      const payload = (msg as { payload?: unknown }).payload;
      if (!Array.isArray(payload)) {
        done(new Error('msg.payload must be an array of readings (Reading[])'));
        return;
      }
      const used = server.update(payload as Reading[]);
      this.status({ fill: 'green', shape: 'dot', text: `modbus :${config.port} · ${used} used` });
      done();
    });

    this.on('close', (_removed: boolean, done: () => void) => {
      listening.finally(() => server.close()).finally(() => { this.status({}); done(); });
    });
  }

  RED.nodes.registerType('imd-modbus-server', ModbusServerNode);
};
