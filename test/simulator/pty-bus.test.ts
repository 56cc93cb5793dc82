/**
 * The bus on a pty through real socat: a master opens the pty like a serial port, talks, closes
 * and opens it again. Skipped, with the reason, where socat is not installed (.ci/run installs it).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ReadStream, WriteStream } from 'node:tty';
import { buildReqUd2, buildSndNke } from '../../adapters/protocols/mbus/app/master-telegrams';
import { decodeTelegram } from '../../adapters/protocols/mbus';
import { startSimulator, type Simulator } from '../../simulator';
import { fixedClock } from './sim-helpers';
import { requirePeer } from '../support/peer-required';
import { socatMissing } from '../support/pty-pair';


/** Writes a request to the pty and collects `count` reply bytes (bounded wait). */
async function exchange(pty: string, request: Uint8Array, count: number): Promise<Buffer> {
  const fd = openSync(pty, 'r+');
  const input = new ReadStream(fd);
  const output = new WriteStream(fd);
  const chunks: Buffer[] = [];
  input.on('data', (c: Buffer) => chunks.push(c));
  output.write(request);
  for (const deadline = Date.now() + 3000; Buffer.concat(chunks).length < count && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  input.destroy();
  return Buffer.concat(chunks);
}

describe('simulator: pty bus (socat)', function () {
  let sim: Simulator | undefined;
  let dir = '';
  before(function () {
    requirePeer(this, socatMissing());
    dir = mkdtempSync(path.join(tmpdir(), 'imd-pty-'));
  });
  after(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('offers the same bus on a pty, at 9600 baud, through close and reopen', async () => {
    const link = path.join(dir, 'ttyMBUS');
    sim = await startSimulator({ apartments: 1, baud: 9600, clock: fixedClock().clock, pty: link });
    assert.ok(existsSync(link));
    assert.equal((await exchange(link, buildSndNke(1), 1)).toString('hex'), 'e5');
    const reply = await exchange(link, buildReqUd2(2, true), 43);
    assert.equal(decodeTelegram(reply).header!.mediumCode, 0x06);
    await sim.close();
    sim = undefined;
    assert.ok(!existsSync(link), 'the link goes with socat');
  });
});
