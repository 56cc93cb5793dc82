/**
 * LonWorks protocol adapter (ISO/IEC 14908): SNVT codec, LonTalk NV updates, a passive IP-852
 * listener and a SmartServer IoT IAP/MQ source, all mapped to canonical readings through a
 * configured NV map. Descriptor and public API; everything else in this folder is internal.
 */
import type { PluginDescriptor } from '../../../lib/plugin';

export const descriptor: PluginDescriptor = {
  id: 'lonworks',
  kind: 'protocol',
  title: 'LonWorks network variables (ISO/IEC 14908, IP-852, SmartServer IAP/MQ)',
  since: '0.1.0',
  summary: 'Meter-relevant SNVTs decoded exactly; NV updates from an IP-852 channel or SmartServer IoT MQTT events mapped to meters by an NV map.',
  configSchema: {
    type: 'array',
    description: 'NV map: one entry per network variable',
    items: {
      type: 'object',
      required: ['type', 'meter'],
      properties: {
        selector: { type: ['integer', 'string'], description: 'NV selector 0…0x3FFF (IP-852)' },
        device: { type: 'string', pattern: '^\\d{1,3}/\\d{1,3}$', description: 'sending device subnet/node' },
        domain: { type: 'string', pattern: '^([0-9A-Fa-f]{2}){0,6}$' },
        datapoint: { type: 'string', description: 'SmartServer datapoint path or its trailing part (IAP/MQ)' },
        type: { type: 'string', description: 'SNVT name, e.g. SNVT_elec_kwh_l' },
        meter: { type: 'string' },
        quantity: { type: 'string' },
        medium: { type: 'string' },
        tariff: { type: 'integer', minimum: 0 },
      },
    },
  },
  exampleConfig: { map: [{ selector: '0x0010', device: '1/12', type: 'SNVT_elec_kwh_l', meter: 'el-1001', medium: 'electricity' }] },
  capabilities: ['decode', 'encode', 'listen'],
  references: [
    'ISO/IEC 14908-1 (ANSI/CEA-709.1) LonTalk protocol',
    'ISO/IEC 14908-4 (ANSI/CEA-852) IP tunnelling ("IP-852", "CN/IP")',
    'LonMark SNVT Master List (lonmark.org/nvs)',
    'SmartServer IoT IoT Access Protocol (IAP/MQ)',
  ],
};

export { decodeSnvt, decodeSnvtByName, encodeSnvt, snvtDefinition, type SnvtValue } from './snvt-codec';
export { SNVT_TABLE, type SnvtDefinition } from './snvt-table';
export { parseNvMessage, buildNvMessage, type NvMessage } from './nv-message';
export { parseLonTalkPacket, type LonTalkPacket, type LonDestination } from './lontalk-packet';
export { buildLonTalkPacket, type LonTalkPacketSpec } from './lontalk-build';
export { parseIp852Packet, buildIp852Packet, IP852_DEFAULT_PORT, type Ip852Packet } from './ip852-packet';
export { NvMap, type NvMapEntryConfig } from './nv-map';
export { nvUpdateReading, datapointReading } from './nv-readings';
export { decodeIp852Datagram } from './ip852-datagram';
export { decodeIapDataEvent, IAP_DATA_TOPIC } from './iap-mq-event';
export { Ip852Listener, type Ip852ListenerOptions } from './ip852-listener';
export { IapMqSource, type IapMqSourceOptions } from './iap-mq-source';
export type { NvOutcome, NvSource, NvSourceCounters, NvSourceHandlers } from './nv-source';
