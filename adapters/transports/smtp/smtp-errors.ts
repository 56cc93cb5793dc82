/**
 * What a nodemailer failure means, in words a person can act on: the server could not be
 * reached, refused the login, failed TLS (STARTTLS not offered, a certificate not trusted, TLS
 * on a plain port), refused a recipient — each a ReceiptMailError naming the server and what to
 * check. The password never reaches a message: the texts are built from the SMTP reply and the
 * system error code, then scrubbed of the password in plain and base64 form. `transient` says
 * whether trying again later can help (unreachable, or a 4xx reply).
 */
import { ReceiptMailError, type MailFailure } from '../../../lib/billing/receipt-mail';
import { transportError } from '../transport-error';

/** The fields nodemailer puts on its errors (dist/cjs/errors.d.ts). */
interface NodemailerFailure { message?: string; code?: string; originalCode?: string; response?: string; responseCode?: number; command?: string }

export interface FailureContext {
  /** "smtp://user@host:port (security)". */
  server: string;
  username?: string;
  password?: string;
  /** Where the password comes from, for the hint: "environment variable IMD_SMTP_PASSWORD". */
  passwordFrom?: string;
}

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const CERTIFICATE = /CERT|SIGNATURE|ISSUER|ALTNAME|HOSTNAME|VERIFY/;

function classify(e: NodemailerFailure, c: FailureContext): [MailFailure, string] {
  const reply = e.response ?? e.message ?? 'no reply';
  const system = e.originalCode ?? '';
  if (e.code === 'EAUTH') {
    return ['auth', `login as '${c.username}' refused: ${reply} (check the user name and the password${c.passwordFrom ? ` in ${c.passwordFrom}` : ''})`];
  }
  if (e.code === 'ENOAUTH') return ['auth', `the server wants a login, but no password is configured${c.passwordFrom ? ` (${c.passwordFrom} is empty)` : ''}`];
  if (e.code === 'ETLS' && e.command === 'STARTTLS') {
    return ['tls', `the server does not offer STARTTLS (${reply}); nothing was sent — security "starttls" needs TLS before the login and the mail (use "tls" for port 465, "none" only for a trusted relay)`];
  }
  if (e.code === 'ETLS' || system.startsWith('ERR_SSL') || system.startsWith('ERR_TLS') || CERTIFICATE.test(system)) {
    const why = CERTIFICATE.test(system) ? `the server's certificate is not trusted: ${e.message} (${system}); for a private CA set caFile to its PEM`
      : system === 'ERR_SSL_WRONG_VERSION_NUMBER' ? 'TLS handshake failed: the port does not speak TLS (use "starttls" for ports 587 and 25, "tls" for 465)'
        : `TLS failed: ${e.message}`;
    return ['tls', why];
  }
  if (e.code === 'EENVELOPE' && e.command === 'RCPT TO') return ['recipient', `recipient refused: ${reply}`];
  if (e.code === 'EENVELOPE') return ['other', `the envelope was refused (${e.command}): ${reply}`];
  if (NETWORK.has(system) || e.code === 'ECONNECTION' || e.code === 'ETIMEDOUT' || e.code === 'EDNS') {
    const what = 'cannot reach the SMTP server';
    const reason = NETWORK.has(system) ? transportError(what, Object.assign(new Error(e.message), { code: system })).message : `${what}: ${e.message ?? e.code}`;
    return ['unreachable', `${reason} (is it running, and are host and port right?)`];
  }
  return ['other', e.response ? `the server refused the mail: ${reply}` : e.message ?? String(e)];
}

/** Removes the password, and the base64 forms AUTH LOGIN and AUTH PLAIN send, from a text. */
export function scrubbed(text: string, c: FailureContext): string {
  if (!c.password) return text;
  const secrets = [c.password, Buffer.from(c.password).toString('base64'), Buffer.from(`\0${c.username ?? ''}\0${c.password}`).toString('base64')];
  return secrets.reduce((t, s) => t.split(s).join('***'), text);
}

export function smtpFailure(err: unknown, c: FailureContext): { error: ReceiptMailError; transient: boolean } {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as NodemailerFailure;
  const [failure, why] = classify(e, c);
  const transient = failure === 'unreachable' || (e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500 && failure !== 'tls');
  return { error: new ReceiptMailError(scrubbed(`${c.server}: ${why}`, c), failure), transient };
}
