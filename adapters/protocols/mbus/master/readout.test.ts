/**
 * The master against the in-process fake bus: SND_NKE then REQ_UD2 with FCB = 1, the FCB
 * toggling through a multi-telegram readout and kept on retries, secondary addressing through
 * 253, replies split into single bytes, stray bytes purged, echoes skipped, and the typed
 * errors naming bus and meter.
 */
import { strict as assert } from 'node:assert';
import { FakeBus, type FakeMeter } from '../../../../test/collection/support/fake-bus';
import { PipeTransport, type PipeOptions } from '../../../../test/collection/support/pipe-transport';
import { frameRef } from '../../../../lib/frame-ref';
import { MBusMaster, MBusMasterError, readMeter, responseTimeoutMs } from '.';

const WATER: FakeMeter = { id: '12345678', manufacturer: 'KAM', version: 1, medium: 'water', primary: 5 };
const LOGGER: FakeMeter = { id: '87654321', manufacturer: 'ELS', version: 2, medium: 'heat', primary: 7, telegrams: 3 };

function setup(meters: FakeMeter[], pipe: PipeOptions = {}) {
  const bus = new FakeBus(meters);
  const transport = new PipeTransport(bus, pipe);
  const master = new MBusMaster(transport, { timeoutMs: 30, retries: 2 });
  return { bus, transport, master };
}

const controls = (bus: FakeBus) => bus.log.map((f) => (f.type === 'ack' ? 0xe5 : f.control));

describe('M-Bus master readout', function () {
  it('computes the EN 13757-2 reply window: 330 bit times + 50 ms + margin', function () {
    assert.equal(responseTimeoutMs(2400, 0), 188);
    assert.equal(responseTimeoutMs(300, 50), 1200);
    assert.equal(new MBusMaster(new PipeTransport(new FakeBus([]), { baudRate: 9600 })).timeoutMs, Math.ceil(330 / 9.6 + 50 + 50));
  });

  it('reads a primary address: SND_NKE, then REQ_UD2 with FCB = 1; raw frames, telegrams, readings', async function () {
    const { bus, master } = setup([WATER]);
    const readout = await readMeter(master, { primary: 5 });
    assert.deepEqual(controls(bus), [0x40, 0x7b]);
    assert.equal(readout.frames.length, 1);
    assert.equal(readout.telegrams[0]!.header!.id, '12345678');
    assert.equal(readout.readings.length, 2);
    assert.equal(readout.readings[0]!.source.frame, frameRef(readout.frames[0]!));
    assert.equal(readout.readings[0]!.source.via, 'pipe fake-bus');
    assert.equal(readout.readings[0]!.meter.manufacturer, 'KAM');
  });

  it('follows DIF 0x1F through every telegram, toggling FCB only after success', async function () {
    const { bus, master } = setup([LOGGER]);
    const readout = await readMeter(master, { primary: 7 });
    assert.deepEqual(controls(bus), [0x40, 0x7b, 0x5b, 0x7b]);
    assert.deepEqual(readout.readings.map((r) => r.storage), [0, 0, 1, 1, 2, 2]);
    assert.deepEqual(readout.telegrams.map((t) => t.moreRecordsFollow), [true, true, false]);
  });

  it('retries a lost reply with the same FCB, so the slave repeats and nothing is duplicated', async function () {
    const { bus, master } = setup([LOGGER], { drop: (_f, n) => n === 2 });
    const readout = await readMeter(master, { primary: 7 });
    assert.deepEqual(controls(bus), [0x40, 0x7b, 0x5b, 0x5b, 0x7b]);
    assert.deepEqual(readout.readings.map((r) => r.storage), [0, 0, 1, 1, 2, 2]);
  });

  it('selects a secondary address and talks to 253', async function () {
    const { bus, master } = setup([WATER, LOGGER]);
    const readout = await readMeter(master, { secondary: '87654321 9315 02 04' });
    assert.equal(bus.log[0]!.type, 'long');
    assert.deepEqual(bus.log.slice(1).map((f) => f.type !== 'ack' && f.address), [253, 253, 253]);
    assert.equal(readout.readings.length, 6);
    assert.equal(readout.readings[0]!.meter.id, '87654321');
  });

  it('reassembles replies split into single bytes, purges stray bytes, skips echoes', async function () {
    const noise = Uint8Array.of(0x00, 0x68, 0x10, 0xe5, 0x33);
    const { master } = setup([LOGGER], { chunkSize: 1, echo: true, noiseAfter: () => noise });
    const readout = await readMeter(master, { primary: 7 });
    assert.equal(readout.frames.length, 3);
  });

  it('fails with no-answer naming the bus and the meter after every attempt', async function () {
    const { bus, master } = setup([WATER]);
    await assert.rejects(readMeter(master, { primary: 9 }), (err: unknown) => {
      assert.ok(err instanceof MBusMasterError);
      assert.equal(err.code, 'no-answer');
      assert.equal(err.message, 'pipe fake-bus, meter primary 9: no answer (3 attempts)');
      return true;
    });
    assert.equal(bus.log.length, 3);
  });

  it('reports a collision when two meters share a primary address', async function () {
    const { master } = setup([WATER, { ...LOGGER, primary: 5, telegrams: 1 }]);
    await assert.rejects(readMeter(master, { primary: 5 }), (err: unknown) =>
      err instanceof MBusMasterError && ['collision', 'invalid-frame'].includes(err.code));
  });

  it('sends application reset and baud-rate switch and expects E5', async function () {
    const { bus, master } = setup([WATER]);
    await master.applicationReset({ primary: 5 });
    await master.switchBaudRate({ secondary: '12345678 2D2C 01 07' }, 9600);
    assert.deepEqual(bus.log.map((f) => f.type !== 'short' && f.type !== 'ack' && f.ci), [0x50, 0x52, 0xbd]);
  });

  it('close() fails queued readouts and closes the transport', async function () {
    const { master } = setup([WATER]);
    const pending = readMeter(master, { primary: 9 });
    await master.close();
    await assert.rejects(pending, (err: unknown) => err instanceof MBusMasterError && err.code === 'aborted');
  });
});
