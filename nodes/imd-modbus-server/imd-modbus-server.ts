/**
 * Node-RED node `imd-modbus-server`: the BMS/DUC Modbus server, TCP or RTU slave. Input
 * msg.payload = Reading[] updates the served register map (adapters/sinks/bms-modbus); config:
 * transport (tcp: host, port; rtu: serial path, baud, parity), unit id, apartments (JSON:
 * apartment k's room sensors and hot-water meters). Close frees the port. Flows saved before
 * the transport choice have no `transport` and stay TCP.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { BmsModbusServer, type BmsApartment } from '../../adapters/sinks/bms-modbus';
import { parseJsonText } from '../../lib/config-file';
import { describeError } from '../../lib/errors';
import type { Reading } from '../../lib/reading';

interface ModbusServerDef extends NodeDef {
  transport?: 'tcp' | 'rtu'; host: string; port: string; path?: string; baud?: string; parity?: 'even' | 'none'; unitId?: string;
  apartments: string; apartmentBase: string; staleAfterMinutes: string;
}

export = function registerModbusServer(RED: NodeAPI): void {
  function ModbusServerNode(this: Node, config: ModbusServerDef): void {
    RED.nodes.createNode(this, config);
    let server: BmsModbusServer;
    try {
      server = new BmsModbusServer({
        apartments: parseJsonText(config.apartments || '[]', 'apartments') as BmsApartment[], apartmentBase: Number(config.apartmentBase) || 100,
        staleAfterMinutes: Number(config.staleAfterMinutes) || 60, ...(config.unitId ? { unitId: Number(config.unitId) } : {}),
        ...(config.transport === 'rtu'
          ? { serial: { path: config.path ?? '', baudRate: Number(config.baud) || 9600, parity: config.parity || 'even' } }
          : { host: config.host || '127.0.0.1', port: Number(config.port) }),
      });
    } catch (err) {
      this.status({ fill: 'red', shape: 'ring', text: 'config error' });
      this.error(`bad configuration: ${describeError(err)}`);
      return;
    }
    const where = config.transport === 'rtu' ? `rtu ${config.path}` : `modbus :${config.port}`;
    const listening = server.start().then(
      () => this.status({ fill: 'green', shape: 'dot', text: where }),
      (err: unknown) => { this.status({ fill: 'red', shape: 'ring', text: 'cannot listen' }); this.error(`cannot serve on ${server.description}: ${describeError(err)}`); },
    );

    this.on('input', (msg, _send, done) => {
      const payload = (msg as { payload?: unknown }).payload;
      if (!Array.isArray(payload)) {
        done(new Error('msg.payload must be an array of readings (Reading[])'));
        return;
      }
      const used = server.update(payload as Reading[]);
      this.status({ fill: 'green', shape: 'dot', text: `${where} · ${used} used` });
      done();
    });

    this.on('close', (_removed: boolean, done: () => void) => {
      listening.finally(() => server.close()).finally(() => { this.status({}); done(); });
    });
  }

  RED.nodes.registerType('imd-modbus-server', ModbusServerNode);
};
