/**
 * CUL / nanoCUL receiver plugin (culfw, CC1101): descriptor and plugin.
 */
import type { PluginDescriptor } from '../../../lib/plugin';
import type { ReceiverPlugin } from '../receiver';
import { CulFramer, culCommands } from './cul-framer';

export const descriptor: PluginDescriptor = {
  id: 'cul',
  kind: 'receiver',
  title: 'CUL / nanoCUL (culfw)',
  since: '0.2.0',
  summary: 'culfw ASCII lines at 38400 baud: b<hex> (frame A with CRCs) or bY<hex> (frame B) plus the RSSI byte; sets T (brt), S (brs) or C+T (brc) and RSSI reporting (X21).',
  configSchema: { type: 'object', properties: { mode: { type: 'string', enum: ['T1', 'C1', 'S1', 'C1+T1'] } } },
  exampleConfig: { serial: { path: '/dev/ttyACM0', baudRate: 38400 }, mode: 'C1+T1' },
  capabilities: ['listen', 'link-mode', 'rssi'],
  references: ['culfw command reference (b, X)', 'wmbusmeters src/wmbus_cul.cc', 'TI CC1101 data sheet (RSSI)'],
};

export const receiver: ReceiverPlugin = {
  descriptor,
  defaultBaudRate: 38400,
  modes: ['T1', 'C1', 'S1', 'C1+T1'],
  createFramer: () => new CulFramer(),
  initCommands: culCommands,
};

export { CulFramer, culCommands };
