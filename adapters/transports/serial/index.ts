/**
 * Serial transport plugin (local M-Bus level converter, 8E1): descriptor and public API.
 */
import type { PluginDescriptor } from '../../../lib/plugin';
import { SERIAL_BAUD_RATES } from './serial-transport';

export const descriptor: PluginDescriptor = {
  id: 'serial',
  kind: 'transport',
  title: 'Serial port (M-Bus level converter)',
  since: '0.1.0',
  summary: 'Raw EN 13757-2 bytes on a local serial port at 300/2400/9600 baud, 8E1, through the serialport package; reopen with bounded backoff.',
  configSchema: {
    type: 'object',
    required: ['path'],
    properties: {
      path: { type: 'string', description: 'Device path, e.g. /dev/ttyUSB0' },
      baudRate: { type: 'integer', enum: [...SERIAL_BAUD_RATES], default: 2400 },
      parity: { type: 'string', enum: ['even', 'none'], default: 'even' },
      reopen: {
        type: 'object',
        properties: {
          attempts: { type: 'integer', minimum: 1, default: 4 },
          initialDelayMs: { type: 'integer', minimum: 0, default: 250 },
          maxDelayMs: { type: 'integer', minimum: 0, default: 5000 },
        },
      },
    },
  },
  exampleConfig: { path: '/dev/ttyUSB0', baudRate: 2400 },
  capabilities: ['connect', 'read', 'write', 'baud-rate'],
  references: ['EN 13757-2:2018 (link layer, 8E1 character format)', 'serialport (serialport.io)', 'node-red-node-serialport'],
};

export { SerialTransport, SERIAL_BAUD_RATES, type SerialTransportOptions } from './serial-transport';
