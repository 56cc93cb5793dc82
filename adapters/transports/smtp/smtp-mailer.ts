/**
 * The receipt mailer over SMTP (nodemailer): STARTTLS required by default (requireTLS — the
 * login and the mail never go in clear), implicit TLS ("tls", port 465) or, explicitly, no TLS
 * ("none", for a relay; a login without TLS only to the local machine). Certificates are always
 * verified, against the system's CAs or a private CA given as PEM. A server that cannot be
 * reached (or answers 4xx) is tried again with backoff; a refused login, a TLS failure or a
 * refused recipient is not. Failures are ReceiptMailErrors without the password (smtp-errors.ts).
 */
import nodemailer from 'nodemailer';
import type { ReceiptMail, ReceiptMailer } from '../../../lib/billing/receipt-mail';
import { ConfigError } from '../../../lib/errors';
import { withBackoff, type BackoffOptions } from '../backoff';
import { smtpFailure, type FailureContext } from './smtp-errors';

export type SmtpSecurity = 'starttls' | 'tls' | 'none';

export interface SmtpMailerOptions {
  host: string;
  /** Default 587 for starttls, 465 for tls, 25 for none. */
  port?: number;
  security?: SmtpSecurity;
  username?: string;
  password?: string;
  /** Where the password came from, named in a refused-login message ("environment variable X"). */
  passwordFrom?: string;
  from: string;
  /** PEM of a private CA that signed the server's certificate (added to the system's CAs). */
  ca?: string | Buffer;
  retry?: BackoffOptions;
  /** Bound on connecting, the greeting and each reply (default 15 000 ms). */
  timeoutMs?: number;
}

const DEFAULT_PORT: Record<SmtpSecurity, number> = { starttls: 587, tls: 465, none: 25 };
const LOCAL = new Set(['localhost', '127.0.0.1', '::1']);

export class SmtpMailer implements ReceiptMailer {
  readonly server: string;
  private readonly security: SmtpSecurity;
  private readonly port: number;
  private readonly failure: FailureContext;

  constructor(private readonly o: SmtpMailerOptions) {
    this.security = o.security ?? 'starttls';
    if (!(this.security in DEFAULT_PORT)) throw new ConfigError(`mail: security '${o.security}' is not starttls, tls or none`);
    if (!o.host) throw new ConfigError('mail: "host" is needed');
    if (!o.from) throw new ConfigError('mail: "from" (the sender address) is needed');
    if (this.security === 'none' && o.username && !LOCAL.has(o.host)) {
      throw new ConfigError(`mail: a login to ${o.host} without TLS would send the password in clear; use security "starttls" or "tls" (a login without TLS is allowed only to localhost)`);
    }
    this.port = o.port ?? DEFAULT_PORT[this.security];
    this.server = `smtp://${o.username ? `${o.username}@` : ''}${o.host}:${this.port} (${this.security})`;
    this.failure = { server: this.server, username: o.username, password: o.password, passwordFrom: o.passwordFrom };
  }

  async send(mail: ReceiptMail, to: readonly string[]): Promise<{ accepted: string[]; refused: string[] }> {
    const retry = { attempts: 3, initialDelayMs: 1000, maxDelayMs: 10_000, ...this.o.retry };
    try {
      return await withBackoff(() => this.attempt(mail, to), retry, undefined, (err) => !smtpFailure(err, this.failure).transient);
    } catch (err) {
      throw smtpFailure(err, this.failure).error;
    }
  }

  private async attempt(mail: ReceiptMail, to: readonly string[]): Promise<{ accepted: string[]; refused: string[] }> {
    const timeout = this.o.timeoutMs ?? 15_000;
    const transport = nodemailer.createTransport({
      host: this.o.host, port: this.port,
      secure: this.security === 'tls', requireTLS: this.security === 'starttls', ignoreTLS: this.security === 'none',
      auth: this.o.username ? { user: this.o.username, pass: this.o.password ?? '' } : undefined,
      tls: { ca: this.o.ca, minVersion: 'TLSv1.2' },
      connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout,
      disableFileAccess: true, disableUrlAccess: true,
    });
    try {
      const info = await transport.sendMail({
        from: this.o.from, to: [...to], subject: mail.subject, text: mail.text,
        attachments: mail.attachments.map((a) => ({ filename: a.name, content: a.bytes, contentType: a.mediaType })),
      });
      const refused = (info.rejectedErrors ?? []).map((e) => `${(e as { recipient?: string }).recipient ?? '?'} (${(e as { response?: string }).response ?? e.message})`);
      return { accepted: info.accepted.map(String), refused };
    } finally {
      transport.close();
    }
  }
}
