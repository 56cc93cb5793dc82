/**
 * SFTP delivery plugin: descriptor and public API.
 */
import type { PluginDescriptor } from '../../../lib/plugin';

export const descriptor: PluginDescriptor = {
  id: 'sftp',
  kind: 'transport',
  title: 'SFTP delivery',
  since: '0.3.0',
  summary: 'Delivers billing files over SFTP: host key verified (SHA-256 fingerprint or known_hosts), temporary name then rename, idempotent re-delivery, retry with backoff.',
  configSchema: {
    type: 'object',
    required: ['host', 'username', 'folder'],
    properties: {
      host: { type: 'string' }, port: { type: 'integer', default: 22 }, username: { type: 'string' },
      privateKeyFile: { type: 'string', description: 'path to the private key (or the key in Node-RED credentials)' },
      fingerprint: { type: 'string', description: 'server host key, "SHA256:…" as ssh-keygen -lf prints it' },
      knownHostsFile: { type: 'string', description: 'a known_hosts file (alternative to fingerprint)' },
      folder: { type: 'string', description: 'remote folder; the profile folder is appended' },
    },
  },
  exampleConfig: { type: 'sftp', host: 'sftp.example.se', port: 22, username: 'imd', privateKeyFile: '/etc/imd/id_ed25519', fingerprint: 'SHA256:…', folder: '/in' },
  capabilities: ['deliver'],
  references: ['RFC 4253 §8 (host key)', 'draft-ietf-secsh-filexfer-02 (SFTP v3)', 'OpenSSH posix-rename@openssh.com', 'ssh2-sftp-client'],
};

export { SftpDelivery, type SftpDeliveryOptions } from './sftp-delivery';
export { checkHostKey, fingerprintOf, HostKeyError, knownKeys, type HostKeyPolicy } from './host-key';
