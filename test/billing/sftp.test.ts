/**
 * SFTP delivery against a real OpenSSH sshd on 127.0.0.1: upload under a temporary name then
 * rename, idempotent re-delivery, refusal of a wrong host key (fingerprint and known_hosts) with
 * a clear error and no retries, and resumption after the connection drops mid-upload (a proxy
 * cuts the first connection). Skipped with a message when openssh-server is not installed
 * (failed in CI).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import * as path from 'node:path';
import { fingerprintOf, HostKeyError, SftpDelivery, type SftpDeliveryOptions } from '../../adapters/transports/sftp';
import type { ExportFile } from '../../lib/billing';
import { freePort } from '../support/free-port';
import { requirePeer } from '../support/peer-required';
import { startSshd, type Sshd } from './sshd';

const file = (name: string, size: number): ExportFile => {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7919) % 251;
  return { name, bytes, mediaType: 'text/csv', lines: 1 };
};

/** A TCP proxy to sshd that cuts its first connection once `cutAfter` bytes went client → server. */
async function cuttingProxy(target: number, cutAfter: number): Promise<{ port: number; cuts: number; server: Server }> {
  const state = { port: await freePort(), cuts: 0, server: undefined as unknown as Server };
  let first = true;
  state.server = createServer((client: Socket) => {
    const upstream = connect(target, '127.0.0.1');
    const cut = first;
    first = false;
    let sent = 0;
    client.on('data', (d: Buffer) => {
      sent += d.length;
      if (cut && sent > cutAfter) { state.cuts++; client.destroy(); upstream.destroy(); return; }
      upstream.write(d);
    });
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => state.server.listen(state.port, '127.0.0.1', resolve));
  return state;
}

describe('billing: SFTP delivery to a real sshd', function () {
  let sshd: Sshd | undefined;
  before(async function () {
    sshd = await startSshd();
    requirePeer(this, sshd ? undefined : 'openssh-server is not installed (apt-get install openssh-server): SFTP tests');
  });
  after(async () => sshd?.stop());

  const options = (over: Partial<SftpDeliveryOptions> = {}): SftpDeliveryOptions => ({
    host: '127.0.0.1', port: sshd!.port, username: sshd!.username, privateKey: sshd!.privateKey,
    fingerprint: fingerprintOf(sshd!.hostKey), folder: path.join(sshd!.dir, 'inbox'), retry: { attempts: 3, initialDelayMs: 50 }, ...over,
  });

  it('uploads under a temporary name and renames; delivering again changes nothing', async () => {
    const files = [file('a.csv', 1000), file('b.csv', 20_000)];
    await new SftpDelivery(options()).deliver(files);
    const inbox = path.join(sshd!.dir, 'inbox');
    assert.deepEqual(readdirSync(inbox).sort(), ['a.csv', 'b.csv']);
    assert.ok(readFileSync(path.join(inbox, 'b.csv')).equals(files[1]!.bytes));
    const before = statSync(path.join(inbox, 'b.csv')).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    await new SftpDelivery(options()).deliver(files);
    assert.equal(statSync(path.join(inbox, 'b.csv')).mtimeMs, before);
  });

  it('accepts the key from known_hosts ([host]:port form)', async () => {
    const knownHosts = `# test\n[127.0.0.1]:${sshd!.port} ssh-ed25519 ${sshd!.hostKey.toString('base64')}\n`;
    await new SftpDelivery(options({ fingerprint: undefined, knownHosts, folder: path.join(sshd!.dir, 'kh') })).deliver([file('k.csv', 10)]);
    assert.deepEqual(readdirSync(path.join(sshd!.dir, 'kh')), ['k.csv']);
  });

  it('refuses a wrong host key with a clear error, without retrying', async () => {
    const other = createHash('sha256').update('another key').digest('base64').replace(/=+$/, '');
    const started = Date.now();
    await assert.rejects(new SftpDelivery(options({ fingerprint: `SHA256:${other}`, retry: { attempts: 5, initialDelayMs: 2000 } })).deliver([file('x.csv', 10)]),
      (err: Error) => err instanceof HostKeyError && /host key of 127\.0\.0\.1:\d+ is SHA256:\S+, not the configured SHA256:/.test(err.message));
    assert.ok(Date.now() - started < 2000, 'no retries after a host-key refusal');
    const knownHosts = `[127.0.0.1]:${sshd!.port} ssh-ed25519 ${Buffer.alloc(51, 1).toString('base64')}\n`;
    await assert.rejects(new SftpDelivery(options({ fingerprint: undefined, knownHosts })).deliver([file('x.csv', 10)]), /does not match known_hosts/);
    await assert.rejects(new SftpDelivery(options({ fingerprint: undefined })).deliver([file('x.csv', 10)]), /no host key configured/);
  });

  it('resumes after the connection drops mid-upload: the retry completes, no partial file stays', async () => {
    const proxy = await cuttingProxy(sshd!.port, 60_000);
    try {
      const big = file('big.csv', 400_000);
      await new SftpDelivery(options({ port: proxy.port, folder: path.join(sshd!.dir, 'resume') })).deliver([file('small.csv', 100), big]);
      assert.equal(proxy.cuts, 1);
      const dir = path.join(sshd!.dir, 'resume');
      assert.deepEqual(readdirSync(dir).sort(), ['big.csv', 'small.csv']);
      assert.ok(readFileSync(path.join(dir, 'big.csv')).equals(big.bytes));
    } finally {
      proxy.server.close();
    }
  });
});
