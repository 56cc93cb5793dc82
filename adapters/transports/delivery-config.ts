/**
 * A delivery from its JSON configuration (`<data>/delivery.json` for `imd bill --deliver`, the
 * imd-delivery config node): `{"type":"local-folder","path":…}` or `{"type":"sftp","host",
 * "port","username","privateKeyFile" | "passwordEnv","fingerprint" | "knownHostsFile","folder"}`.
 * Secrets are never in the file: a key file path or the name of an environment variable.
 * The export profile's folder is appended to the configured one.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readJsonFile } from '../../lib/config-file';
import { ConfigError } from '../../lib/errors';
import type { Delivery } from '../../lib/billing/delivery';
import { LocalFolderDelivery } from './local-folder';
import { SftpDelivery, type SftpDeliveryOptions } from './sftp';

export type DeliveryConfig =
  | { type: 'local-folder'; path: string }
  | { type: 'sftp'; host: string; port?: number; username: string; privateKeyFile?: string; passwordEnv?: string;
    fingerprint?: string; knownHostsFile?: string; folder?: string; retry?: SftpDeliveryOptions['retry'] };

export function readDeliveryConfig(file: string): DeliveryConfig {
  return readJsonFile(file, 'delivery config', 'adapters/transports/sftp/README.md') as DeliveryConfig;
}

/** Secrets given directly (Node-RED credentials) instead of by file or environment. */
export interface DeliverySecrets { privateKey?: string; password?: string; passphrase?: string }

export function deliveryFromConfig(c: DeliveryConfig, subfolder = '', secrets: DeliverySecrets = {}, env: NodeJS.ProcessEnv = process.env): Delivery {
  if (c.type === 'local-folder') {
    if (!c.path) throw new ConfigError('delivery: local-folder needs "path"');
    return new LocalFolderDelivery(path.join(c.path, subfolder));
  }
  if (c.type !== 'sftp') throw new ConfigError(`delivery: unknown type '${(c as { type: string }).type}' (local-folder or sftp)`);
  if (!c.host || !c.username) throw new ConfigError('delivery: sftp needs "host" and "username"');
  if (!c.fingerprint && !c.knownHostsFile) throw new ConfigError('delivery: sftp needs the server\'s "fingerprint" or a "knownHostsFile"; unverified servers are refused');
  return new SftpDelivery({
    host: c.host, port: c.port, username: c.username, folder: path.posix.join(c.folder ?? '.', subfolder), retry: c.retry,
    privateKey: secrets.privateKey ?? (c.privateKeyFile ? readFileSync(c.privateKeyFile) : undefined),
    password: secrets.password ?? (c.passwordEnv ? env[c.passwordEnv] : undefined), passphrase: secrets.passphrase,
    fingerprint: c.fingerprint, knownHosts: c.knownHostsFile ? readFileSync(c.knownHostsFile, 'utf8') : undefined,
  });
}
