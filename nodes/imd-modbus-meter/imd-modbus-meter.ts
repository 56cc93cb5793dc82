/**
 * Node-RED node `imd-modbus-meter`: reads one Modbus meter (TCP or RTU) with a device map on
 * each input message and/or every interval; msg.payload = Reading[]. Wiring only: the bus,
 * request planning, decoding and errors are the Modbus adapter's (adapters/protocols/modbus).
 * Registers the admin endpoint GET /imd-modbus/devices (permission imd-modbus-meter.read):
 * the device maps the editor lists.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { ModbusBus, deviceMap, deviceSummaries, readMeter, type ModbusBusConfig, type MeterReadout } from '../../adapters/protocols/modbus';
import { describeError } from '../../lib/errors';

interface ModbusMeterDef extends NodeDef {
  bus: 'tcp' | 'rtu'; host: string; port: string; path: string; baud: string; parity: 'none' | 'even' | 'odd';
  unit: string; device: string; meterId: string; interval: string; timeout: string;
}

export = function registerModbusMeter(RED: NodeAPI): void {
  function ModbusMeterNode(this: Node, config: ModbusMeterDef): void {
    RED.nodes.createNode(this, config);
    let bus: ModbusBus;
    let readout: MeterReadout;
    try {
      const busConfig: ModbusBusConfig = config.bus === 'rtu'
        ? { kind: 'rtu', path: config.path, baudRate: Number(config.baud) || 9600, parity: config.parity || 'even' }
        : { kind: 'tcp', host: config.host || '127.0.0.1', port: Number(config.port) || 502 };
      bus = new ModbusBus(busConfig, { timeoutMs: Number(config.timeout) || 1000 });
      const unit = config.unit === '' || config.unit === undefined ? 1 : Number(config.unit);
      readout = { map: deviceMap(config.device), unit, meter: { id: config.meterId || `${config.device}-${unit}` } };
    } catch (err) {
      this.status({ fill: 'red', shape: 'ring', text: 'config error' });
      this.error(describeError(err));
      return;
    }
    const read = async (): Promise<Record<string, unknown>> => {
      try {
        const payload = await readMeter(bus, readout);
        this.status({ fill: 'green', shape: 'dot', text: `${payload.length} readings` });
        return { payload, topic: readout.meter.id };
      } catch (err) {
        this.status({ fill: 'red', shape: 'ring', text: describeError(err).split(': ').pop()!.slice(0, 30) });
        throw err;
      }
    };

    this.on('input', (msg, send, done) => {
      read().then((out) => { send({ ...msg, ...out }); done(); }, (err: Error) => done(err));
    });
    const seconds = Number(config.interval) || 0;
    const timer = seconds > 0 ? setInterval(() => {
      read().then((out) => this.send(out), (err: Error) => this.error(err.message, { topic: readout.meter.id, payload: null }));
    }, seconds * 1000) : undefined;

    this.on('close', (_removed: boolean, done: () => void) => {
      clearInterval(timer);
      bus.close().finally(() => { this.status({}); done(); });
    });
  }

  RED.nodes.registerType('imd-modbus-meter', ModbusMeterNode);
  RED.httpAdmin.get('/imd-modbus/devices', RED.auth.needsPermission('imd-modbus-meter.read'), (_req, res) => { res.json(deviceSummaries()); });
};
