/**
 * SFTP delivery (ssh2-sftp-client): verify the server's host key, create the folder, upload
 * each file under a temporary name ('.<name>.part') and rename it into place (posix-rename,
 * which replaces atomically), so the billing system never sees half a file. A file already at
 * its final name with the same size was put there by a completed upload (rename comes last) and
 * is skipped: re-delivering a close is idempotent, and a retry after a dropped connection
 * resumes with the files not yet in place. Connection failures are retried with backoff; a
 * wrong host key is not.
 */
import * as path from 'node:path/posix';
import SftpClient from 'ssh2-sftp-client';
import type { Delivery } from '../../../lib/billing/delivery';
import type { ExportFile } from '../../../lib/billing/export';
import { withBackoff, type BackoffOptions } from '../backoff';
import { checkHostKey, HostKeyError, type HostKeyPolicy } from './host-key';

export interface SftpDeliveryOptions extends HostKeyPolicy {
  host: string;
  port?: number;
  username: string;
  privateKey?: string | Buffer;
  passphrase?: string;
  password?: string;
  /** Remote folder (created when missing). */
  folder: string;
  retry?: BackoffOptions;
  readyTimeoutMs?: number;
}

export class SftpDelivery implements Delivery {
  readonly target: string;
  private readonly port: number;

  constructor(private readonly o: SftpDeliveryOptions) {
    this.port = o.port ?? 22;
    this.target = `sftp://${o.username}@${o.host}:${this.port}${path.resolve('/', o.folder)}`;
  }

  async deliver(files: readonly ExportFile[]): Promise<void> {
    await withBackoff(() => this.attempt(files), { attempts: 5, initialDelayMs: 500, maxDelayMs: 10_000, ...this.o.retry },
      undefined, (err) => err instanceof HostKeyError);
  }

  private async attempt(files: readonly ExportFile[]): Promise<void> {
    const client = new SftpClient('imd-delivery');
    let refusal: string | undefined;
    try {
      await client.connect({
        host: this.o.host, port: this.port, username: this.o.username, privateKey: this.o.privateKey, passphrase: this.o.passphrase,
        password: this.o.password, readyTimeout: this.o.readyTimeoutMs ?? 10_000,
        hostVerifier: (key: Buffer) => !(refusal = checkHostKey(this.o, this.o.host, this.port, key)),
      } as SftpClient.ConnectOptions);
    } catch (err) {
      await client.end().catch(() => undefined);
      if (refusal) throw new HostKeyError(refusal);
      throw err;
    }
    try {
      const folder = path.resolve('/', this.o.folder) === '/' ? '.' : this.o.folder;
      if (folder !== '.' && !(await client.exists(folder))) await client.mkdir(folder, true);
      for (const f of files) await this.putOne(client, folder, f);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async putOne(client: SftpClient, folder: string, f: ExportFile): Promise<void> {
    const final = path.join(folder, f.name);
    if ((await client.exists(final)) === '-' && (await client.stat(final)).size === f.bytes.length) return;
    const temp = path.join(folder, `.${f.name}.part`);
    await client.put(f.bytes, temp);
    await client.posixRename(temp, final);
  }
}
