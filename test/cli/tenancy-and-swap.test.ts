/**
 * The `imd tenancy` and `imd registry swap` contract: add / end / list, an import refused with
 * every bad line on standard error (exit 1, nothing changed), refusals naming the argument
 * (exit 1), bad command lines (exit 2 with the usage).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { listFixture as fixture } from '../support/list-import';
import { parseNdjson, runImd } from '../support/run-imd';

describe('imd tenancy and imd registry swap', () => {
  let data: string;
  const imd = (...args: string[]) => runImd([...args, '--data', data]);
  beforeEach(async () => {
    data = mkdtempSync(path.join(tmpdir(), 'imd-tenancy-'));
    assert.equal((await imd('registry', 'import', fixture('meters-lonngatan.csv'))).code, 0);
  });
  afterEach(() => rmSync(data, { recursive: true, force: true }));

  it('adds, ends and lists tenancies as JSON lines', async () => {
    const added = await imd('tenancy', 'add', '--object', 'B2-1003', '--contract', 'K-7', '--move-in', '2024-02-01');
    assert.equal(added.code, 0, added.stderr);
    assert.deepEqual(JSON.parse(added.stdout), { objectId: 'B2-1003', contractId: 'K-7', moveIn: '2024-02-01', moveOut: null, tenantName: null });
    assert.equal(JSON.parse((await imd('tenancy', 'end', '--contract', 'K-7', '--move-out', '2026-10-15')).stdout).moveOut, '2026-10-15');
    assert.equal((await imd('tenancy', 'add', '--object', 'B2-1003', '--contract', 'K-8', '--move-in', '2026-10-16', '--move-out', '2027-03-31')).code, 0);
    assert.equal((await imd('tenancy', 'add', '--object', 'B2-1001', '--contract', 'K-9', '--move-in', '2020-01-01')).code, 0);
    assert.deepEqual(parseNdjson((await imd('tenancy', 'list', '--object', 'B2-1003')).stdout).map((t) => [t.contractId, t.moveIn, t.moveOut]),
      [['K-7', '2024-02-01', '2026-10-15'], ['K-8', '2026-10-16', '2027-03-31']]);
    assert.deepEqual(parseNdjson((await imd('tenancy', 'list')).stdout).map((t) => t.contractId), ['K-9', 'K-7', 'K-8']);
  });

  it('refuses an overlap, an unknown object id or contract, a known contract id (exit 1)', async () => {
    await imd('tenancy', 'add', '--object', 'B2-1003', '--contract', 'K-7', '--move-in', '2024-02-01');
    const refusals = [
      [['tenancy', 'add', '--object', 'B2-1003', '--contract', 'K-8', '--move-in', '2026-10-16'], 'contract K-8 overlaps contract K-7 in the same apartment'],
      [['tenancy', 'add', '--object', 'B2-9', '--contract', 'K-8', '--move-in', '2026-10-16'], 'no apartment with object id B2-9'],
      [['tenancy', 'add', '--object', 'B2-1003', '--contract', 'K-7', '--move-in', '2026-10-16'], 'contract K-7 already exists (set its move-out with end)'],
      [['tenancy', 'end', '--contract', 'K-1', '--move-out', '2026-10-16'], 'no tenancy with contract id K-1'],
      [['tenancy', 'end', '--contract', 'K-7', '--move-out', '2020-01-01'], 'contract K-7: move-out 2020-01-01 is before move-in 2024-02-01'],
    ] as const;
    for (const [args, message] of refusals) {
      const run = await imd(...args);
      assert.deepEqual([run.code, run.stderr], [1, `imd tenancy: ${message}\n`], args.join(' '));
    }
  });

  it('an import with bad lines prints each as "<file>: line n, column …", exits 1 and changes nothing', async () => {
    const file = fixture('tenancies-bad-lines.csv');
    const run = await imd('tenancy', 'import', file);
    assert.equal(run.code, 1);
    const lines = run.stderr.trimEnd().split('\n');
    assert.deepEqual([lines.length, lines[0], lines[6]], [7, `${file}: line 3, column "Inflyttning": '2026-02-30' is not a date (YYYY-MM-DD)`,
      `${file}: 6 problem(s); nothing imported`]);
    assert.equal((await imd('tenancy', 'list')).stdout, '');
  });

  it('swap refusals name the argument (exit 1); bad values are a bad command line (exit 2)', async () => {
    const swap = (...more: string[]) => imd('registry', 'swap', '--old', '30020001', '--new', '30020009', '--at', '2026-10-14T09:30:00+02:00',
      '--old-final', '512.345', '--new-start', '0', ...more);
    assert.equal((await swap()).code, 0);
    assert.deepEqual(await swap(), { code: 1, stdout: '', stderr: 'imd registry swap: --old: meter 30020001 was already replaced\n' });
    const elsewhere = await imd('registry', 'swap', '--old', '30020002', '--new', '30010001', '--at', '2026-10-14 09:30', '--old-final', '1', '--new-start', '0');
    assert.equal(elsewhere.stderr, 'imd registry swap: --new: meter 30010001 is already placed in apartment B2-1001\n');
    const usage = [
      [['--at', '2026-10-14'], /--at: '2026-10-14' is not a time/],
      [['--old-final', '1,2,3'], /--old-final: '1,2,3' is not a register value/],
      [['--quantity', 'volume', '--unit', 'kWh'], /--unit kWh does not measure volume/],
      [['--manufacturer', 'Kamstrup'], /--manufacturer: manufacturer 'Kamstrup' is not a three-letter code/],
      [['--file', 'swaps.csv'], /--file records a swap report; --old is for one swap without it/],
    ] as const;
    for (const [more, message] of usage) {
      const run = await imd('registry', 'swap', '--old', '30030001', '--new', '30030009', '--at', '2026-10-14 09:30', '--old-final', '1', '--new-start', '0', ...more);
      assert.equal(run.code, 2, more.join(' '));
      assert.match(run.stderr, message);
      assert.match(run.stderr, /Usage: imd registry/);
    }
    assert.equal((await imd('tenancy', 'add', '--object', 'B2-1003', '--contract', 'K-1', '--move-in', '1/10/2026')).code, 2);
    assert.equal((await imd('tenancy', 'end', '--contract', 'K-1')).code, 2);
    assert.equal((await imd('tenancy', 'frob')).code, 2);
  });
});
