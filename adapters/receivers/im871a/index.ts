/**
 * IMST iM871A receiver plugin (WM-Bus HCI over USB serial): descriptor and plugin.
 */
import type { PluginDescriptor } from '../../../lib/plugin';
import type { ReceiverPlugin } from '../receiver';
import { Im871aFramer, im871aCommands } from './hci';

export const descriptor: PluginDescriptor = {
  id: 'im871a',
  kind: 'receiver',
  title: 'IMST iM871A (WM-Bus HCI)',
  since: '0.2.0',
  summary: 'HCI frames at 57600 baud (A5, ctrl/endpoint, message id, length, payload, timestamp, RSSI, CRC-16); received telegrams are RADIOLINK WMBUSMSG_IND; SET_CONFIG sets S1, T1 or C1 with RSSI and timestamp on.',
  configSchema: { type: 'object', properties: { mode: { type: 'string', enum: ['T1', 'C1', 'S1'] } } },
  exampleConfig: { serial: { path: '/dev/ttyUSB0', baudRate: 57600 }, mode: 'T1' },
  capabilities: ['listen', 'link-mode', 'rssi'],
  references: ['IMST WM-Bus HCI specification v1.6', 'wmbusmeters src/wmbus_im871a.cc'],
};

export const receiver: ReceiverPlugin = {
  descriptor,
  defaultBaudRate: 57600,
  modes: ['T1', 'C1', 'S1'],
  createFramer: () => new Im871aFramer(),
  initCommands: im871aCommands,
};

export { Im871aFramer, im871aCommands, hciFrame, crcX25, setConfigCommand } from './hci';
