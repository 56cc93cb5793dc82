/**
 * The receipt mailer from its JSON configuration (`<data>/mail.json` for `imd bill --mail`, or
 * `--mail-config <file>`): `{"host","port","security":"starttls"|"tls"|"none","username",
 * "passwordEnv","from","to":[…],"caFile","attachFiles"}`. No secret is ever in the file: the
 * password comes from the environment variable `passwordEnv` names (or, in Node-RED, from the
 * imd-mail node's credentials).
 */
import { readFileSync } from 'node:fs';
import { readJsonFile } from '../../../lib/config-file';
import { ConfigError, describeError } from '../../../lib/errors';
import { SmtpMailer, type SmtpMailerOptions } from './smtp-mailer';

/** The server part as SmtpMailerOptions has it, with the secrets and the CA by reference, plus the recipients and attachments. */
export interface MailConfig extends Pick<SmtpMailerOptions, 'host' | 'port' | 'security' | 'username' | 'from' | 'retry'> {
  /** The name of the environment variable that holds the password. */
  passwordEnv?: string;
  /** Default recipients of the receipt (`--mail-to` replaces them). */
  to?: string[];
  /** PEM file of a private CA that signed the server's certificate. */
  caFile?: string;
  /** Attach the billing files as well as the receipt. */
  attachFiles?: boolean;
}

export const MAIL_README = 'adapters/transports/smtp/README.md';

export function readMailConfig(file: string): MailConfig {
  const c = readJsonFile(file, 'mail config', MAIL_README) as MailConfig;
  if (typeof c !== 'object' || c === null || Array.isArray(c)) throw new ConfigError(`mail config ${file}: not a JSON object (see ${MAIL_README})`);
  if ('password' in c) throw new ConfigError(`mail config ${file}: never put the password in the file; name an environment variable in "passwordEnv"`);
  return c;
}

/** A password given directly (the imd-mail node's credentials) instead of by environment variable. */
export interface MailSecrets { password?: string }

export function mailerFromConfig(c: MailConfig, secrets: MailSecrets = {}, env: NodeJS.ProcessEnv = process.env): SmtpMailer {
  let password = secrets.password || undefined;
  let passwordFrom = password ? "the imd-mail node's credentials" : undefined;
  if (!password && c.passwordEnv) {
    password = env[c.passwordEnv] || undefined;
    passwordFrom = `environment variable ${c.passwordEnv}`;
    if (!password) throw new ConfigError(`mail: ${passwordFrom} ("passwordEnv") is not set`);
  }
  if (c.username && !password) throw new ConfigError(`mail: user '${c.username}' needs a password: name its environment variable in "passwordEnv"`);
  let ca: Buffer | undefined;
  if (c.caFile) {
    try { ca = readFileSync(c.caFile); } catch (err) { throw new ConfigError(`mail: caFile ${c.caFile}: ${describeError(err)}`); }
  }
  return new SmtpMailer({ host: c.host, port: c.port, security: c.security, username: c.username || undefined, password, passwordFrom,
    from: c.from, ca, retry: c.retry });
}
