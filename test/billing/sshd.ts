/**
 * A real OpenSSH sshd on 127.0.0.1 for the SFTP delivery tests: fresh host and client keys in a
 * temporary folder, a config that lets the current user in by key only (root by key only:
 * PermitRootLogin prohibit-password), internal-sftp, a free port. `startSshd()` resolves to
 * undefined when sshd or ssh-keygen is not installed (apt-get install openssh-server).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import * as path from 'node:path';
import { freePort } from '../support/free-port';
import { stopServer, waitForPort } from '../support/server-process';

export interface Sshd {
  port: number;
  username: string;
  dir: string;
  privateKey: Buffer;
  /** The server's host key blob (for fingerprints and known_hosts). */
  hostKey: Buffer;
  stop(): Promise<void>;
}

const SSHD = '/usr/sbin/sshd';

const keygen = (file: string) => spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file], { stdio: 'ignore' });
const blob = (pub: string) => Buffer.from(readFileSync(pub, 'utf8').split(/\s+/)[1]!, 'base64');

export async function startSshd(): Promise<Sshd | undefined> {
  if (!existsSync(SSHD) || spawnSync('ssh-keygen', ['-?']).error) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'imd-sshd-'));
  const username = userInfo().username;
  keygen(path.join(dir, 'host_ed25519'));
  keygen(path.join(dir, 'client_ed25519'));
  mkdirSync(path.join(dir, 'keys'));
  writeFileSync(path.join(dir, 'keys', username), readFileSync(path.join(dir, 'client_ed25519.pub')));
  mkdirSync('/run/sshd', { recursive: true });
  const port = await freePort();
  writeFileSync(path.join(dir, 'sshd_config'), [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${dir}/host_ed25519`, `PidFile ${dir}/sshd.pid`,
    `AuthorizedKeysFile ${dir}/keys/%u`, 'StrictModes no', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes', 'PermitRootLogin prohibit-password', 'UsePAM no', `AllowUsers ${username}`,
    'Subsystem sftp internal-sftp', '',
  ].join('\n'));
  const child = spawn(SSHD, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  try {
    await waitForPort(port, 'sshd', child, 5000);
  } catch (err) {
    await stopServer(child, dir);
    throw new Error(`${(err as Error).message}\n${log}`);
  }
  return {
    port, username, dir, privateKey: readFileSync(path.join(dir, 'client_ed25519')), hostKey: blob(path.join(dir, 'host_ed25519.pub')),
    stop: () => stopServer(child, dir),
  };
}
