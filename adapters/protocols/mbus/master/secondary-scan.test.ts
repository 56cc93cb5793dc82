/**
 * The secondary-address scan against the fake bus: every device found, including several on
 * one primary address, same-id pairs that differ in manufacturer or medium, a device that
 * acknowledges but never answers (unreadable); progress events and abort.
 */
import { strict as assert } from 'node:assert';
import { FakeBus, type FakeMeter } from '../../../../test/collection/support/fake-bus';
import { PipeTransport } from '../../../../test/collection/support/pipe-transport';
import { MBusMaster, scanSecondary, type ScanProgress } from '.';

const METERS: FakeMeter[] = [
  { id: '10000001', manufacturer: 'KAM', version: 1, medium: 'water', primary: 0 },
  { id: '10000002', manufacturer: 'KAM', version: 1, medium: 'warm-water', primary: 0 },
  { id: '10000013', manufacturer: 'ABB', version: 2, medium: 'electricity', primary: 0 },
  { id: '20000001', manufacturer: 'KAM', version: 1, medium: 'water', primary: 3 },
  { id: '20000001', manufacturer: 'ELS', version: 1, medium: 'water', primary: 3 },
  { id: '30000005', manufacturer: 'LUG', version: 1, medium: 'heat', primary: 4 },
  { id: '30000005', manufacturer: 'LUG', version: 1, medium: 'cold-water', primary: 4 },
  { id: '45000000', manufacturer: 'EFE', version: 3, medium: 'room-sensor', primary: 9, telegrams: 2 },
];

function master(meters: FakeMeter[]): MBusMaster {
  return new MBusMaster(new PipeTransport(new FakeBus(meters), { baudRate: 1e6 }), { timeoutMs: 5, settleMs: 2, retries: 1 });
}

describe('secondary-address scan', function () {
  it('finds every device, separating same-id pairs by manufacturer and by medium', async function () {
    const events: ScanProgress[] = [];
    const report = await scanSecondary(master(METERS), { onProgress: (p) => events.push(p) });
    const found = report.found.map((d) => `${d.id} ${d.manufacturer} ${d.medium}`).sort();
    assert.deepEqual(found, METERS.map((m) => `${m.id} ${m.manufacturer} ${m.medium}`).sort());
    assert.equal(report.unreadable.length, 0);
    assert.ok(report.collisionsResolved >= 3, `collisionsResolved ${report.collisionsResolved}`);
    assert.equal(events.length, report.probes);
    assert.equal(events.at(-1)!.found, METERS.length);
    const elv = report.found.find((d) => d.manufacturer === 'ELS')!;
    assert.equal(elv.secondaryAddress, '2000000193150107');
    assert.ok(report.probes < 400, `${report.probes} probes`);
  });

  it('reports a device that acknowledges the selection but never answers as unreadable', async function () {
    const report = await scanSecondary(master([{ ...METERS[5]!, mute: true }]));
    assert.deepEqual(report.found, []);
    assert.equal(report.unreadable.length, 1);
    assert.match(report.unreadable[0]!.reason, /acknowledged the selection, then no answer/);
  });

  it('stops when aborted', async function () {
    const controller = new AbortController();
    const scan = scanSecondary(master(METERS), { signal: controller.signal, onProgress: (p) => { if (p.probes === 3) controller.abort(new Error('stop')); } });
    await assert.rejects(scan, /stop/);
  });
});
