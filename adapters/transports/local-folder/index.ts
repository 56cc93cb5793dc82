/**
 * Local-folder delivery plugin: descriptor and public API.
 */
import type { PluginDescriptor } from '../../../lib/plugin';

export const descriptor: PluginDescriptor = {
  id: 'local-folder',
  kind: 'transport',
  title: 'Local folder delivery',
  since: '0.3.0',
  summary: 'Delivers billing files into a folder (a mounted share, a folder a billing system polls): temporary name, fsync, rename; idempotent.',
  configSchema: { type: 'object', required: ['path'], properties: { path: { type: 'string' } } },
  exampleConfig: { type: 'local-folder', path: '/srv/billing/outbox' },
  capabilities: ['deliver'],
  references: ['POSIX rename(2)'],
};

export { LocalFolderDelivery } from './local-folder-delivery';
