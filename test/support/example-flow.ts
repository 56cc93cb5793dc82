/**
 * An example flow from flows/examples run in the Node-RED test helper: its debug nodes become
 * helper nodes that collect messages by debug name, `click` sends a message into an inject node
 * by name (as its button does), `until` waits, within a bound, for a debug to hold a count of
 * messages. Core inject, catch and comment nodes are loaded with the given IMD nodes.
 * `exampleDataDir` gives each test a fresh data folder as IMD_DATA.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import helper = require('node-red-node-test-helper');
import { repoRoot } from './repo-root';

type Msg = Record<string, any>;

const CORE = ['20-inject', '25-catch', '90-comment'].map((f) => require(`@node-red/nodes/core/common/${f}.js`));

export interface ExampleFlow {
  /** The flow as loaded (debug nodes as helpers). */
  nodes: Msg[];
  /** Messages per debug node name. */
  debug: Record<string, Msg[]>;
  click(inject: string, msg?: Msg): void;
  until(debugName: string, count: number, timeoutMs?: number): Promise<void>;
}

/** Loads flows/examples/<name>.json with `nodes`; `adjust` may change a node first (e.g. a folder into a temporary one). */
export async function loadExample(name: string, nodes: unknown[], adjust: (n: Msg) => Msg = (n) => n): Promise<ExampleFlow> {
  const file = path.join(repoRoot(), 'flows', 'examples', `${name}.json`);
  const flow = (JSON.parse(readFileSync(file, 'utf8')) as Msg[]).map((n) => (n.type === 'debug' ? { id: n.id, z: n.z, name: n.name, type: 'helper' } : adjust(n)));
  await helper.load([...nodes, ...CORE], flow as helper.TestFlows);
  const debug: Record<string, Msg[]> = {};
  let arrived: () => void = () => undefined;
  for (const n of flow.filter((d) => d.type === 'helper')) {
    debug[n.name] = [];
    helper.getNode(n.id).on('input', (m: Msg) => { debug[n.name]!.push(m); arrived(); });
  }
  return {
    nodes: flow, debug,
    click: (inject, msg = {}) => helper.getNode(flow.find((n) => n.type === 'inject' && n.name === inject)!.id).receive(msg),
    until: (name, count, timeoutMs = 5000) => new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name}: ${debug[name]!.length} of ${count} messages`)), timeoutMs);
      arrived = () => { if (debug[name]!.length >= count) { clearTimeout(timer); resolve(); } };
      arrived();
    }),
  };
}

/** Per test: a fresh temporary folder as IMD_DATA (filled by `fill`); after it, the flow unloaded, IMD_DATA restored, the folder removed. */
export function exampleDataDir(fill: (dir: string) => void = () => undefined): () => string {
  let dir = '';
  const saved = process.env.IMD_DATA;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'imd-example-'));
    fill(dir);
    process.env.IMD_DATA = dir;
  });
  afterEach(async () => {
    await helper.unload();
    if (saved === undefined) delete process.env.IMD_DATA; else process.env.IMD_DATA = saved;
    rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}
