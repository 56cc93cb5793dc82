/**
 * TCP transport plugin (transparent M-Bus-over-IP gateways): descriptor and public API.
 */
import type { PluginDescriptor } from '../../../lib/plugin';

export const descriptor: PluginDescriptor = {
  id: 'tcp',
  kind: 'transport',
  title: 'TCP (transparent M-Bus gateway)',
  since: '0.1.0',
  summary: 'Raw EN 13757-2 bytes over a TCP connection to a serial device server or M-Bus gateway; connect timeout, reconnect with bounded exponential backoff and jitter.',
  configSchema: {
    type: 'object',
    required: ['host', 'port'],
    properties: {
      host: { type: 'string', description: 'Gateway host name or IP address' },
      port: { type: 'integer', minimum: 1, maximum: 65535 },
      baudRate: { type: 'integer', enum: [300, 600, 1200, 2400, 4800, 9600, 19200, 38400], default: 2400, description: 'Baud rate of the M-Bus behind the gateway (for reply timeouts)' },
      connectTimeoutMs: { type: 'integer', minimum: 1, default: 5000 },
      reconnect: {
        type: 'object',
        properties: {
          attempts: { type: 'integer', minimum: 1, default: 4 },
          initialDelayMs: { type: 'integer', minimum: 0, default: 250 },
          maxDelayMs: { type: 'integer', minimum: 0, default: 5000 },
        },
      },
    },
  },
  exampleConfig: { host: '192.168.1.50', port: 10001, baudRate: 2400 },
  capabilities: ['connect', 'read', 'write', 'reconnect'],
  references: ['EN 13757-2:2018 (link layer)', 'libmbus mbus-tcp.c', 'AWS Architecture Blog: Exponential Backoff And Jitter'],
};

export { TcpTransport, DEFAULT_CONNECT_TIMEOUT_MS, type TcpTransportOptions } from './tcp-transport';
