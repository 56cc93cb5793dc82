/**
 * Node-RED config node `imd-mail`: the SMTP server the imd-export node mails export receipts
 * through — host, port, security (STARTTLS required by default, implicit TLS, or none for a
 * trusted relay), user, sender, a private CA file, whether to attach the billing files. The
 * password lives in the node's credentials only. Wiring only: adapters/transports/smtp builds
 * the mailer when a receipt is mailed (nothing connects on deploy).
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { mailerFromConfig, type MailConfig, type SmtpSecurity } from '../../adapters/transports/smtp';
import type { ExportMail } from '../imd-export/export-runner';

interface MailCredentials { password?: string }

interface MailDef extends NodeDef {
  host: string; port: string; security: SmtpSecurity; username: string; from: string; caFile: string; attachFiles: boolean;
}

interface MailNode extends Node<MailCredentials> {
  mailing(): ExportMail;
}

export = function registerMail(RED: NodeAPI): void {
  function MailConfigNode(this: MailNode, config: MailDef): void {
    RED.nodes.createNode(this, config);
    const c: MailConfig = {
      host: config.host, port: Number(config.port) || undefined, security: config.security || 'starttls', username: config.username || undefined,
      from: config.from, caFile: config.caFile || undefined,
    };
    this.mailing = () => ({ mailer: mailerFromConfig(c, { password: this.credentials?.password }), attachFiles: config.attachFiles === true });
  }

  RED.nodes.registerType<MailNode, MailDef, object, MailCredentials>('imd-mail', MailConfigNode, {
    credentials: { password: { type: 'password' } },
  });
};
