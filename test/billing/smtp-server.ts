/**
 * A real SMTP server on 127.0.0.1 for the receipt-mail tests: smtp-server.py (Debian
 * python3-aiosmtpd, run with /usr/bin/python3) on a free port, optionally with STARTTLS or
 * implicit TLS under a throwaway CA made with openssl, AUTH for one user, and refused
 * recipients. Every accepted mail is kept as .eml and, parsed by Python's email package, as
 * JSON, which `received()` returns in order.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort } from '../support/free-port';
import { repoRoot } from '../support/repo-root';
import { stopServer, waitForPort } from '../support/server-process';

const PYTHON = '/usr/bin/python3';

/** Why the server cannot run here (undefined when it can). */
export function smtpPeerMissing(): string | undefined {
  if (spawnSync(PYTHON, ['-c', 'import aiosmtpd.controller'], { stdio: 'ignore' }).status !== 0) {
    return 'python3-aiosmtpd is not installed for /usr/bin/python3 (apt-get install python3-aiosmtpd): SMTP receipt-mail tests';
  }
  if (spawnSync('openssl', ['version'], { stdio: 'ignore' }).status !== 0) return 'openssl is not installed (apt-get install openssl): SMTP receipt-mail tests';
  return undefined;
}

export interface TestCa { caFile: string; certFile: string; keyFile: string }

/** A throwaway CA and a server certificate it signed for 127.0.0.1 and localhost, in `dir`. */
export function makeTestCa(dir: string): TestCa {
  const f = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => {
    const r = spawnSync('openssl', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr}`);
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', '/CN=IMD test CA');
  openssl('req', ...ec, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=127.0.0.1');
  writeFileSync(f('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl('x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('server.pem'), '-days', '2', '-extfile', f('server.ext'));
  return { caFile: f('ca.pem'), certFile: f('server.pem'), keyFile: f('server.key') };
}

export interface SmtpServerOptions {
  /** Offer STARTTLS with this certificate (or TLS from the first byte with `implicitTls`). */
  tls?: TestCa;
  implicitTls?: boolean;
  /** Offer AUTH (over TLS only) and accept this user and password. */
  user?: string;
  password?: string;
  /** Recipients refused at RCPT with 550. */
  refuse?: string[];
}

export interface ReceivedMail {
  mailFrom: string; rcptTos: string[]; tls: boolean; login: string | null;
  subject: string; from: string; to: string[]; text: string;
  attachments: Array<{ filename: string; contentType: string; base64: string }>;
}

export interface SmtpServer {
  port: number;
  /** The mails accepted so far, oldest first. */
  received(): ReceivedMail[];
  stop(): Promise<void>;
}

export async function startSmtpServer(o: SmtpServerOptions = {}): Promise<SmtpServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'imd-smtp-'));
  const inbox = path.join(dir, 'inbox');
  mkdirSync(inbox);
  const port = await freePort();
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({
    port, dir: inbox, certFile: o.tls?.certFile, keyFile: o.tls?.keyFile, implicitTls: o.implicitTls, user: o.user, password: o.password, refuse: o.refuse,
  }));
  const script = path.join(repoRoot(__dirname), 'test', 'billing', 'smtp-server.py');
  const child = spawn(PYTHON, [script, path.join(dir, 'config.json')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  const stop = () => stopServer(child, dir);
  try {
    await waitForPort(port, 'smtp-server.py', child);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${log}`);
  }
  return {
    port, stop,
    received: () => readdirSync(inbox).filter((n) => n.endsWith('.json')).sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
      .map((n) => JSON.parse(readFileSync(path.join(inbox, n), 'utf8')) as ReceivedMail),
  };
}

/** An attachment's bytes. */
export const attachmentBytes = (a: { base64: string }): Buffer => Buffer.from(a.base64, 'base64');
