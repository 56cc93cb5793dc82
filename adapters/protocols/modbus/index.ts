/**
 * Modbus protocol adapter (meters in): register maps as data (devices/*.json), an exact
 * register codec, request planning, and a TCP/RTU client (modbus-serial) behind the per-bus
 * queue, producing canonical readings; a BusReader for the polling scheduler; RTU framing and a
 * read-only RTU slave (used by the BMS sink). Descriptor and public API; the rest is internal.
 */
import type { PluginDescriptor } from '../../../lib/plugin';

export const descriptor: PluginDescriptor = {
  id: 'modbus',
  kind: 'protocol',
  title: 'Modbus meters (RTU over serial, Modbus TCP)',
  since: '0.1.0',
  summary: 'Electricity meters read over Modbus TCP or RTU with register maps as data (Eastron, ABB, Carlo Gavazzi, Schneider, Kamstrup), decoded exactly into canonical readings.',
  configSchema: {
    type: 'object',
    required: ['device', 'meter'],
    properties: {
      device: { type: 'string', description: 'device map id, e.g. eastron-sdm630 (devices/*.json)' },
      unit: { type: 'integer', minimum: 0, maximum: 255, default: 1, description: 'Modbus unit id (slave address)' },
      meter: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, manufacturer: { type: 'string' } } },
      bus: {
        oneOf: [
          { type: 'object', required: ['kind', 'host', 'port'], properties: { kind: { const: 'tcp' }, host: { type: 'string' }, port: { type: 'integer' } } },
          { type: 'object', required: ['kind', 'path', 'baudRate'], properties: { kind: { const: 'rtu' }, path: { type: 'string' }, baudRate: { type: 'integer' }, parity: { enum: ['none', 'even', 'odd'] }, stopBits: { enum: [1, 2] } } },
        ],
      },
      timeoutMs: { type: 'integer', minimum: 50, default: 1000 },
    },
  },
  exampleConfig: { device: 'abb-b23', unit: 1, meter: { id: '7012345' }, bus: { kind: 'tcp', host: '192.168.1.20', port: 502 } },
  capabilities: ['read', 'decode', 'encode'],
  references: [
    'Modbus Application Protocol Specification V1.1b3 (modbus.org)',
    'Modbus over Serial Line Specification and Implementation Guide V1.02',
    'Modbus Messaging on TCP/IP Implementation Guide V1.0b',
    'Meter vendors\' register documents named in each devices/*.json "source"',
  ],
};

export { REGISTER_TYPES, decodeRegister, encodeRegister, registerCount, type ByteOrder, type RegisterType, type WordOrder } from './register-codec';
export { MAX_READ_REGISTERS, checkDeviceMap, parseAddress, type DeviceMap, type DeviceTest, type ExpectedReading, type RegisterDef, type RegisterFunction } from './device-map';
export { deviceMap, deviceMaps, deviceSummaries, loadDeviceMapFile, type DeviceSummary } from './devices';
export { describeRequest, planReads, type ReadRequest, type ReadResponse } from './read-plan';
export { deviceReadings, meterIdentity, type MeterConfig } from './device-readings';
export { ModbusError, exceptionText, type ModbusErrorCode } from './modbus-errors';
export { ModbusBus, describeBus, type ModbusBusConfig, type ModbusBusOptions } from './modbus-bus';
export { readMeter, type MeterReadout } from './meter-reader';
export { crc16Modbus, parseRtuFrame, rtuFrame, rtuSilenceMs, RtuFrameReader } from './rtu-frame';
export { RegisterRtuSlave, answerReadOnly, type RegisterSlaveOptions } from './register-slave';
export { modbusBusReader, meterLabel, type ModbusGateway } from './modbus-bus-reader';
