/**
 * Raw hex receiver plugin (one telegram per line as hex text): descriptor and plugin.
 */
import type { PluginDescriptor } from '../../../lib/plugin';
import type { ReceiverPlugin } from '../receiver';
import { RawHexFramer } from './raw-hex-framer';

export const descriptor: PluginDescriptor = {
  id: 'raw-hex',
  kind: 'receiver',
  title: 'Raw hex lines',
  since: '0.2.0',
  summary: 'One wireless M-Bus telegram per line as hex text (L field first, CRCs optional), from a serial port or a TCP stream; no commands.',
  capabilities: ['listen'],
  references: ['EN 13757-4:2019 (frame formats A and B)'],
};

export const receiver: ReceiverPlugin = {
  descriptor,
  defaultBaudRate: 9600,
  modes: [],
  createFramer: () => new RawHexFramer(),
  initCommands: () => [],
};

export { RawHexFramer };
