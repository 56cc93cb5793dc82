/**
 * Wireless M-Bus protocol adapter (EN 13757-4 link layer, EN 13757-7 / OMS transport and
 * security, EN 13757-3 application layer shared with the wired adapter): descriptor and public
 * API. Everything else in this folder is internal.
 */
import type { PluginDescriptor } from '../../../lib/plugin';

export const descriptor: PluginDescriptor = {
  id: 'wmbus',
  kind: 'protocol',
  title: 'Wireless M-Bus and OMS (EN 13757-4/-7)',
  since: '0.2.0',
  summary: 'Frame formats A/B, extended link layer, authentication layer (MAC, fragment reassembly, replay protection), TPL headers, compact frames, security modes 5 and 7, duplicate suppression and meter definitions, decoded into canonical readings.',
  capabilities: ['decode', 'decrypt', 'dedup'],
  references: ['EN 13757-4:2019 (wireless link layer)', 'EN 13757-7:2018 (transport and security)', 'OMS Specification Vol. 2 (primary communication, Annex N examples)', 'RFC 4493 (AES-CMAC)'],
};

export { decodeWirelessTelegram } from './telegram';
export { CompactFormats } from './compact';
export { KeyStore } from './keys';
export { stripFrame, addCrcs, type FrameFormat } from './link/frame-format';
export type { WirelessTelegram, WirelessFrameInfo, WirelessDecodeOptions } from './types';
export { WirelessDecodeError } from './types';
export { WirelessReception, type ReceptionInfo, type ReceptionResult } from './reception';
export { Deduplicator, telegramKey } from './dedup';
export { loadDefinitions, definitionFor } from './definitions/load';
export { applyDefinition, type MeterDefinition } from './definitions/definition';
