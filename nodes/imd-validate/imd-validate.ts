/**
 * Node-RED node `imd-validate`: batches of readings (msg.payload = Reading[]) checked by the
 * validation rules. Output 1: the valid readings; output 2: the flagged readings with
 * msg.findings (rule, severity, message). Status: counts so far. Wiring only: the work is in
 * validate-controller.ts and lib/validation.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { describeError } from '../../lib/errors';
import { ValidateController, type ValidateConfig } from './validate-controller';

type ValidateNodeDef = NodeDef & ValidateConfig;

export = function registerValidate(RED: NodeAPI): void {
  function ValidateNode(this: Node, config: ValidateNodeDef): void {
    RED.nodes.createNode(this, config);
    const controller = new ValidateController(config);
    this.status({ fill: 'grey', shape: 'ring', text: 'ready' });

    this.on('input', (msg, send, done) => {
      let result;
      try {
        result = controller.validate(msg.payload);
      } catch (err) {
        this.status({ fill: 'red', shape: 'ring', text: describeError(err).slice(0, 40) });
        done(err instanceof Error ? err : new Error(describeError(err)));
        return;
      }
      this.status(controller.status());
      send([
        result.valid.length > 0 ? { ...msg, payload: result.valid } : null,
        result.flagged.length > 0 || result.findings.length > 0 ? { ...msg, payload: result.flagged, findings: result.findings } : null,
      ]);
      done();
    });

    this.on('close', (_removed: boolean, done: () => void) => {
      controller.close();
      this.status({});
      done();
    });
  }

  RED.nodes.registerType('imd-validate', ValidateNode);
};
