/**
 * The BMS map as an RTU slave, against real masters through a socat pty pair at 9600 8N1
 * (ptys do not emulate parity, so the tests use none; real ports default to 8E1): mbpoll
 * (`-m rtu -b 9600 -P none`) and a pymodbus RTU client read apartment k's room temperature
 * at its documented register, a write gets exception 01, another unit id gets no answer; and
 * `imd modbus-serve --serial <pty> --parity none --simulate 3` serves the simulated building.
 */
import { strict as assert } from 'node:assert';
import { BmsModbusServer, MISSING_S16 } from '../../adapters/sinks/bms-modbus';
import { ptyPair, socatMissing, type PtyPair } from '../support/pty-pair';
import { NOW, pymodbus, serveCli, temperature, type ServeCli } from './bms-support';
import { MBPOLL_MISSING, PYMODBUS_MISSING, hasMbpoll, hasPymodbus, mbpoll } from './peers';
import { requirePeer } from '../support/peer-required';

const rtuArgs = (unit: number, ref: number, count: number): string[] => ['-m', 'rtu', '-b', '9600', '-P', 'none', '-a', String(unit), '-t', '4', '-r', String(ref), '-c', String(count), '-o', '0.5'];

describe('BMS Modbus RTU slave against mbpoll and pymodbus (socat pty, 9600 8N1)', function () {
  this.timeout(30_000);
  let pty: PtyPair | undefined;
  let server: BmsModbusServer | undefined;

  before(async function () {
    requirePeer(this, socatMissing());
    pty = await ptyPair();
    server = new BmsModbusServer({
      apartments: [{ rooms: ['T1'], hotWater: [] }, { rooms: ['T2'], hotWater: [] }, { rooms: ['T3'], hotWater: [] }],
      serial: { path: pty.a, baudRate: 9600, parity: 'none' }, unitId: 5, now: () => NOW,
    });
    server.update([temperature('T1', 21.5), temperature('T2', -4.3)]);
    await server.start();
  });
  after(async () => { await server?.close(); await pty?.close(); });

  it('mbpoll reads apartment k\'s room temperature at 40001 + 100 + 10·(k−1); another unit gets no answer', async function () {
    requirePeer(this, hasMbpoll() ? undefined : MBPOLL_MISSING);
    assert.equal(server!.description, `rtu ${pty!.a} 9600 8N1 unit 5`);
    const got = await mbpoll([...rtuArgs(5, 101, 25), pty!.b]);
    assert.equal(got.get(101), 215);
    assert.equal(got.get(111), 0x10000 - 43);
    assert.equal(got.get(121), MISSING_S16, 'apartment 3 never received');
    assert.equal(got.get(124)! & 0b1_0001, 0b1_0000, 'never-received bit set, valid bit clear');
    await assert.rejects(mbpoll([...rtuArgs(6, 101, 1), pty!.b]), /timeout|Connection timed out/i);
  });

  const rtu = (op: 'holding' | 'write', address: number, countOrValue: number): ReturnType<typeof pymodbus> =>
    pymodbus(`ModbusSerialClient(port=${JSON.stringify(pty!.b)}, baudrate=9600, parity="N", timeout=1, retries=0)`, 5, op, address, countOrValue);

  it('pymodbus reads the building block and gets exception 01 for a write', async function () {
    requirePeer(this, hasPymodbus() ? undefined : PYMODBUS_MISSING);
    assert.deepEqual((await rtu('holding', 0, 4)).registers, [1, 3, 100, 10]);
    assert.match((await rtu('write', 100, 1)).error ?? '', /Exception Response\(134, 6, IllegalFunction\)/);
    assert.match((await rtu('holding', 130, 1)).error ?? '', /Exception Response\(131, 3, IllegalAddress\)/);
  });

  it('imd modbus-serve --serial <pty> --parity none --simulate 3 serves the documented map until SIGTERM', async function () {
    requirePeer(this, hasMbpoll() ? undefined : MBPOLL_MISSING);
    const cliPty = await ptyPair();
    let cli: ServeCli | undefined;
    try {
      cli = await serveCli(['--serial', cliPty.a, '--parity', 'none', '--simulate', '3']);
      assert.equal(cli.line, `listening modbus rtu ${cliPty.a} 9600 8N1 unit 1\n`);
      const got = await mbpoll([...rtuArgs(1, 1, 2), cliPty.b]);
      assert.deepEqual([got.get(1), got.get(2)], [1, 3], 'map version, apartments');
      const k3 = await mbpoll([...rtuArgs(1, 100 + 10 * 2 + 1, 5), cliPty.b]);
      assert.ok(k3.get(121)! >= 150 && k3.get(121)! <= 300, `apartment 3 temperature ${k3.get(121)}`);
      assert.equal(await cli.stop(), 0);
    } finally {
      await cli?.stop();
      await cliPty.close();
    }
  });
});
