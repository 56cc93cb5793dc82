/**
 * Wired M-Bus protocol adapter (EN 13757-2 link layer, EN 13757-3 application layer):
 * descriptor and public API. Everything else in this folder is internal.
 */
import type { PluginDescriptor } from '../../../lib/plugin';

export const descriptor: PluginDescriptor = {
  id: 'mbus',
  kind: 'protocol',
  title: 'Wired M-Bus (EN 13757-2/-3)',
  since: '0.1.0',
  summary: 'Frames, variable and fixed data structures, every DIF/VIF/VIFE code of EN 13757-3, decoded into canonical readings.',
  capabilities: ['decode', 'encode', 'frame-stream'],
  references: ['EN 13757-2:2018 (link layer)', 'EN 13757-3:2018 (application layer)', 'M-Bus documentation 4.8 (m-bus.com)'],
};

export { decodeTelegram } from './app/telegram';
export { telegramToJson } from './json';
export { toReadings } from './to-readings';
export type { DecodedTelegram, DataRecord, TelegramHeader, FrameInfo } from './app/types';
