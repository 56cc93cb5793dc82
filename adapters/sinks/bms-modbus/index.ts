/**
 * BMS/DUC Modbus output (a sink: it consumes live readings and serves them to the building's
 * automation controller): a documented register map of room temperatures, status, ages and
 * hot-water use per apartment and per building, on a Modbus TCP server or an RTU slave on a
 * serial port. Descriptor and API.
 */
import type { PluginDescriptor } from '../../../lib/plugin';

export const descriptor: PluginDescriptor = {
  id: 'bms-modbus',
  kind: 'sink',
  title: 'BMS/DUC Modbus server, TCP or RTU slave (room temperatures, hot water)',
  since: '0.1.0',
  summary: 'Serves room temperatures (°C×10 and float32), hourly means, status bits, ages and hot-water use today per apartment and per building as a fixed, documented Modbus register map; exportable as CSV.',
  configSchema: {
    type: 'object',
    required: ['apartments'],
    properties: {
      apartments: {
        type: 'array', minItems: 1, description: 'apartment k = item k−1',
        items: { type: 'object', required: ['rooms', 'hotWater'], properties: { rooms: { type: 'array', maxItems: 2, items: { type: 'string' } }, hotWater: { type: 'array', items: { type: 'string' } } } },
      },
      port: { type: 'integer', minimum: 1, maximum: 65535, description: 'Modbus TCP port (required unless serial)' },
      serial: {
        type: 'object', required: ['path'], description: 'serve as an RTU slave on this serial line instead of TCP (8 data bits, 1 stop bit)',
        properties: { path: { type: 'string' }, baudRate: { type: 'integer', default: 9600 }, parity: { enum: ['even', 'none'], default: 'even' } },
      },
      host: { type: 'string', default: '127.0.0.1' },
      unitId: { type: 'integer', minimum: 1, maximum: 247, description: 'answer only this unit id (TCP default any, RTU default 1)' },
      apartmentBase: { type: 'integer', minimum: 20, default: 100 },
      staleAfterMinutes: { type: 'number', default: 60 },
      timeZone: { type: 'string', default: 'Europe/Stockholm' },
    },
  },
  exampleConfig: { port: 1502, apartments: [{ rooms: ['70000011'], hotWater: ['30000005'] }, { rooms: ['70000014', '70000015'], hotWater: ['30000008'] }] },
  capabilities: ['serve', 'export-map'],
  references: ['Modbus Application Protocol Specification V1.1b3', 'Modbus over Serial Line Specification and Implementation Guide V1.02', 'Modbus Messaging on TCP/IP Implementation Guide V1.0b', 'protocols.md §3.2 (BMS map precedents: Elvaco CMe3100, Intesis)'],
};

export {
  APARTMENT_FIELDS, APARTMENT_STRIDE, BUILDING_FIELDS, DEFAULT_APARTMENT_BASE, MISSING_S16, NEVER_U16, STATUS,
  apartmentAddress, checkLayout, mapCsv, mapSize, type BmsLayout, type Field,
} from './bms-layout';
export { BmsState, type ApartmentSnapshot, type BmsApartment, type BmsStateOptions } from './bms-state';
export { encodeImage } from './bms-image';
export { BmsModbusServer, type BmsSerialLine, type BmsServerOptions } from './bms-server';
