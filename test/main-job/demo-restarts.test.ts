/**
 * The demo part of `npm start` (scripts/start-demo.js) across restarts, without Node-RED: the
 * first start writes the demo flow, later starts never replace the user's flows — only the
 * simulator's port (when the old one is taken) and the meter list (when IMD_DEMO_APARTMENTS
 * changed) follow, and only where the user has not edited them; a demo gateway pointed
 * elsewhere means no simulator. With INFLUX_URL the flow gets InfluxDB, its token encrypted
 * in flows_cred.json as Node-RED reads it.
 */
import { strict as assert } from 'assert';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../support/repo-root';
import { listening } from './main-job-process';

interface FlowNode { id: string; type: string; wires?: string[][]; [key: string]: unknown }
interface Demo { simulator: { gateway: { port: number }; close(): Promise<void> } | null; note: string }
const { prepareDemo } = require(path.join(repoRoot(), 'scripts', 'start-demo.js')) as {
  prepareDemo(options: { dataDir: string; userDir: string; secret: string; env: NodeJS.ProcessEnv }): Promise<Demo>;
};

const SECRET = 'test-secret';

describe('npm start demo across restarts (scripts/start-demo.js)', function () {
  let dataDir = '';
  let userDir = '';
  let flowsFile = '';
  const started: Demo[] = [];

  const start = async (env: NodeJS.ProcessEnv = {}) => {
    const demo = await prepareDemo({ dataDir, userDir, secret: SECRET, env });
    started.push(demo);
    return demo;
  };
  const stop = async () => { for (const demo of started.splice(0)) await demo.simulator?.close(); };
  const flows = () => JSON.parse(fs.readFileSync(flowsFile, 'utf8')) as FlowNode[];
  const ofType = (type: string) => flows().find((n) => n.type === type)!;
  const edit = (type: string, change: Record<string, unknown>) =>
    fs.writeFileSync(flowsFile, JSON.stringify(flows().map((n) => (n.type === type ? { ...n, ...change } : n))));

  beforeEach(function () {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imd-demo-'));
    userDir = path.join(dataDir, 'node-red');
    flowsFile = path.join(userDir, 'flows.json');
    fs.mkdirSync(userDir);
  });

  afterEach(async function () {
    await stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the demo flow on the first start and keeps flows.json and the port on the next', async function () {
    const first = await start();
    const port = first.simulator!.gateway.port;
    assert.ok(await listening(port));
    assert.equal(Number(ofType('imd-mbus-gateway').port), port);
    assert.equal((ofType('imd-mbus-poll').meters as string).split(', ').length, 40);
    assert.ok(!flows().some((n) => n.type.startsWith('imd-influxdb')), 'no InfluxDB without INFLUX_URL');
    const written = fs.readFileSync(flowsFile, 'utf8');
    await stop();
    const second = await start();
    assert.equal(second.simulator!.gateway.port, port);
    assert.equal(fs.readFileSync(flowsFile, 'utf8'), written);
  });

  it('moves the simulator to a free port when its port is taken, and the demo gateway with it', async function () {
    const port = (await start()).simulator!.gateway.port;
    await stop();
    const squatter = net.createServer().listen(port, '127.0.0.1');
    try {
      const moved = (await start()).simulator!.gateway.port;
      assert.notEqual(moved, port);
      assert.equal(Number(ofType('imd-mbus-gateway').port), moved);
    } finally {
      squatter.close();
    }
  });

  it('follows IMD_DEMO_APARTMENTS in the poll node unless the user edited its meter list', async function () {
    await start();
    await stop();
    await start({ IMD_DEMO_APARTMENTS: '2' });
    assert.equal((ofType('imd-mbus-poll').meters as string).split(', ').length, 8);
    await stop();
    edit('imd-mbus-poll', { meters: '1-5' });
    await start({ IMD_DEMO_APARTMENTS: '3' });
    assert.equal(ofType('imd-mbus-poll').meters, '1-5');
    await assert.rejects(start({ IMD_DEMO_APARTMENTS: '0' }), /IMD_DEMO_APARTMENTS "0" is not 1\.\.50/);
  });

  it('starts no simulator once the demo gateway points at a real one, and leaves the flow alone', async function () {
    await start();
    await stop();
    edit('imd-mbus-gateway', { host: '10.0.0.5' });
    const edited = fs.readFileSync(flowsFile, 'utf8');
    const demo = await start();
    assert.equal(demo.simulator, null);
    assert.match(demo.note, /demo building not started/);
    assert.equal(fs.readFileSync(flowsFile, 'utf8'), edited);
  });

  it('adds InfluxDB 2.x when INFLUX_URL is set, the token only in the encrypted credentials', async function () {
    await start({ INFLUX_URL: 'http://127.0.0.1:8086', INFLUX_ORG: 'brf', INFLUX_BUCKET: 'imd', INFLUX_TOKEN: 'tok-123' });
    const server = ofType('imd-influxdb');
    assert.deepEqual([server.version, server.url, server.org, server.bucket], ['2', 'http://127.0.0.1:8086', 'brf', 'imd']);
    assert.ok(ofType('imd-mbus-poll').wires![0]!.includes(ofType('imd-influxdb-out').id), 'poll → influxdb out');
    assert.doesNotMatch(fs.readFileSync(flowsFile, 'utf8'), /tok-123/);
    const sealed = (JSON.parse(fs.readFileSync(path.join(userDir, 'flows_cred.json'), 'utf8')) as { $: string }).$;
    const key = crypto.createHash('sha256').update(SECRET).digest();
    const decipher = crypto.createDecipheriv('aes-256-ctr', key, Buffer.from(sealed.slice(0, 32), 'hex'));
    const credentials = JSON.parse(decipher.update(sealed.slice(32), 'base64', 'utf8') + decipher.final('utf8')) as unknown;
    assert.deepEqual(credentials, { [server.id]: { token: 'tok-123' } });
  });
});
