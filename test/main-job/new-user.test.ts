/**
 * The main job as a new user meets it: `node scripts/start.js` (what `npm start` runs after
 * building) with an empty data folder. The editor answers, the demo flow (simulated building →
 * poll → store → debug) is deployed, readings are stored within a minute and keep coming
 * (`imd stats` counts grow), and SIGTERM stops everything: exit 0, no process left, the
 * simulated gateway closed.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MainJob, alive, descendants, listening, simulatorPort, stats, waitFor } from './main-job-process';

interface FlowNode { id: string; type: string; z?: string; wires?: string[][]; [key: string]: unknown }

const FIRST_READING_MS = 60_000;
const NEXT_POLL_MS = 30_000;
const STOP_MS = 15_000;

describe('npm start as a new user: the demo building polled into the system of record', function () {
  this.timeout(FIRST_READING_MS + NEXT_POLL_MS);
  let dataDir = '';
  let job: MainJob;
  let inject = '';

  before(async function () {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imd-main-job-'));
    job = await MainJob.start(dataDir);
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(`--- start.js log ---\n${job?.log}`);
  });

  after(function () {
    job?.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers on / with the Node-RED editor', async function () {
    const res = await fetch(job.base);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Node-RED/);
  });

  it('deploys the demo flow: inject every 30 s → poll the simulated gateway → store → debug', async function () {
    const flows = (await job.get('flows')) as FlowNode[];
    const byId = new Map(flows.map((n) => [n.id, n]));
    const next = (node: FlowNode) => (node.wires?.[0] ?? []).map((id) => byId.get(id)!.type);
    const timer = flows.find((n) => n.type === 'inject')!;
    assert.equal(timer.repeat, '30');
    assert.equal(timer.once, true);
    const poll = flows.find((n) => n.type === 'imd-mbus-poll')!;
    const store = flows.find((n) => n.type === 'imd-store')!;
    assert.deepEqual([next(timer), next(poll), next(store)], [['imd-mbus-poll'], ['imd-store'], ['debug']]);
    const gateway = byId.get(poll.gateway as string)!;
    assert.deepEqual([gateway.host, Number(gateway.port)], ['127.0.0.1', simulatorPort(dataDir)]);
    assert.ok(await listening(simulatorPort(dataDir)), 'the simulated gateway listens');
    assert.equal((poll.meters as string).split(', ').length, 40, '10 apartments × 4 meters, by secondary address');
    inject = timer.id;
  });

  it('stores readings within a minute, and more on the next poll (imd stats)', async function () {
    const first = await waitFor('readings in imd stats', FIRST_READING_MS, () => {
      const s = stats(dataDir);
      return s.readings > 0 ? s : undefined;
    });
    assert.equal(first.meters, 40);
    await job.inject(inject); // the editor's button: the next poll now instead of in ≤ 30 s
    await waitFor('more readings in imd stats', NEXT_POLL_MS, () => (stats(dataDir).readings > first.readings ? true : undefined));
  });

  it('stops on SIGTERM: exit 0, Node-RED and the simulated gateway gone', async function () {
    const processes = [job.pid, ...descendants(job.pid)];
    assert.equal(processes.length, 2, 'start.js (with the simulator in it) and Node-RED');
    job.child.kill('SIGTERM');
    assert.equal(await job.exited(STOP_MS), 0);
    assert.match(job.log, /Stopped flows/);
    assert.deepEqual(processes.filter(alive), [], 'processes left running');
    assert.equal(await listening(simulatorPort(dataDir)), false, 'the simulated gateway is closed');
  });
});
