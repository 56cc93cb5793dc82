/**
 * Host-key verification for SFTP delivery: the server's key must match a configured SHA-256
 * fingerprint ("SHA256:…" as `ssh-keygen -lf` prints it) or an entry for the host in
 * known_hosts text (plain or hashed `|1|salt|hash` host names, `[host]:port` for other ports).
 * Anything else is refused with a HostKeyError that names both fingerprints.
 */
import { createHash, createHmac } from 'node:crypto';

export class HostKeyError extends Error {
  override name = 'HostKeyError';
}

export interface HostKeyPolicy {
  /** "SHA256:<base64 without padding>". */
  fingerprint?: string;
  /** known_hosts file contents. */
  knownHosts?: string;
}

export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

function hostMatches(pattern: string, names: string[]): boolean {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    return names.some((n) => createHmac('sha1', Buffer.from(salt!, 'base64')).update(n).digest('base64') === hash);
  }
  return pattern.split(',').some((p) => names.includes(p));
}

/** The keys known_hosts lists for host:port (base64 key blobs). */
export function knownKeys(knownHosts: string, host: string, port: number): string[] {
  const names = port === 22 ? [host, `[${host}]:22`] : [`[${host}]:${port}`];
  return knownHosts.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#') && !l.startsWith('@'))
    .map((l) => l.split(/\s+/)).filter((f) => f.length >= 3 && hostMatches(f[0]!, names)).map((f) => f[2]!);
}

/** Checks a presented key; returns undefined when accepted, else the reason. */
export function checkHostKey(policy: HostKeyPolicy, host: string, port: number, key: Buffer): string | undefined {
  const presented = fingerprintOf(key);
  if (policy.fingerprint) {
    const expected = policy.fingerprint.trim().replace(/=+$/, '');
    return presented === expected ? undefined
      : `host key of ${host}:${port} is ${presented}, not the configured ${expected}; refusing to deliver (a changed server key or a man in the middle)`;
  }
  if (policy.knownHosts !== undefined) {
    const keys = knownKeys(policy.knownHosts, host, port);
    if (keys.includes(key.toString('base64'))) return undefined;
    return keys.length === 0 ? `${host}:${port} is not in known_hosts (its key is ${presented}); add it after checking the fingerprint`
      : `host key of ${host}:${port} is ${presented}, which does not match known_hosts; refusing to deliver`;
  }
  return `no host key configured for ${host}:${port} (its key is ${presented}); set a fingerprint or known_hosts`;
}
