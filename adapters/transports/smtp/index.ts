/**
 * SMTP receipt-mail plugin: descriptor and public API.
 */
import type { PluginDescriptor } from '../../../lib/plugin';

export const descriptor: PluginDescriptor = {
  id: 'smtp',
  kind: 'transport',
  title: 'SMTP receipt mail',
  since: '0.3.0',
  summary: 'Mails the export receipt (readable text, the receipt JSON attached, optionally the billing files) over SMTP: STARTTLS required by default, certificates verified, password from the environment or Node-RED credentials.',
  configSchema: {
    type: 'object',
    required: ['host', 'from'],
    properties: {
      host: { type: 'string' },
      port: { type: 'integer', description: 'default 587 (starttls), 465 (tls), 25 (none)' },
      security: { enum: ['starttls', 'tls', 'none'], default: 'starttls', description: 'starttls: TLS required before login and mail; tls: TLS from the first byte; none: no TLS (a trusted relay)' },
      username: { type: 'string' },
      passwordEnv: { type: 'string', description: 'name of the environment variable holding the password (never the password itself)' },
      from: { type: 'string', description: 'sender address' },
      to: { type: 'array', items: { type: 'string' }, description: 'recipients (imd bill --mail-to replaces them)' },
      caFile: { type: 'string', description: 'PEM of a private CA that signed the server certificate' },
      attachFiles: { type: 'boolean', default: false, description: 'attach the billing files too' },
    },
  },
  exampleConfig: { host: 'smtp.example.se', port: 587, security: 'starttls', username: 'imd@example.se', passwordEnv: 'IMD_SMTP_PASSWORD',
    from: 'IMD hub <imd@example.se>', to: ['ekonomi@example.se'], attachFiles: false },
  capabilities: ['mail'],
  references: ['RFC 5321 (SMTP)', 'RFC 3207 (STARTTLS)', 'RFC 8314 (implicit TLS for submission)', 'RFC 4954 (SMTP AUTH)', 'nodemailer'],
};

export { SmtpMailer, type SmtpMailerOptions, type SmtpSecurity } from './smtp-mailer';
export { MAIL_README, mailerFromConfig, readMailConfig, type MailConfig, type MailSecrets } from './mail-config';
