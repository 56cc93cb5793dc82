/**
 * Acceptance of the collection path against the building simulator (issue 3, item 9), over
 * real TCP sockets with a fixed simulated clock: `imd scan` finds every device of a building
 * with shared primary addresses and same-id pairs; `imd poll` reads every record of 250 meters,
 * each equal to what the simulator holds; a gateway connection cut in the middle of an
 * electricity meter's 3-telegram readout loses and duplicates nothing (the retry resumes on a
 * new connection); and the serial transport reads meters end to end over a socat pty at 2400
 * baud. Fast timing (no byte timing, short reply windows) except the pty test.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { RecordSpec } from '../../adapters/protocols/mbus/app/encoder';
import { MBusFramer } from '../../adapters/protocols/mbus/link/framer';
import type { Reading } from '../../lib/reading';
import { describeDevices, startSimulator, type SimulatedMeter, type Simulator, type SimulatorOptions } from '../../simulator';
import { parseNdjson, runImd } from '../support/run-imd';
import { socatMissing } from '../support/pty-pair';
import { requirePeer } from '../support/peer-required';

/** 2025-01-15 10:30 UTC: registers are a pure function of this, so expected values are exact. */
const T0 = Date.UTC(2025, 0, 15, 10, 30);
/**
 * The simulator answers at once (baud 0), but every empty scan probe waits the whole reply
 * window: 60 ms survives a loaded 2-core machine (15 ms did not: a scan missed a device).
 */
const FAST = ['--baud', '38400', '--timeout', '60', '--retries', '1'];
const POLL_FAST = ['--baud', '38400', '--timeout', '200', '--retries', '1'];

const pad = (n: number): string => String(n).padStart(2, '0');

/** The register text a reading carries for one record the simulated meter sends. */
function mantissaOf(record: RecordSpec): string {
  const d = record.data;
  if (d.type === 'bcd' || d.type === 'int') return String(d.value);
  if (d.type === 'date') return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
  if (d.type === 'datetime') return `${d.year}-${pad(d.month)}-${pad(d.day)}T${pad(d.hour)}:${pad(d.minute)}`;
  throw new Error(`no expectation for record data ${d.type}`);
}

/** Asserts that `readings` are exactly the meter's records at T0, in telegram order, each once. */
function assertReadsAsSimulated(readings: Reading[], meter: SimulatedMeter): void {
  const identity = meter.identityAt(T0);
  const expected = meter.telegramsAt(T0).flat().map((r) => [r.storage ?? 0, r.tariff ?? 0, mantissaOf(r)]);
  for (const r of readings) assert.deepEqual([r.meter.id, r.meter.manufacturer], [identity.id, identity.manufacturer]);
  assert.deepEqual(readings.map((r) => [r.storage, r.tariff, r.raw.mantissa]), expected, `meter ${identity.id} ${identity.manufacturer}`);
}

/** Readings grouped by meter (id + manufacturer), in arrival order. */
function byMeter(readings: Reading[]): Map<string, Reading[]> {
  const groups = new Map<string, Reading[]>();
  for (const r of readings) {
    const key = `${r.meter.id}/${r.meter.manufacturer}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return groups;
}

/**
 * A TCP proxy in front of the simulator's gateway that records what the gateway sends on each
 * connection and can cut the first connection from the server side after `cutAfter` bytes
 * towards the master (the rest of that chunk is dropped).
 */
class CuttingProxy {
  /** Bytes from the gateway, and the master's first request, per connection. */
  readonly connections: Array<{ down: Buffer[]; firstRequest?: Buffer }> = [];
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server, readonly cutAfter: number | undefined) {}

  static async start(upstreamPort: number, cutAfter?: number): Promise<CuttingProxy> {
    const server = createServer();
    const proxy = new CuttingProxy(server, cutAfter);
    server.on('connection', (client) => proxy.relay(client, connect(upstreamPort, '127.0.0.1')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get address(): string {
    return `127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  private relay(client: Socket, upstream: Socket): void {
    const record: { down: Buffer[]; firstRequest?: Buffer } = { down: [] };
    const cutting = this.connections.length === 0 ? this.cutAfter : undefined;
    this.connections.push(record);
    let sent = 0;
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('error', () => undefined).on('close', () => { this.sockets.delete(s); client.destroy(); upstream.destroy(); });
    }
    client.on('data', (chunk: Buffer) => { record.firstRequest ??= chunk; upstream.write(chunk); });
    upstream.on('data', (chunk: Buffer) => {
      const room = cutting === undefined ? chunk.length : Math.min(chunk.length, cutting - sent);
      record.down.push(chunk.subarray(0, room));
      sent += room;
      client.write(chunk.subarray(0, room));
      if (cutting !== undefined && sent >= cutting) { client.destroySoon(); upstream.destroy(); }
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('collection against the building simulator (acceptance)', function () {
  this.timeout(45_000);
  let sim: Simulator | undefined;
  let proxy: CuttingProxy | undefined;
  const start = async (options: Partial<SimulatorOptions>): Promise<Simulator> =>
    (sim = await startSimulator({ apartments: 1, baud: 0, clock: () => T0, ...options }));

  afterEach(async function () {
    await proxy?.close();
    await sim?.close();
    proxy = undefined;
    sim = undefined;
  });

  it('imd scan finds every device, with shared primary addresses and same-id pairs (--faults shared-address,duplicate-ids)', async function () {
    const { bus, gateway } = await start({ apartments: 2, faults: ['shared-address', 'duplicate-ids'] });
    const devices = describeDevices(bus);
    const primaries = devices.map((d) => d.primaryAddress);
    assert.ok(new Set(primaries).size <= primaries.length - 2, 'three devices share a primary address');
    const sameId = devices.filter((d) => devices.some((o) => o !== d && o.id === d.id));
    assert.deepEqual(new Set(sameId.map((d) => d.manufacturer)), new Set(['SEN', 'ABB']), 'a same-id pair of two manufacturers');

    const run = await runImd(['scan', '--tcp', `127.0.0.1:${gateway.port}`, '--quiet', ...FAST]);
    assert.equal(run.code, 0, run.stderr);
    const shape = (d: Record<string, unknown>) => JSON.stringify([d.secondaryAddress, d.id, d.manufacturer, d.version, d.medium]);
    assert.deepEqual(parseNdjson(run.stdout).map(shape).sort(), devices.map((d) => shape({ ...d })).sort());
    assert.match(run.stderr, /: 8 found, [1-9]\d* collisions resolved, 0 unreadable, \d+ probes\n$/);
  });

  it('imd poll --secondary reads every record of 250 meters, each as the simulator holds it', async function () {
    const { building, bus, gateway } = await start({ apartments: 63 });
    const meters = building.meters.slice(0, 250);
    const addresses = describeDevices(bus).slice(0, 250).map((d) => d.secondaryAddress);
    const run = await runImd(['poll', '--tcp', `127.0.0.1:${gateway.port}`, ...POLL_FAST, ...addresses.flatMap((a) => ['--secondary', a])]);
    assert.equal(run.code, 0, run.stderr);
    const groups = byMeter(parseNdjson(run.stdout) as unknown as Reading[]);
    assert.equal(groups.size, 250);
    for (const meter of meters) {
      const identity = meter.identityAt(T0);
      assertReadsAsSimulated(groups.get(`${identity.id}/${identity.manufacturer}`) ?? [], meter);
    }
  });

  it('a gateway connection cut mid-readout of a 3-telegram meter loses and repeats nothing', async function () {
    const { bus, gateway } = await start({ apartments: 1 });
    const electricity = describeDevices(bus).findIndex((d) => d.kind === 'electricity');
    const meter = bus.building.meters[electricity]!;
    const poll = (via: CuttingProxy) => runImd(['poll', '--tcp', via.address, ...POLL_FAST, '--secondary', describeDevices(bus)[electricity]!.secondaryAddress]);

    // A clean readout first, to learn where telegram 2 lies in the gateway's byte stream.
    proxy = await CuttingProxy.start(gateway.port);
    assert.equal((await poll(proxy)).code, 0);
    const frames = new MBusFramer().push(Buffer.concat(proxy.connections[0]!.down));
    assert.deepEqual(frames.map((f) => f.frame.type), ['ack', 'long', 'long', 'long'], 'selection, then 3 telegrams');
    const endOf = (i: number) => frames.slice(0, i + 1).reduce((n, f) => n + f.raw.length, 0);
    await proxy.close();

    const cuts = { 'in the middle of telegram 2': endOf(1) + 20, 'right after telegram 2': endOf(2) };
    for (const [where, cutAfter] of Object.entries(cuts)) {
      proxy = await CuttingProxy.start(gateway.port, cutAfter);
      const run = await poll(proxy);
      assert.equal(run.code, 0, `${where}: ${run.stderr}`);
      assert.equal(proxy.connections.length, 2, `${where}: reconnected once`);
      assertReadsAsSimulated(parseNdjson(run.stdout) as unknown as Reading[], meter);
      const resumed = proxy.connections[1]!.firstRequest!;
      assert.deepEqual([resumed[0], resumed[2]], [0x10, 0xfd], `${where}: the retry is the REQ_UD2 to 253, not a new selection`);
      await proxy.close();
      proxy = undefined;
    }
  });

  describe('over a socat pty at 2400 baud', function () {
    let dir = '';
    before(function () {
      requirePeer(this, socatMissing());
      dir = mkdtempSync(path.join(tmpdir(), 'imd-acceptance-'));
    });
    after(function () { if (dir) rmSync(dir, { recursive: true, force: true }); });

    it('imd poll --serial reads water, electricity (3 telegrams) and room meters end to end', async function () {
      const { building } = await start({ apartments: 1, baud: 2400, pty: path.join(dir, 'ttyMBUS') });
      const run = await runImd(['poll', '--serial', path.join(dir, 'ttyMBUS'), '--baud', '2400', '--primary', '1', '--primary', '3', '--primary', '4']);
      assert.equal(run.code, 0, run.stderr);
      const readings = parseNdjson(run.stdout) as unknown as Reading[];
      assert.equal(readings[0]!.source.via, `serial ${path.join(dir, 'ttyMBUS')} 2400 8E1`);
      const groups = [...byMeter(readings).values()];
      [0, 2, 3].forEach((index, i) => assertReadsAsSimulated(groups[i]!, building.meters[index]!));
    });
  });
});
