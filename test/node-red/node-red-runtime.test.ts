/**
 * The real Node-RED runtime, started the way users start it (scripts/start.js → red.js) on a
 * free port with a temporary data folder: our package loads, the first-start demo flow is
 * there with its simulated gateway listening, the examples show under Import > Examples and
 * use only core and imd-* nodes, a flow deployed through the admin API decodes over HTTP and round-trips through GET /flows, and
 * SIGTERM stops everything. IMD_NODE_RED selects another Node-RED install: the Node-RED 5
 * check (scripts/node-red-5-check.sh) runs this file under Node 22 with node-red@5.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { NodeRedProcess } from '../support/node-red-process';
import { repoRoot } from '../support/repo-root';
import { BAD_CHECKSUM, WATER_METER } from './telegrams';

const root = repoRoot();
const pkg = require(path.join(root, 'package.json')) as { name: string; 'node-red': { nodes: Record<string, string> } };
/** Every node type package.json declares, and every example flow in flows/examples (file name = menu entry). */
const ourTypes = Object.keys(pkg['node-red'].nodes).sort();
const ourExamples = fs.readdirSync(path.join(root, 'flows', 'examples')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
const nodeRedDir = path.resolve(process.env.IMD_NODE_RED || path.dirname(require.resolve('node-red/package.json')));
const nodeRedVersion = (require(path.join(nodeRedDir, 'package.json')) as { version: string }).version;
const READY_TIMEOUT_MS = 30000;
const STOP_TIMEOUT_MS = 15000;

interface NodeSet { module: string; types: string[]; enabled: boolean; err?: string }
interface FlowNode { id: string; type: string; [key: string]: unknown }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`Node-RED ${nodeRedVersion} runtime on Node ${process.version} (scripts/start.js)`, function () {
  this.timeout(READY_TIMEOUT_MS + STOP_TIMEOUT_MS);
  let dataDir = '';
  let nodeRed: NodeRedProcess | undefined;

  const get = async (route: string) => {
    const res = await fetch(nodeRed!.base + route, { headers: { Accept: 'application/json' } });
    assert.equal(res.status, 200, `GET ${route}`);
    return res.json();
  };
  const post = (route: string, body: string, headers: Record<string, string>) =>
    fetch(nodeRed!.base + route, { method: 'POST', body, headers });

  before(async function () {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imd-node-red-'));
    nodeRed = await NodeRedProcess.start(dataDir);
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(`--- Node-RED log ---\n${nodeRed?.log}`);
  });

  after(async function () {
    await nodeRed?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads every node of our package without error (GET /nodes)', async function () {
    const sets = (await get('nodes')) as NodeSet[];
    const ours = sets.filter((s) => s.module === pkg.name);
    assert.deepEqual(ours.flatMap((s) => s.types).sort(), ourTypes);
    assert.deepEqual(ours.filter((s) => !s.enabled || s.err !== undefined), [], 'node sets that failed to load');
    const settings = (await get('settings')) as { version: string };
    assert.equal(settings.version.split('.')[0], nodeRedVersion.split('.')[0], 'the Node-RED asked for is the one running');
  });

  it('serves the help text in the Node-RED help layout, in English for other languages too', async function () {
    const editor = await (await fetch(nodeRed!.base + 'nodes', { headers: { Accept: 'text/html', 'Accept-Language': 'sv-SE' } })).text();
    const help = /<script type="text\/html" data-help-name="imd-mbus-decode">([\s\S]*?)<\/script>/.exec(editor);
    assert.ok(help, 'help text served (falls back to en-US)');
    assert.deepEqual(help[1]!.match(/<h3>\w+<\/h3>/g), ['<h3>Inputs</h3>', '<h3>Outputs</h3>', '<h3>Details</h3>', '<h3>References</h3>']);
  });

  it('deploys the demo flow on first start: a repeating inject → poll the simulated building → store → debug', async function () {
    const flows = (await get('flows')) as FlowNode[];
    const byId = new Map(flows.map((n) => [n.id, n]));
    const next = (node: FlowNode) => ((node.wires as string[][] | undefined)?.[0] ?? []).map((id) => byId.get(id)!.type);
    const timer = flows.find((n) => n.type === 'inject' && n.repeat !== '')!;
    const poll = flows.find((n) => n.type === 'imd-mbus-poll')!;
    const store = flows.find((n) => n.type === 'imd-store')!;
    assert.deepEqual([next(timer), next(poll), next(store)], [['imd-mbus-poll'], ['imd-store'], ['debug']]);
    const gateway = byId.get(poll.gateway as string)!;
    assert.equal(gateway.host, '127.0.0.1');
    const simulator = net.connect(Number(gateway.port), '127.0.0.1');
    await new Promise((resolve, reject) => simulator.once('connect', resolve).once('error', reject));
    simulator.destroy(); // the simulated gateway listens; whether the store can write (Node 22) is not checked here
  });

  it('shows every example under Import > Examples, each using only core and imd-* nodes', async function () {
    assert.ok(((await get('library/examples/flows/')) as string[]).includes(pkg.name));
    const listed = (await get(`library/examples/flows/${pkg.name}`)) as { fn: string }[];
    assert.deepEqual(listed.map((e) => e.fn).sort(), ourExamples);
    const sets = (await get('nodes')) as NodeSet[];
    const allowed = new Set(['tab', ...sets.filter((s) => s.module === 'node-red' || s.module === pkg.name)
      .flatMap((s) => s.types)]);
    for (const name of ourExamples) {
      const example = (await get(`library/examples/flows/${pkg.name}/${encodeURIComponent(name)}`)) as FlowNode[];
      const types = [...new Set(example.map((n) => n.type))];
      assert.deepEqual(types.filter((t) => !allowed.has(t)), [], `${name}: node types that are neither core nor ours`);
    }
  });

  it('decodes in a flow deployed through the admin API, which GET /flows returns unchanged', async function () {
    const flow: FlowNode[] = [
      { id: 'a1b2c3d4e5f60001', type: 'tab', label: 'runtime test', disabled: false, info: '' },
      { id: 'a1b2c3d4e5f60002', type: 'http in', z: 'a1b2c3d4e5f60001', name: '', url: '/decode', method: 'post',
        upload: false, swaggerDoc: '', x: 100, y: 40, wires: [['a1b2c3d4e5f60003']] },
      { id: 'a1b2c3d4e5f60003', type: 'imd-mbus-decode', z: 'a1b2c3d4e5f60001', name: '', output: 'readings',
        x: 300, y: 40, wires: [['a1b2c3d4e5f60004']] },
      { id: 'a1b2c3d4e5f60004', type: 'http response', z: 'a1b2c3d4e5f60001', name: '', statusCode: '', headers: {},
        x: 500, y: 40, wires: [] },
      { id: 'a1b2c3d4e5f60005', type: 'catch', z: 'a1b2c3d4e5f60001', name: '', scope: null, uncaught: false,
        x: 300, y: 100, wires: [['a1b2c3d4e5f60006']] },
      { id: 'a1b2c3d4e5f60006', type: 'http response', z: 'a1b2c3d4e5f60001', name: '', statusCode: '422',
        headers: {}, x: 500, y: 100, wires: [] },
    ];
    const deployed = await post('flows', JSON.stringify(flow),
      { 'Content-Type': 'application/json', 'Node-RED-Deployment-Type': 'full' });
    assert.equal(deployed.status, 204, await deployed.text());
    assert.deepEqual(await get('flows'), flow);

    // POST /flows answers before the new flows have started: wait for the route (bounded).
    const decode = (hex: string) => post('decode', hex, { 'Content-Type': 'text/plain' });
    let decoded = await decode(WATER_METER);
    for (const deadline = Date.now() + READY_TIMEOUT_MS; decoded.status === 404 && Date.now() < deadline;) {
      await sleep(100);
      decoded = await decode(WATER_METER);
    }
    assert.equal(decoded.status, 200);
    const readings = (await decoded.json()) as { quantity: string; value: unknown }[];
    assert.deepEqual(readings.map((r) => [r.quantity, r.value]), [['volume', 12.565], ['volume-flow', 0.113], ['energy', 218.37]]);

    const rejected = await decode(BAD_CHECKSUM);
    assert.equal(rejected.status, 422, 'the Catch node answered');
  });

  it('stops on SIGTERM: start.js stops Node-RED and exits 0', async function () {
    await nodeRed!.stop(); // SIGTERM, then SIGKILL to the group if it is still running after 15 s
    assert.equal(nodeRed!.exitCode, 0, 'exit code after SIGTERM (null: it had to be killed)');
    assert.match(nodeRed!.log, /Stopped flows/);
  });
});
