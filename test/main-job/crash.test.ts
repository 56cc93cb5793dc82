/**
 * The main job killed while polls and stores are running (issue 4, item 6): SIGKILL to the
 * Node-RED process mid-batch, then `npm start` again on the same data folder. Every reading
 * that was acknowledged (committed to the ledger before the kill) is still there, unchanged,
 * with no key twice, the demo flow and its simulator port are kept, and collection goes on.
 * Killing start.js itself takes Node-RED down too (no orphan holding the port and database).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  MainJob, alive, descendants, ledger, listening, simulatorPort, sleep, stats, waitFor, type LedgerRow,
} from './main-job-process';

const FIRST_READING_MS = 60_000;
const POLL_MS = 30_000;
const EXIT_MS = 5_000;
/** Time between two pressed injects, so that the polls (≈ 4 s each) end at different times. */
const STAGGER_MS = 1_500;

const key = (r: LedgerRow) => `${r.register_id}@${r.at}`;

describe('npm start killed mid-batch and started again: nothing acknowledged is lost', function () {
  this.timeout(FIRST_READING_MS + 2 * POLL_MS);
  let dataDir = '';
  let job: MainJob | undefined;
  let inject = '';

  before(function () {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imd-main-job-crash-'));
  });

  afterEach(function () {
    if (this.currentTest?.state !== 'failed') return;
    console.log(`--- start.js log ---\n${job?.log}`);
    job?.kill(); // the next test starts its own
  });

  after(function () {
    job?.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts the main job and waits until the ledger holds more than `than` readings. */
  async function startAndCollect(than: number): Promise<MainJob> {
    job = await MainJob.start(dataDir);
    await waitFor(`more than ${than} readings`, FIRST_READING_MS, () => (stats(dataDir).readings > than ? true : undefined));
    return job;
  }

  it('keeps every committed reading when Node-RED is killed (SIGKILL) during polls', async function () {
    const running = await startAndCollect(0);
    inject = ((await running.get('flows')) as { id: string; type: string }[]).find((n) => n.type === 'inject')!.id;
    const initial = stats(dataDir).readings;
    for (let i = 0; i < 3; i++) {
      await running.inject(inject);
      await sleep(STAGGER_MS);
    }
    await waitFor('a poll committed', POLL_MS, () => (stats(dataDir).readings > initial ? true : undefined));
    const acknowledged = ledger(dataDir).rows;
    const nodeRed = running.nodeRedPid();
    process.kill(nodeRed, 'SIGKILL'); // the other polls are still reading or storing

    assert.equal(await running.exited(EXIT_MS), 1, 'start.js exits 1 when Node-RED is killed');
    assert.equal(alive(nodeRed), false);
    assert.equal(await listening(simulatorPort(dataDir)), false, 'the simulated gateway went with start.js');

    const afterKill = ledger(dataDir);
    assert.equal(afterKill.duplicateKeys, 0, 'no (register, time) key twice');
    const kept = new Map(afterKill.rows.map((r) => [r.id, r]));
    const lost = acknowledged.filter((r) => JSON.stringify(kept.get(r.id)) !== JSON.stringify(r));
    assert.deepEqual(lost.map(key), [], `acknowledged readings missing or changed (of ${acknowledged.length})`);
    assert.equal(stats(dataDir).readings, afterKill.rows.length, 'per-meter totals agree with the ledger');
  });

  it('starts again on the same data: same flow, same simulator port, collection goes on', async function () {
    const flowsFile = path.join(dataDir, 'node-red', 'flows.json');
    const flows = fs.readFileSync(flowsFile, 'utf8');
    const port = simulatorPort(dataDir);
    const stored = stats(dataDir).readings;
    await startAndCollect(stored);
    assert.equal(fs.readFileSync(flowsFile, 'utf8'), flows, 'flows.json untouched');
    assert.equal(simulatorPort(dataDir), port);
    assert.equal(ledger(dataDir).duplicateKeys, 0);
  });

  it('takes Node-RED down when start.js itself is killed (SIGKILL)', async function () {
    const running = job!;
    const nodeRed = running.nodeRedPid();
    running.child.kill('SIGKILL');
    await running.exited(EXIT_MS);
    await waitFor('Node-RED stopping without its parent', EXIT_MS, () => (alive(nodeRed) ? undefined : true));
    assert.deepEqual(descendants(running.pid), []);
  });
});
