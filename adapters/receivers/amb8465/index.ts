/**
 * Amber / Würth AMB8465 receiver plugin (command frames and transparent telegrams): descriptor and plugin.
 */
import type { PluginDescriptor } from '../../../lib/plugin';
import type { ReceiverPlugin } from '../receiver';
import { Amb8465Framer, amb8465Commands } from './amb8465-framer';

export const descriptor: PluginDescriptor = {
  id: 'amb8465',
  kind: 'receiver',
  title: 'Amber / Würth AMB8465 (Metis-II)',
  since: '0.2.0',
  summary: 'Command frames FF CMD LEN payload CS (XOR) at 9600 baud — CMD_DATA_IND telegrams with the RSSI byte — and transparent-mode raw telegrams; CMD_SET_MODE sets S1, T1, C1 or C1+T1.',
  configSchema: { type: 'object', properties: { mode: { type: 'string', enum: ['T1', 'C1', 'S1', 'C1+T1'] } } },
  exampleConfig: { serial: { path: '/dev/ttyUSB0', baudRate: 9600 }, mode: 'C1+T1' },
  capabilities: ['listen', 'link-mode', 'rssi'],
  references: ['Würth Elektronik / Amber AMB8465-M user manual (command interface)', 'wmbusmeters src/wmbus_amb8465.cc'],
};

export const receiver: ReceiverPlugin = {
  descriptor,
  defaultBaudRate: 9600,
  modes: ['T1', 'C1', 'S1', 'C1+T1'],
  createFramer: () => new Amb8465Framer(),
  initCommands: amb8465Commands,
};

export { Amb8465Framer, amb8465Commands, commandFrame, xorChecksum } from './amb8465-framer';
