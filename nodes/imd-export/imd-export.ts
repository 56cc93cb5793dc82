/**
 * Node-RED node `imd-export`: exports a close (msg.close from imd-billing-close) in a billing
 * format (generic CSV, Excel, fi2xml or a vendor default profile, with profile overrides),
 * with an imd-delivery config node delivers it, and with an imd-mail config node and recipients
 * mails the receipt; sends the export receipt (msg.payload) and the files (msg.files:
 * [{name, bytes}]). Wiring only: the work is in export-runner.ts.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { describeError } from '../../lib/errors';
import type { Delivery } from '../../lib/billing';
import { runExport, type ExportMail, type ExportRunnerConfig } from './export-runner';

type ExportNodeDef = NodeDef & ExportRunnerConfig & { delivery?: string; mail?: string };
/** The imd-delivery config node as this node uses it. */
type DeliveryNode = Node & { deliveryFor(folder: string): Delivery };
/** The imd-mail config node as this node uses it. */
type MailNode = Node & { mailing(): ExportMail };

export = function registerExport(RED: NodeAPI): void {
  function ExportNode(this: Node, config: ExportNodeDef): void {
    RED.nodes.createNode(this, config);
    const deliveryNode = config.delivery ? (RED.nodes.getNode(config.delivery) as DeliveryNode | null) : null;
    const mailNode = config.mail ? (RED.nodes.getNode(config.mail) as MailNode | null) : null;
    this.status({ fill: 'grey', shape: 'ring', text: config.format || 'generic-csv' });

    this.on('input', (msg, send, done) => {
      this.status({ fill: 'blue', shape: 'ring', text: 'exporting' });
      runExport(config, msg as Record<string, unknown>, deliveryNode ? (folder) => deliveryNode.deliveryFor(folder) : undefined,
        mailNode ? () => mailNode.mailing() : undefined).then(({ receipt, files }) => {
        this.status({ fill: 'green', shape: 'dot', text: `${receipt.period}: ${receipt.lines} lines${receipt.deliveredAt ? ', delivered' : ''}${receipt.mailedAt ? ', mailed' : ''}` });
        send({ ...msg, payload: receipt, files: files.map((f) => ({ name: f.name, bytes: f.bytes })) });
        done();
      }, (err: unknown) => {
        this.status({ fill: 'red', shape: 'ring', text: describeError(err).slice(0, 40) });
        done(err instanceof Error ? err : new Error(describeError(err)));
      });
    });

    this.on('close', (_removed: boolean, done: () => void) => {
      this.status({});
      done();
    });
  }

  RED.nodes.registerType('imd-export', ExportNode);
};
