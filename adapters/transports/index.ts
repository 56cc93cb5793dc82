/**
 * Transport plugin registry: one import line per transport (remove a transport = delete its
 * folder and its line here).
 */
import type { PluginDescriptor } from '../../lib/plugin';
import * as localFolder from './local-folder';
import * as serial from './serial';
import * as sftp from './sftp';
import * as smtp from './smtp';
import * as tcp from './tcp';

export const transports: readonly PluginDescriptor[] = [tcp.descriptor, serial.descriptor, sftp.descriptor, localFolder.descriptor, smtp.descriptor];
