/**
 * Acceptance of the collection path over real TCP sockets: `imd scan` finds every device on a
 * gateway (several on one primary address, same-id pairs that differ in manufacturer or
 * medium), `imd poll` reads every record of 250 meters, a gateway connection cut in the middle
 * of a multi-telegram readout loses and duplicates nothing, and an unreachable gateway is
 * named once. Runs against the in-process fake bus until the building simulator exists.
 */
import { strict as assert } from 'node:assert';
import type { Reading } from '../../lib/reading';
import { MBusMaster, readMeter, scanSecondary } from '../../adapters/protocols/mbus/master';
import { TcpTransport } from '../../adapters/transports/tcp';
import { parseNdjson, runImd } from '../support/run-imd';
import { FakeBus, type FakeMeter } from './support/fake-bus';
import { FakeGateway } from './support/fake-gateway';

/**
 * Fast timing: the fake answers at once. Scans pay the reply window on every empty probe, so
 * theirs is short; polls get a window that survives a loaded CI machine.
 */
const SCAN_FAST = ['--baud', '38400', '--timeout', '10', '--retries', '1'];
const FAST = ['--baud', '38400', '--timeout', '200', '--retries', '1'];

function building(apartments: number): FakeMeter[] {
  const kinds = [['KAM', 'water'], ['KAM', 'warm-water'], ['ABB', 'electricity'], ['EFE', 'room-sensor']] as const;
  return Array.from({ length: apartments * kinds.length }, (_, i) => {
    const [manufacturer, medium] = kinds[i % kinds.length]!;
    return { id: String(50000000 + i * 7), manufacturer, version: 1, medium, primary: 0, telegrams: 1 + (i % 3) };
  });
}

describe('collection over TCP (acceptance)', function () {
  this.timeout(30000);
  let gateway: FakeGateway | undefined;
  afterEach(async function () { await gateway?.close(); gateway = undefined; });

  it('imd scan finds every device, incl. one primary address shared and same-id pairs', async function () {
    const meters: FakeMeter[] = [
      ...building(3),
      { id: '77000001', manufacturer: 'KAM', version: 1, medium: 'water', primary: 1 },
      { id: '77000001', manufacturer: 'ELS', version: 1, medium: 'water', primary: 1 },
      { id: '77000002', manufacturer: 'LUG', version: 1, medium: 'heat', primary: 1 },
      { id: '77000002', manufacturer: 'LUG', version: 1, medium: 'cold-water', primary: 1 },
    ];
    gateway = await FakeGateway.start(new FakeBus(meters));
    const run = await runImd(['scan', '--tcp', gateway.address, '--quiet', ...SCAN_FAST]);
    assert.equal(run.code, 0, run.stderr);
    const lines = parseNdjson(run.stdout);
    assert.deepEqual(Object.keys(lines[0]!), ['secondaryAddress', 'id', 'manufacturer', 'version', 'medium']);
    assert.deepEqual(lines.map((l) => `${l.id} ${l.manufacturer} ${l.medium}`).sort(), meters.map((m) => `${m.id} ${m.manufacturer} ${m.medium}`).sort());
    for (const l of lines) assert.match(l.secondaryAddress as string, /^[0-9A-F]{16}$/);
    assert.match(run.stderr, /16 found, \d+ collisions resolved, 0 unreadable/);
  });

  it('imd poll reads every record of 250 meters (primary and secondary) and exits 0', async function () {
    const meters = building(63).slice(0, 250).map((m, i) => ({ ...m, primary: i + 1 }));
    gateway = await FakeGateway.start(new FakeBus(meters));
    const args = ['poll', '--tcp', gateway.address, ...FAST];
    meters.forEach((m, i) => args.push(...(i % 2 ? ['--primary', String(m.primary)] : ['--secondary', `${m.id}FFFFFFFF`])));
    const run = await runImd(args);
    assert.equal(run.code, 0, run.stderr);
    const readings = parseNdjson(run.stdout) as unknown as Reading[];
    const expected = meters.reduce((n, m) => n + 2 * (m.telegrams ?? 1), 0);
    assert.equal(readings.length, expected);
    assert.equal(new Set(readings.map((r) => `${r.meter.id}/${r.storage}/${r.tariff}`)).size, expected);
    assert.equal(readings[0]!.source.via, `tcp ${gateway.address}`);
  });

  it('imd poll --all scans, then reads each device; a missing meter makes exit 1 with one line', async function () {
    gateway = await FakeGateway.start(new FakeBus(building(2)));
    const all = await runImd(['poll', '--tcp', gateway.address, '--all', ...SCAN_FAST]);
    assert.equal(all.code, 0, all.stderr);
    assert.equal(new Set(parseNdjson(all.stdout).map((r) => (r.meter as { id: string }).id)).size, 8);
    const missing = await runImd(['poll', '--tcp', gateway.address, '--primary', '42', ...FAST]);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, `tcp ${gateway.address}, meter primary 42: no answer (2 attempts)\n`);
  });

  it('a connection cut mid-readout is resumed: every telegram once, none lost', async function () {
    const meter: FakeMeter = { id: '66000001', manufacturer: 'KAM', version: 1, medium: 'heat', primary: 3, telegrams: 5 };
    const bus = new FakeBus([meter]);
    gateway = await FakeGateway.start(bus, (_frame, n) => (n === 3 || n === 6 ? 'cut' : 'answer'));
    const master = new MBusMaster(new TcpTransport({ host: '127.0.0.1', port: gateway.port, baudRate: 9600, reconnect: { initialDelayMs: 10 } }), { timeoutMs: 100 });
    try {
      const readout = await readMeter(master, { secondary: '66000001FFFFFFFF' });
      assert.equal(gateway.connections, 3);
      assert.deepEqual(readout.readings.map((r) => r.storage), [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
      assert.equal(readout.frames.length, 5);
      const again = await scanSecondary(master);
      assert.deepEqual(again.found.map((d) => d.id), ['66000001']);
    } finally {
      await master.close();
    }
  });

  it('an unreachable gateway fails once, naming it, without a stack trace', async function () {
    gateway = await FakeGateway.start(new FakeBus([]));
    const address = gateway.address;
    await gateway.close();
    gateway = undefined;
    const run = await runImd(['poll', '--tcp', address, '--primary', '1', '--primary', '2', ...FAST]);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, `imd poll: tcp ${address}, meter primary 1: connection refused\n`);
  });
});
