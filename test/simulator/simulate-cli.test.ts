/**
 * `imd simulate` as a child process: prints the listening line once ready, serves the bus,
 * describes its devices as JSON lines, exits 0 on SIGTERM; bad options exit 2.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { buildReqUd2 } from '../../adapters/protocols/mbus/app/master-telegrams';
import { decodeTelegram } from '../../adapters/protocols/mbus';
import { repoRoot } from '../support/repo-root';
import { spawnImd } from '../support/run-imd';
import { TcpMaster } from './sim-helpers';

const launcher = path.join(repoRoot(), 'bin', 'imd.js');

describe('simulator: imd simulate', () => {
  it('prints the listening line and the devices, serves the bus, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [launcher, 'simulate', '--tcp', '0', '--apartments', '2', '--baud', '0', '--describe', '--faults', 'stuck'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => { out += t; });
    try {
      for (const deadline = Date.now() + 10_000; !/listening tcp/.test(out) && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const port = Number(/^listening tcp 127\.0\.0\.1:(\d+)$/m.exec(out)?.[1]);
      assert.ok(port > 0, `no listening line in ${JSON.stringify(out)}`);
      const lines = out.trim().split('\n');
      const devices = lines.filter((l) => l.startsWith('{"secondaryAddress"')).map((l) => JSON.parse(l) as { id: string; primaryAddress: number });
      assert.equal(devices.length, 8);
      assert.equal(lines.filter((l) => l.startsWith('{"fault":"stuck"')).length, 1);
      const master = await TcpMaster.connect(port);
      master.send(buildReqUd2(devices[2]!.primaryAddress, true));
      assert.equal(decodeTelegram(await master.takeFrames(1)).header!.id, devices[2]!.id);
      master.close();
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  it('rejects bad options with exit 2 and a clear message', () => {
    for (const args of [['--apartments', '2'], ['--tcp', '0'], ['--tcp', 'x', '--apartments', '2'], ['--tcp', '0', '--apartments', '2', '--faults', 'melted']]) {
      const run = spawnImd(['simulate', ...args], '', launcher);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr.split('\n')[0]!, /^imd simulate: .*(--tcp|--apartments|melted)/);
    }
  });
});
