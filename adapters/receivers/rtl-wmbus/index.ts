/**
 * rtl_wmbus receiver plugin (software-defined radio output lines): descriptor and plugin.
 */
import type { PluginDescriptor } from '../../../lib/plugin';
import type { ReceiverPlugin } from '../receiver';
import { RtlWmbusFramer } from './rtl-wmbus-framer';

export const descriptor: PluginDescriptor = {
  id: 'rtl-wmbus',
  kind: 'receiver',
  title: 'rtl_wmbus (RTL-SDR)',
  since: '0.2.0',
  summary: 'Telegram lines of rtl_wmbus (MODE;CRC_OK;3OUTOF6OK;…;0x<hex>, CRCs removed) over a pty or TCP; the link modes are chosen on the rtl_wmbus command line.',
  capabilities: ['listen'],
  references: ['rtl-wmbus README (xaelsouth/rtl-wmbus): output format', 'wmbusmeters src/wmbus_rtlwmbus.cc'],
};

export const receiver: ReceiverPlugin = {
  descriptor,
  defaultBaudRate: 9600,
  modes: [],
  createFramer: () => new RtlWmbusFramer(),
  initCommands: () => [],
};

export { RtlWmbusFramer };
