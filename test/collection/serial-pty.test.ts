/**
 * The serial transport end to end over a real socat pty pair at 2400 baud, 8E1: the fake bus
 * sits on one end, the master (or `imd poll --serial`) on the other, with the standard reply
 * window. Skipped with a message when socat is missing (CI installs it).
 */
import { strict as assert } from 'node:assert';
import type { SerialPort } from 'serialport';
import { MBusMaster, readMeter } from '../../adapters/protocols/mbus/master';
import { SerialTransport } from '../../adapters/transports/serial';
import { parseNdjson, runImd } from '../support/run-imd';
import { FakeBus } from './support/fake-bus';
import { servePty } from './support/fake-gateway';
import { ptyPair, socatMissing, type PtyPair } from '../support/pty-pair';
import { requirePeer } from '../support/peer-required';

describe('serial over a socat pty at 2400 baud (acceptance)', function () {
  this.timeout(20000);
  let pty: PtyPair | undefined;
  let far: SerialPort | undefined;

  before(async function () {
    requirePeer(this, socatMissing());
    pty = await ptyPair();
    far = await servePty(new FakeBus([
      { id: '12345678', manufacturer: 'KAM', version: 1, medium: 'heat', primary: 1, telegrams: 2 },
      { id: '12345679', manufacturer: 'ELS', version: 1, medium: 'water', primary: 2 },
    ]), pty.b, 2400);
  });

  after(async function () {
    if (far?.isOpen) await new Promise((resolve) => far!.close(resolve));
    await pty?.close();
  });

  it('reads a multi-telegram meter through SerialTransport (2400 8E1)', async function () {
    const transport = new SerialTransport({ path: pty!.a, baudRate: 2400 });
    assert.equal(transport.description, `serial ${pty!.a} 2400 8E1`);
    const master = new MBusMaster(transport);
    try {
      const readout = await readMeter(master, { primary: 1 });
      assert.equal(readout.frames.length, 2);
      assert.equal(readout.readings.length, 4);
    } finally {
      await master.close();
    }
  });

  it('imd poll --serial reads by secondary address', async function () {
    const run = await runImd(['poll', '--serial', pty!.a, '--baud', '2400', '--secondary', '12345679FFFFFFFF']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(parseNdjson(run.stdout).map((r) => (r.meter as { manufacturer: string }).manufacturer), ['ELS', 'ELS']);
  });

  it('names the port when it does not exist', async function () {
    const run = await runImd(['poll', '--serial', '/dev/imd-no-such-port', '--primary', '1']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^imd poll: serial \/dev\/imd-no-such-port 2400 8E1, meter primary 1: /);
  });
});
