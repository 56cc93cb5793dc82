/**
 * One imd node inside the Node-RED runtime (node-red-node-test-helper) for the validation node
 * tests: every output wired to a helper, a Catch and a Complete node scoped to it, so `send`
 * resolves when the node has called done() — with or without an error — and its messages and
 * status calls are collected.
 */
import helper = require('node-red-node-test-helper');

const catchNode = require('@node-red/nodes/core/common/25-catch.js');
const completeNode = require('@node-red/nodes/core/common/24-complete.js');

helper.init(require.resolve('node-red'));

export type Msg = Record<string, any>;

export interface Harness {
  /** Messages per output port. */
  outputs: Msg[][];
  /** Errors the node reported with done(err), as a Catch node sees them. */
  caught: Msg[];
  /** Every status the node showed, oldest first. */
  statuses: Array<{ fill?: string; shape?: string; text?: string }>;
  /** Delivers a message; resolves once the node has called done() and its messages arrived. */
  send(msg: Msg): Promise<void>;
}

export async function loadNode(module: unknown, config: Msg & { type: string }, outputs = 1): Promise<Harness> {
  const ports = Array.from({ length: outputs }, (_, i) => `out${i}`);
  const flow = [
    { id: 'f1', type: 'tab' },
    { id: 'dut', z: 'f1', ...config, wires: ports.map((p) => [p]) },
    ...ports.map((id) => ({ id, type: 'helper', z: 'f1' })),
    { id: 'catcher', type: 'catch', z: 'f1', scope: ['dut'], uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper', z: 'f1' },
    { id: 'completer', type: 'complete', z: 'f1', scope: ['dut'], uncaught: false, wires: [['completed']] },
    { id: 'completed', type: 'helper', z: 'f1' },
  ];
  await helper.load([module, catchNode, completeNode], flow);
  const h: Harness = { outputs: ports.map(() => []), caught: [], statuses: [], send: async () => undefined };
  ports.forEach((id, i) => helper.getNode(id).on('input', (m: Msg) => { h.outputs[i]!.push(m); }));
  helper.getNode('caught').on('input', (m: Msg) => { h.caught.push(m); finished(); });
  helper.getNode('completed').on('input', () => finished());
  (helper.getNode('dut') as unknown as NodeJS.EventEmitter).on('call:status', (call: { args: [Msg] }) => { h.statuses.push(call.args[0]); });
  let finished: () => void = () => undefined;
  h.send = (msg) => new Promise<void>((resolve) => {
    finished = () => setTimeout(resolve, 20); // messages sent before done() are delivered by then
    helper.getNode('dut').receive(msg);
  });
  return h;
}

/** Stops the flow (closing the node) and forgets it. */
export const unloadNode = (): Promise<void> => helper.unload();
